import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeAnnotations } from '../../src/core/annotations/merge';
import type { Annotation } from '../../src/core/annotations/schema';

const at = '2025-01-01T00:00:00.000Z';
const a = (id: string, note = '', start = 0): Annotation => ({
  id, tag: 'claim', target: { start, end: start + 1, exact: 'x', prefix: '', suffix: '' },
  attributes: {}, note, author: '', created: at, modified: at,
});
let n = 0;
const ids = () => `copy-${++n}`;
const notes = (list: Annotation[]) => Object.fromEntries(list.map((x) => [x.id, x.note]));

test('changes on one side win; additions on both sides are kept', () => {
  const base = [a('1'), a('2')];
  const ours = [a('1', 'ours'), a('2'), a('3', 'new here')];
  const theirs = [a('1'), a('2', 'theirs'), a('4', 'new there')];
  const r = mergeAnnotations(base, ours, theirs, ids);
  assert.deepEqual(notes(r.annotations), { '1': 'ours', '2': 'theirs', '3': 'new here', '4': 'new there' });
  assert.deepEqual(r.conflicts, []);
});

test('a deletion on one side wins over no change on the other', () => {
  const base = [a('1'), a('2')];
  const r = mergeAnnotations(base, [a('2')], [a('1')], ids);
  assert.deepEqual(r.annotations, []);
});

test('a change beats a deletion: nothing edited is lost', () => {
  const base = [a('1'), a('2')];
  const r = mergeAnnotations(base, [a('1', 'edited'), a('2')], [a('2', 'edited too')], ids);
  assert.deepEqual(notes(r.annotations), { '1': 'edited', '2': 'edited too' });
});

test('both sides changed the same annotation: both versions kept and reported', () => {
  n = 0;
  const r = mergeAnnotations([a('1')], [a('1', 'ours')], [a('1', 'theirs')], ids);
  assert.deepEqual(notes(r.annotations), { '1': 'theirs', 'copy-1': 'ours' });
  assert.deepEqual(r.conflicts, [{ id: '1', copyId: 'copy-1' }]);
});

test('the same change on both sides is no conflict', () => {
  const r = mergeAnnotations([a('1')], [a('1', 'same')], [a('1', 'same')], ids);
  assert.deepEqual(notes(r.annotations), { '1': 'same' });
  assert.deepEqual(r.conflicts, []);
});
