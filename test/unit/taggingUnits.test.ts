// "Tag next" (src/core/taggingUnits.ts): the quotations and sentences it walks, and which one comes next.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../src/core/parse';
import { isAfter, nextUntagged, unitsOf } from '../../src/core/taggingUnits';

const text = [
  'Source: https://news.example/a',
  '',
  'Headline “with a quote”',
  '',
  '  By A Writer, News',
  ' ',
  '  The council met on Monday. “We will build it,” Mayor Ana Ruiz said. Costs rose 3.5% in 2024.',
  ' ',
  '  “Nobody expected it.”',
  ' ',
  '  Dr. Lee disagreed.',
  '',
].join('\n');
const doc = parse(text);
const slices = (units: Array<{ start: number; end: number }>) => units.map((u) => text.slice(u.start, u.end));

test('units: quotes and the sentences with a checkable signal, in document order; nothing trivial, nothing overlapping', () => {
  const units = unitsOf(text, doc);
  assert.deepEqual(slices(units), ['“We will build it,”', 'Costs rose 3.5% in 2024.', '“Nobody expected it.”']);
  assert.deepEqual(units.map((u) => u.kind), ['quotation', 'sentence', 'quotation']);
  assert.equal(units[0]!.speaker, 'Ana Ruiz', 'the speaker, title dropped');
  assert.equal(units[0]!.cue, 'said');
  assert.equal(units[2]!.speaker, 'Ana Ruiz', 'a quote opening the paragraph after one of Ana Ruiz continues it');
});

test('units: Tag next proposes no trivial sentence, no fragment after an ellipsis, no sentence around a quote', () => {
  const t = [
    'Headline',
    '',
    '  Freight operators were less patient. Prices went up… and then fell by 4% in May. “It is over,” Perrin said, “for 2025.” The port will reopen in 2027.',
    '',
  ].join('\n');
  const units = unitsOf(t, parse(t));
  assert.deepEqual(
    units.map((u) => t.slice(u.start, u.end)),
    ['Prices went up… and then fell by 4% in May.', '“It is over,”', '“for 2025.”', 'The port will reopen in 2027.'],
  );
  assert.deepEqual(units.map((u) => u.speaker), [undefined, 'Perrin', 'Perrin', undefined], 'a speaker inside a split quote');
});

test('isAfter: a caret counts from itself; a span counts what starts later, or at its start and is shorter', () => {
  assert.ok(isAfter({ start: 5, end: 9 }, { start: 5, end: 5 }));
  assert.ok(!isAfter({ start: 4, end: 9 }, { start: 5, end: 5 }));
  assert.ok(isAfter({ start: 6, end: 7 }, { start: 5, end: 9 }));
  assert.ok(isAfter({ start: 5, end: 7 }, { start: 5, end: 9 }));
  assert.ok(!isAfter({ start: 5, end: 9 }, { start: 5, end: 9 }));
});

test('nextUntagged walks unit by unit and skips what overlaps a tagged span', () => {
  const units = unitsOf(text, doc);
  const spanOf = (s: string) => {
    const start = text.indexOf(s);
    return { start, end: start + s.length };
  };
  let current = { start: 0, end: 0 };
  const visited: string[] = [];
  const tagged: Array<{ start: number; end: number }> = [spanOf('Costs rose 3.5% in 2024.')];
  for (;;) {
    const next = nextUntagged(units, tagged, current);
    if (!next) break;
    visited.push(text.slice(next.start, next.end));
    tagged.push(next);
    current = next;
  }
  assert.deepEqual(visited, ['“We will build it,”', '“Nobody expected it.”']);
  assert.equal(nextUntagged(units, tagged, { start: 0, end: 0 }), null, 'everything is tagged');
});
