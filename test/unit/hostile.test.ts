// Hostile input through the CLI (in-process): exports that would destroy their inputs, nesting deeper than any
// reader should walk, lone surrogates, __proto__ keys, symbolic links, leftovers of interrupted writes, name-only
// matches outside --docs, huge documents for parse. Every refusal names the file and the field; no internal error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from '../../src/core/parse';
import { parseSidecar, serializeSidecar } from '../../src/core/annotations/sidecar';
import { DEFAULT_TAG_SET } from '../../src/core/annotations/tags';
import { root, run } from './support/cli';

const FIXTURES = path.join(root, 'test/fixtures/sidecars');
const DOC = '000_960fc4c8afcb4f95.txt';
const base = mkdtempSync(path.join(tmpdir(), 'seed-hostile-'));
test.after(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;

function workspace(change?: (json: any) => void): { dir: string; doc: string; sidecar: string } {
  const dir = path.join(base, `ws${++counter}`);
  mkdirSync(dir, { recursive: true });
  const doc = path.join(dir, DOC);
  const sidecar = `${doc}.annotations.json`;
  copyFileSync(path.join(FIXTURES, DOC), doc);
  const json = JSON.parse(readFileSync(path.join(FIXTURES, `${DOC}.annotations.json`), 'utf8'));
  change?.(json);
  writeFileSync(sidecar, `${JSON.stringify(json, null, 2)}\n`);
  return { dir, doc, sidecar };
}

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { k: v };
  return v;
}

/** A jsonl import line adding a claim on `needle` of the fixture document. */
function importLine(needle: string, extra: Record<string, unknown> = {}): string {
  const text = readFileSync(path.join(FIXTURES, DOC), 'utf8');
  const start = text.indexOf(needle);
  assert.ok(start >= 0);
  return JSON.stringify({ file: DOC, tag: 'claim', target: { start, end: start + needle.length, exact: needle }, attributes: {}, note: '', ...extra });
}

const NEEDLE = 'The city council approved a budget';

test('export refuses an --out that is a sidecar, a source document, a tag set or the documents folder (exit 2, nothing touched); --force overrides', async () => {
  const { dir, doc, sidecar } = workspace();
  const tags = path.join(dir, 'annotation-tags.json');
  writeFileSync(tags, `${JSON.stringify(DEFAULT_TAG_SET, null, 2)}\n`);
  const before = new Map([doc, sidecar, tags].map((f) => [f, readFileSync(f)]));
  const cases: Array<[string, string, RegExp]> = [
    ['csv', sidecar, /is a sidecar/],
    ['json', doc, /is a source document/],
    ['csv', tags, /is a tag set/],
    ['brat', dir, /is a folder holding the source documents/],
  ];
  for (const [format, out, why] of cases) {
    const r = await run('export', dir, '--format', format, '--out', out);
    assert.equal(r.code, 2, `${format} → ${out}`);
    assert.match(r.stderr, why);
    assert.match(r.stderr, /--force/);
  }
  for (const [file, bytes] of before) assert.deepEqual(readFileSync(file), bytes, `${file} untouched`);
  const forced = await run('export', dir, '--format', 'csv', '--out', sidecar, '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(readFileSync(sidecar, 'utf8'), /^file,source,id,tag/);
});

test('nesting 3,000 levels deep in an attribute or an unknown field: a validation error at the field, never a crash (validate, export, import)', async () => {
  for (const where of ['attribute', 'unknown'] as const) {
    const { dir, sidecar } = workspace((json) => {
      if (where === 'attribute') json.annotations[0].attributes.deep = deep(3000);
      else json.extra = deep(3000);
    });
    const before = readFileSync(sidecar);
    const v = await run('validate', dir);
    assert.equal(v.code, 1);
    assert.doesNotMatch(v.stderr, /internal error/);
    assert.match(v.stderr, where === 'attribute' ? /annotations\.0\.attributes\.deep(\.(k|0))+.*: nested too deeply \(more than 64 levels inside a field\)/ : /: extra(\.(k|0))+.*: nested too deeply/);
    const e = await run('export', dir, '--format', 'json', '--out', path.join(base, `deep${counter}.json`));
    assert.equal(e.code, 1);
    assert.match(e.stderr, /nested too deeply/);
    assert.doesNotMatch(e.stderr, /internal error/);
    const input = path.join(base, `in${counter}.jsonl`);
    writeFileSync(input, `${importLine(NEEDLE)}\n`);
    const i = await run('import', input, '--format', 'jsonl', '--docs', dir);
    assert.equal(i.code, 1);
    assert.doesNotMatch(i.stderr, /internal error/);
    assert.deepEqual(readFileSync(sidecar), before, 'the sidecar it cannot read is left untouched');
  }
  // 64 levels inside a field are fine.
  const ok = workspace((json) => (json.annotations[0].attributes.deep = deep(64)));
  assert.equal((await run('validate', ok.dir)).code, 0);
});

test('import input nested 3,000 levels deep or holding a lone surrogate: refused by file, line and field; nothing written', async () => {
  const { dir, sidecar } = workspace();
  const before = readFileSync(sidecar);
  const input = path.join(base, 'hostile.jsonl');
  writeFileSync(input, [importLine(NEEDLE), importLine('approved', { attributes: { deep: deep(3000) } }), importLine('budget', { note: 'half \ud800 a pair' })].join('\n') + '\n');
  const r = await run('import', input, '--format', 'jsonl', '--docs', dir);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.match(r.stderr, /hostile\.jsonl:2: attributes\.deep(\.(k|0))+.*: nested too deeply/);
  assert.match(r.stderr, /hostile\.jsonl:3: note: contains a lone surrogate \(U\+D800/);
  assert.match(r.stderr, /nothing written/);
  assert.deepEqual(readFileSync(sidecar), before);
});

test('a lone surrogate in a sidecar is a validation error at its field', async () => {
  const { dir } = workspace((json) => (json.annotations[1].note = 'x\udc00y'));
  const r = await run('validate', dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /annotations\.1\.note: contains a lone surrogate \(U\+DC00/);
});

test('__proto__ and constructor keys (top level, annotation, attributes) survive a read and a rewrite by import', async () => {
  const { dir, sidecar } = workspace();
  let text = readFileSync(sidecar, 'utf8').trimEnd();
  text = `${text.slice(0, -1)}, "__proto__": {"polluted": true}, "constructor": {"prototype": 1}}`;
  text = text.replace('"attributes": {', '"attributes": {"__proto__": "attr", "constructor": "c", ');
  text = text.replace('"tag": "', '"__proto__": {"a": 1}, "tag": "');
  writeFileSync(sidecar, text);
  const read = parseSidecar(text, 'x');
  assert.ok(read.ok);
  const again = serializeSidecar(read.sidecar);
  assert.equal(again.match(/"__proto__"/g)?.length, 3);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  const input = path.join(base, 'proto.jsonl');
  writeFileSync(input, `${importLine('on Thursday')}\n`);
  const r = await run('import', input, '--format', 'jsonl', '--docs', dir);
  assert.equal(r.code, 0, r.stderr);
  const after = readFileSync(sidecar, 'utf8');
  assert.equal(after.match(/"__proto__"/g)?.length, 3, 'every __proto__ key kept');
  assert.equal(after.match(/"constructor"/g)?.length, 2);
});

test('symbolic links: a sidecar linked inside the folder is validated, exported and written through; one pointing outside is reported by name', async () => {
  const { dir, sidecar } = workspace();
  const store = path.join(dir, 'store');
  mkdirSync(store);
  const real = path.join(store, 'real.json');
  copyFileSync(sidecar, real);
  rmSync(sidecar);
  symlinkSync(real, sidecar);
  const v = await run('validate', dir);
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^1 sidecar, 4 annotations: valid/);
  const e = await run('export', dir, '--format', 'jsonl', '--out', '-');
  assert.equal(e.code, 0, e.stderr);
  assert.equal(e.stdout.trimEnd().split('\n').filter((l) => !l.includes('"relation"')).length, 4);
  const input = path.join(base, 'link.jsonl');
  writeFileSync(input, `${importLine('on Thursday')}\n`);
  const i = await run('import', input, '--format', 'jsonl', '--docs', dir);
  assert.equal(i.code, 0, i.stderr);
  assert.ok(lstatSync(sidecar).isSymbolicLink(), 'the link stays a link');
  assert.equal(JSON.parse(readFileSync(real, 'utf8')).annotations.length, 5, 'written through to its target');

  // A link out of the folder.
  const outside = workspace();
  const target = path.join(base, `outside${counter}.json`);
  copyFileSync(outside.sidecar, target);
  rmSync(outside.sidecar);
  symlinkSync(target, outside.sidecar);
  const before = readFileSync(target);
  const v2 = await run('validate', outside.dir);
  assert.equal(v2.code, 1);
  assert.match(v2.stderr, new RegExp(`${DOC}\\.annotations\\.json: \\(root\\): is a symbolic link to .*, outside`));
  const e2 = await run('export', outside.dir, '--format', 'jsonl', '--out', '-');
  assert.equal(e2.code, 1);
  assert.match(e2.stderr, /is a symbolic link to .*, outside/);
  const i2 = await run('import', input, '--format', 'jsonl', '--docs', outside.dir);
  assert.equal(i2.code, 1);
  assert.match(i2.stderr, /is a symbolic link to .*, outside/);
  assert.deepEqual(readFileSync(target), before);
});

test('temp files of interrupted writes: validate lists them, import removes those older than 10 minutes', async () => {
  const { dir, sidecar } = workspace();
  const old = path.join(dir, `.${DOC}.annotations.json.0123456789ab.tmp`);
  const fresh = path.join(dir, `.${DOC}.annotations.json.ba9876543210.tmp`);
  writeFileSync(old, '{"half": ');
  writeFileSync(fresh, '{"half": ');
  const longAgo = new Date(Date.now() - 20 * 60_000);
  utimesSync(old, longAgo, longAgo);
  const v = await run('validate', dir);
  assert.match(v.stderr, new RegExp(`\\.${DOC}\\.annotations\\.json\\.0123456789ab\\.tmp: \\(root\\): warning: left by an interrupted write`));
  assert.equal(v.code, 0, 'a warning');
  const input = path.join(base, 'tmp.jsonl');
  writeFileSync(input, `${importLine('on Thursday')}\n`);
  const i = await run('import', input, '--format', 'jsonl', '--docs', dir);
  assert.equal(i.code, 0, i.stderr);
  assert.equal(existsSync(old), false, 'the old temp is removed');
  assert.equal(existsSync(fresh), true, 'a recent one may belong to a write under way');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.lock')), []);
  assert.ok(existsSync(sidecar));
});

test('import warns when a path outside --docs matches a document by file name only', async () => {
  const { dir } = workspace();
  const input = path.join(base, 'outside.jsonl');
  writeFileSync(input, `${importLine('on Thursday', { file: `../outside/${DOC}` })}\n`);
  const r = await run('import', input, '--format', 'jsonl', '--docs', dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`warning: '\\.\\./outside/${DOC}' is not a document of the folder; matched ${DOC} by file name only`));
});

test('parse: a document over the size limit is refused with a clear error (exit 2); the JSON written in pieces is JSON.stringify\'s', async () => {
  const big = path.join(base, 'big.txt');
  writeFileSync(big, 'Source: https://example.org/x\n\n');
  truncateSync(big, 17 * 1024 * 1024);
  const r = await run('parse', big);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /big\.txt'?: 17\.0 MB is over the 16 MB that parse reads/);
  const seed = path.join(root, 'test/fixtures/cnn-like.txt');
  const out = await run('parse', seed);
  assert.equal(out.code, 0);
  const text = readFileSync(seed, 'utf8').replace(/^\uFEFF/, '');
  assert.equal(out.stdout, `${JSON.stringify(parse(text), null, 2)}\n`);
});
