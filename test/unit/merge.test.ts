import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mergeSidecars } from '../../src/core/annotations/merge';
import { SidecarSchema, type Annotation, type Relation, type Sidecar } from '../../src/core/annotations/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/annotations/sidecar';

const at = '2025-01-01T00:00:00.000Z';
const later = '2025-02-01T00:00:00.000Z';
const a = (id: string, note = '', extra: Partial<Annotation> = {}): Annotation => ({
  id, tag: 'claim', target: { start: 0, end: 1, exact: 'x', prefix: '', suffix: '' },
  attributes: {}, note, author: '', created: at, modified: at, ...extra,
});
const rel = (id: string, from: string, to: string, note = ''): Relation => ({
  id, type: 'supports', from, to, attributes: {}, note, author: '', created: at, modified: at,
});
const doc = { file: 'd.txt', source: null, sha256: 'a'.repeat(64), length: 10 };
const side = (annotations: Annotation[], relations: Relation[] = [], extra: Partial<Sidecar> = {}): Sidecar => ({
  version: 2, document: doc, annotations, relations, ...extra,
});
let n = 0;
const ids = () => `copy-${++n}`;
const notes = (s: Sidecar) => Object.fromEntries(s.annotations.map((x) => [x.id, x.note]));

test('changes on one side win; additions on both sides are kept', () => {
  const base = side([a('1'), a('2')]);
  const ours = side([a('1', 'ours'), a('2'), a('3', 'new here')]);
  const theirs = side([a('1'), a('2', 'theirs'), a('4', 'new there')]);
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.deepEqual(notes(r.sidecar), { '1': 'ours', '2': 'theirs', '3': 'new here', '4': 'new there' });
  assert.deepEqual(r.conflicts, []);
});

test('a deletion on one side wins over no change on the other', () => {
  const r = mergeSidecars(side([a('1'), a('2')]), side([a('2')]), side([a('1')]), ids);
  assert.deepEqual(r.sidecar.annotations, []);
});

test('a change beats a deletion: nothing edited is lost', () => {
  const r = mergeSidecars(side([a('1'), a('2')]), side([a('1', 'edited'), a('2')]), side([a('2', 'edited too')]), ids);
  assert.deepEqual(notes(r.sidecar), { '1': 'edited', '2': 'edited too' });
});

test('changes to different fields of one annotation are combined, attributes key by key', () => {
  const base = side([a('1', '', { attributes: { verdict: 'unverified' } })]);
  const ours = side([a('1', 'a note', { attributes: { verdict: 'unverified', evidence: ['https://e.example/'] }, modified: later })]);
  const theirs = side([a('1', '', { tag: 'quote', attributes: { verdict: 'false' } })]);
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.deepEqual(r.conflicts, []);
  const [merged] = r.sidecar.annotations;
  assert.equal(merged!.note, 'a note');
  assert.equal(merged!.tag, 'quote');
  assert.deepEqual(merged!.attributes, { verdict: 'false', evidence: ['https://e.example/'] });
  assert.equal(merged!.modified, later);
});

test('the same field changed differently: both versions kept, marked and reported', () => {
  n = 0;
  const r = mergeSidecars(side([a('1')]), side([a('1', 'ours', { tag: 'quote' })]), side([a('1', 'theirs')]), ids);
  assert.deepEqual(notes(r.sidecar), { '1': 'theirs', 'copy-1': 'ours' });
  assert.deepEqual(r.conflicts, [{ kind: 'annotation', id: '1', copyId: 'copy-1' }]);
  const byId = new Map(r.sidecar.annotations.map((x) => [x.id, x]));
  assert.deepEqual(byId.get('1')!.conflict, { with: 'copy-1' });
  assert.deepEqual(byId.get('copy-1')!.conflict, { with: '1' });
  // Non-clashing changes are in both versions.
  assert.equal(byId.get('1')!.tag, 'quote');
  assert.equal(byId.get('copy-1')!.tag, 'quote');
  assert.ok(SidecarSchema.safeParse(r.sidecar).success);
});

test('the same change on both sides is no conflict', () => {
  const r = mergeSidecars(side([a('1')]), side([a('1', 'same')]), side([a('1', 'same')]), ids);
  assert.deepEqual(notes(r.sidecar), { '1': 'same' });
  assert.deepEqual(r.conflicts, []);
});

test('relations merge by id like annotations; the same link made on both sides is kept once', () => {
  const base = side([a('1'), a('2')]);
  const ours = side([a('1'), a('2')], [rel('r1', '1', '2')]);
  const theirs = side([a('1'), a('2')], [rel('r2', '1', '2')]);
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.equal(r.sidecar.relations.length, 1);
  const both = mergeSidecars(base, side([a('1'), a('2')], [rel('r1', '1', '2', 'ours')]), side([a('1'), a('2')], [rel('r2', '2', '1')]), ids);
  assert.deepEqual(both.sidecar.relations.map((x) => x.id).sort(), ['r1', 'r2']);
});

test('an annotation deleted on one side comes back when the other side links to it: no dangling relation', () => {
  const base = side([a('1'), a('2')]);
  const ours = side([a('2')]); // deleted 1
  const theirs = side([a('1'), a('2')], [rel('r', '1', '2')]); // linked 1 → 2
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.deepEqual(r.sidecar.annotations.map((x) => x.id).sort(), ['1', '2']);
  assert.ok(SidecarSchema.safeParse(r.sidecar).success);
});

test('per-annotator statuses merge per annotator; a v1 single status reads as annotator ""', () => {
  const base = side([], [], { status: 'in-progress' });
  const ours = side([], [], { status: { '': { status: 'in-progress' }, alice: { status: 'done', modified: later } } });
  const theirs = side([], [], { status: { '': { status: 'in-progress' }, bob: { status: 'in-progress', modified: at } } });
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.deepEqual(r.sidecar.status, {
    '': { status: 'in-progress' },
    alice: { status: 'done', modified: later },
    bob: { status: 'in-progress', modified: at },
  });
  const clash = mergeSidecars(side([]), side([], [], { status: { a: { status: 'done', modified: later } } }), side([], [], { status: { a: { status: 'todo', modified: at } } }), ids);
  assert.deepEqual(clash.sidecar.status, { a: { status: 'done', modified: later } });
});

test('unknown fields survive a merge, "__proto__" keys included', () => {
  const ours = JSON.parse('{"version":2,"document":{"file":"d.txt","source":null,"sha256":"' + 'a'.repeat(64) + '","length":10},"annotations":[],"relations":[],"x-ours":1,"__proto__":{"k":1}}') as Sidecar;
  const theirs = side([], [], { 'x-theirs': 2 });
  const r = mergeSidecars(side([]), ours, theirs, ids);
  assert.equal((r.sidecar as Record<string, unknown>)['x-ours'], 1);
  assert.equal((r.sidecar as Record<string, unknown>)['x-theirs'], 2);
  assert.ok(Object.prototype.hasOwnProperty.call(r.sidecar, '__proto__'));
});

test('offsets written for another version of the text are marked orphaned, to be re-anchored by their quote', () => {
  const base = side([a('1')]);
  const ours = side([a('1'), a('2', 'ours')]);
  const theirs = { ...side([a('1', '', { target: { start: 3, end: 4, exact: 'x', prefix: '', suffix: '' } })]), document: { ...doc, sha256: 'b'.repeat(64) } };
  const r = mergeSidecars(base, ours, theirs, ids);
  assert.equal(r.sidecar.document.sha256, 'b'.repeat(64));
  const byId = new Map(r.sidecar.annotations.map((x) => [x.id, x]));
  assert.equal(byId.get('1')!.status, undefined);
  assert.equal(byId.get('2')!.status, 'orphaned');
});

// ---------------------------------------------------------------------------------------------
// Property: merging any two edit sequences from one base never loses what either side kept.

type Edit = { kind: 'add'; note: string } | { kind: 'note'; pick: number; note: string } | { kind: 'delete'; pick: number } | { kind: 'link'; from: number; to: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), note: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('note' as const), pick: fc.nat(), note: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), from: fc.nat(), to: fc.nat() }),
);

function applyEdits(start: Sidecar, edits: readonly Edit[], prefix: string): Sidecar {
  let s = start;
  let k = 0;
  for (const e of edits) {
    const list = s.annotations;
    if (e.kind === 'add') {
      s = { ...s, annotations: [...list, a(`${prefix}${k++}`, e.note)] };
    } else if (list.length > 0 && e.kind === 'note') {
      const target = list[e.pick % list.length]!;
      s = { ...s, annotations: list.map((x) => (x.id === target.id ? { ...x, note: e.note } : x)) };
    } else if (list.length > 0 && e.kind === 'delete') {
      const target = list[e.pick % list.length]!;
      s = { ...s, annotations: list.filter((x) => x.id !== target.id), relations: s.relations.filter((r) => r.from !== target.id && r.to !== target.id) };
    } else if (list.length > 1 && e.kind === 'link') {
      const from = list[e.from % list.length]!.id;
      const to = list[e.to % list.length]!.id;
      if (from !== to) s = { ...s, relations: [...s.relations, rel(`${prefix}r${k++}`, from, to)] };
    }
  }
  return s;
}

test('property: a merge keeps every item either side added or changed, drops only unchanged deletions, and is valid', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 2 }), { maxLength: 5 }), fc.array(editArb, { maxLength: 12 }), fc.array(editArb, { maxLength: 12 }), (baseNotes, oursEdits, theirsEdits) => {
      const base = side(baseNotes.map((note, i) => a(`b${i}`, note)));
      const ours = applyEdits(base, oursEdits, 'o');
      const theirs = applyEdits(base, theirsEdits, 't');
      let copies = 0;
      const { sidecar } = mergeSidecars(base, ours, theirs, () => `c${copies++}`);
      assert.ok(SidecarSchema.safeParse(sidecar).success, 'the merge is a valid sidecar');
      const merged = sidecar.annotations;
      const mergedNotes = new Set(merged.map((x) => `${x.id.startsWith('c') ? '' : x.id}|${x.note}`));
      const baseById = new Map(base.annotations.map((x) => [x.id, x]));
      for (const [mine, other] of [[ours, theirs], [theirs, ours]] as const) {
        for (const x of mine.annotations) {
          const original = baseById.get(x.id);
          const changedHere = !original || original.note !== x.note;
          if (!changedHere) continue;
          // Added or changed on this side: present with this note (under its id, or as the kept copy of a conflict).
          assert.ok(mergedNotes.has(`${x.id}|${x.note}`) || merged.some((m) => m.note === x.note && m.conflict), `lost ${x.id}`);
        }
        for (const r of mine.relations) {
          if (!base.relations.some((b) => b.id === r.id)) assert.ok(sidecar.relations.some((m) => m.from === r.from && m.to === r.to && m.type === r.type), `lost link ${r.id}`);
        }
        void other;
      }
      // Round trip through the file format is stable.
      const text = serializeSidecar(sidecar);
      const again = parseSidecar(text, 'x');
      assert.ok(again.ok && serializeSidecar(again.sidecar) === text);
    }),
    { numRuns: 500 },
  );
});
