/**
 * What the Annotations panel does to documents and annotations, shared by the panel's requests and the
 * `seedAnnotator.tagNext` command. Every change goes through the AnnotationStore (validated, written atomically,
 * announced by its change event); these functions only check a request against the tag set first.
 */
import * as vscode from 'vscode';
import type { Annotation, TagSet } from '../../core/annotations/schema';
import { defaultAttributes, findTag, validateAnnotationTag } from '../../core/annotations/tags';
import { parse } from '../../core/parse';
import type { AnnotationPatch as StorePatch, AnnotationStore } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import { httpUrl, type AnnotationPatch } from '../../webview/protocol';
import { nextUntagged, unitsOf } from '../../core/taggingUnits';
import type { PanelSuggestions } from './suggestions';

export interface PanelDeps {
  store: AnnotationStore;
  tagSets: TagSets;
  log: vscode.LogOutputChannel;
  /** The suggestion controller: the panel lists its pending suggestions (absent: no Suggestions group). */
  suggestions?: PanelSuggestions;
}

/** The visible editor of a document, else the document shown in one (without taking the focus). */
export async function editorFor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const key = uri.toString();
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.toString() === key) return active;
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  if (visible) return visible;
  return vscode.window.showTextDocument(uri, { preserveFocus: true, preview: false });
}

function selectSpan(editor: vscode.TextEditor, start: number, end: number): void {
  const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function annotationOf(store: AnnotationStore, uri: vscode.Uri, id: string): Promise<Annotation> {
  const found = (await store.get(uri)).annotations.find((a) => a.id === id);
  if (!found) throw new Error('this annotation no longer exists (it was removed or the sidecar changed)');
  return found;
}

/** Selects the annotation's span in the editor and scrolls to it; the focus stays where it is. */
export async function revealAnnotation(store: AnnotationStore, uri: vscode.Uri, id: string): Promise<void> {
  const annotation = await annotationOf(store, uri, id);
  if (annotation.status === 'orphaned') throw new Error('this annotation is orphaned: select where it belongs and choose "Attach to selection"');
  const editor = await editorFor(uri);
  selectSpan(editor, annotation.target.start, annotation.target.end);
}

/**
 * Applies a panel edit after checking it against the tag set: a new tag must exist (the attributes it defines
 * keep valid values, take defaults otherwise; the old tag's other attributes are dropped); changed attribute
 * values must be valid (enum values, http(s) URLs). Errors of fields the edit does not touch (say, a hand-edited
 * value elsewhere) do not block it.
 */
export async function updateAnnotation(deps: PanelDeps, uri: vscode.Uri, id: string, request: AnnotationPatch): Promise<Annotation> {
  const old = await annotationOf(deps.store, uri, id);
  const tagSet = deps.tagSets.for(uri);
  const patch: StorePatch = {};
  let attributes: Record<string, unknown> = { ...old.attributes };
  const retagged = request.tag !== undefined && request.tag !== old.tag;
  if (retagged) {
    const tag = findTag(tagSet, request.tag!);
    if (!tag) throw new Error(`unknown tag '${request.tag}' (the tag set defines: ${tagSet.tags.map((t) => t.id).join(', ')})`);
    patch.tag = tag.id;
    const carried: Record<string, unknown> = defaultAttributes(tag);
    for (const def of tag.attributes) {
      if (!(def.id in attributes)) continue;
      const probe = { ...old, tag: tag.id, attributes: { [def.id]: attributes[def.id] } };
      if (validateAnnotationTag(probe, tagSet, '', 0).every((p) => p.severity !== 'error')) carried[def.id] = attributes[def.id];
    }
    attributes = carried;
  }
  const touched = new Set<string>();
  for (const [key, value] of Object.entries(request.attributes ?? {})) {
    touched.add(key);
    if (value === null) delete attributes[key];
    else attributes[key] = value;
  }
  if (retagged || touched.size > 0) patch.attributes = attributes;
  if (request.note !== undefined) patch.note = request.note;
  if (Object.keys(patch).length === 0) return old;

  const candidate: Annotation = { ...old, ...patch };
  const tag = findTag(tagSet, candidate.tag);
  const errors = validateAnnotationTag(candidate, tagSet, vscode.workspace.asRelativePath(uri, false), 0).filter((p) => {
    if (p.severity !== 'error') return false;
    if (retagged) return true;
    const key = /^annotations\.0\.attributes\.([^.]+)/.exec(p.path)?.[1];
    return key !== undefined && touched.has(key);
  });
  if (errors.length > 0) {
    const label = (path: string) => {
      const key = /^annotations\.0\.attributes\.([^.]+)/.exec(path)?.[1];
      return tag?.attributes.find((a) => a.id === key)?.label ?? key ?? 'tag';
    };
    throw new Error(errors.map((p) => `${label(p.path)}: ${p.message}`).join('; '));
  }
  return deps.store.update(uri, id, patch);
}

/** Places an (orphaned) annotation on the editor's current selection. */
export async function reattachToSelection(store: AnnotationStore, uri: vscode.Uri, id: string): Promise<Annotation> {
  await annotationOf(store, uri, id);
  const editor = await editorFor(uri);
  const start = editor.document.offsetAt(editor.selection.start);
  const end = editor.document.offsetAt(editor.selection.end);
  if (start === end) throw new Error('select the text in the editor where this annotation belongs first');
  return store.reattach(uri, id, start, end);
}

/** The tag "Tag next" gives a unit: quote for a quotation, claim for a sentence, else the tag set's first tag. */
function tagForUnit(tagSet: TagSet, kind: 'quotation' | 'sentence'): string {
  const preferred = kind === 'quotation' ? 'quote' : 'claim';
  return (findTag(tagSet, preferred) ?? tagSet.tags[0]!).id;
}

/** What Tag next and Skip say at the end of the document (information, not an error). */
export const END_OF_DOCUMENT = 'No untagged quotation or sentence after this one: you reached the end of the document. Next Document (Ctrl+Alt+PageDown) opens the next one that is not done.';

/** The next untagged unit after the annotation `afterId`, or after the editor's selection (null at the end). */
async function nextUnit(deps: PanelDeps, uri: vscode.Uri, afterId?: string) {
  const editor = await editorFor(uri);
  const text = editor.document.getText();
  const doc = parse(text);
  const { annotations } = await deps.store.get(uri);
  const anchored = annotations.filter((a) => a.status !== 'orphaned');
  const after = afterId ? anchored.find((a) => a.id === afterId)?.target : undefined;
  const current = after ?? { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
  const unit = nextUntagged(unitsOf(text, doc), anchored.map((a) => a.target), current);
  return { editor, text, doc, unit };
}

/**
 * Tags the next untagged quotation (as quote, with its speaker and cue verb when found) or sentence (as claim)
 * after the annotation `afterId`, or after the editor's selection, selects it in the editor and returns it;
 * null when there is none left (the caller says so as information).
 */
export async function tagNext(deps: PanelDeps, uri: vscode.Uri, afterId?: string): Promise<Annotation | null> {
  const { editor, text, doc, unit } = await nextUnit(deps, uri, afterId);
  if (!unit) return null;
  const tagSet = deps.tagSets.for(uri);
  const tag = findTag(tagSet, tagForUnit(tagSet, unit.kind))!;
  let attributes = defaultAttributes(tag);
  if (unit.kind === 'quotation') {
    const defines = (id: string) => tag.attributes.some((a) => a.id === id && a.kind === 'text');
    if (unit.speaker && defines('speaker')) attributes = { ...attributes, speaker: unit.speaker };
    if (unit.cue && defines('cue')) attributes = { ...attributes, cue: unit.cue };
  }
  const created = await deps.store.add(uri, { tag: tag.id, start: unit.start, end: unit.end, attributes });
  if (!created) throw new Error(`this span is already tagged ${tag.label}`);
  selectSpan(editor, unit.start, unit.end);
  return created;
}

/**
 * Skip: passes over the next untagged unit without tagging it. It is selected in the editor (so the user sees what
 * was skipped) and the next Tag next or Skip starts after it. Null at the end of the document.
 */
export async function skipNext(deps: PanelDeps, uri: vscode.Uri, afterId?: string): Promise<{ start: number; end: number } | null> {
  const { editor, unit } = await nextUnit(deps, uri, afterId);
  if (!unit) return null;
  selectSpan(editor, unit.start, unit.end);
  return { start: unit.start, end: unit.end };
}

/** The http(s) links the document's annotations hold: the only URLs the panel may ask the host to open. */
export function evidenceLinks(annotations: readonly Annotation[]): Set<string> {
  const links = new Set<string>();
  for (const a of annotations) {
    for (const value of Object.values(a.attributes)) {
      if (!Array.isArray(value)) continue;
      for (const item of value) {
        const href = typeof item === 'string' ? httpUrl(item) : null;
        if (href) links.add(href);
      }
    }
  }
  return links;
}

/** Opens an evidence link in the browser: an http(s) URL that one of the document's annotations holds. */
export async function openEvidenceLink(store: AnnotationStore, uri: vscode.Uri, url: string): Promise<void> {
  const href = httpUrl(url);
  if (!href) throw new Error('only http and https links can be opened');
  if (!evidenceLinks((await store.get(uri)).annotations).has(href)) throw new Error('this link is not one of the annotations\' evidence links');
  const opened = await vscode.env.openExternal(vscode.Uri.parse(href, true));
  if (!opened) throw new Error('the link was not opened');
}
