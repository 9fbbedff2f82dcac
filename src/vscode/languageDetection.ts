import * as vscode from 'vscode';

export const LANGUAGE_ID = 'seed-document';
/** Same test as package.json's `firstLine`. VS Code lets the `.txt` → plaintext association win over it, hence this. */
const FIRST_LINE = /^\uFEFF?Source: https?:\/\//;

/** Gives plain-text files whose first line is a `Source: http…` header the seed-document language. */
export function detectSeedDocuments(): vscode.Disposable {
  const check = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'plaintext' || doc.lineCount === 0) return;
    if (FIRST_LINE.test(doc.lineAt(0).text)) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  vscode.workspace.textDocuments.forEach(check);
  return vscode.workspace.onDidOpenTextDocument(check);
}
