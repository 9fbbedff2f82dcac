import * as vscode from 'vscode';
import type { Annotation, TagDef } from '../../core/annotations/schema';
import { checkAttribute, defaultAttributes, findTag } from '../../core/annotations/tags';
import { parse } from '../../core/parse';
import { attributionFor, quotationAt, sentenceAt } from '../../core/selection';
import { registerReportingCommand } from '../reportingCommand';
import { confirmRemoval } from '../relations/links';
import { tagQuoteWithSpeaker } from '../relations/speakerSource';
import type { AnnotationStore } from './store';
import type { TagSets } from './tagSets';

interface Deps {
  store: AnnotationStore;
  tagSets: TagSets;
  log: vscode.LogOutputChannel;
}

interface QuietArgs {
  quiet?: boolean;
}

/** The annotation commands of the palette, context menu and keybindings. */
export function registerAnnotationCommands(deps: Deps): vscode.Disposable[] {
  const { store, tagSets } = deps;
  const run = (id: string, fn: (...args: any[]) => Promise<unknown>) => registerReportingCommand(id, fn, deps.log);

  /** `write` replaces the plain add (Tag Quotation also tags and links the speaker). */
  type Write = (values: Record<string, unknown>) => Promise<Annotation | null>;
  const tagSpan = async (editor: vscode.TextEditor, tagId: string, start: number, end: number, attributes: Record<string, unknown>, quiet: boolean, write?: Write) => {
    const tag = findTag(tagSets.for(editor.document.uri), tagId);
    if (!tag) throw new Error(`unknown tag '${tagId}'`);
    let values = { ...defaultAttributes(tag), ...attributes };
    if (!quiet) {
      // The span being tagged stays selected (highlighted) while the questions are asked.
      const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(end));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      const asked = await askAttributes(tag, values);
      if (!asked) return undefined;
      values = asked;
    }
    const created = await (write ?? ((v) => store.add(editor.document.uri, { tag: tagId, start, end, attributes: v })))(values);
    if (!created) void vscode.window.showInformationMessage(`Seed Annotator: this span is already tagged ${tag.label}.`);
    else await vscode.commands.executeCommand('seedAnnotator.selectInPanel', editor.document.uri.toString(), created.id);
    return created ?? undefined;
  };

  const tagSelection = async (tagArg?: string) => {
    const editor = requireEditor();
    const { start, end } = selectionOffsets(editor);
    if (start === end) return hint('select the text to tag first, then run Tag Selection again.');
    const tagId = tagArg ?? (await pickTag(tagSets.for(editor.document.uri).tags));
    if (!tagId) return undefined;
    return tagSpan(editor, tagId, start, end, {}, tagArg !== undefined);
  };

  return [
    run('seedAnnotator.tagSelection', (tagArg?: string) => tagSelection(tagArg)),
    // Its own command, so the palette shows each entry with the shortcut that runs it (Ctrl+Alt+3 here, Ctrl+Alt+T above).
    run('seedAnnotator.tagSelectionAsSource', () => tagSelection('source')),
    run('seedAnnotator.tagQuotation', async (args?: QuietArgs) => {
      const editor = requireEditor();
      const text = editor.document.getText();
      const doc = parse(text);
      const quotation = quotationAt(doc, editor.document.offsetAt(editor.selection.active));
      if (!quotation) return hint('put the cursor inside a quotation (between its quotation marks) to tag it.');
      const who = attributionFor(text, doc, quotation);
      const attributes = who ? { speaker: who.speaker, cue: who.cue } : {};
      editor.selection = new vscode.Selection(editor.document.positionAt(quotation.start), editor.document.positionAt(quotation.end));
      // The speaker named in the text becomes a source linked to the quote, unless another speaker was given.
      const uri = editor.document.uri;
      const write: Write = (values) =>
        tagQuoteWithSpeaker(store, tagSets.for(uri), uri, { tag: 'quote', start: quotation.start, end: quotation.end, attributes: values }, who && values.speaker === who.speaker ? who : null);
      return tagSpan(editor, 'quote', quotation.start, quotation.end, attributes, args?.quiet === true, write);
    }),
    run('seedAnnotator.tagClaim', async (args?: QuietArgs) => {
      const editor = requireEditor();
      let { start, end } = selectionOffsets(editor);
      if (start === end) {
        const text = editor.document.getText();
        const sentence = sentenceAt(text, parse(text), start);
        if (!sentence) return hint('put the cursor in a sentence of the article body, or select the claim, to tag it.');
        ({ start, end } = sentence);
      }
      return tagSpan(editor, 'claim', start, end, {}, args?.quiet === true);
    }),
    run('seedAnnotator.editNote', async (args?: { id?: string; note?: string; uri?: string }) => {
      const { uri, annotation } = await target(store, args);
      const note = args?.note ?? (await vscode.window.showInputBox({ title: 'Note', value: annotation.note, prompt: annotation.target.exact.slice(0, 80) }));
      if (note === undefined) return undefined;
      return store.update(uri, annotation.id, { note });
    }),
    run('seedAnnotator.removeAnnotation', async (args?: { id?: string; uri?: string; confirmed?: boolean }) => {
      const { uri, annotation } = await target(store, args);
      // Its links go with it, in the same write: asked first (`confirmed: true` skips the question).
      if (!args?.confirmed && !(await confirmRemoval(await store.get(uri), tagSets.for(uri), annotation))) return undefined;
      return store.remove(uri, annotation.id);
    }),
    run('seedAnnotator.attachToSelection', async (args?: { id?: string; annotation?: { id: string } }) => {
      const editor = requireEditor();
      args = args?.annotation ? { id: args.annotation.id } : args; // from the Documents tree's orphan row
      const { start, end } = selectionOffsets(editor);
      if (start === end) throw new Error('select the text to attach the annotation to');
      const { annotations } = await store.get(editor.document.uri);
      const orphans = annotations.filter((a) => a.status === 'orphaned');
      const id = args?.id ?? (await pickAnnotation(orphans, 'Attach which orphaned annotation?'))?.id;
      if (!id) return undefined;
      return store.reattach(editor.document.uri, id, start, end);
    }),
    run('seedAnnotator.nextAnnotation', () => step(store, 1)),
    run('seedAnnotator.previousAnnotation', () => step(store, -1)),
  ];
}

/** A normal situation (nothing selected, the cursor elsewhere): one calm hint, not an error. */
function hint(message: string): undefined {
  void vscode.window.showInformationMessage(`Seed Annotator: ${message}`);
  return undefined;
}

function requireEditor(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a source document first');
  return editor;
}

function selectionOffsets(editor: vscode.TextEditor): { start: number; end: number } {
  return { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
}

async function pickTag(tags: readonly TagDef[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    tags.map((t) => ({ label: t.label, description: t.keybinding, detail: t.description, id: t.id })),
    { title: 'Tag Selection', placeHolder: 'Tag the selection as…' },
  );
  return picked?.id;
}

/**
 * Asks for each attribute in turn. Escape on the first question cancels (nothing was answered); Escape on a later
 * one stops asking and keeps the answers given (the rest stays editable in the Annotations panel). A URL list is
 * checked as it is typed, with the same rule as the sidecar and the panel (http(s) URLs only).
 */
async function askAttributes(tag: TagDef, values: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const out = { ...values };
  for (const [i, attr] of tag.attributes.entries()) {
    const current = out[attr.id];
    const title = `${tag.label}: ${attr.label} (${i + 1}/${tag.attributes.length})`;
    const escapeHint = i === 0 ? 'Escape cancels' : 'Escape keeps the answers so far';
    let answer: string | undefined;
    if (attr.kind === 'enum') {
      const items = (attr.values ?? []).map((v) => ({ label: v, picked: v === current }));
      answer = (await vscode.window.showQuickPick(items, { title, placeHolder: `${attr.description || attr.label} (${escapeHint})` }))?.label;
    } else {
      const shown = Array.isArray(current) ? current.join(' ') : typeof current === 'string' ? current : '';
      answer = await vscode.window.showInputBox({
        title,
        value: shown,
        prompt: `${attr.kind === 'url-list' ? 'http(s) URLs separated by spaces' : attr.description} (${escapeHint})`,
        validateInput: attr.kind === 'url-list' ? (v) => urlListError(attr, v) : undefined,
      });
    }
    if (answer === undefined) {
      if (i === 0) return undefined;
      void vscode.window.showInformationMessage(`Seed Annotator: ${tag.label} saved with the answers given; the other attributes can be set in the Annotations panel.`);
      break;
    }
    if (attr.kind === 'url-list') out[attr.id] = splitUrls(answer);
    else if (answer !== '') out[attr.id] = answer;
  }
  return out;
}

function splitUrls(answer: string): string[] {
  return answer.split(/\s+/).filter(Boolean);
}

/** Why a typed URL list would be refused (the sidecar's own check), or undefined. */
function urlListError(attr: TagDef['attributes'][number], answer: string): string | undefined {
  const problems = checkAttribute(attr, splitUrls(answer));
  return problems.length ? problems.map((p) => p.message.replace(/^must be/, 'each link must be')).join('; ') : undefined;
}

async function pickAnnotation(list: readonly Annotation[], title: string): Promise<Annotation | undefined> {
  if (list.length === 0) throw new Error('there is no such annotation in this document');
  const picked = await vscode.window.showQuickPick(list.map((a) => ({ label: `${a.tag}: ${a.target.exact.slice(0, 80)}`, detail: a.note || undefined, a })), { title });
  return picked?.a;
}

/** The annotation an id names, or the one at the cursor of the active editor. */
async function target(store: AnnotationStore, args?: { id?: string; uri?: string }): Promise<{ uri: vscode.Uri; annotation: Annotation }> {
  const uri = args?.uri ? vscode.Uri.parse(args.uri) : requireEditor().document.uri;
  const { annotations } = await store.get(uri);
  if (args?.id) {
    const found = annotations.find((a) => a.id === args.id);
    if (!found) throw new Error(`no annotation '${args.id}' in this document`);
    return { uri, annotation: found };
  }
  const editor = requireEditor();
  const offset = editor.document.offsetAt(editor.selection.active);
  const here = annotations.filter((a) => !a.status && a.target.start <= offset && offset <= a.target.end);
  const annotation = here.length === 1 ? here[0] : await pickAnnotation(here, 'Which annotation?');
  if (!annotation) throw new Error('no annotation at the cursor');
  return { uri, annotation };
}

async function step(store: AnnotationStore, direction: 1 | -1): Promise<Annotation | undefined> {
  const editor = requireEditor();
  const { annotations } = await store.get(editor.document.uri);
  const placed = annotations.filter((a) => !a.status).sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  if (placed.length === 0) return undefined;
  const offset = editor.document.offsetAt(editor.selection.start);
  const next = direction === 1 ? (placed.find((a) => a.target.start > offset) ?? placed[0]) : ([...placed].reverse().find((a) => a.target.start < offset) ?? placed[placed.length - 1]);
  reveal(editor, next!);
  return next;
}

function reveal(editor: vscode.TextEditor, a: Annotation): void {
  const range = new vscode.Range(editor.document.positionAt(a.target.start), editor.document.positionAt(a.target.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
