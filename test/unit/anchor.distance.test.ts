/**
 * The lower bound that lets alignments start with a small budget (distance.ts): the fewest edits
 * turning a pattern into some substring of a region, by bit-parallel blocks of 32 characters.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import search from 'approx-string-match';
import { align } from '../../src/core/anchoring/align';
import { PatternDistance } from '../../src/core/anchoring/distance';

/** Strings over a small alphabet (many near matches), with astral characters and NBSP. */
const text = (max: number) => fc.array(fc.constantFrom('a', 'b', 'c', ' ', '\u00a0', '“', '😀', '\n'), { maxLength: max }).map((parts) => parts.join(''));

test('PatternDistance.least equals approx-string-match’s fewest errors, for patterns of one to four blocks', () => {
  fc.assert(
    fc.property(text(140).filter((p) => p.length > 0), text(220), fc.nat(), fc.nat(), (pattern, region, a, b) => {
      const from = a % (region.length + 1);
      const to = from + (b % (region.length - from + 1));
      const found = search(region.slice(from, to), pattern, pattern.length);
      const expected = found.length > 0 ? found[0]!.errors : pattern.length;
      assert.equal(new PatternDistance(pattern).least(region, from, to), expected);
    }),
    { numRuns: 600 },
  );
});

test('one PatternDistance answers for several regions in a row, as for each alone', () => {
  const pattern = 'the council approved the budget on Tuesday after a long debate about schools';
  const distance = new PatternDistance(pattern);
  const doc = `${'x'.repeat(50)}the council approved a budget on Tuesday after long debate about schools${'y'.repeat(40)}${pattern}`;
  assert.equal(distance.least(doc, 0, 130), 5); // "the" → "a" (3), "a " deleted (2)
  assert.equal(distance.least(doc, 130, doc.length), 0);
  assert.equal(distance.least(doc, 0, 40), pattern.length);
  assert.equal(distance.least(doc, 0, 130), new PatternDistance(pattern).least(doc, 0, 130));
});

test('the alignment never costs fewer edits than the bound, and as few when it may start anywhere', () => {
  fc.assert(
    fc.property(text(30), text(40).filter((q) => q.length > 0), text(30), text(160), fc.nat(), (prefix, exact, suffix, region, a) => {
      const t = { prefix, exact, suffix, start: 0, end: exact.length };
      const bound = new PatternDistance(prefix + exact + suffix).least(region, 0, region.length);
      const free = align(region, t, 0, region.length, 1_000_000);
      if (free) assert.equal(free.cost, bound);
      const startLo = a % (region.length + 1);
      const pinned = align(region, t, 0, region.length, 1_000_000, startLo, startLo);
      if (pinned) assert.ok(pinned.cost >= bound);
    }),
    { numRuns: 400 },
  );
});

/** Levenshtein distance by the textbook table (the reference for `edits`). */
function levenshtein(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

test('PatternDistance.edits is the Levenshtein distance to exactly the region, for patterns of one to four blocks', () => {
  fc.assert(
    fc.property(text(140).filter((p) => p.length > 0), text(160), fc.nat(), fc.nat(), (pattern, region, a, b) => {
      const from = a % (region.length + 1);
      const to = from + (b % (region.length - from + 1));
      const distance = new PatternDistance(pattern);
      assert.equal(distance.edits(region, from, to), levenshtein(pattern, region.slice(from, to)));
      // The same object keeps answering the other question.
      assert.ok(distance.least(region, from, to) <= distance.edits(region, from, to));
    }),
    { numRuns: 600 },
  );
  assert.equal(new PatternDistance('petition').edits('the petitoin was', 4, 12), 2);
});

/** Fewest edits turning `pattern` into a substring of `text` that ends at `end`, by the textbook table. */
function endingAt(pattern: string, text: string, end: number): number {
  let best = Infinity;
  for (let start = 0; start <= end; start++) best = Math.min(best, levenshtein(pattern, text.slice(start, end)));
  return best;
}

test('PatternDistance.scores: per end position forwards, per start position backwards (reversed pattern)', () => {
  fc.assert(
    fc.property(text(70).filter((p) => p.length > 0), text(60), (pattern, region) => {
      const n = region.length;
      const forwards = new Int32Array(n);
      new PatternDistance(pattern).scores(region, 0, n, forwards);
      const backwards = new Int32Array(n);
      const reversed = (s: string) => s.split('').reverse().join('');
      new PatternDistance(reversed(pattern)).scores(region, 0, n, backwards, true);
      for (let i = 0; i < n; i++) {
        assert.equal(forwards[i], endingAt(pattern, region, i + 1), `ending at ${i + 1}`);
        assert.equal(backwards[i], endingAt(reversed(pattern), reversed(region), n - i), `starting at ${i}`);
      }
    }),
    { numRuns: 300 },
  );
});
