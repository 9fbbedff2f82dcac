import * as vscode from 'vscode';

const SETTING = 'readOnlyDocuments';

/** Whether source documents open read-only (`seedAnnotator.readOnlyDocuments`, on by default). */
export function documentsReadOnly(): boolean {
  return vscode.workspace.getConfiguration('seedAnnotator').get<boolean>(SETTING, true);
}

/**
 * Source documents are evidence: with `seedAnnotator.readOnlyDocuments` on (the default) each one is made read-only
 * with VS Code's own session read-only mode when its editor becomes active (the editor says "read-only" and refuses
 * typing). "Allow Editing Source Documents" turns the setting off and makes the open ones writeable again;
 * "Make Source Documents Read-Only" turns it back on.
 */
export function registerReadOnlyDocuments(log: vscode.LogOutputChannel): vscode.Disposable[] {
  /** Documents this window made read-only (true) or writeable again (false). */
  const marked = new Map<string, boolean>();
  let applying = Promise.resolve();

  const apply = (editor: vscode.TextEditor | undefined) => {
    if (!editor || editor.document.languageId !== 'seed-document' || editor.document.uri.scheme === 'untitled') return;
    const key = editor.document.uri.toString();
    const wanted = documentsReadOnly();
    if ((marked.get(key) ?? false) === wanted) return;
    marked.set(key, wanted);
    const command = wanted ? 'workbench.action.files.setActiveEditorReadonlyInSession' : 'workbench.action.files.setActiveEditorWriteableInSession';
    applying = applying.then(async () => {
      // The command acts on the active editor: only run it while this document's editor is still the active one.
      if (vscode.window.activeTextEditor?.document.uri.toString() !== key) {
        marked.delete(key);
        return;
      }
      await vscode.commands.executeCommand(command).then(undefined, (e) => log.warn(`read-only mode of ${key}: ${String(e)}`));
    });
  };

  const setAll = async (readOnly: boolean) => {
    await vscode.workspace.getConfiguration('seedAnnotator').update(SETTING, readOnly, vscode.ConfigurationTarget.Global);
    apply(vscode.window.activeTextEditor);
    await applying;
    void vscode.window.showInformationMessage(
      readOnly ? 'Seed Annotator: source documents open read-only.' : 'Seed Annotator: source documents can be edited (Make Source Documents Read-Only turns this off).',
    );
  };

  apply(vscode.window.activeTextEditor);
  return [
    vscode.window.onDidChangeActiveTextEditor(apply),
    // The language is set by the first-line detection after the editor opened.
    vscode.workspace.onDidOpenTextDocument((doc) => {
      if (vscode.window.activeTextEditor?.document === doc) apply(vscode.window.activeTextEditor);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`seedAnnotator.${SETTING}`)) apply(vscode.window.activeTextEditor);
    }),
    vscode.commands.registerCommand('seedAnnotator.allowEditingDocuments', () => setAll(false)),
    vscode.commands.registerCommand('seedAnnotator.protectDocuments', () => setAll(true)),
    // For the tests: resolves once the pending read-only changes were made.
    vscode.commands.registerCommand('seedAnnotator.readOnlyDocumentsSettled', () => applying),
  ];
}
