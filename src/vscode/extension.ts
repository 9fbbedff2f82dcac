import * as vscode from 'vscode';
import { isSidecarPath } from '../core/annotations/paths';
import { formatProblem } from '../core/annotations/problems';
import { TAG_SET_FILE_NAME } from '../core/annotations/schema';
import { registerAnnotationCommands } from './annotations/commands';
import { AnnotationDecorations } from './annotations/decorations';
import { AnnotationHoverProvider } from './annotations/hover';
import { ProblemsReporter } from './annotations/problemsReporter';
import { removeStaleTempFiles } from './annotations/staleTempFiles';
import { AnnotationStore } from './annotations/store';
import { TagSets } from './annotations/tagSets';
import type { AnnotationsInfo, SeedAnnotatorApi } from './api';
import { registerCommands } from './commands';
import { registerTagProblems } from './annotations/tagProblems';
import { DocumentIndex } from './documentIndex';
import { DOCUMENTS_VIEW_ID, DocumentsTreeProvider } from './documentsTree';
import { watchWorkspaceFiles } from './fileEvents';
import { detectSeedDocuments } from './languageDetection';
import { registerExchangeCommands } from './exchange/commands';
import { createLog } from './log';
import { registerAnnotationsPanel } from './panel/annotationsView';
import { platform } from './platform';
import { registerLinkCommands } from './relations/linkCommands';
import { registerTeam } from './team/index';
import { registerAgreementReport } from './report/reportPanel';
import { registerCurationCommands } from './curation/commands';
import { registerSuggestions } from './suggest/register';

/** Wires the views and commands; awaits no I/O (the document scan and tag sets load in the background). */
export function activate(context: vscode.ExtensionContext): SeedAnnotatorApi {
  const started = performance.now();
  const log = createLog();
  const problems = new ProblemsReporter();
  const tagSets = new TagSets((uri, list) => problems.report(uri, list));
  const store = new AnnotationStore(log, (uri, list) => problems.report(uri, list));
  const index = new DocumentIndex(log, store);
  const tree = new DocumentsTreeProvider(index, store);
  const annotationsChanged = new vscode.EventEmitter<string>();
  const documentsView = vscode.window.createTreeView(DOCUMENTS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false, canSelectMany: true });
  tree.attach(documentsView);
  context.subscriptions.push(
    log,
    detectSeedDocuments(),
    problems,
    tagSets,
    store,
    index,
    tree,
    annotationsChanged,
    new AnnotationDecorations(store, tagSets),
    vscode.languages.registerHoverProvider({ language: 'seed-document' }, new AnnotationHoverProvider(store, tagSets)),
    index.onDidChange((change) => tree.refresh(change.rows)),
    store.onDidChange((doc) => {
      const row = index.find(doc.docUri.toString());
      tree.refresh(row ? [row] : null);
      annotationsChanged.fire(doc.docUri.toString());
    }),
    watchWorkspaceFiles((kind, uri) => {
      const isDocument = uri.path.endsWith('.txt');
      if (isDocument || kind === 'delete') index.onFileEvent(kind, uri);
      if (isDocument && kind !== 'delete') void store.onDocumentChangedOnDisk(uri);
      else if (isSidecarPath(uri.path)) void store.onSidecarChanged(uri);
      else if (uri.path.endsWith(`/${TAG_SET_FILE_NAME}`)) void tagSets.load(uri);
    }),
    documentsView,
    ...registerCommands({ index, store, tree, tagSets, log }),
    ...registerTagProblems(store, tagSets, index.onDidChange),
    ...registerAnnotationCommands({ store, tagSets, log }),
    ...registerLinkCommands({ store, tagSets, log }),
    ...registerExchangeCommands({ store, index, log, tagSets, documentsView, extensionUri: context.extensionUri }),
    ...registerTeam({ context, store, log }),
    ...registerAgreementReport({ store, tagSets, index, log, extensionUri: context.extensionUri }),
    ...registerCurationCommands({ store, tagSets, log, index }),
  );
  const suggestions = registerSuggestions({ store, tagSets, log, index }, context.subscriptions);
  context.subscriptions.push(...registerAnnotationsPanel({ store, tagSets, log, extensionUri: context.extensionUri, suggestions: suggestions.controller }));
  void index.rescan();
  void tagSets.loadAll();
  void removeStaleTempFiles(log);
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms (${platform.host} extension host)`);
  return {
    apiVersion: 1,
    activationMs,
    onDidChangeDocuments: (listener, thisArg, disposables) => index.onDidChange(() => listener.call(thisArg), null, disposables),
    onDidChangeAnnotations: annotationsChanged.event,
    ...suggestions.api,
    async listDocuments() {
      await index.whenIdle();
      return index.list().map(({ uri, relativePath, title, site, url, byline, updated }) => ({
        uri, relativePath, title, site, url, byline, updated,
      }));
    },
    async annotations(document: vscode.Uri): Promise<AnnotationsInfo> {
      const doc = await store.get(document);
      return {
        state: doc.state,
        sidecar: doc.sidecarUri.toString(),
        annotations: doc.annotations.map((a) => ({ ...a, target: { ...a.target } })),
        relations: doc.relations.map((r) => ({ ...r, attributes: { ...r.attributes } })),
        problems: doc.problems.map(formatProblem),
      };
    },
  };
}

export function deactivate(): void {}
