import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  SIDECAR_SUFFIX,
  createSidecar,
  describeDocument,
  documentPathForSidecar,
  formatProblem,
  generatedSchemas,
  isSidecarPath,
  newAnnotation,
  parseSidecar,
  serializeSidecar,
  sha256Hex,
  sidecarPathFor,
  makeTarget,
  type Problem,
  type Sidecar,
} from '../../src/core/annotations/index';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/sidecars');
const DOC = '000_960fc4c8afcb4f95.txt';
const SIDECAR = `${DOC}.annotations.json`;
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

function valid(): Sidecar {
  const r = parseSidecar(fixture(SIDECAR), SIDECAR);
  assert.ok(r.ok, JSON.stringify(r));
  return r.sidecar;
}

/** Parses `value` (an object made from the valid fixture) and returns the formatted problems. */
function problemsOf(value: unknown): string[] {
  const r = parseSidecar(JSON.stringify(value, null, 2), SIDECAR);
  assert.equal(r.ok, false, 'expected the sidecar to be rejected');
  return r.ok ? [] : r.problems.map(formatProblem);
}

function validJson(): Record<string, any> {
  return JSON.parse(fixture(SIDECAR));
}

test('sidecar paths: X.txt ↔ X.txt.annotations.json, for file paths and URIs', () => {
  assert.equal(sidecarPathFor('dir/X.txt'), 'dir/X.txt.annotations.json');
  assert.equal(sidecarPathFor('file:///w/a%20b/000_x.txt'), 'file:///w/a%20b/000_x.txt.annotations.json');
  assert.equal(documentPathForSidecar('dir/X.txt.annotations.json'), 'dir/X.txt');
  assert.equal(documentPathForSidecar('C:\\w\\X.txt.annotations.json'), 'C:\\w\\X.txt');
  assert.equal(documentPathForSidecar('dir/X.txt'), null);
  assert.equal(documentPathForSidecar('dir/.annotations.json'), null);
  assert.equal(isSidecarPath('a/b.txt' + SIDECAR_SUFFIX), true);
  for (const p of ['a/X.txt', 'b/000_1.txt', 'file:///c/d.txt']) assert.equal(documentPathForSidecar(sidecarPathFor(p)), p);
});

test('a valid hand-written sidecar is accepted, matching its document', async () => {
  const sidecar = valid();
  assert.equal(sidecar.annotations.length, 4);
  const text = fixture(DOC);
  assert.equal(sidecar.document.sha256, await sha256Hex(text));
  assert.equal(sidecar.document.length, text.length);
  for (const a of sidecar.annotations) {
    assert.equal(text.slice(a.target.start, a.target.end), a.target.exact);
    assert.deepEqual(makeTarget(text, a.target.start, a.target.end), {
      start: a.target.start,
      end: a.target.end,
      exact: a.target.exact,
      prefix: a.target.prefix,
      suffix: a.target.suffix,
    });
  }
});

test('serialisation is byte-exact for the canonical fixture and idempotent', () => {
  const text = fixture(SIDECAR);
  const once = serializeSidecar(valid());
  assert.equal(once, text);
  const again = parseSidecar(once, SIDECAR);
  assert.ok(again.ok);
  assert.equal(serializeSidecar(again.sidecar), once);
});

test('a version 1 sidecar is read (one status for everybody, no relations) and written as version 2', () => {
  const r = parseSidecar(fixture('v1.annotations.json'), 'v1.annotations.json');
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.sidecar.version, 1);
  assert.deepEqual(r.sidecar.relations, []);
  const v1 = JSON.parse(fixture('v1.annotations.json'));
  const withStatus = parseSidecar(JSON.stringify({ ...v1, status: 'done' }), 'v1.annotations.json');
  assert.ok(withStatus.ok);
  assert.deepEqual(withStatus.sidecar.status, { '': { status: 'done' } });
  const written = JSON.parse(serializeSidecar(withStatus.sidecar));
  assert.equal(written.version, 2);
  assert.deepEqual(written.relations, []);
  assert.deepEqual(written.status, { '': { status: 'done' } });
  assert.deepEqual(written.annotations, v1.annotations);
});

test('relations are written sorted by from, to, type, id, with their keys in order', () => {
  const sidecar = valid();
  const base = sidecar.relations[0]!;
  const shuffled: Sidecar = {
    ...sidecar,
    relations: [
      { ...base, id: 'z', type: 'supports' },
      { modified: base.modified, created: base.created, note: '', author: '', attributes: { b: 1, a: 2 }, to: base.to, from: base.from, type: 'attributed-to', id: 'y' },
      base,
    ],
  };
  const out = JSON.parse(serializeSidecar(shuffled));
  assert.deepEqual(out.relations.map((r: { id: string }) => r.id), [base.id, 'y', 'z']);
  assert.deepEqual(Object.keys(out.relations[1]), ['id', 'type', 'from', 'to', 'attributes', 'note', 'author', 'created', 'modified']);
  assert.deepEqual(Object.keys(out.relations[1].attributes), ['a', 'b']);
});

test('relations are checked: endpoints are annotations of the sidecar, never the same one; ids are unique', () => {
  const v = validJson();
  const good = v.relations[0];
  v.relations.push({ ...good, id: good.id });
  v.relations.push({ ...good, id: 'r-dangling', to: 'nope' });
  v.relations.push({ ...good, id: 'r-self', to: good.from });
  assert.deepEqual(problemsOf(v), [
    `${SIDECAR}: relations.1.id: duplicate id '${good.id}' (also relations.0.id)`,
    `${SIDECAR}: relations.2.to: 'nope' is not the id of an annotation of this sidecar`,
    `${SIDECAR}: relations.3.to: a relation cannot link an annotation to itself`,
  ]);
});

test('serialisation orders annotations and keys, fills defaults, keeps unknown fields at every level', () => {
  const input = parseSidecar(fixture('unordered.input.json'), 'unordered.input.json');
  assert.ok(input.ok, JSON.stringify(input));
  const out = serializeSidecar(input.sidecar);
  assert.equal(out, fixture('unordered.expected.json'));
  assert.ok(out.endsWith('}\n') && !out.endsWith('\n\n'));
  const back = JSON.parse(out);
  assert.deepEqual(back['x-tool'], { zeta: 1, alpha: [{ b: 2, a: 1 }] });
  assert.equal(back.document['x-encoding'], 'utf-8');
  assert.equal(back.annotations[1]['x-reviewer'], 'sam');
  assert.equal(back.annotations[1].target['x-confidence'], 0.9);
  assert.equal(back.annotations[1].attributes['x-extra'], true);
  assert.equal(back.annotations[0].status, 'orphaned');
  // Idempotent.
  const again = parseSidecar(out, 'x');
  assert.ok(again.ok);
  assert.equal(serializeSidecar(again.sidecar), out);
});

test('serialisation sorts annotations by start, end, id', () => {
  const base = valid();
  const [a, b, c] = base.annotations;
  const tie = { ...b!, id: '0-first', target: { ...b!.target } };
  const shuffled: Sidecar = { ...base, annotations: [c!, b!, tie, a!] };
  const ids = JSON.parse(serializeSidecar(shuffled)).annotations.map((x: { id: string }) => x.id);
  assert.deepEqual(ids, [a!.id, '0-first', b!.id, c!.id]);
});

test('a truncated file is rejected with line:column', () => {
  const text = fixture(SIDECAR);
  const cut = text.slice(0, Math.floor(text.length / 2));
  const r = parseSidecar(cut, SIDECAR);
  assert.ok(!r.ok);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0]!;
  const lines = cut.split('\n');
  assert.equal(p.line, lines.length);
  assert.equal(p.column, lines[lines.length - 1]!.length + 1);
  assert.match(formatProblem(p), new RegExp(`^${SIDECAR.replace(/\./g, '\\.')}:${p.line}:${p.column}: invalid JSON: unexpected end of file.*truncated`));
});

test('bad JSON is reported at the offending character', () => {
  const cases: Array<[string, number, number, RegExp]> = [
    ['{\n  "version": 1,\n  "document": }', 3, 15, /unexpected '}', expected a value/],
    ['{\n  "a": 1,\n}', 3, 1, /no trailing comma/],
    ['{"a": "x\ny"}', 1, 9, /strings cannot contain raw line breaks/],
    ['{"a": 1} x', 1, 10, /expected end of file/],
    ['', 1, 1, /the file is empty/],
    ['   \n', 2, 1, /the file is empty/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
  ];
  for (const [json, line, column, message] of cases) {
    const r = parseSidecar(json, 's.json');
    assert.ok(!r.ok, json);
    const p = r.problems[0]!;
    assert.deepEqual([p.line, p.column], [line, column], `${JSON.stringify(json)}: ${p.message}`);
    assert.match(p.message, message);
  }
  // A UTF-8 BOM before the JSON is tolerated.
  assert.ok(parseSidecar(`\uFEFF${fixture(SIDECAR)}`, SIDECAR).ok);
});

test('schema errors name the sidecar file and the field path', () => {
  const v = validJson();
  v.annotations[3].target.start = '265';
  v.annotations[1].tag = 42;
  delete v.annotations[0].created;
  v.document.sha256 = 'xyz';
  v.annotations[2].target.end = -1;
  assert.deepEqual(problemsOf(v), [
    `${SIDECAR}: document.sha256: must be 64 lower-case hex digits, got the string "xyz"`,
    `${SIDECAR}: annotations.0.created: missing (expected a string)`,
    `${SIDECAR}: annotations.1.tag: expected a string, got the number 42`,
    `${SIDECAR}: annotations.2.target.end: must be at least 0, got the number -1`,
    `${SIDECAR}: annotations.3.target.start: expected a number, got the string "265"`,
  ]);
});

test('wrong types at the top level and in arrays are reported', () => {
  assert.deepEqual(problemsOf([]), [`${SIDECAR}: (root): expected a JSON object with "version", "document" and "annotations"`]);
  const v = validJson();
  v.annotations = { 0: v.annotations[0] };
  delete v.document;
  assert.deepEqual(problemsOf(v), [
    `${SIDECAR}: document: missing (expected an object)`,
    `${SIDECAR}: annotations: expected an array, got an object`,
  ]);
  const w = validJson();
  w.annotations[0].target.start = 1.5;
  w.annotations[0].created = 'yesterday';
  w.annotations[1].status = 'lost';
  assert.deepEqual(problemsOf(w), [
    `${SIDECAR}: annotations.0.target.start: expected an integer, got the number 1.5`,
    `${SIDECAR}: annotations.0.created: must be an ISO 8601 date-time with Z or an offset (e.g. "2024-05-01T12:00:00Z"), got the string "yesterday"`,
    `${SIDECAR}: annotations.1.status: must be "orphaned", got the string "lost"`,
  ]);
});

test('span consistency and unique ids are checked', () => {
  const v = validJson();
  v.relations = [];
  v.annotations[0].target.exact = 'The city';
  v.annotations[1].target.end = v.annotations[1].target.start;
  v.annotations[2].id = v.annotations[3].id;
  v.annotations[3].target.end = 400;
  v.annotations[3].target.exact = 'x'.repeat(400 - 265);
  assert.deepEqual(problemsOf(v), [
    `${SIDECAR}: annotations.0.target.exact: has 8 characters but the span 104–166 has 62`,
    `${SIDECAR}: annotations.1.target.end: must be greater than start (185), got 185`,
    `${SIDECAR}: annotations.3.target.end: 400 is past the end of the document (document.length is 350)`,
    `${SIDECAR}: annotations.3.id: duplicate id 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a55' (also annotations.2.id)`,
  ]);
  // An orphaned annotation may point past the end: its offsets refer to an older text.
  const w = validJson();
  w.annotations[3].target.end = 400;
  w.annotations[3].target.exact = 'x'.repeat(400 - 265);
  w.annotations[3].status = 'orphaned';
  assert.ok(parseSidecar(JSON.stringify(w), SIDECAR).ok);
});

test('a newer version is read-only: clear message, best-effort content, never serialised', () => {
  const v = validJson();
  v.version = 3;
  v.annotations[0]['new-in-v3'] = { x: 1 };
  const r = parseSidecar(JSON.stringify(v), SIDECAR);
  assert.ok(!r.ok);
  assert.equal(r.readOnly, true);
  assert.equal(r.version, 3);
  assert.equal(r.problems.length, 1);
  assert.match(formatProblem(r.problems[0]!), /^000_960fc4c8afcb4f95\.txt\.annotations\.json: version: format version 3 is newer than this Seed Annotator supports \(2\); the file is read-only/);
  assert.equal(r.sidecar?.annotations.length, 4);
  assert.throws(() => serializeSidecar({ ...r.sidecar!, version: 3 as 2 }), /cannot write sidecar version 3/);
  // A newer file that does not fit version 2 is still read-only, without content.
  const w = { version: 4, whatever: true };
  const r2 = parseSidecar(JSON.stringify(w), SIDECAR);
  assert.ok(!r2.ok && r2.readOnly && r2.sidecar === undefined);
  // Older or odd versions are plain errors.
  const x = validJson();
  x.version = 0;
  const r3 = parseSidecar(JSON.stringify(x), SIDECAR);
  assert.ok(!r3.ok && !r3.readOnly);
  assert.deepEqual(r3.problems.map(formatProblem), [`${SIDECAR}: version: must be one of 2, 1; got the number 0`]);
});

test('problems format as <file>: <path>: <message>, warnings marked', () => {
  const p: Problem = { file: 'a.json', path: 'annotations.0.attributes.x', message: 'm', severity: 'warning' };
  assert.equal(formatProblem(p), 'a.json: annotations.0.attributes.x: warning: m');
  assert.equal(formatProblem({ ...p, severity: 'error', path: '' }), 'a.json: (root): m');
});

test('describeDocument and newAnnotation build a sidecar that round-trips', async () => {
  const text = fixture(DOC);
  const document = await describeDocument(DOC, text, 'https://lite.cnn.com/2024/01/25/politics/example');
  assert.equal(document.sha256, 'e7929e235941abea47fda7a7b53a5ec1580a143d40eac907241e944f5b30d423');
  assert.equal(await sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  for (const s of ['é😀\r\n', '\u00a0x', 'a\ud800b']) {
    assert.equal(await sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'));
  }
  const a = newAnnotation({ tag: 'claim', target: makeTarget(text, 104, 166), now: new Date('2024-05-01T12:00:00Z') });
  assert.match(a.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(a.created, '2024-05-01T12:00:00.000Z');
  const sidecar = createSidecar(document, [a]);
  const json = serializeSidecar(sidecar);
  const back = parseSidecar(json, 'x');
  assert.ok(back.ok, JSON.stringify(back));
  assert.equal(serializeSidecar(back.sidecar), json);
});

test('the committed JSON Schemas equal freshly generated ones', () => {
  const schemas = generatedSchemas();
  assert.deepEqual(Object.keys(schemas).sort(), ['annotation-tags.schema.json', 'annotations.schema.json']);
  for (const [file, text] of Object.entries(schemas)) {
    const committed = readFileSync(path.join(import.meta.dirname, '../../schemas', file), 'utf8');
    assert.equal(committed, text, `schemas/${file} is stale: run 'node --import tsx scripts/gen-schemas.ts'`);
  }
  const sidecarSchema = JSON.parse(schemas['annotations.schema.json']!);
  const annotation = sidecarSchema.properties.annotations.items;
  assert.match(annotation.properties.status.description, /orphaned/);
  assert.deepEqual(annotation.properties.status.enum, ['orphaned']);
  assert.deepEqual(sidecarSchema.additionalProperties, {});
});
