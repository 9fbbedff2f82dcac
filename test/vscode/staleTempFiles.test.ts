// @node-only: sets file times with node:fs, which vscode.workspace.fs cannot; the web worker suite leaves it out.
// Temporary files left by interrupted sidecar writes are cleaned up once they are old; young ones may belong
// to a write under way and stay; other hidden files are never touched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { removeStaleTempFiles } from '../../src/vscode/annotations/staleTempFiles';
import { deleteIfExists, workspaceFolder, writeText } from './helpers';

suite('Interrupted sidecar writes', () => {
  const names = {
    old: '.000_stale.txt.annotations.json.0123456789ab.tmp',
    young: '.000_young.txt.annotations.json.ba9876543210.tmp',
    other: '.notes.0123456789ab.tmp',
  };
  const uri = (name: string) => vscode.Uri.joinPath(workspaceFolder().uri, 'tmp-stale', name);
  suiteTeardown(async () => deleteIfExists(vscode.Uri.joinPath(workspaceFolder().uri, 'tmp-stale')));

  test('old temp files of sidecars are removed; young ones and other files stay', async () => {
    for (const name of Object.values(names)) await writeText(uri(name), '{"version": 1, "docu');
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    for (const name of [names.old, names.other]) fs.utimesSync(uri(name).fsPath, hourAgo, hourAgo);
    const log = vscode.window.createOutputChannel('Seed Annotator test', { log: true });
    try {
      assert.equal(await removeStaleTempFiles(log), 1);
    } finally {
      log.dispose();
    }
    assert.equal(fs.existsSync(uri(names.old).fsPath), false, 'the old temp file is gone');
    assert.equal(fs.existsSync(uri(names.young).fsPath), true, 'a young temp file may be a write under way');
    assert.equal(fs.existsSync(uri(names.other).fsPath), true, 'not a sidecar temp file');
  });
});
