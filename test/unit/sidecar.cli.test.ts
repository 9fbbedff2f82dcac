import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli, root, run } from './support/cli';

const FIXTURES = path.join(root, 'test/fixtures/sidecars');
const DOC = '000_960fc4c8afcb4f95.txt';
const SIDECAR = `${DOC}.annotations.json`;

const base = mkdtempSync(path.join(tmpdir(), 'seed-validate-'));
test.after(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder holding the fixture document and its sidecar (optionally changed). */
function workspace(changeSidecar?: (json: any) => void): { dir: string; doc: string; sidecar: string } {
  const dir = path.join(base, `ws${++counter}`);
  mkdirSync(path.join(dir, 'sub'), { recursive: true });
  const doc = path.join(dir, 'sub', DOC);
  const sidecar = `${doc}.annotations.json`;
  copyFileSync(path.join(FIXTURES, DOC), doc);
  if (changeSidecar) {
    const json = JSON.parse(readFileSync(path.join(FIXTURES, SIDECAR), 'utf8'));
    changeSidecar(json);
    writeFileSync(sidecar, `${JSON.stringify(json, null, 2)}\n`);
  } else {
    copyFileSync(path.join(FIXTURES, SIDECAR), sidecar);
  }
  return { dir, doc, sidecar };
}

test('validate: a folder of valid sidecars → exit 0, a summary on stdout, nothing on stderr', async () => {
  const { dir, doc, sidecar } = workspace();
  const r = await run('validate', dir);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '1 sidecar, 4 annotations: valid\n');
  // A document or a sidecar as PATH.
  assert.equal((await run('validate', doc)).code, 0);
  assert.equal((await run('validate', sidecar)).stdout, '1 sidecar, 4 annotations: valid\n');
});

test('validate: a corrupt sidecar → exit 1, one line per problem with the field path, the file untouched', async () => {
  const { dir, sidecar } = workspace((json) => {
    json.annotations[2].target.start = 'x';
    json.annotations[0].attributes.verdict = 'probably';
  });
  const before = readFileSync(sidecar);
  const mtime = statSync(sidecar).mtimeMs;
  const r = await run('validate', dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.stderr.trimEnd().split('\n'), [`${sidecar}: annotations.2.target.start: expected a number, got the string "x"`]);
  assert.equal(r.stdout, '1 sidecar, 0 annotations: 1 problem\n');
  assert.deepEqual(readFileSync(sidecar), before);
  assert.equal(statSync(sidecar).mtimeMs, mtime);
  // Once the schema is right, the attribute check runs.
  const { dir: dir2 } = workspace((json) => {
    json.annotations[0].attributes.verdict = 'probably';
  });
  const r2 = await run('validate', dir2);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /annotations\.0\.attributes\.verdict: must be one of "unverified", "true", /);
});

test('validate: truncated JSON → exit 1 with line:column; the file untouched', async () => {
  const { dir, sidecar } = workspace();
  const text = readFileSync(sidecar, 'utf8');
  writeFileSync(sidecar, text.slice(0, 200));
  const r = await run('validate', dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^${sidecar.replace(/[.\\]/g, '\\$&')}:\\d+:\\d+: invalid JSON: unexpected end of file`));
  assert.equal(readFileSync(sidecar, 'utf8'), text.slice(0, 200));
});

test('validate: a sidecar without its document is a problem; a newer version is reported read-only', async () => {
  const { dir, doc, sidecar } = workspace();
  rmSync(doc);
  const r = await run('validate', dir);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `${sidecar}: document.file: the document is missing: no file ${doc}\n`);
  const { dir: dir2 } = workspace((json) => {
    json.version = 3;
  });
  const r2 = await run('validate', dir2);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /: version: format version 3 is newer than this Seed Annotator supports \(2\); the file is read-only/);
});

test('validate: a missing PATH → exit 2; bad usage → exit 2', async () => {
  const r = await run('validate', path.join(base, 'nope'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such file or folder/);
  assert.equal((await run('validate')).code, 2);
  assert.equal((await run('validate', base, '--frobnicate')).code, 2);
  assert.equal((await run('validate', base, '--tags')).code, 2);
  const help = await run('validate', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: seed-annotator validate PATH/);
});

test('validate --json: status of every annotation after re-anchoring against the current text', async () => {
  const { dir, doc } = workspace();
  const text = readFileSync(doc, 'utf8');
  const edited = `Source: https://lite.cnn.com/2024/01/25/politics/example\n\nUpdated headline\n\n${text.slice(text.indexOf('By Ann Lee'))}`
    .replace('$4.2 billion', '$4.25 billion')
    .replace('A spokesperson for the council, who asked not to be named, said the vote was 7 to 2.\n', '');
  writeFileSync(doc, edited);
  const r = await run('validate', '--json', dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = JSON.parse(r.stdout);
  assert.deepEqual(
    lines.map((l: { status: string }) => l.status),
    ['moved', 'moved', 'moved', 'orphaned'],
  );
  assert.deepEqual(Object.keys(lines[0]), ['file', 'id', 'status', 'start', 'end']);
  assert.equal(lines[0].file, doc);
  assert.equal(edited.slice(lines[0].start, lines[0].end), 'The city council approved a budget of $4.25 billion on Thursday');
  assert.equal(edited.slice(lines[2].start, lines[2].end), 'Mayor Jane Doe');
  assert.deepEqual([lines[3].start, lines[3].end], [265, 322]);
  assert.match(r.stderr, /annotations\.3: warning: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a55' cannot be placed in the current text/);
  // Unchanged text: all anchored.
  const { dir: dir2 } = workspace();
  const r2 = await run('validate', dir2, '--json');
  assert.deepEqual(JSON.parse(r2.stdout).map((l: { status: string }) => l.status), ['anchored', 'anchored', 'anchored', 'anchored']);
});

test('validate: the tag set of the folder (or --tags) is used; unknown attributes are warnings', async () => {
  const { dir } = workspace((json) => {
    json.annotations[1].attributes.mood = 'upbeat';
  });
  const r = await run('validate', dir);
  assert.equal(r.code, 0);
  assert.match(r.stderr, /annotations\.1\.attributes\.mood: warning: attribute 'mood' is not defined for tag 'quote' \(kept\)/);
  assert.equal(r.stdout, '1 sidecar, 4 annotations: valid (1 warning)\n');
  // A folder tag set without "source": those annotations now have an unknown tag.
  writeFileSync(
    path.join(dir, 'annotation-tags.json'),
    JSON.stringify({ version: 1, tags: [{ id: 'claim', label: 'Claim', color: '#ff0000' }, { id: 'quote', label: 'Quote', color: '#00ff00' }] }),
  );
  const r2 = await run('validate', dir);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /annotations\.2\.tag: unknown tag 'source' \(the tag set defines: claim, quote\)/);
  // An invalid tag set is itself a problem.
  writeFileSync(path.join(dir, 'annotation-tags.json'), '{"version": 1, "tags": [{"id": "bad id"}]}');
  const r3 = await run('validate', dir);
  assert.equal(r3.code, 1);
  assert.match(r3.stderr, /annotation-tags\.json: tags\.0\.id: /);
  // --tags overrides.
  const tags = path.join(base, `tags${counter}.json`);
  writeFileSync(tags, JSON.stringify({ version: 1, tags: [{ id: 'claim', label: 'Claim', color: '#ff0000' }] }));
  const r4 = await run('validate', dir, '--tags', tags);
  assert.equal(r4.code, 1);
  assert.match(r4.stderr, /unknown tag 'quote'/);
});

test('validate through the real entry point (exit codes as a shell sees them)', () => {
  const { dir } = workspace((json) => {
    json.annotations[0].id = 42;
  });
  const result = cli('validate', dir);
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /annotations\.0\.id: expected a string, got the number 42\n$/);
});
