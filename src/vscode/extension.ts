import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from './api';
import { registerCommands } from './commands';
import { DocumentIndex } from './documentIndex';
import { DOCUMENTS_VIEW_ID, DocumentsTreeProvider } from './documentsTree';
import { createLog } from './log';

/** Wires the views and commands; awaits no I/O (the document scan runs in the background). */
export function activate(context: vscode.ExtensionContext): SeedAnnotatorApi {
  const started = performance.now();
  const log = createLog();
  const index = new DocumentIndex(log);
  const tree = new DocumentsTreeProvider(index);
  context.subscriptions.push(
    log,
    index,
    tree,
    index.onDidChange(() => tree.refresh()),
    vscode.window.createTreeView(DOCUMENTS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false }),
    ...registerCommands({ index, log }),
  );
  void index.rescan();
  const activationMs = performance.now() - started;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    apiVersion: 1,
    activationMs,
    onDidChangeDocuments: index.onDidChange,
    async listDocuments() {
      await index.whenIdle();
      return index.list().map(({ uri, relativePath, title, site, url, byline, updated }) => ({
        uri, relativePath, title, site, url, byline, updated,
      }));
    },
  };
}

export function deactivate(): void {}
