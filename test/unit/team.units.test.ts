import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Annotation, Relation } from '../../src/core/annotations/schema';
import { buildUnits, matchOneToOne, matchRelations, type Unit } from '../../src/core/team/units';

const at = '2025-01-01T00:00:00.000Z';
let n = 0;
const ann = (author: string, tag: string, start: number, end: number, attributes: Record<string, unknown> = {}, extra: Partial<Annotation> = {}): Annotation => ({
  id: `${author || 'anon'}-${++n}`, tag, target: { start, end, exact: 'x'.repeat(end - start), prefix: '', suffix: '' },
  attributes, note: '', author, created: at, modified: at, ...extra,
});
const rel = (author: string, type: string, from: Annotation, to: Annotation, attributes: Record<string, unknown> = {}): Relation => ({
  id: `rel-${++n}`, type, from: from.id, to: to.id, attributes, note: '', author, created: at, modified: at,
});
const summary = (units: Unit[]) => units.map((u) => `${u.kind} ${u.tag ?? '*'} ${u.start}-${u.end} ${Object.keys(u.versions).join('+')}`);

test('every kind of unit, two annotators', () => {
  const units = buildUnits([
    ann('ann', 'claim', 0, 10, { verdict: 'false' }), ann('bob', 'claim', 0, 10, { verdict: 'false' }),
    ann('ann', 'claim', 20, 30, { verdict: 'false' }), ann('bob', 'claim', 20, 30, { verdict: 'true' }),
    ann('ann', 'quote', 40, 50), ann('bob', 'source', 40, 50),
    ann('ann', 'claim', 60, 70), ann('bob', 'claim', 62, 75),
    ann('bob', 'source', 80, 85),
  ]);
  assert.deepEqual(summary(units), [
    'agreed claim 0-10 ann+bob',
    'attributes-differ claim 20-30 ann+bob',
    'label-differs * 40-50 ann+bob',
    'span-differs claim 60-75 ann+bob',
    'single source 80-85 bob',
  ]);
  assert.deepEqual(units.map((u) => u.id), ['u:0-10:claim:0', 'u:20-30:claim:0', 'u:40-50:*:0', 'u:60-75:claim:0', 'u:80-85:source:0']);
});

test('attribute key order does not make a difference; the note does not count', () => {
  const [u] = buildUnits([ann('a', 'claim', 0, 5, { x: '1', y: '2' }), ann('b', 'claim', 0, 5, { y: '2', x: '1' }, { note: 'mine' })]);
  assert.equal(u!.kind, 'agreed');
});

test('exact spans are matched before overlapping ones', () => {
  // b's 0-10 equals a's first span; a's longer 0-20 would overlap it more but is matched to b's 5-20.
  const units = buildUnits([ann('a', 'claim', 0, 10), ann('a', 'claim', 5, 20), ann('b', 'claim', 0, 10), ann('b', 'claim', 4, 20)]);
  assert.deepEqual(summary(units), ['agreed claim 0-10 a+b', 'span-differs claim 4-20 a+b']);
});

test('overlaps are matched one to one by the largest overlap; touching spans do not overlap', () => {
  const units = buildUnits([ann('a', 'claim', 0, 10), ann('b', 'claim', 2, 10), ann('b', 'claim', 8, 30), ann('c', 'claim', 10, 12)]);
  assert.deepEqual(summary(units), ['span-differs claim 0-10 a+b', 'span-differs claim 8-30 b+c']);
});

test('different tags are matched only on one same span', () => {
  const units = buildUnits([ann('a', 'claim', 0, 10), ann('b', 'quote', 0, 11)]);
  assert.deepEqual(summary(units), ['single claim 0-10 a', 'single quote 0-11 b']);
});

test('three annotators: one unit per thing, at most one version each', () => {
  const units = buildUnits([
    ann('c', 'claim', 0, 10), ann('a', 'claim', 0, 10), ann('b', 'claim', 1, 10), ann('b', 'claim', 0, 3),
  ]);
  assert.deepEqual(summary(units), ['single claim 0-3 b', 'span-differs claim 0-10 a+b+c']);
  assert.deepEqual(Object.values(units[1]!.versions).map((v) => v.target.start), [0, 1, 0]);
});

test('an annotator\'s duplicates are not merged into one unit', () => {
  const units = buildUnits([ann('a', 'claim', 0, 10), ann('a', 'claim', 0, 10), ann('b', 'claim', 0, 10)]);
  assert.deepEqual(summary(units), ['agreed claim 0-10 a+b', 'single claim 0-10 a']);
  assert.deepEqual(units.map((u) => u.id), ['u:0-10:claim:0', 'u:0-10:claim:1']);
});

test('orphans and gold annotations are left out; annotator and tag filters apply', () => {
  const gold = ann('cur', 'claim', 0, 10, {}, { curation: { from: [], decision: 'added' } });
  const list = [ann('a', 'claim', 0, 10), ann('b', 'claim', 0, 10, {}, { status: 'orphaned' }), gold, ann('c', 'quote', 0, 10)];
  assert.deepEqual(summary(buildUnits(list)), ['label-differs * 0-10 a+c']);
  assert.deepEqual(summary(buildUnits(list, { tags: ['claim'] })), ['single claim 0-10 a']);
  assert.deepEqual(summary(buildUnits(list, { annotators: ['c'] })), ['single quote 0-10 c']);
  assert.deepEqual(summary(buildUnits(list, { skipGold: false, tags: ['claim'] })), ['agreed claim 0-10 a+cur']);
});

test('matchOneToOne: exact first, then largest overlap, one to one', () => {
  const left = [{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 40, end: 41 }];
  const right = [{ start: 5, end: 25 }, { start: 0, end: 10 }, { start: 22, end: 29 }];
  assert.deepEqual(matchOneToOne(left, right), [[0, 1], [1, 2]]);
});

test('property: units partition the usable annotations, one version per annotator, kinds consistent', () => {
  const arb = fc.array(
    fc.record({ who: fc.constantFrom('a', 'b', 'c'), tag: fc.constantFrom('claim', 'quote'), start: fc.nat(40), len: fc.integer({ min: 1, max: 12 }), v: fc.constantFrom('x', 'y') }),
    { maxLength: 25 },
  );
  fc.assert(
    fc.property(arb, (specs) => {
      const list = specs.map((s) => ann(s.who, s.tag, s.start, s.start + s.len, { v: s.v }));
      const units = buildUnits(list);
      const ids = units.flatMap((u) => Object.values(u.versions).map((v) => v.id)).sort();
      assert.deepEqual(ids, list.map((a) => a.id).sort());
      assert.equal(new Set(units.map((u) => u.id)).size, units.length);
      for (const u of units) {
        for (const [who, v] of Object.entries(u.versions)) assert.equal(v.author, who);
        const vs = Object.values(u.versions);
        if (u.kind === 'single') assert.equal(vs.length, 1);
        if (u.tag) assert.ok(vs.every((v) => v.tag === u.tag));
        if (u.kind === 'agreed') assert.ok(vs.every((v) => v.target.start === u.start && v.target.end === u.end && v.attributes.v === vs[0]!.attributes.v));
        if (vs.length > 1 && u.kind !== 'label-differs') assert.ok(vs.every((v) => v.target.start < u.end && v.target.end > u.start));
      }
      // Matching is independent of the input order.
      assert.deepEqual(summary(buildUnits([...list].reverse())), summary(units));
    }),
  );
});

test('matchRelations: same type between the same units is one relation unit', () => {
  const [qa, sa, qb, sb, sb2] = [ann('a', 'quote', 0, 10), ann('a', 'source', 12, 15), ann('b', 'quote', 0, 10), ann('b', 'source', 12, 15), ann('b', 'source', 20, 25)];
  const units = buildUnits([qa!, sa!, qb!, sb!, sb2!]);
  const rels = matchRelations(units, [
    rel('a', 'attributed-to', qa!, sa!), rel('b', 'attributed-to', qb!, sb!, { certain: 'no' }),
    rel('b', 'attributed-to', qb!, sb2!), rel('a', 'same-as', sa!, qa!), rel('b', 'same-as', qb!, sb!),
  ], { symmetric: ['same-as'] });
  assert.deepEqual(rels.map((r) => `${r.kind} ${r.type} ${r.from}>${r.to} ${Object.keys(r.versions).join('+')}`), [
    'attributes-differ attributed-to u:0-10:quote:0>u:12-15:source:0 a+b',
    'single attributed-to u:0-10:quote:0>u:20-25:source:0 b',
    'agreed same-as u:0-10:quote:0>u:12-15:source:0 a+b',
  ]);
});
