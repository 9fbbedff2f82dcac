// The browser build's stand-ins (src/vscode/platform/): no git in a web worker, and the `Buffer` csv-stringify's
// sources get there (its UTF-8 BOM must come out as U+FEFF when the CSV text is joined).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { Buffer as CsvBuffer } from '../../src/vscode/platform/csvBuffer';
import { platform as web } from '../../src/vscode/platform/web';
import { platform as node } from '../../src/vscode/platform/node';

test('the web platform cannot run git and says so; the Node one runs it', async () => {
  assert.equal(web.canRunGit, false);
  assert.equal(web.host, 'web worker');
  await assert.rejects(web.runGit(['status'], '/'), /git status: git cannot run in VS Code for the Web/);
  assert.equal(node.canRunGit, true);
  const version = await node.runGit(['--version'], process.cwd());
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^git version /);
  const bad = await node.runGit(['no-such-git-command'], process.cwd());
  assert.notEqual(bad.code, 0, 'a failing git command resolves with its exit code');
});

test("csv-stringify's BOM through the browser Buffer: joined as U+FEFF; isBuffer only for its own bytes", () => {
  const bom = CsvBuffer.from([239, 187, 191]);
  assert.equal([bom, 'id,tag\r\n'].join(''), '\uFEFFid,tag\r\n');
  assert.equal(CsvBuffer.isBuffer(bom), true);
  assert.equal(CsvBuffer.isBuffer(','), false);
  assert.equal(CsvBuffer.isBuffer(new Uint8Array([44])), false);
});
