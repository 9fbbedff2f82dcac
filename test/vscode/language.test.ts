// Language detection of package.json's `seed-document` contribution: by first line (`Source: http…`) for any
// .txt, and by the file-name pattern of the samples; other .txt files stay plain text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, deleteIfExists, waitFor, workspaceFolder, writeText } from './helpers';

suite('Language detection', () => {
  let notes: vscode.Uri;
  suiteSetup(() => {
    notes = vscode.Uri.joinPath(workspaceFolder().uri, 'notes');
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Delete file by file (a folder delete need not report each file), then wait until the tree forgot them.
    for (const name of ['article.txt', 'plain.txt', '123_abcdef.txt']) await deleteIfExists(vscode.Uri.joinPath(notes, name));
    await deleteIfExists(notes);
    const api = await activatedApi();
    let left: string[] = [];
    await waitFor('notes/ to leave the Documents list', async () => {
      left = (await api.listDocuments()).map((r) => r.relativePath).filter((p) => p.startsWith('notes/'));
      return left.length ? undefined : true;
    }, 15_000, () => left);
  });

  async function languageOf(name: string, text: string): Promise<string> {
    const uri = vscode.Uri.joinPath(notes, name);
    await writeText(uri, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.languageId;
  }

  test('a .txt that starts with "Source: https://" is a seed-document, whatever its name', async () => {
    assert.equal(await languageOf('article.txt', 'Source: https://example.com/news/2024/story\n\nA headline\n\n  Body.\n'), 'seed-document');
  });

  test('a .txt without a Source line stays plaintext', async () => {
    assert.equal(await languageOf('plain.txt', 'Shopping list\nSource: not the first line\n'), 'plaintext');
  });

  test('a file named like a sample document is a seed-document by its name', async () => {
    assert.equal(await languageOf('123_abcdef.txt', 'no source line here\n'), 'seed-document');
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
