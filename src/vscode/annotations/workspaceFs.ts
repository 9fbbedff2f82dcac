import * as vscode from 'vscode';
import type { CasFs } from '../../core/annotations/casWrite';

/** The core's file port over `vscode.workspace.fs` (paths are URI strings), so sidecars work without a disk too. */
export const workspaceSidecarFs: CasFs = {
  async readIfExists(path) {
    try {
      return await vscode.workspace.fs.readFile(vscode.Uri.parse(path));
    } catch (error) {
      if (isFileNotFound(error)) return null;
      throw error;
    }
  },
  readFile: (path) => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(path))),
  writeFile: (path, data) => Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.parse(path), data)),
  rename: (from, to) => Promise.resolve(vscode.workspace.fs.rename(vscode.Uri.parse(from), vscode.Uri.parse(to), { overwrite: true })),
  delete: (path) => Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.parse(path))),
};

export function isFileNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && error.code === 'FileNotFound';
}
