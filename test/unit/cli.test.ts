import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, root, run } from './support/cli';
import { parse } from '../../src/core/parse';

const fixture = path.join(root, 'test/fixtures/cnn-like.txt');

const tmp = mkdtempSync(path.join(tmpdir(), 'seed-cli-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('parse prints the model as 2-space JSON', () => {
  const { code, stdout, stderr } = cli('parse', fixture);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const model = JSON.parse(stdout);
  assert.equal(model.title, 'River town braces for “the worst flood in decades”');
  assert.equal(model.byline, 'Lena Ortiz and Sam Okafor, Example News');
  assert.deepEqual(model.updated, { text: '6:42 PM CST, Wed February 14, 2024', iso: '2024-02-14T18:42:00-06:00' });
  assert.equal(model.credit, 'Example News');
  assert.equal(model.source.site, 'lite.example-news.com');
  assert.equal(model.paragraphs.length, 4);
  assert.equal(model.quotations.length, 4);
  assert.ok(stdout.startsWith('{\n  "source": {\n    "url": '));
  assert.ok(stdout.endsWith('}\n'));
});

test('parse of a BOM + CRLF file reports offsets without the BOM', async () => {
  const file = path.join(tmp, 'bom-crlf.txt');
  const text = 'Source: https://a.example/x\r\n\r\nTitle “q”\r\n\r\nBody.\r\n';
  writeFileSync(file, `\uFEFF${text}`);
  const { code, stdout } = await run('parse', file);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(parse(text))));
  assert.deepEqual(JSON.parse(stdout).titleSpan, { start: 31, end: 40 });
});

test('missing file: exit 2, one stderr line naming the file', () => {
  const { code, stdout, stderr } = cli('parse', 'no-such-file.txt');
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, "seed-annotator: cannot read 'no-such-file.txt': no such file\n");
});

test('binary file: exit 2, one stderr line naming the file', () => {
  const file = path.join(tmp, 'binary.txt');
  writeFileSync(file, Uint8Array.from([0x53, 0x6f, 0x00, 0x01, 0xff]));
  const { code, stdout, stderr } = cli('parse', file);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^seed-annotator: cannot read '.*binary\.txt': binary file[^\n]*\n$/);
});

test('invalid UTF-8 and directories: exit 2, one line naming the file', async () => {
  const file = path.join(tmp, 'latin1.txt');
  writeFileSync(file, Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a])); // "café" in Latin-1
  const bad = await run('parse', file);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `seed-annotator: cannot read '${file}': invalid UTF-8 at byte 3\n`);
  const dir = await run('parse', tmp);
  assert.equal(dir.code, 2);
  assert.equal(dir.stderr, `seed-annotator: cannot read '${tmp}': is a directory\n`);
});

test('--help, -h and help print usage, exit 0', async () => {
  const spawned = cli('--help');
  assert.equal(spawned.code, 0);
  assert.match(spawned.stdout, /^Usage: seed-annotator <command>/);
  assert.match(spawned.stdout, /\n {2}parse {2}/);
  for (const args of [['-h'], ['help']]) {
    const { code, stdout } = await run(...args);
    assert.equal(code, 0);
    assert.equal(stdout, spawned.stdout);
  }
  const parseHelp = await run('help', 'parse');
  assert.equal(parseHelp.code, 0);
  assert.match(parseHelp.stdout, /^Usage: seed-annotator parse FILE/);
  assert.equal((await run('parse', '--help')).stdout, parseHelp.stdout);
});

test('--version prints the package version', async () => {
  const { code, stdout } = await run('--version');
  assert.equal(code, 0);
  assert.match(stdout, /^\d+\.\d+\.\d+\n$/);
});

test('usage errors: exit 2, one line with a hint', async () => {
  const cases: [string[], string][] = [
    [['frobnicate'], "seed-annotator: unknown command 'frobnicate' (see 'seed-annotator --help')\n"],
    [['--frob'], "seed-annotator: unknown option '--frob' (see 'seed-annotator --help')\n"],
    [['parse', '--frob', fixture], "seed-annotator: unknown option '--frob' (see 'seed-annotator help parse')\n"],
    [['parse'], "seed-annotator: parse: missing FILE (see 'seed-annotator help parse')\n"],
    [['parse', 'a', 'b'], "seed-annotator: parse: expected one FILE (see 'seed-annotator help parse')\n"],
    [['help', 'frob'], "seed-annotator: no help for 'frob' (see 'seed-annotator --help')\n"],
  ];
  for (const [args, stderr] of cases) {
    const result = await run(...args);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.stderr, stderr);
    assert.equal(result.stdout, '');
  }
  const bare = await run();
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /^Usage: /);
});
