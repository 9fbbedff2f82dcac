import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { SidecarSchema, type Annotation, type Relation, type Sidecar } from '../../src/core/annotations/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/annotations/sidecar';
import { hasConflictMarkers, splitConflictMarkers } from '../../src/core/team/conflictMarkers';
import { keepVersion } from '../../src/core/team/conflicts';
import { mergeSidecarTexts } from '../../src/core/team/mergeDriver';
import { run } from './support/cli';

const at = '2025-01-01T00:00:00.000Z';
const later = '2025-02-01T00:00:00.000Z';
const TEXT = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.';
const doc = { file: 'd.txt', source: null, sha256: 'a'.repeat(64), length: TEXT.length };
const ann = (id: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
  id, tag: 'claim', target: { start, end, exact: TEXT.slice(start, end), prefix: '', suffix: '' },
  attributes: {}, note: '', author: 'alice', created: at, modified: at, ...extra,
});
const rel = (id: string, from: string, to: string, extra: Partial<Relation> = {}): Relation => ({
  id, type: 'supports', from, to, attributes: {}, note: '', author: 'alice', created: at, modified: at, ...extra,
});
const side = (annotations: Annotation[], relations: Relation[] = [], extra: Partial<Sidecar> = {}): Sidecar => ({ version: 2, document: doc, annotations, relations, ...extra });
const text = (s: Sidecar) => serializeSidecar(s);
let n = 0;
const ids = () => `copy-${++n}`;

function merged(base: Sidecar | null, ours: Sidecar, theirs: Sidecar) {
  const r = mergeSidecarTexts({ base: base ? text(base) : '', ours: text(ours), theirs: text(theirs) }, 'd.txt.annotations.json', ids);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  // Output is a valid, stably serialised sidecar: reading and writing it again gives the same bytes.
  const again = parseSidecar(r.text, 'x');
  assert.ok(again.ok);
  assert.equal(serializeSidecar(again.sidecar), r.text);
  return r;
}
const notes = (s: Sidecar) => Object.fromEntries(s.annotations.map((a) => [a.id, a.note]));

test('driver: additions on both sides are kept, in a stable order', () => {
  const base = side([ann('1', 0, 5)]);
  const r = merged(base, side([ann('1', 0, 5), ann('2', 6, 10)]), side([ann('1', 0, 5), ann('3', 11, 16, { author: 'bob' })]));
  assert.deepEqual(r.sidecar.annotations.map((a) => a.id), ['1', '2', '3']);
  assert.deepEqual(r.conflicts, []);
});

test('driver: the same file added on both sides (empty base) keeps both sets', () => {
  const r = merged(null, side([ann('a', 0, 5)]), side([ann('b', 6, 10, { author: 'bob' })]));
  assert.deepEqual(r.sidecar.annotations.map((a) => a.id).sort(), ['a', 'b']);
});

test('driver: a deletion is kept unless the other side changed that annotation', () => {
  const base = side([ann('1', 0, 5), ann('2', 6, 10)]);
  const r = merged(base, side([ann('2', 6, 10)]), side([ann('1', 0, 5), ann('2', 6, 10, { note: 'edited', modified: later })]));
  assert.deepEqual(notes(r.sidecar), { '2': 'edited' });
  const kept = merged(base, side([ann('2', 6, 10)]), side([ann('1', 0, 5, { note: 'edited', modified: later }), ann('2', 6, 10)]));
  assert.deepEqual(notes(kept.sidecar), { '1': 'edited', '2': '' });
});

test('driver: changes to different fields are combined, attributes key by key', () => {
  const base = side([ann('1', 0, 5, { attributes: { verdict: 'unverified' } })]);
  const r = merged(
    base,
    side([ann('1', 0, 5, { note: 'ours', attributes: { verdict: 'unverified', checkworthy: 'yes' }, modified: later })]),
    side([ann('1', 0, 5, { tag: 'quote', attributes: { verdict: 'false' } })]),
  );
  assert.deepEqual(r.conflicts, []);
  const [a] = r.sidecar.annotations;
  assert.equal(a!.note, 'ours');
  assert.equal(a!.tag, 'quote');
  assert.deepEqual(a!.attributes, { verdict: 'false', checkworthy: 'yes' });
});

test('driver: one field changed differently keeps both versions, marked, and reports the conflict', () => {
  n = 0;
  const r = merged(side([ann('1', 0, 5)]), side([ann('1', 0, 5, { note: 'ours' })]), side([ann('1', 0, 5, { note: 'theirs' })]));
  assert.deepEqual(notes(r.sidecar), { '1': 'theirs', 'copy-1': 'ours' });
  assert.deepEqual(r.conflicts, [{ kind: 'annotation', id: '1', copyId: 'copy-1' }]);
  assert.equal(r.sidecar.annotations.find((a) => a.id === '1')!.conflict!.with, 'copy-1');
  // One click keeps one version: the other goes, the mark goes, links follow.
  const withLink = { ...r.sidecar, relations: [rel('r', 'copy-1', '1')] };
  const kept = keepVersion(withLink.annotations, [...withLink.relations, rel('r2', 'copy-1', '1', { type: 'same-as' })], 'copy-1');
  assert.deepEqual(kept.annotations.map((a) => [a.id, a.note, a.conflict]), [['copy-1', 'ours', undefined]]);
  assert.deepEqual(kept.relations, []); // a link between the two versions would link the kept one to itself
});

test('driver: relations from both sides kept; a link to an annotation deleted on the other side brings it back', () => {
  const base = side([ann('1', 0, 5), ann('2', 6, 10)]);
  const r = merged(base, side([ann('1', 0, 5), ann('2', 6, 10)], [rel('r1', '1', '2')]), side([ann('1', 0, 5)]));
  assert.deepEqual(r.sidecar.annotations.map((a) => a.id), ['1', '2']);
  assert.deepEqual(r.sidecar.relations.map((x) => x.id), ['r1']);
});

test('driver: each annotator\'s status merges on its own', () => {
  const base = side([], [], { status: { alice: { status: 'todo', modified: at } } });
  const r = merged(
    base,
    side([], [], { status: { alice: { status: 'done', modified: later } } }),
    side([], [], { status: { alice: { status: 'todo', modified: at }, bob: { status: 'in-progress', modified: later } } }),
  );
  assert.deepEqual(r.sidecar.status, { alice: { status: 'done', modified: later }, bob: { status: 'in-progress', modified: later } });
});

test('driver: an unreadable version is refused with the side named; a version with markers too', () => {
  const r = mergeSidecarTexts({ base: '', ours: text(side([])), theirs: '{"version": 2' }, 'x.annotations.json');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.problems[0]!.file : '', /x\.annotations\.json \(theirs\)/);
  const marked = mergeSidecarTexts({ base: '', ours: '<<<<<<< ours\n{}\n=======\n{}\n>>>>>>> theirs\n', theirs: text(side([])) }, 'x');
  assert.equal(marked.ok, false);
  assert.match(!marked.ok ? marked.problems[0]!.message : '', /merge conflict/);
});

test('a sidecar with conflict markers is recognised as a merge conflict (CRLF too), and split into its sides', () => {
  const ours = text(side([ann('1', 0, 5)]));
  const theirs = text(side([ann('2', 6, 10)]));
  const conflicted = `{\n<<<<<<< HEAD\n  "a": 1\n||||||| base\n  "a": 0\n=======\n  "a": 2\n>>>>>>> other\n}\n`;
  assert.ok(hasConflictMarkers(conflicted));
  assert.ok(hasConflictMarkers(conflicted.replace(/\n/g, '\r\n')));
  assert.ok(!hasConflictMarkers(ours));
  assert.deepEqual(splitConflictMarkers(conflicted), { ours: '{\n  "a": 1\n}\n', theirs: '{\n  "a": 2\n}\n', base: '{\n  "a": 0\n}\n' });
  assert.equal(splitConflictMarkers('<<<<<<< a\nx\n'), null);
  const read = parseSidecar(`<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> b\n`, 'd.txt.annotations.json');
  assert.equal(read.ok, false);
  assert.ok(!read.ok && read.conflicted);
  assert.match(!read.ok ? read.problems[0]!.message : '', /^merge conflict/);
});

test('merge-driver CLI: writes the merge to OURS, exit 0; a conflict → exit 1, both versions in OURS', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-driver-'));
  try {
    const f = (name: string, s: Sidecar | string) => {
      writeFileSync(path.join(dir, name), typeof s === 'string' ? s : text(s));
      return path.join(dir, name);
    };
    const base = f('base', side([ann('1', 0, 5)]));
    let ours = f('ours', side([ann('1', 0, 5), ann('2', 6, 10)]));
    let theirs = f('theirs', side([ann('1', 0, 5), ann('3', 11, 16)]));
    let r = await run('merge-driver', base, ours, theirs, 'docs/d.txt.annotations.json');
    assert.equal(r.code, 0, r.stderr);
    const written = parseSidecar(readFileSync(ours, 'utf8'), 'ours');
    assert.ok(written.ok);
    assert.deepEqual(written.sidecar.annotations.map((a) => a.id), ['1', '2', '3']);

    ours = f('ours', side([ann('1', 0, 5, { note: 'ours' })]));
    theirs = f('theirs', side([ann('1', 0, 5, { note: 'theirs' })]));
    r = await run('merge-driver', base, ours, theirs, 'docs/d.txt.annotations.json');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /docs\/d\.txt\.annotations\.json: annotation 1 was changed differently on both sides/);
    const both = parseSidecar(readFileSync(ours, 'utf8'), 'ours');
    assert.ok(both.ok);
    assert.deepEqual(both.sidecar.annotations.map((a) => a.note).sort(), ['ours', 'theirs']);

    ours = f('ours', side([ann('1', 0, 5)]));
    theirs = f('theirs', '{ not json');
    r = await run('merge-driver', base, ours, theirs);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ours \(theirs\):1:3: invalid JSON/);
    assert.equal((await run('merge-driver', base, ours)).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Property: merging any two edit sequences from one base never loses an annotation either side kept.

type Edit =
  | { kind: 'add'; start: number; len: number; author: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'note'; pick: number; note: string }
  | { kind: 'attr'; pick: number; value: string }
  | { kind: 'tag'; pick: number; tag: string }
  | { kind: 'link'; from: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), start: fc.nat(TEXT.length - 2), len: fc.integer({ min: 1, max: 8 }), author: fc.constantFrom('alice', 'bob') }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), note: fc.string({ maxLength: 5 }) }),
  fc.record({ kind: fc.constant('attr' as const), pick: fc.nat(), value: fc.constantFrom('true', 'false', 'mixed') }),
  fc.record({ kind: fc.constant('tag' as const), pick: fc.nat(), tag: fc.constantFrom('claim', 'quote', 'source') }),
  fc.record({ kind: fc.constant('link' as const), from: fc.nat(), to: fc.nat() }),
);

function apply(start: Sidecar, edits: readonly Edit[], prefix: string): Sidecar {
  let annotations = [...start.annotations];
  let relations = [...start.relations];
  let k = 0;
  const pick = (i: number) => annotations[i % annotations.length]!;
  const change = (id: string, patch: Partial<Annotation>) => {
    annotations = annotations.map((a) => (a.id === id ? { ...a, ...patch, modified: later } : a));
  };
  for (const e of edits) {
    if (e.kind === 'add') {
      const end = Math.min(TEXT.length, e.start + e.len);
      annotations.push(ann(`${prefix}${++k}`, e.start, end, { author: e.author }));
      continue;
    }
    if (annotations.length === 0) continue;
    if (e.kind === 'delete') {
      const id = pick(e.pick).id;
      annotations = annotations.filter((a) => a.id !== id);
      relations = relations.filter((r) => r.from !== id && r.to !== id);
    } else if (e.kind === 'note') change(pick(e.pick).id, { note: e.note });
    else if (e.kind === 'attr') change(pick(e.pick).id, { attributes: { ...pick(e.pick).attributes, verdict: e.value } });
    else if (e.kind === 'tag') change(pick(e.pick).id, { tag: e.tag });
    else {
      const from = pick(e.from).id;
      const to = pick(e.to).id;
      if (from !== to && !relations.some((r) => r.from === from && r.to === to)) relations.push(rel(`${prefix}r${++k}`, from, to));
    }
  }
  return side(annotations, relations);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

test('property: merging two edit sequences from one base never loses an annotation either side kept', () => {
  const baseAnnotations = fc.uniqueArray(fc.record({ start: fc.nat(TEXT.length - 2), len: fc.integer({ min: 1, max: 8 }) }), { maxLength: 6, selector: (s) => s.start })
    .map((spans) => side(spans.map((s, i) => ann(`b${i}`, s.start, Math.min(TEXT.length, s.start + s.len)))));
  fc.assert(
    fc.property(baseAnnotations, fc.array(edit, { maxLength: 12 }), fc.array(edit, { maxLength: 12 }), (base, oursEdits, theirsEdits) => {
      const ours = apply(base, oursEdits, 'o');
      const theirs = apply(base, theirsEdits, 't');
      const r = mergeSidecarTexts({ base: text(base), ours: text(ours), theirs: text(theirs) }, 'p', ids);
      assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
      assert.ok(SidecarSchema.safeParse(r.sidecar).success);
      const result = r.sidecar.annotations;
      const baseById = new Map(base.annotations.map((a) => [a.id, a]));
      const kept = (a: Annotation, other: Sidecar) => {
        const original = baseById.get(a.id);
        // Kept by this side: new here, changed here, or still held by the other side too.
        return !original || !same(original, a) || other.annotations.some((o) => o.id === a.id);
      };
      for (const [mine, other] of [[ours, theirs], [theirs, ours]] as const) {
        for (const a of mine.annotations) {
          if (!kept(a, other)) continue;
          // Present under its id, or (a field clash) as a marked copy holding this side's version.
          const found = result.some((x) => x.id === a.id) || result.some((x) => x.conflict?.with === a.id && x.tag === a.tag && x.note === a.note);
          assert.ok(found, `annotation ${a.id} lost`);
        }
      }
      // Every relation's ends are in the result.
      const present = new Set(result.map((a) => a.id));
      for (const x of r.sidecar.relations) assert.ok(present.has(x.from) && present.has(x.to));
    }),
    { numRuns: 300 },
  );
});
