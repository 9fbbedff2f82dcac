// Language detection of package.json's `seed-document` contribution: by first line (`Source: http…`) for any
// .txt, and by the file-name pattern of the samples; other .txt files stay plain text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, deleteIfExists, sleep, waitFor, workspaceFolder, writeText } from './helpers';

suite('Language detection', () => {
  let notes: vscode.Uri;
  suiteSetup(() => {
    notes = vscode.Uri.joinPath(workspaceFolder().uri, 'notes');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // File by file, each gone from the tree before the folder goes: this suite must leave the tree as it found it.
    // (Deleting the folder at once is covered by the Documents tree suite.)
    const api = await activatedApi();
    for (const name of ['article.txt', 'plain.txt', '123_abcdef.txt']) await deleteIfExists(vscode.Uri.joinPath(notes, name));
    let left: string[] = [];
    await waitFor('notes/ to leave the Documents list', async () => {
      left = (await api.listDocuments()).map((r) => r.relativePath).filter((p) => p.startsWith('notes/'));
      return left.length ? undefined : true;
    }, 15_000, () => left);
    await deleteIfExists(notes);
  });

  /**
   * Writes notes/<name>, opens it in an editor and returns the language VS Code settles on. The extension may
   * switch the language after opening (setTextDocumentLanguage), so this waits for `expected` for a while.
   */
  async function languageOf(name: string, text: string, expected: string): Promise<string> {
    const uri = vscode.Uri.joinPath(notes, name);
    await writeText(uri, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const current = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId ?? '(closed)';
    const deadline = Date.now() + 5_000;
    while (current() !== expected && Date.now() < deadline) await sleep(100);
    if (current() === expected) await sleep(300); // and it stays so
    return current();
  }

  test('a .txt that starts with "Source: https://" is a seed-document, whatever its name', async () => {
    assert.equal(await languageOf('article.txt', 'Source: https://example.com/news/2024/story\n\nA headline\n\n  Body.\n', 'seed-document'), 'seed-document');
  });

  test('a .txt without a Source line stays plaintext', async () => {
    assert.equal(await languageOf('plain.txt', 'Shopping list\nSource: not the first line\n', 'plaintext'), 'plaintext');
  });

  test('a file named like a sample document is a seed-document by its name', async () => {
    assert.equal(await languageOf('123_abcdef.txt', 'no source line here\n', 'seed-document'), 'seed-document');
  });

  test('every sample document opens as seed-document', async () => {
    const folder = workspaceFolder().uri;
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n));
    assert.ok(names.length > 0);
    for (const name of names) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, name));
      assert.equal(doc.languageId, 'seed-document', name);
    }
  });

  test('an article outside the naming pattern is listed in the Documents tree by its headline', async () => {
    const api = await activatedApi();
    await writeText(vscode.Uri.joinPath(notes, 'article.txt'), 'Source: https://example.com/news/2024/story\n\nA headline\n\n  Body.\n');
    await waitFor('notes/article.txt in the list', async () =>
      (await api.listDocuments()).some((r) => r.relativePath === 'notes/article.txt' && r.title === 'A headline') ? true : undefined);
  });
});
