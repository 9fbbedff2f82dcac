/**
 * `Seed Annotator: Export Annotations…` and `Import Annotations…` (issue #6). Export reads every document
 * through the annotation store (its annotations placed on the current text) and writes with
 * vscode.workspace.fs; import goes through the store's add/update, so edits are validated, written
 * atomically and announced like any other.
 */
import * as vscode from 'vscode';
import { formatProblem, type Problem } from '../../core/annotations/problems';
import { checkThatIds, checkThatIdsPath } from '../../core/exchange/export/checkthat';
import { csvRelationsPath, exportCsvRelations } from '../../core/exchange/export/csv';
import { exportFiles, exportText } from '../../core/exchange/export/index';
import { importCounts, planImport, type ImportOp } from '../../core/exchange/import/merge';
import { parseBratAnn } from '../../core/exchange/import/brat';
import { parseInput } from '../../core/exchange/import/index';
import { DocumentResolver, prepareImport, type DocumentCatalog } from '../../core/exchange/import/place';
import { IMPORT_FORMATS, IMPORT_FORMAT_INFO, isImportFormat, type ImportFormat, type ImportRecord, type ParseOptions, type PredictionMode } from '../../core/exchange/import/types';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, exportedCounts, isExportFormat, newStats, sourceOf, type ExportDocument, type ExportFormat, type ExportOptions, type ExportStats } from '../../core/exchange/model';
import { decodeDocument } from '../../core/text';
import { annotatorsOf, isGold } from '../../core/curation/gold';
import { selectForExport, selectionError, type ExportSelection } from '../../core/curation/select';
import { currentText } from '../annotations/documentText';
import type { AnnotationStore, BatchOp } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import type { DocumentIndex } from '../documentIndex';

export interface ExchangeDeps {
  store: AnnotationStore;
  index: DocumentIndex;
  log: vscode.LogOutputChannel;
  tagSets: TagSets;
  /** The Documents view, to offer "documents selected in the Documents view" as a scope. */
  documentsView?: vscode.TreeView<unknown>;
  /** The extension's folder (VS Code for the Web loads the formats from dist/web/exchange.js in it). */
  extensionUri: vscode.Uri;
}

/** Arguments that skip the dialogs (tests, other extensions, keybindings). */
export interface ExportArgs {
  format: ExportFormat;
  /** `document`: the active editor's document, or `uri` when given. */
  scope?: 'workspace' | 'document';
  /** Documents to export (URI strings), instead of a scope. */
  uris?: string[];
  uri?: string;
  /** URI string of the output file (a folder for brat). */
  out: string;
  bom?: boolean;
  /** Format options; each one given replaces its `seedAnnotator.export.*` setting. */
  options?: FormatOptions;
  /** The gold standard only (curated documents; with includeUncurated, the others' gold so far), or one annotator's work. */
  gold?: boolean;
  includeUncurated?: boolean;
  author?: string;
}

/** The format options a user sets (settings `seedAnnotator.export.*`). */
export type FormatOptions = Pick<ExportOptions, 'rawCells' | 'documentBase' | 'reviewUrlBase' | 'organization'>;

/** The format options from the settings, overridden by those of the command's arguments. */
function formatOptions(given: FormatOptions | undefined): FormatOptions {
  const config = vscode.workspace.getConfiguration('seedAnnotator.export');
  const text = (key: string) => config.get<string>(key, '').trim();
  const name = text('claimReview.organization');
  const url = text('claimReview.organizationUrl');
  const fromSettings: FormatOptions = {
    ...(config.get<boolean>('csv.rawCells', false) ? { rawCells: true } : {}),
    ...(text('w3c.documentBase') ? { documentBase: text('w3c.documentBase') } : {}),
    ...(text('claimReview.reviewUrlBase') ? { reviewUrlBase: text('claimReview.reviewUrlBase') } : {}),
    ...(name ? { organization: { name, ...(url ? { url } : {}) } } : {}),
  };
  return { ...fromSettings, ...given };
}

export interface ExportResult extends ExportStats {
  out: string;
  format: ExportFormat;
  problems: string[];
}

export interface ImportArgs {
  format: ImportFormat;
  /** URI string of the input file (or folder, for brat). */
  input: string;
  keepUnknownTags?: boolean;
  /** Label Studio predictions: include (default), skip or only. */
  predictions?: PredictionMode;
}

export interface ImportResult {
  documents: number;
  added: number;
  filled: number;
  duplicates: number;
  linked: number;
  linkDuplicates: number;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------
// Export

interface RowLike {
  uri: string;
  relativePath: string;
}

function isRow(v: unknown): v is RowLike {
  return typeof v === 'object' && v !== null && typeof (v as RowLike).uri === 'string' && typeof (v as RowLike).relativePath === 'string' && !('kind' in v);
}

function isExportArgs(v: unknown): v is ExportArgs {
  return typeof v === 'object' && v !== null && typeof (v as ExportArgs).format === 'string' && typeof (v as ExportArgs).out === 'string';
}

function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function workspaceDocuments(index: DocumentIndex): Promise<vscode.Uri[]> {
  await index.whenIdle();
  return index.list().filter((e) => !e.error).map((e) => vscode.Uri.parse(e.uri));
}

/** Which documents to export: from the arguments, the tree rows it was invoked on, or a quick pick. */
async function exportScope(deps: ExchangeDeps, args: unknown[]): Promise<vscode.Uri[] | undefined> {
  const [first, second] = args;
  if (isExportArgs(first)) {
    if (first.uris) return first.uris.map((u) => vscode.Uri.parse(u));
    if (first.scope === 'document') {
      const uri = first.uri ? vscode.Uri.parse(first.uri) : vscode.window.activeTextEditor?.document.uri;
      if (!uri) throw new Error('no document to export: open one first');
      return [uri];
    }
    return workspaceDocuments(deps.index);
  }
  const rows = Array.isArray(second) ? second.filter(isRow) : isRow(first) ? [first] : [];
  if (rows.length > 0) return rows.map((r) => vscode.Uri.parse(r.uri));

  type Item = vscode.QuickPickItem & { pick: () => Promise<vscode.Uri[] | undefined> };
  const items: Item[] = [{ label: '$(folder) Workspace', description: 'every document of the open folders', pick: () => workspaceDocuments(deps.index) }];
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.path.endsWith('.txt')) {
    items.push({ label: '$(file) Current document', description: relativePath(active.uri), pick: async () => [active.uri] });
  }
  const selected = (deps.documentsView?.selection ?? []).filter(isRow);
  if (selected.length > 0) {
    items.push({ label: '$(list-selection) Selected documents', description: `${selected.length} selected in the Documents view`, pick: async () => selected.map((r) => vscode.Uri.parse(r.uri)) });
  }
  items.push({
    label: '$(checklist) Choose documents…',
    pick: async () => {
      await deps.index.whenIdle();
      const docs = deps.index.list().filter((e) => !e.error);
      const picked = await vscode.window.showQuickPick(
        docs.map((e) => ({ label: e.title, description: e.relativePath, uri: e.uri })),
        { title: 'Export Annotations: documents', canPickMany: true, matchOnDescription: true },
      );
      return picked && picked.length > 0 ? picked.map((p) => vscode.Uri.parse(p.uri)) : undefined;
    },
  });
  const choice = await vscode.window.showQuickPick(items, { title: 'Export Annotations: which documents?' });
  return choice?.pick();
}

async function pickExportFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((f) => ({ label: EXPORT_FORMAT_INFO[f].label, description: f, detail: EXPORT_FORMAT_INFO[f].description, format: f })),
    { title: 'Export Annotations: format', matchOnDetail: true },
  );
  return picked?.format;
}

/** Everything, the gold standard or one annotator's work: asked only once some document has gold items. */
async function pickSelection(store: AnnotationStore): Promise<ExportSelection | undefined> {
  const loaded = store.loaded();
  if (!loaded.some((d) => d.annotations.some(isGold))) return {};
  const authors = [...new Set(loaded.flatMap((d) => annotatorsOf(d.annotations)))];
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Everything', description: 'every annotator\'s annotations and the gold ones', selection: {} as ExportSelection },
      { label: 'Gold standard', description: 'the curator\'s gold annotations of curated documents', selection: { gold: true } },
      { label: 'Gold standard, uncurated documents too', description: 'the gold annotations so far', selection: { gold: true, includeUncurated: true } },
      ...authors.map((a) => ({ label: `${a || '(no name)'}'s annotations`, description: 'one annotator\'s work', selection: { author: a } })),
    ],
    { title: 'Export Annotations: what to export' },
  );
  return picked?.selection;
}

async function pickExportTarget(format: ExportFormat): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const ext = EXPORT_FORMAT_INFO[format].extension;
  if (ext === null) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Export Annotations: folder for the brat files',
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Export Here',
      ...(folder ? { defaultUri: folder } : {}),
    });
    return picked?.[0];
  }
  return vscode.window.showSaveDialog({
    title: `Export Annotations: ${EXPORT_FORMAT_INFO[format].label}`,
    saveLabel: 'Export',
    filters: { [EXPORT_FORMAT_INFO[format].label]: [ext] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `annotations.${format === 'claimreview' ? 'claimreview.jsonld' : ext}`) } : {}),
  });
}

export async function exportCommand(deps: ExchangeDeps, args: unknown[]): Promise<ExportResult | undefined> {
  const given = isExportArgs(args[0]) ? args[0] : undefined;
  if (given && !isExportFormat(given.format)) throw new Error(`unknown export format '${given.format}' (one of ${EXPORT_FORMATS.join(', ')})`);
  const uris = await exportScope(deps, args);
  if (!uris) return undefined;
  const format = given?.format ?? (await pickExportFormat());
  if (!format) return undefined;
  const selection = given ? { gold: given.gold === true, includeUncurated: given.includeUncurated === true, ...(given.author !== undefined ? { author: given.author } : {}) } : await pickSelection(deps.store);
  if (!selection) return undefined;
  const badSelection = selectionError(selection);
  if (badSelection) throw new Error(badSelection);
  const out = given ? vscode.Uri.parse(given.out) : await pickExportTarget(format);
  if (!out) return undefined;

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Exporting annotations (${EXPORT_FORMAT_INFO[format].label})`, cancellable: true },
    (progress, token) => runExport(deps, uris, format, out, { ...formatOptions(given?.options), bom: given?.bom === true, selection }, progress, token),
  );
  const summary = `Seed Annotator: exported ${exportedCounts(result)} from ${result.documents} document${result.documents === 1 ? '' : 's'}${result.skipped ? ` (${result.skipped} left out: orphaned, or only line breaks)` : ''}${result.problems.length ? `; ${result.problems.length} problem(s), see the log` : ''}.`;
  deps.log.info(`${summary} → ${out.toString()}`);
  const followUp = async () => {
    const actions = EXPORT_FORMAT_INFO[format].extension === null ? ['Reveal'] : ['Open', 'Reveal'];
    const action = await vscode.window.showInformationMessage(summary, ...actions);
    if (action === 'Open') await vscode.window.showTextDocument(out, { preview: true });
    else if (action === 'Reveal') {
      if (vscode.workspace.getWorkspaceFolder(out)) await vscode.commands.executeCommand('revealInExplorer', out);
      else await vscode.commands.executeCommand('revealFileInOS', out);
    }
  };
  void followUp().catch((e) => deps.log.warn(String(e)));
  return result;
}

async function runExport(
  deps: ExchangeDeps,
  uris: readonly vscode.Uri[],
  format: ExportFormat,
  out: vscode.Uri,
  options: FormatOptions & { bom: boolean; selection?: ExportSelection },
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<ExportResult> {
  const problems: Problem[] = [];
  const onProblem = (p: Problem) => void problems.push(p);
  const stats = newStats();
  const step = uris.length > 0 ? 100 / uris.length : 100;
  const docs = async function* (): AsyncGenerator<ExportDocument> {
    for (const uri of uris) {
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      progress.report({ message: relativePath(uri), increment: step / (format === 'csv' ? 4 : 1) }); // CSV reads the documents 4 times
      const known = deps.store.peek(uri);
      if (!(known && known.annotations.length > 0) && !(await exists(uri.with({ path: `${uri.path}.annotations.json` })))) continue;
      const doc = await deps.store.get(uri);
      if (doc.state === 'unreadable') {
        problems.push(...doc.problems);
        continue;
      }
      let text: string;
      try {
        text = await currentText(uri);
      } catch (error) {
        problems.push({ file: relativePath(uri), path: '(root)', severity: 'error', message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const items = options.selection ? selectForExport(doc, options.selection) : { ok: true as const, annotations: doc.annotations, relations: doc.relations };
      if (!items.ok) {
        problems.push({ file: relativePath(uri), path: 'curation', severity: 'warning', message: items.reason });
        continue;
      }
      yield { file: relativePath(uri), uri: uri.toString(), text, source: sourceOf(text), annotations: items.annotations, relations: items.relations, status: doc.documentStatus, statuses: doc.statuses };
    }
  };
  const tagSet = deps.tagSets.for(uris[0] ?? out);
  if (format === 'brat') {
    await vscode.workspace.fs.createDirectory(out);
    for await (const file of exportFiles('brat', docs(), { tagSet, stats, onProblem })) {
      const target = vscode.Uri.joinPath(out, ...file.path.split('/'));
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(file.content));
    }
  } else {
    await vscode.workspace.fs.writeFile(out, await gather(exportText(format, docs, { ...options, tagSet, stats, onProblem })));
    if (format === 'checkthat') {
      // Sentence_ids are numbers; which annotation each one is goes beside (X.tsv → X.ids.tsv).
      await vscode.workspace.fs.writeFile(out.with({ path: checkThatIdsPath(out.path) }), await gather(checkThatIds(docs())));
    }
    if (format === 'csv') {
      // Relations go to relations.csv beside the annotations file, when there are some.
      const counts = newStats();
      const relations = await gather(exportCsvRelations(docs, { rawCells: options.rawCells === true, stats: counts }));
      if (counts.relations > 0) await vscode.workspace.fs.writeFile(out.with({ path: csvRelationsPath(out.path) }), relations);
      stats.relations = counts.relations;
    }
  }
  // Formats that read the documents more than once (CSV, CheckThat!) meet the same problems again.
  const reported = [...new Set(problems.map(formatProblem))];
  for (const p of reported) deps.log.warn(p);
  return { ...stats, out: out.toString(), format, problems: reported };
}

/**
 * The whole output as bytes: vscode.workspace.fs has no append, so it is written once at the end (nothing is
 * written when the export is cancelled or fails).
 */
async function gather(chunks: AsyncIterable<string>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const bytes = encoder.encode(chunk);
    parts.push(bytes);
    size += bytes.length;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

// ---------------------------------------------------------------------------------------------
// Import

function isImportArgs(v: unknown): v is ImportArgs {
  return typeof v === 'object' && v !== null && typeof (v as ImportArgs).format === 'string' && typeof (v as ImportArgs).input === 'string';
}

async function pickImportFormat(): Promise<ImportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    IMPORT_FORMATS.map((f) => ({ label: IMPORT_FORMAT_INFO[f].label, description: f, detail: IMPORT_FORMAT_INFO[f].description, format: f })),
    { title: 'Import Annotations: format', matchOnDetail: true },
  );
  return picked?.format;
}

async function pickImportInputs(format: ImportFormat): Promise<vscode.Uri[] | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const brat = format === 'brat';
  const picked = await vscode.window.showOpenDialog({
    title: brat ? 'Import Annotations: a folder of brat .ann/.txt files' : `Import Annotations: ${IMPORT_FORMAT_INFO[format].label} files`,
    canSelectFiles: !brat,
    canSelectFolders: brat,
    canSelectMany: !brat,
    openLabel: 'Import',
    ...(brat ? {} : { filters: { [IMPORT_FORMAT_INFO[format].label]: [...IMPORT_FORMAT_INFO[format].extensions] } }),
    ...(folder ? { defaultUri: folder } : {}),
  });
  return picked && picked.length > 0 ? picked : undefined;
}

async function readDecoded(uri: vscode.Uri): Promise<string> {
  return decodeDocument(await vscode.workspace.fs.readFile(uri), relativePath(uri));
}

/** Files under a folder (recursively) whose names end with one of the extensions. */
async function filesUnder(dir: vscode.Uri, extensions: readonly string[], out: vscode.Uri[] = []): Promise<vscode.Uri[]> {
  const entries = (await vscode.workspace.fs.readDirectory(dir)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, type] of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const uri = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) await filesUnder(uri, extensions, out);
    else if (extensions.some((e) => name.endsWith(`.${e}`))) out.push(uri);
  }
  return out;
}

async function readImportRecords(inputs: readonly vscode.Uri[], format: ImportFormat, parseOptions: ParseOptions, problems: Problem[]): Promise<{ records: ImportRecord[]; folders: vscode.Uri[] }> {
  const records: ImportRecord[] = [];
  const folders: vscode.Uri[] = [];
  const extensions = IMPORT_FORMAT_INFO[format].extensions;
  for (const input of inputs) {
    const isFolder = ((await vscode.workspace.fs.stat(input)).type & vscode.FileType.Directory) !== 0;
    if (isFolder) folders.push(input);
    const files = isFolder ? await filesUnder(input, extensions) : [input];
    const root = isFolder ? input : vscode.Uri.joinPath(input, '..');
    for (const file of files) {
      const shown = relativePath(file);
      let text: string;
      try {
        text = await readDecoded(file);
      } catch (error) {
        problems.push({ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      const parsed =
        format === 'brat'
          ? await (async () => {
              const txt = file.with({ path: `${file.path.replace(/\.ann$/, '')}.txt` });
              const txtText = await readDecoded(txt).catch(() => undefined);
              const rel = txt.path.startsWith(`${root.path}/`) ? txt.path.slice(root.path.length + 1) : txt.path.slice(txt.path.lastIndexOf('/') + 1);
              return parseBratAnn(text, shown, rel, txtText);
            })()
          : parseInput(format, text, shown, parseOptions);
      records.push(...parsed.records);
      problems.push(...parsed.problems);
    }
  }
  return { records, folders };
}

export async function importCommand(deps: ExchangeDeps, args: unknown[]): Promise<ImportResult | undefined> {
  const given = isImportArgs(args[0]) ? args[0] : undefined;
  if (given && !isImportFormat(given.format)) throw new Error(`unknown import format '${given.format}' (one of ${IMPORT_FORMATS.join(', ')})`);
  const format = given?.format ?? (await pickImportFormat());
  if (!format) return undefined;
  const inputs = given ? [vscode.Uri.parse(given.input)] : await pickImportInputs(format);
  if (!inputs) return undefined;

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Importing annotations (${IMPORT_FORMAT_INFO[format].label})`, cancellable: true },
    (progress, token) => runImport(deps, inputs, format, { keepUnknownTags: given?.keepUnknownTags === true, parse: given?.predictions ? { predictions: given.predictions } : {} }, progress, token),
  );
  const summary =
    `Seed Annotator: imported into ${result.documents} document${result.documents === 1 ? '' : 's'}: ${importCounts(result)}` +
    `${result.problems.length ? `; ${result.problems.length} problem(s), see the log` : ''}.`;
  deps.log.info(summary);
  const followUp = async () => {
    const action = result.problems.length
      ? await vscode.window.showWarningMessage(summary, 'Show Log')
      : await vscode.window.showInformationMessage(summary);
    if (action === 'Show Log') deps.log.show(true);
  };
  void followUp().catch((e) => deps.log.warn(String(e)));
  return result;
}

/** A step of the import plan as a store batch op: new annotations and links keep the ids the plan gave them. */
function batchOp(op: ImportOp): BatchOp {
  const origin = (o: string | undefined) => (o !== undefined ? { extra: { origin: o } } : {});
  switch (op.kind) {
    case 'add': {
      const a = op.annotation;
      return { kind: 'add', span: { id: a.id, tag: a.tag, start: a.start, end: a.end, attributes: a.attributes, note: a.note, ...origin(a.origin) } };
    }
    case 'fill':
      return { kind: 'update', id: op.id, patch: (a) => ({ attributes: { ...a.attributes, ...op.attributes }, ...(op.note !== undefined ? { note: op.note } : {}) }) };
    case 'link': {
      const r = op.relation;
      return { kind: 'link', link: { id: r.id, type: r.type, from: r.from, to: r.to, attributes: r.attributes, note: r.note, ...origin(r.origin) } };
    }
  }
}

async function runImport(
  deps: ExchangeDeps,
  inputs: readonly vscode.Uri[],
  format: ImportFormat,
  { keepUnknownTags, parse }: { keepUnknownTags: boolean; parse: ParseOptions },
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<ImportResult> {
  const problems: Problem[] = [];
  progress.report({ message: 'reading the input' });
  const { records, folders } = await readImportRecords(inputs, format, parse, problems);
  await deps.index.whenIdle();
  // Documents of the workspace, except copies inside the imported folders (e.g. a brat folder's .txt files).
  const inFolders = (uri: string) => folders.some((f) => uri.startsWith(`${f.toString()}/`));
  const catalog: DocumentCatalog = {
    entries: deps.index.list().filter((e) => !e.error && !inFolders(e.uri)).map((e) => ({ key: e.uri, relativePath: e.relativePath, uri: e.uri })),
    readText: (key) => currentText(vscode.Uri.parse(key)),
  };
  progress.report({ message: 'matching documents' });
  const prepared = await prepareImport(records, new DocumentResolver(catalog), { tagSetFor: (key) => deps.tagSets.for(vscode.Uri.parse(key)), keepUnknownTags }, problems);
  const result: ImportResult = { documents: 0, added: 0, filled: 0, duplicates: 0, linked: 0, linkDuplicates: 0, problems: [] };
  const step = prepared.length > 0 ? 100 / prepared.length : 100;
  for (const doc of prepared) {
    if (token.isCancellationRequested) break;
    const uri = vscode.Uri.parse(doc.key);
    progress.report({ message: relativePath(uri), increment: step });
    const current = await deps.store.get(uri);
    if (current.state !== 'ready') {
      problems.push({ file: relativePath(current.sidecarUri), path: '(root)', severity: 'error', message: `left untouched (${current.state === 'readonly' ? 'written by a newer Seed Annotator' : 'it cannot be read'}); ${doc.annotations.length} imported annotation(s) not added` });
      continue;
    }
    // Offsets were placed on the text read a moment ago; the store refuses nothing that changed since.
    const plan = planImport(current, doc);
    problems.push(...plan.problems);
    result.documents++;
    result.duplicates += plan.duplicates;
    result.linkDuplicates += plan.linkDuplicates;
    const ops = plan.ops.map(batchOp);
    try {
      const done = await deps.store.batch(uri, ops); // one validated, atomic write per document
      result.added += done.added;
      result.duplicates += done.duplicates;
      result.filled += done.updated;
      result.linked += done.linked;
    } catch (error) {
      problems.push({ file: relativePath(uri), path: '(root)', severity: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
  for (const p of problems) (p.severity === 'error' ? deps.log.error : deps.log.warn).call(deps.log, formatProblem(p));
  result.problems = problems.map(formatProblem);
  return result;
}
