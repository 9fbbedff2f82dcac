import * as vscode from 'vscode';
import { parse } from '../core/parse';
import { nextUntagged, unitsOf, type Unit } from '../core/taggingUnits';
import type { AnnotationStore, DocumentStatus } from './annotations/store';
import type { DocumentEntry, DocumentIndex } from './documentIndex';
import { STATUS_LABELS, type DocumentsTreeProvider } from './documentsTree';
import { registerReportingCommand } from './reportingCommand';
import { registerReadOnlyDocuments } from './readOnlyDocuments';
import { registerGoToAnnotation } from './goToAnnotation';
import type { TagSets } from './annotations/tagSets';

interface CommandDeps {
  index: DocumentIndex;
  tagSets: TagSets;
  store: AnnotationStore;
  tree: DocumentsTreeProvider;
  log: vscode.LogOutputChannel;
}

/** Where Next / Previous Document landed: the document, and its first untagged span (null when all are tagged). */
export interface QueueStep {
  uri: string;
  unit: { start: number; end: number } | null;
}

/** Registers the palette commands of package.json's `contributes.commands` for documents and the work queue. */
export function registerCommands({ index, store, tree, tagSets, log }: CommandDeps): vscode.Disposable[] {
  const run = (id: string, fn: (...args: any[]) => Promise<unknown>) => registerReportingCommand(id, fn, log);
  return [
    vscode.commands.registerCommand('seedAnnotator.refreshDocuments', () => index.rescan()),
    vscode.commands.registerCommand('seedAnnotator.showLog', () => log.show(true)),
    vscode.commands.registerCommand('seedAnnotator.openDocument', (uri: vscode.Uri) => vscode.window.showTextDocument(uri)),
    vscode.commands.registerCommand('seedAnnotator.showDocumentModel', showDocumentModel),
    run('seedAnnotator.nextDocument', (args?: { from?: string }) => stepDocument(index, store, 1, args?.from)),
    run('seedAnnotator.previousDocument', (args?: { from?: string }) => stepDocument(index, store, -1, args?.from)),
    // From the Documents view's context menu: the row clicked, and every selected row with it.
    run('seedAnnotator.markDocumentDone', async (arg?: DocumentEntry | vscode.Uri | string, selected?: readonly unknown[]) => {
      const rows = Array.isArray(selected) && selected.length > 1 ? selected.filter((r): r is DocumentEntry => !!r && typeof r === 'object' && 'uri' in r && !('kind' in r)) : [];
      const uris = rows.length > 0 ? rows.map((r) => vscode.Uri.parse(r.uri)) : [documentArg(arg)].filter((u): u is vscode.Uri => u !== undefined);
      if (uris.length === 0) {
        void vscode.window.showInformationMessage('Seed Annotator: open a source document (or pick one in the Documents view) to mark it done.');
        return undefined;
      }
      for (const uri of uris) await store.setDocumentStatus(uri, 'done');
      return moveOnWhenDone(uris[uris.length - 1]!);
    }),
    run('seedAnnotator.filterDocuments', async (status?: DocumentStatus | 'all') => {
      const chosen = status ?? (await pickStatusFilter(tree));
      if (chosen === undefined) return undefined;
      tree.setStatusFilter(chosen === 'all' ? null : chosen);
      return chosen;
    }),
    registerGoToAnnotation(index, store, tagSets),
    ...registerReadOnlyDocuments(log),
  ];
}

/** After a document was marked done: Next Document when `seedAnnotator.workQueue.openNextWhenDone` is on. */
export async function moveOnWhenDone(uri: vscode.Uri): Promise<QueueStep | undefined> {
  if (!vscode.workspace.getConfiguration('seedAnnotator').get<boolean>('workQueue.openNextWhenDone', false)) return undefined;
  return vscode.commands.executeCommand<QueueStep | undefined>('seedAnnotator.nextDocument', { from: uri.toString() });
}

function documentArg(arg: DocumentEntry | vscode.Uri | string | undefined): vscode.Uri | undefined {
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg instanceof vscode.Uri) return arg;
  if (arg && typeof arg === 'object' && 'uri' in arg) return vscode.Uri.parse(arg.uri);
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'seed-document' ? editor.document.uri : undefined;
}

async function pickStatusFilter(tree: DocumentsTreeProvider): Promise<DocumentStatus | 'all' | undefined> {
  const options: Array<{ label: string; value: DocumentStatus | 'all' }> = [
    { label: 'All documents', value: 'all' },
    ...(['todo', 'in-progress', 'done'] as const).map((s) => ({ label: `Only ${STATUS_LABELS[s]}`, value: s })),
  ];
  const current = tree.filter ?? 'all';
  const picked = await vscode.window.showQuickPick(
    options.map((o) => ({ ...o, description: o.value === current ? 'shown now' : undefined })),
    { title: 'Documents: show', placeHolder: 'Which documents the Documents view lists' },
  );
  return picked?.value;
}

/**
 * The work queue: opens the next (or previous) document in the Documents view's order whose status is not done,
 * wrapping around, and selects its first untagged span. From the active document, or `from`.
 */
async function stepDocument(index: DocumentIndex, store: AnnotationStore, direction: 1 | -1, from?: string): Promise<QueueStep | undefined> {
  await index.whenIdle();
  const list = index.list().filter((e) => !e.error);
  if (list.length === 0) {
    void vscode.window.showInformationMessage('Seed Annotator: there is no source document in this folder.');
    return undefined;
  }
  const current = from ?? vscode.window.activeTextEditor?.document.uri.toString();
  const at = list.findIndex((e) => e.uri === current);
  for (let n = 1; n <= list.length; n++) {
    const i = at < 0 ? (direction === 1 ? n - 1 : list.length - n) : (at + direction * n + list.length * n) % list.length;
    const entry = list[i]!;
    if (entry.uri === current) continue;
    const doc = await store.get(vscode.Uri.parse(entry.uri));
    if (doc.documentStatus === 'done') continue;
    return openAtFirstUntagged(store, vscode.Uri.parse(entry.uri));
  }
  const total = list.length;
  void vscode.window.showInformationMessage(`Seed Annotator: all ${total} document${total === 1 ? ' is' : 's are'} done${at >= 0 && (await store.get(vscode.Uri.parse(list[at]!.uri))).documentStatus !== 'done' ? ' except this one' : ''}.`);
  return undefined;
}

async function openAtFirstUntagged(store: AnnotationStore, uri: vscode.Uri): Promise<QueueStep> {
  const editor = await vscode.window.showTextDocument(uri, { preview: false });
  const text = editor.document.getText();
  const { annotations } = await store.get(uri);
  const tagged = annotations.filter((a) => a.status !== 'orphaned').map((a) => a.target);
  const unit: Unit | null = nextUntagged(unitsOf(text, parse(text)), tagged, { start: 0, end: 0 });
  if (unit) {
    const range = new vscode.Range(editor.document.positionAt(unit.start), editor.document.positionAt(unit.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return { uri: uri.toString(), unit: unit ? { start: unit.start, end: unit.end } : null };
}

/** Opens the parsed document model of the active editor as JSON, for checking the parser on a document. */
async function showDocumentModel(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Seed Annotator: open a source document first.');
    return;
  }
  const model = parse(editor.document.getText());
  const content = JSON.stringify(model, null, 2);
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
