import * as vscode from 'vscode';
import { parse } from '../core/parse';
import type { DocumentIndex } from './documentIndex';

interface CommandDeps {
  index: DocumentIndex;
  log: vscode.LogOutputChannel;
}

/** Registers the palette commands of package.json's `contributes.commands`. */
export function registerCommands({ index, log }: CommandDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('seedAnnotator.refreshDocuments', () => index.rescan()),
    vscode.commands.registerCommand('seedAnnotator.showLog', () => log.show(true)),
    vscode.commands.registerCommand('seedAnnotator.openDocument', (uri: vscode.Uri) => vscode.window.showTextDocument(uri)),
    vscode.commands.registerCommand('seedAnnotator.showDocumentModel', showDocumentModel),
  ];
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
