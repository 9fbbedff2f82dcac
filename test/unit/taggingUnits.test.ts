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

test('units: body sentences and outermost quotations in document order; no headline; a sentence that is a quotation once', () => {
  const units = unitsOf(text, doc);
  assert.deepEqual(slices(units), [
    'The council met on Monday.',
    '“We will build it,” Mayor Ana Ruiz said.',
    '“We will build it,”',
    'Costs rose 3.5% in 2024.',
    '“Nobody expected it.”',
    'Dr. Lee disagreed.',
  ]);
  assert.deepEqual(units.map((u) => u.kind), ['sentence', 'sentence', 'quotation', 'sentence', 'quotation', 'sentence']);
  assert.ok(units.every((u) => u.kind !== 'quotation' || u.quotation?.start === u.start));
});

test('isAfter: a caret counts from itself; a span counts what starts later, or at its start and is shorter', () => {
  assert.ok(isAfter({ start: 5, end: 9 }, { start: 5, end: 5 }));
  assert.ok(!isAfter({ start: 4, end: 9 }, { start: 5, end: 5 }));
  assert.ok(isAfter({ start: 6, end: 7 }, { start: 5, end: 9 }));
  assert.ok(isAfter({ start: 5, end: 7 }, { start: 5, end: 9 }));
  assert.ok(!isAfter({ start: 5, end: 9 }, { start: 5, end: 9 }));
});

test('nextUntagged walks unit by unit and skips tagged ones', () => {
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
  assert.deepEqual(visited, [
    'The council met on Monday.',
    '“We will build it,” Mayor Ana Ruiz said.',
    '“We will build it,”',
    '“Nobody expected it.”',
    'Dr. Lee disagreed.',
  ]);
  assert.equal(nextUntagged(units, tagged, { start: 0, end: 0 }), null, 'everything is tagged');
});
