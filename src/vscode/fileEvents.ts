import * as vscode from 'vscode';

export type FileEventKind = 'create' | 'change' | 'delete';

/**
 * The extension's one file watcher: documents (`.txt`), their sidecars and tag sets (`.json`).
 * Handlers get every event and pick what they need.
 */
export function watchWorkspaceFiles(handler: (kind: FileEventKind, uri: vscode.Uri) => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,json}');
  return vscode.Disposable.from(
    watcher,
    watcher.onDidCreate((uri) => handler('create', uri)),
    watcher.onDidChange((uri) => handler('change', uri)),
    watcher.onDidDelete((uri) => handler('delete', uri)),
  );
}
