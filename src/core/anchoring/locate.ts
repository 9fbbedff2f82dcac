/**
 * Finding one target whose text or context changed (step 3 of reanchor.ts): candidates scored
 * by one alignment of prefix + quote + suffix against the text around them (align.ts), chosen
 * by the rules of candidates.ts.
 *
 * `near` looks in a window (between the new places of the neighbouring annotations, or around
 * the expected position): exact occurrences of the quote, places where the last/first 16
 * characters of the prefix/suffix occur verbatim (a quote edited in place), and approximate
 * matches of the quote (approx-string-match, at most min(⌊length/4⌋, 32) errors); the context
 * strings' only occurrences, when they frame the quote, as one region between them.
 * An exact occurrence with a whole context side verbatim next to it, or a quote edited in place
 * between its context strings, is taken without scoring.
 * `elsewhere` judges the exact occurrences the one-pass scan of the whole text found (scan.ts)
 * and takes one only on strong evidence: the quote verbatim with one whole context side verbatim
 * next to it; `movedParagraph`, a long quote found once with its context verbatim up to the ends
 * of its paragraph; `unique`, the last resort, a quote of 32 characters or more that occurs once in
 * the text. Far from where its neighbours put it, a merely similar passage is more likely a
 * look-alike (a deleted sentence's sibling) than the annotation.
 */
import type { Placement } from './align';
import { byDistance, Candidates, choose, fuzzyMatches, maxErrors, maxPinnedErrors, maxPinnedGrowth, sideAgrees, CONTEXT_KEY, MAX_EXACT_CANDIDATES, MAX_FUZZY_CANDIDATES, MIN_CONTEXT_KEY, MIN_CONTEXT_SIDE, MIN_KEPT, SHORT_QUOTE, SLACK, UNIQUE_QUOTE_LENGTH } from './candidates';
import { isSpace } from './canonical';
import { PatternDistance } from './distance';
import { agreeingAfter, agreeingBefore, occurrences } from './occurrences';
import type { AnchorTarget, Span } from './target';

export interface Scope {
  expected: number;
  /** Where to look. */
  window: Span;
}

/** A place taken without alignment, with an estimate of its agreement (0–1). */
export interface Quick extends Span {
  score: number;
}

/** The exact occurrence at `p`, scored by the context characters verbatim next to it (a lower bound). */
function exactAt(text: string, t: AnchorTarget, p: number): Quick {
  const m = t.exact.length;
  const differ = t.prefix.length - agreeingBefore(text, t.prefix, p) + t.suffix.length - agreeingAfter(text, t.suffix, p + m);
  return { start: p, end: p + m, score: 1 - differ / (t.prefix.length + m + t.suffix.length) };
}

/** Context characters verbatim next to an exact occurrence of the quote: enough to take it without scoring. */
const SURE_CONTEXT = 16;

/** Verbatim context next to an exact occurrence at `p`: on the better side, and whether one side is whole. */
function contextAt(text: string, t: AnchorTarget, p: number): { best: number; whole: boolean } {
  const before = agreeingBefore(text, t.prefix, p);
  const after = agreeingAfter(text, t.suffix, p + t.exact.length);
  const whole = (t.prefix.length >= MIN_CONTEXT_SIDE && before === t.prefix.length) || (t.suffix.length >= MIN_CONTEXT_SIDE && after === t.suffix.length);
  return { best: Math.max(before, after), whole };
}

/**
 * The one exact occurrence among `occ` with SURE_CONTEXT characters of context verbatim next to
 * it (a whole side with `whole`), when no other has as much: taken without alignment.
 */
export function sureOccurrence(text: string, t: AnchorTarget, occ: readonly number[], whole: boolean): number | null {
  if (t.exact.length < SHORT_QUOTE && !whole) return null;
  let found: number | null = null;
  for (const p of occ) {
    const c = contextAt(text, t, p);
    if (whole ? !c.whole : c.best < SURE_CONTEXT) continue;
    if (found !== null) return null; // two such places: let the scoring decide
    found = p;
  }
  return found;
}

/**
 * The window's only exact occurrence of the quote, taken without scoring when one context side
 * agrees there as the scoring would require (`sideAgrees`, counting every character after the
 * verbatim run next to the quote as an error) and the context strings occur nowhere else in the
 * window (no edited copy of the quote between them competes).
 */
function lone(text: string, t: AnchorTarget, occ: readonly number[], afterPrefix: readonly number[], beforeSuffix: readonly number[]): number | null {
  const m = t.exact.length;
  if (occ.length !== 1 || m < SHORT_QUOTE) return null;
  const p = occ[0]!;
  if (afterPrefix.some((q) => q !== p) || beforeSuffix.some((q) => q !== p + m)) return null;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  return sideAgrees(lp - agreeingBefore(text, t.prefix, p), lp) || sideAgrees(ls - agreeingAfter(text, t.suffix, p + m), ls) ? p : null;
}

/**
 * At most how many edits turn `quote` into text[start, end), counting only what lies between the
 * longest common beginning and end; Infinity when those cover less than half the quote.
 */
function middleEdits(text: string, quote: string, start: number, end: number): number {
  const m = quote.length;
  const head = agreeingAfter(text, quote, start);
  const tail = Math.min(agreeingBefore(text, quote, end), m - head, end - start - head);
  return head + tail >= m / 2 ? Math.max(m, end - start) - head - tail : Infinity;
}

/**
 * A quote edited in place: the only occurrence in the window of the prefix's last CONTEXT_KEY
 * characters and the only occurrence of the suffix's first ones about a quote's length after it
 * (or the other way round) enclose text that differs from the quote only in its middle, by at
 * most maxErrors characters. Taken without scoring.
 */
function betweenContexts(text: string, t: AnchorTarget, prefixKey: string, suffixKey: string, afterPrefix: readonly number[], beforeSuffix: readonly number[]): Quick | null {
  if (prefixKey.length < CONTEXT_KEY || suffixKey.length < CONTEXT_KEY) return null;
  const m = t.exact.length;
  const k = maxErrors(m);
  // Another occurrence of one context string further away says nothing about this place.
  const fits = (start: number, end: number): boolean => end - start >= 1 && Math.abs(end - start - m) <= k;
  let start: number;
  let end: number;
  if (afterPrefix.length === 1) {
    start = afterPrefix[0]!;
    const ends = beforeSuffix.filter((e) => fits(start, e));
    if (ends.length !== 1) return null;
    end = ends[0]!;
  } else if (beforeSuffix.length === 1) {
    end = beforeSuffix[0]!;
    const starts = afterPrefix.filter((s) => fits(s, end));
    if (starts.length !== 1) return null;
    start = starts[0]!;
  } else return null;
  const edits = middleEdits(text, t.exact, start, end);
  return edits <= k ? { start, end, score: 1 - edits / (t.prefix.length + m + t.suffix.length) } : null;
}

/**
 * The quote deleted between its contexts: the only occurrences in the window of the prefix's
 * last and the suffix's first CONTEXT_KEY characters now (nearly) meet, with too little between
 * them for what is left of the quote to be recognised there (half of it, or MIN_KEPT characters),
 * or overlap in white space only with no start or end of the quote next to them (a paragraph
 * deleted or moved away with one of the two separators around it: both context strings hold the
 * one left). The places they pin are then not scored (the costliest alignments, all in vain).
 */
function contextsMeet(text: string, t: AnchorTarget, prefixKey: string, suffixKey: string, afterPrefix: readonly number[], beforeSuffix: readonly number[]): boolean {
  if (prefixKey.length < CONTEXT_KEY || suffixKey.length < CONTEXT_KEY || afterPrefix.length !== 1 || beforeSuffix.length !== 1) return false;
  const [start, end] = [afterPrefix[0]!, beforeSuffix[0]!];
  const between = end - start;
  // (Overlapping: not where the quote, still there, starts like the suffix or ends like the prefix.)
  if (between < 0) return -between < CONTEXT_KEY && blankBetween(text, end, start) && agreeingAfter(text, t.exact, start) < MIN_CONTEXT_KEY && agreeingBefore(text, t.exact, end) < MIN_CONTEXT_KEY;
  return between < Math.min(MIN_KEPT, Math.ceil(t.exact.length / 2));
}

function blankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** The best acceptable place in the scope's window, or null. */
export function near(text: string, t: AnchorTarget, scope: Scope): Placement | Quick | null {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const { expected } = scope;
  const lo = Math.max(0, scope.window.start);
  const hi = Math.min(text.length, scope.window.end);
  const occ = occurrences(text, t.exact, lo - m, hi);
  const sure = sureOccurrence(text, t, occ, true);
  if (sure !== null) return exactAt(text, t, sure);
  const prefixKey = lp >= MIN_CONTEXT_KEY ? t.prefix.slice(-CONTEXT_KEY) : '';
  const afterPrefix = prefixKey ? occurrences(text, prefixKey, lo - prefixKey.length, hi).map((p) => p + prefixKey.length) : [];
  const suffixKey = ls >= MIN_CONTEXT_KEY ? t.suffix.slice(0, CONTEXT_KEY) : '';
  const beforeSuffix = suffixKey ? occurrences(text, suffixKey, lo, hi + m + maxPinnedGrowth(m)) : [];
  const alone = lone(text, t, occ, afterPrefix, beforeSuffix);
  if (alone !== null) return exactAt(text, t, alone);
  const typo = betweenContexts(text, t, prefixKey, suffixKey, afterPrefix, beforeSuffix);
  if (typo) return typo;
  const closed = contextsMeet(text, t, prefixKey, suffixKey, afterPrefix, beforeSuffix);
  if (closed && occ.length === 0) return null;
  const c = new Candidates(text, t);
  for (const p of byDistance(occ, (x) => x, expected).slice(0, MAX_EXACT_CANDIDATES)) c.considerSpan(p, p + m, SLACK);
  const contextRegions = (): void => {
    considerAfterPrefix(c, t, byDistance(afterPrefix, (x) => x, expected).slice(0, MAX_FUZZY_CANDIDATES));
    considerBeforeSuffix(c, t, byDistance(beforeSuffix, (x) => x, expected + m).slice(0, MAX_FUZZY_CANDIDATES));
  };
  const frame = !closed && framed(c, t, prefixKey, suffixKey, afterPrefix, beforeSuffix);
  if (!closed && !frame) contextRegions();
  c.complete();
  // Framed but nothing acceptable there (text inserted next to the quote): each context string's own region.
  if (frame && !c.best) {
    contextRegions();
    c.complete();
  }
  // Approximate matches of the quote only when its exact occurrences and context strings gave
  // nothing acceptable (an edited copy between intact contexts is found through the contexts).
  if (!c.best) {
    for (const span of fuzzyMatches(text, t, lo, hi, maxErrors(m), expected, occ)) c.considerSpan(span.start, span.end);
    c.complete();
  }
  return choose(c.list, t, expected);
}

/**
 * The only occurrences in the window of the prefix's and the suffix's context strings frame the
 * quote (the suffix's after the prefix's, at most as far as the quote may have grown, neither in
 * the quote itself): the one region between them is scored, instead of one region after the
 * prefix's and one before the suffix's that both hold the same place.
 */
function framed(c: Candidates, t: AnchorTarget, prefixKey: string, suffixKey: string, afterPrefix: readonly number[], beforeSuffix: readonly number[]): boolean {
  if (afterPrefix.length !== 1 || beforeSuffix.length !== 1) return false;
  // (Not when a context string recurs in the quote: the one found may be that one.)
  if (t.exact.includes(prefixKey) || t.exact.includes(suffixKey)) return false;
  const [start, end] = [afterPrefix[0]!, beforeSuffix[0]!];
  const m = t.exact.length;
  if (end < start || end - start > m + maxPinnedGrowth(m)) return false;
  const after = afterPrefixRegion(t, start);
  const before = beforeSuffixRegion(t, end);
  // From after the prefix's string to the end of the suffix's, starting as early as the first and as late as the
  // second allows (text inserted before the quote stays outside it).
  c.consider(after.from, before.to, after.startLo, Math.max(after.startHi, before.startHi), true);
  return true;
}

interface PinnedRegion {
  from: number;
  to: number;
  startLo: number;
  startHi: number;
}

/** Where a quote edited in place may lie after the end of its prefix's context string at `start`. */
function afterPrefixRegion(t: AnchorTarget, start: number): PinnedRegion {
  const lp = t.prefix.length;
  const grow = maxPinnedGrowth(t.exact.length) + SLACK;
  return { from: start - lp - SLACK, to: start + t.exact.length + grow + t.suffix.length + SLACK, startLo: start - lp - SLACK, startHi: start - lp + SLACK };
}

/** Where a quote edited in place may lie before the start of its suffix's context string at `end`. */
function beforeSuffixRegion(t: AnchorTarget, end: number): PinnedRegion {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const from = end - m - maxPinnedGrowth(m) - SLACK - lp - SLACK;
  return { from, to: end + t.suffix.length + SLACK, startLo: from, startHi: end - lp - (m - maxPinnedErrors(m)) + SLACK };
}

function considerAfterPrefix(c: Candidates, t: AnchorTarget, starts: readonly number[]): void {
  for (const start of starts) {
    if (c.hasStart(start)) continue;
    const r = afterPrefixRegion(t, start);
    c.consider(r.from, r.to, r.startLo, r.startHi, true);
  }
}

function considerBeforeSuffix(c: Candidates, t: AnchorTarget, ends: readonly number[]): void {
  for (const end of ends) {
    if (c.hasEnd(end)) continue;
    const r = beforeSuffixRegion(t, end);
    c.consider(r.from, r.to, r.startLo, r.startHi, true);
  }
}

/** The verbatim exact occurrences among the places the scan found (it also found them up to normalisation). */
export function verbatimAt(text: string, t: AnchorTarget, found: readonly number[]): number[] {
  return [...new Set(found)].filter((p) => p >= 0 && text.startsWith(t.exact, p)).sort((a, b) => a - b);
}

/** A place found by the scan of the whole text, taken on strong evidence: the one exact occurrence with a whole context side verbatim next to it. */
export function elsewhere(text: string, t: AnchorTarget, exact: readonly number[]): Span | null {
  const p = sureOccurrence(text, t, exact, true);
  return p === null ? null : { start: p, end: p + t.exact.length };
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * How many characters of a context side, from the quote outwards, lie within the quote's own
 * paragraph: up to the first line break and the white space around it, or the whole side.
 */
function ownParagraph(side: string, before: boolean): number {
  const n = side.length;
  const at = (i: number): number => side.charCodeAt(before ? n - 1 - i : i);
  let i = 0;
  while (i < n && !isLineBreak(at(i))) i++;
  while (i < n && isSpace(at(i))) i++;
  return i;
}

/**
 * A paragraph, or part of one, that moved: a quote of UNIQUE_QUOTE_LENGTH characters or more
 * found once in the text (`exact`: its complete list of verbatim occurrences), with both context
 * sides verbatim up to the ends of its paragraph and at least one of them changed beyond a line
 * break (its new neighbour paragraph). Taken before scoring where its neighbours put it.
 */
export function movedParagraph(text: string, t: AnchorTarget, exact: readonly number[]): Span | null {
  const m = t.exact.length;
  if (m < UNIQUE_QUOTE_LENGTH || exact.length !== 1) return null;
  const p = exact[0]!;
  const before = ownParagraph(t.prefix, true);
  const after = ownParagraph(t.suffix, false);
  if (before === t.prefix.length && after === t.suffix.length) return null; // no line break: not a paragraph's edge
  return agreeingBefore(text, t.prefix, p) >= before && agreeingAfter(text, t.suffix, p + m) >= after ? { start: p, end: p + m } : null;
}

/**
 * The last resort, when even scoring found nothing acceptable: a quote of UNIQUE_QUOTE_LENGTH
 * characters or more that occurs exactly once, whatever its context. (Not earlier: an edited
 * copy where the neighbours put it is more likely the annotation than a verbatim one elsewhere.)
 */
export function unique(t: AnchorTarget, exact: readonly number[], more: boolean): Span | null {
  return t.exact.length >= UNIQUE_QUOTE_LENGTH && exact.length === 1 && !more ? { start: exact[0]!, end: exact[0]! + t.exact.length } : null;
}

/** Most edits of a long quote found nowhere else that still make it recognisable: one in 24 characters. */
const NEARLY_VERBATIM = 24;

/**
 * Also a last resort: a quote of UNIQUE_QUOTE_LENGTH characters or more found once with both its
 * first and its last GRAM characters verbatim and at most one edit in NEARLY_VERBATIM characters
 * (a typo fixed in a paragraph that moved): counted exactly when the quick bound of middleEdits
 * does not settle it.
 */
export function nearlyOnce(text: string, t: AnchorTarget, heads: readonly number[], tailEnds: readonly number[], more: boolean): Span | null {
  const m = t.exact.length;
  if (m < UNIQUE_QUOTE_LENGTH || more) return null;
  const k = Math.max(1, Math.floor(m / NEARLY_VERBATIM));
  let distance: PatternDistance | undefined;
  const close = (start: number, end: number): boolean =>
    middleEdits(text, t.exact, start, end) <= k || (distance ??= new PatternDistance(t.exact)).edits(text, start, end) <= k;
  let found: Span | null = null;
  for (const start of heads) {
    for (const end of tailEnds) {
      if (Math.abs(end - start - m) > k) continue;
      if (!close(start, end)) continue;
      if (found) return null; // twice: a look-alike, or the annotation copied; no one can tell
      found = { start, end };
    }
  }
  return found;
}

/** The placed span: an end whose context side disagrees is trimmed to the solid part of the quote. */
export function finalSpan(p: Placement | Quick, t: AnchorTarget): Span {
  if (!('cost' in p)) return p;
  const start = sideAgrees(p.prefixCost, t.prefix.length) ? p.start : p.solidStart;
  const end = sideAgrees(p.suffixCost, t.suffix.length) ? p.end : p.solidEnd;
  return { start, end };
}
