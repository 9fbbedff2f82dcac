/**
 * The cheap test that spares hopeless alignments (candidates.ts `mayBeAcceptable`) must never
 * rule out a region where the alignment is acceptable: checked on edited news articles, over
 * regions around every annotation's true place and elsewhere.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { align } from '../../src/core/anchoring/align';
import { acceptable, mayBeAcceptable } from '../../src/core/anchoring/candidates';
import { makeArticle } from '../../bench/corpus';
import { deletedQuotes, paragraphMoves, pickAnnotations, randomEdits } from '../../bench/anchor/scenarios';
import { Random } from '../../bench/prng';
import { makeTarget } from '../../src/core/annotations/anchor';

test('mayBeAcceptable is true wherever an alignment is acceptable (edited, moved and deleted quotes)', () => {
  let acceptedRegions = 0;
  let spared = 0;
  for (let i = 0; i < 40; i++) {
    const rng = new Random(900 + i);
    const article = makeArticle(rng, i, 2800);
    const spans = pickAnnotations(rng, article, 6);
    const make = [(r: Random) => randomEdits(r, article, spans, 0.25), (r: Random) => deletedQuotes(r, article, spans), (r: Random) => paragraphMoves(r, article, spans)][i % 3]!;
    const s = make(rng);
    s.targets.forEach((t, k) => {
      const truth = s.truths[k]!;
      const m = t.exact.length;
      for (const centre of [truth.start, t.start, rng.int(0, s.edited.length)]) {
        const from = Math.max(0, centre - t.prefix.length - 40);
        const to = Math.min(s.edited.length, centre + 2 * m + t.suffix.length + 40);
        const p = align(s.edited, t, from, to, 1_000_000);
        const hopeful = mayBeAcceptable(s.edited, t, from, to);
        if (p && acceptable(p, t)) {
          acceptedRegions++;
          assert.ok(hopeful, `${JSON.stringify(t.exact)} in ${JSON.stringify(s.edited.slice(from, to))}`);
        } else if (!hopeful) spared++;
      }
    });
  }
  assert.ok(acceptedRegions > 100, `${acceptedRegions} regions with an acceptable alignment`);
  assert.ok(spared > 50, `${spared} hopeless regions recognised`);
});

test('mayBeAcceptable rules out a quote deleted between its intact contexts, and keeps one edited in place', () => {
  const before = 'The committee met on Tuesday. Some commuters called the decision ';
  const quote = '“a sticking plaster for a much deeper problem”';
  const after = ', while others said it was a fair compromise. The regulator said nothing.';
  const original = before + quote + after;
  const t = makeTarget(original, before.length, before.length + quote.length);
  const deleted = before + after;
  assert.equal(mayBeAcceptable(deleted, t, 0, deleted.length), false);
  const edited = before + '“a sticking plaster for a deeper problem”' + after;
  assert.equal(mayBeAcceptable(edited, t, 0, edited.length), true);
  const p = align(edited, t, 0, edited.length, 1_000_000);
  assert.ok(p && acceptable(p, t));
});
