import * as vscode from 'vscode';

export type FileEventKind = 'create' | 'change' | 'delete';

/**
 * The extension's file watching: documents (`.txt`), their sidecars and tag sets (`.json`), plus deletions of
 * anything (a deleted folder is reported as one event for the folder, not for the files in it).
 * Handlers get every event and pick what they need.
 */
export function watchWorkspaceFiles(handler: (kind: FileEventKind, uri: vscode.Uri) => void): vscode.Disposable {
  const files = vscode.workspace.createFileSystemWatcher('**/*.{txt,json}');
  const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  return vscode.Disposable.from(
    files,
    deletions,
    files.onDidCreate((uri) => handler('create', uri)),
    files.onDidChange((uri) => handler('change', uri)),
    deletions.onDidDelete((uri) => handler('delete', uri)),
  );
}
