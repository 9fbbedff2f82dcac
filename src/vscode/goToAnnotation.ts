import * as vscode from 'vscode';
import type { Annotation } from '../core/annotations/schema';
import { findTag } from '../core/annotations/tags';
import { lineOf, matchesQuery, parseQuery } from '../core/search/annotationQuery';
import type { AnnotationStore } from './annotations/store';
import type { TagSets } from './annotations/tagSets';
import type { DocumentIndex } from './documentIndex';

interface Hit {
  uri: vscode.Uri;
  relativePath: string;
  annotation: Annotation;
  tagLabel: string;
  line: number;
}

/** What `seedAnnotator.goToAnnotation` returns: the annotation shown, its document and line. */
export interface GoToResult {
  uri: string;
  id: string;
  line: number;
}

const MAX_SHOWN = 500;

/**
 * "Go to Annotation…": every annotation of the workspace (the sidecars of all listed documents), searched by text,
 * note, tag and attribute values with `key:value` filters (`tag:quote speaker:Perrin verdict:false`), each shown with
 * its document and line. `{ query }` opens the first match without asking (for tests and keybindings with args).
 */
export function registerGoToAnnotation(index: DocumentIndex, store: AnnotationStore, tagSets: TagSets): vscode.Disposable {
  return vscode.commands.registerCommand('seedAnnotator.goToAnnotation', async (args?: { query?: string }) => {
    const hits = await allAnnotations(index, store, tagSets);
    if (args?.query !== undefined) {
      const hit = search(hits, args.query)[0];
      return hit ? open(hit) : undefined;
    }
    const picked = await pick(hits);
    return picked ? open(picked) : undefined;
  });
}

function search(hits: readonly Hit[], query: string): Hit[] {
  const terms = parseQuery(query);
  return hits.filter((h) =>
    matchesQuery({ tag: h.annotation.tag, tagLabel: h.tagLabel, text: h.annotation.target.exact, note: h.annotation.note, attributes: h.annotation.attributes }, terms),
  );
}

async function allAnnotations(index: DocumentIndex, store: AnnotationStore, tagSets: TagSets): Promise<Hit[]> {
  await index.whenIdle();
  const hits: Hit[] = [];
  for (const entry of index.list()) {
    const uri = vscode.Uri.parse(entry.uri);
    const doc = await store.get(uri).catch(() => undefined);
    if (!doc || doc.annotations.length === 0) continue;
    const text = await documentText(uri);
    const tagSet = tagSets.for(uri);
    for (const annotation of doc.annotations) {
      hits.push({
        uri,
        relativePath: entry.relativePath,
        annotation,
        tagLabel: findTag(tagSet, annotation.tag)?.label ?? annotation.tag,
        line: lineOf(text, annotation.target.start),
      });
    }
  }
  return hits;
}

async function documentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

type HitItem = vscode.QuickPickItem & { hit: Hit };

async function pick(hits: readonly Hit[]): Promise<Hit | undefined> {
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = 'Go to Annotation';
  qp.placeholder = 'Words, or filters: tag:quote speaker:Perrin verdict:false note:… text:…';
  qp.matchOnDescription = false;
  qp.matchOnDetail = false;
  const show = () => {
    const found = search(hits, qp.value);
    qp.items = found.slice(0, MAX_SHOWN).map((hit) => ({
      label: `${hit.tagLabel}: ${hit.annotation.target.exact.replace(/\s+/g, ' ').slice(0, 100)}`,
      description: `${hit.relativePath}:${hit.line}${hit.annotation.status === 'orphaned' ? ' · orphaned' : ''}`,
      detail: detailOf(hit.annotation) || undefined,
      alwaysShow: true,
      hit,
    }));
    qp.title = `Go to Annotation (${found.length} of ${hits.length}${found.length > MAX_SHOWN ? `, first ${MAX_SHOWN} shown` : ''})`;
  };
  show();
  qp.onDidChangeValue(show);
  const picked = await new Promise<Hit | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]?.hit));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return picked;
}

function detailOf(a: Annotation): string {
  const attrs = Object.entries(a.attributes)
    .filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') : String(v)}`);
  return [...attrs, a.note ? `note: ${a.note}` : ''].filter(Boolean).join(' · ');
}

async function open(hit: Hit): Promise<GoToResult> {
  const editor = await vscode.window.showTextDocument(hit.uri, { preview: false });
  if (hit.annotation.status !== 'orphaned') {
    const range = new vscode.Range(editor.document.positionAt(hit.annotation.target.start), editor.document.positionAt(hit.annotation.target.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return { uri: hit.uri.toString(), id: hit.annotation.id, line: hit.line };
}
