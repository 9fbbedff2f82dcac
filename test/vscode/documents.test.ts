// The Documents tree (through the API's listDocuments(), never by UI scraping) against headlines this test
// computes itself with the core parser from the files it reads; it follows files being added and deleted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { parse } from '../../src/core/parse';
import type { DocumentRowInfo } from '../../src/vscode/api';
import { activatedApi, deleteIfExists, nextEvent, waitFor, workspaceFolder, writeText } from './helpers';

const SAMPLE_NAME = /^[0-9]{3}_[^/]*\.txt$/;

interface Row { relativePath: string; title: string }

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Rows the tree should show for the sample documents at the folder's top level, in file-name order. */
async function expectedSampleRows(): Promise<Row[]> {
  const folder = workspaceFolder().uri;
  const names = (await vscode.workspace.fs.readDirectory(folder))
    .filter(([name, type]) => type === vscode.FileType.File && SAMPLE_NAME.test(name))
    .map(([name]) => name)
    .sort();
  const rows: Row[] = [];
  for (const name of names) {
    const title = parse(await readText(vscode.Uri.joinPath(folder, name))).title;
    rows.push({ relativePath: name, title: title || name });
  }
  return rows;
}

const rowsOf = (docs: DocumentRowInfo[]): Row[] => docs.map(({ relativePath, title }) => ({ relativePath, title }));

suite('Documents tree', () => {
  const added: vscode.Uri[] = [];
  suiteTeardown(async () => {
    for (const uri of added) await deleteIfExists(uri);
  });

  test('lists the sample documents by headline, in file-name order', async () => {
    const api = await activatedApi();
    const expected = await expectedSampleRows();
    assert.ok(expected.length >= 3, `the workspace holds the sample documents (found ${expected.length})`);
    for (const row of expected) assert.notEqual(row.title, row.relativePath, `the parser finds a headline in ${row.relativePath}`);
    let last: Row[] = [];
    await waitFor('the tree to list the sample documents by headline', async () => {
      last = rowsOf(await api.listDocuments());
      return JSON.stringify(last) === JSON.stringify(expected) ? true : undefined;
    }, 15_000, () => ({ expected, actual: last }));
  });

  test('rows carry the Source line URL and its site', async () => {
    const api = await activatedApi();
    const folder = workspaceFolder().uri;
    for (const row of await api.listDocuments()) {
      const doc = parse(await readText(vscode.Uri.parse(row.uri)));
      assert.equal(row.url, doc.source?.url ?? null, `url of ${row.relativePath}`);
      assert.equal(row.site, doc.source?.site ?? null, `site of ${row.relativePath}`);
      assert.ok(row.uri.startsWith(folder.toString()), `${row.uri} lies in the workspace folder`);
    }
  });

  test('a document written to the folder appears with its headline, and leaves when deleted', async () => {
    const api = await activatedApi();
    const name = '950_addedbytest.txt';
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, name);
    added.push(uri);
    const text = 'Source: https://www.example.com/2024/05/01/added-by-test\n\nHeadline of a document added by the test\n\n' +
      '  By Test Writer, Example News\n\n  The first paragraph of the added document.\n';
    const headline = parse(text).title;
    assert.equal(headline, 'Headline of a document added by the test');

    const changed = nextEvent(api.onDidChangeDocuments, 15_000);
    await writeText(uri, text);
    assert.ok(await changed, 'onDidChangeDocuments fired after the file was created');
    let row: DocumentRowInfo | undefined;
    await waitFor(`${name} to be listed with its headline`, async () => {
      row = (await api.listDocuments()).find((r) => r.relativePath === name);
      return row?.title === headline ? row : undefined;
    }, 15_000, () => row);
    assert.equal(row?.site, 'example.com');
    assert.equal(row?.byline, 'Test Writer, Example News');

    const removed = nextEvent(api.onDidChangeDocuments, 15_000);
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    assert.ok(await removed, 'onDidChangeDocuments fired after the file was deleted');
    await waitFor(`${name} to leave the list`, async () =>
      (await api.listDocuments()).some((r) => r.relativePath === name) ? undefined : true);
    assert.deepEqual(rowsOf(await api.listDocuments()), await expectedSampleRows());
  });

  test('a changed headline is picked up', async () => {
    const api = await activatedApi();
    const name = '951_editedbytest.txt';
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, name);
    added.push(uri);
    await writeText(uri, 'Source: https://example.org/a\n\nFirst headline\n\n  Body.\n');
    await waitFor('the first headline', async () =>
      (await api.listDocuments()).some((r) => r.relativePath === name && r.title === 'First headline') ? true : undefined);
    await writeText(uri, 'Source: https://example.org/a\n\nSecond headline\n\n  Body.\n');
    await waitFor('the second headline', async () =>
      (await api.listDocuments()).some((r) => r.relativePath === name && r.title === 'Second headline') ? true : undefined);
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await waitFor(`${name} to leave the list`, async () =>
      (await api.listDocuments()).some((r) => r.relativePath === name) ? undefined : true);
  });

  test('documents created in a new folder appear; deleting the folder removes them', async () => {
    const api = await activatedApi();
    const folder = vscode.Uri.joinPath(workspaceFolder().uri, 'archive');
    added.push(folder);
    const files = [
      { path: 'archive/2024/960_innewfolder.txt', text: 'Source: https://example.net/x\n\nHeadline in a new folder\n\n  Body.\n' },
      { path: 'archive/2024/story.txt', text: 'Source: https://example.net/y\n\nStory outside the naming pattern\n\n  Body.\n' },
    ];
    const want = files.map((f) => ({ relativePath: f.path, title: parse(f.text).title }));
    let got: Row[] = [];
    try {
      for (const f of files) await writeText(vscode.Uri.joinPath(workspaceFolder().uri, f.path), f.text);
      await waitFor('the new folder\'s documents to be listed', async () => {
        got = rowsOf(await api.listDocuments()).filter((r) => r.relativePath.startsWith('archive/'));
        return JSON.stringify(got) === JSON.stringify(want) ? true : undefined;
      }, 15_000, () => ({ want, got }));
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    }
    await waitFor('the deleted folder\'s documents to leave the list', async () => {
      got = rowsOf(await api.listDocuments()).filter((r) => r.relativePath.startsWith('archive/'));
      return got.length ? undefined : true;
    }, 15_000, () => got);
  });

  test('Refresh Documents rescans and lists the same documents', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('seedAnnotator.refreshDocuments');
    assert.deepEqual(rowsOf(await api.listDocuments()), await expectedSampleRows());
  });

  test('Open Document opens the file in an editor', async () => {
    const api = await activatedApi();
    const [first] = await api.listDocuments();
    assert.ok(first, 'at least one document is listed');
    await vscode.commands.executeCommand('seedAnnotator.openDocument', vscode.Uri.parse(first.uri));
    const editor = await waitFor('an editor on the document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.toString() === first.uri ? e : undefined;
    });
    assert.equal(editor.document.languageId, 'seed-document');
  });

  test('Show Document Model opens the parsed model as JSON', async () => {
    await activatedApi();
    const [name] = (await expectedSampleRows()).map((r) => r.relativePath);
    assert.ok(name);
    const uri = vscode.Uri.joinPath(workspaceFolder().uri, name);
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('seedAnnotator.showDocumentModel');
    const model = await waitFor('a JSON editor with the document model', () => {
      const e = vscode.window.visibleTextEditors.find((v) => v.document.languageId === 'json');
      return e ? (JSON.parse(e.document.getText()) as { title: string }) : undefined;
    });
    assert.equal(model.title, parse(await readText(uri)).title);
    // The model is an unsaved untitled document: revert it so closing asks nothing.
    const modelEditor = vscode.window.visibleTextEditors.find((v) => v.document.languageId === 'json');
    if (modelEditor) {
      await vscode.window.showTextDocument(modelEditor.document, modelEditor.viewColumn);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
