import * as vscode from 'vscode';

export type FileEventKind = 'create' | 'change' | 'delete';

const WATCHED = /\.(txt|json)$/;

/**
 * The extension's file watching: documents (`.txt`), their sidecars and tag sets (`.json`). A folder created
 * or deleted with files in it is reported by VS Code as one event for the folder: a created folder is searched
 * and its files reported one by one; a deleted one is passed on as is (handlers drop everything under it).
 */
export function watchWorkspaceFiles(handler: (kind: FileEventKind, uri: vscode.Uri) => void): vscode.Disposable {
  const changes = vscode.workspace.createFileSystemWatcher('**/*.{txt,json}', true, false, true);
  const createsAndDeletes = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  return vscode.Disposable.from(
    changes,
    createsAndDeletes,
    changes.onDidChange((uri) => handler('change', uri)),
    createsAndDeletes.onDidDelete((uri) => handler('delete', uri)),
    createsAndDeletes.onDidCreate((uri) => {
      if (WATCHED.test(uri.path)) handler('create', uri);
      else void reportFolderContents(uri, (file) => handler('create', file));
    }),
  );
}

async function reportFolderContents(uri: vscode.Uri, report: (file: vscode.Uri) => void): Promise<void> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) {
      for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*.{txt,json}'))) report(file);
    }
  } catch {
    // gone again before it could be read
  }
}
