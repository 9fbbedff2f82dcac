import * as vscode from 'vscode';
import { decodeDocument } from '../../core/text';

/** The text of a document as VS Code holds it: the open editor's (possibly unsaved) text, else the file's. */
export async function currentText(uri: vscode.Uri): Promise<string> {
  const open = openDocument(uri);
  if (open) return open.getText();
  return currentDiskText(uri);
}

/** The file's text (BOM removed), whatever an editor holds. */
export async function currentDiskText(uri: vscode.Uri): Promise<string> {
  return decodeDocument(await vscode.workspace.fs.readFile(uri), vscode.workspace.asRelativePath(uri, false));
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
