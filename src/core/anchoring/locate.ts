/**
 * Finding one target whose text or context changed (step 3 of reanchor.ts): candidates scored
 * by one alignment of prefix + quote + suffix against the text around them (align.ts), chosen
 * by the rules of candidates.ts.
 *
 * `near` looks in a window (between the new places of the neighbouring annotations, or around
 * the expected position): exact occurrences of the quote, places where the last/first 16
 * characters of the prefix/suffix occur verbatim (a quote edited in place), and approximate
 * matches of the quote (approx-string-match, at most min(⌊length/4⌋, 32) errors).
 * `elsewhere`, when the window has nothing acceptable, scores the places the one-pass scan of
 * the whole text found (scan.ts) and takes one only on strong evidence: the quote verbatim with
 * one whole context side verbatim next to it, or a quote of 32 characters or more that occurs
 * once in the text. Far from where its neighbours put it, a merely similar passage is more
 * likely a look-alike (a deleted sentence's sibling) than the annotation.
 */
import type { Placement } from './align';
import { byDistance, Candidates, choose, fuzzyMatches, maxErrors, maxPinnedErrors, maxPinnedGrowth, sideAgrees, CONTEXT_KEY, MAX_EXACT_CANDIDATES, MAX_FUZZY_CANDIDATES, MIN_CONTEXT_KEY, MIN_CONTEXT_SIDE, SLACK, UNIQUE_QUOTE_LENGTH } from './candidates';
import { occurrences } from './occurrences';
import type { AnchorTarget, Span } from './target';

export interface Scope {
  expected: number;
  /** Where to look. */
  window: Span;
}

/** Where the scan of the whole text found parts of the target (offsets of the text). */
export interface Sightings {
  /** Starts of the quote's exact occurrences; `exactMore`: there were more than listed. */
  exact: number[];
  exactMore: boolean;
  /** Where the quote would start after the prefix's last characters / end before the suffix's first. */
  afterPrefix: number[];
  beforeSuffix: number[];
}

/** The best acceptable candidate in the scope's window (and the candidates, to add to). */
export function near(text: string, t: AnchorTarget, scope: Scope): { best: Placement | null; candidates: Candidates } {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const { expected } = scope;
  const lo = Math.max(0, scope.window.start);
  const hi = Math.min(text.length, scope.window.end);
  const c = new Candidates(text, t);
  const occ = occurrences(text, t.exact, lo - m, hi);
  for (const p of byDistance(occ, (x) => x, expected).slice(0, MAX_EXACT_CANDIDATES)) c.considerSpan(p, p + m);
  if (lp >= MIN_CONTEXT_KEY) {
    const key = t.prefix.slice(-CONTEXT_KEY);
    const found = occurrences(text, key, lo - key.length, hi);
    considerAfterPrefix(c, t, byDistance(found, (x) => x, expected - key.length).slice(0, MAX_FUZZY_CANDIDATES).map((p) => p + key.length));
  }
  if (ls >= MIN_CONTEXT_KEY) {
    const key = t.suffix.slice(0, CONTEXT_KEY);
    const found = occurrences(text, key, lo, hi + m + maxPinnedGrowth(m));
    considerBeforeSuffix(c, t, byDistance(found, (x) => x, expected + m).slice(0, MAX_FUZZY_CANDIDATES));
  }
  const errors = Math.min(maxErrors(m), c.errorLimit());
  for (const span of fuzzyMatches(text, t, lo, hi, errors, expected, occ)) c.considerSpan(span.start, span.end);
  c.complete();
  return { best: choose(c.list, t, expected), candidates: c };
}

function considerAfterPrefix(c: Candidates, t: AnchorTarget, starts: readonly number[]): void {
  const lp = t.prefix.length;
  const grow = maxPinnedGrowth(t.exact.length) + SLACK;
  for (const start of starts) {
    if (!c.hasStart(start)) c.consider(start - lp - SLACK, start + t.exact.length + grow + t.suffix.length + SLACK, start - lp - SLACK, start - lp + SLACK, true);
  }
}

function considerBeforeSuffix(c: Candidates, t: AnchorTarget, ends: readonly number[]): void {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const grow = maxPinnedGrowth(m) + SLACK;
  for (const end of ends) {
    if (c.hasEnd(end)) continue;
    const from = end - m - grow - lp - SLACK;
    c.consider(from, end + t.suffix.length + SLACK, from, end - lp - (m - maxPinnedErrors(m)) + SLACK, true);
  }
}

/** Strong evidence for a place away from the window: the quote verbatim with a whole context side verbatim. */
function strong(p: Placement, t: AnchorTarget): boolean {
  if (p.quoteCost !== 0 || p.end - p.start !== t.exact.length) return false;
  const whole = (cost: number, adjacent: number, length: number): boolean => length >= MIN_CONTEXT_SIDE && cost === 0 && adjacent >= length;
  return whole(p.prefixCost, p.prefixAdjacent, t.prefix.length) || whole(p.suffixCost, p.suffixAdjacent, t.suffix.length);
}

/** A place found by the scan of the whole text, taken only on strong evidence (see the module comment). */
export function elsewhere(text: string, t: AnchorTarget, c: Candidates, seen: Sightings, expected: number): Placement | Span | null {
  const m = t.exact.length;
  if (m >= UNIQUE_QUOTE_LENGTH && seen.exact.length === 1 && !seen.exactMore) return { start: seen.exact[0]!, end: seen.exact[0]! + m };
  const before = c.list.length;
  for (const p of byDistance(seen.exact, (x) => x, expected).slice(0, MAX_EXACT_CANDIDATES)) c.considerSpan(p, p + m);
  considerAfterPrefix(c, t, byDistance(seen.afterPrefix, (x) => x, expected).slice(0, MAX_FUZZY_CANDIDATES));
  considerBeforeSuffix(c, t, byDistance(seen.beforeSuffix, (x) => x, expected + m).slice(0, MAX_FUZZY_CANDIDATES));
  c.complete();
  const best = choose(c.list.slice(before), t, expected);
  return best && strong(best, t) ? best : null;
}

/** The placed span: an end whose context side disagrees is trimmed to the solid part of the quote. */
export function finalSpan(p: Placement, t: AnchorTarget): Span {
  const start = sideAgrees(p.prefixCost, t.prefix.length) ? p.start : p.solidStart;
  const end = sideAgrees(p.suffixCost, t.suffix.length) ? p.end : p.solidEnd;
  return { start, end };
}
