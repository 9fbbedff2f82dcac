/**
 * Re-anchoring: finding annotations again in a document that changed while Seed Annotator was
 * not looking. `reanchorAll` works through the targets of one document in text order, in passes
 * that each cost a bounded amount per target, so that the whole is linear in the text and the
 * number of targets:
 *  1. verbatim at the predicted place: the quote with both context strings at its old offsets,
 *     or moved by the shift of the last annotation found (an insertion above moves everything
 *     below alike), or near that (within LOCAL characters, then within pass 2's reach) →
 *     `anchored` / `moved`;
 *  2. verbatim up to whole-document normalisation (canonical.ts: line endings, NBSP, quote
 *     marks, re-wrapped lines, BOM, trailing white space) near the predicted place, mapped back
 *     exactly; a context side cut short by the document's edge must still reach that edge →
 *     `moved` (the canonical form of the whole text is made only once the text reads a target's
 *     canonical form around a verbatim stretch of it: canonical.ts `readsCanonically`);
 *  3. moved elsewhere: one scan of the whole text for all targets still missing (scan.ts) finds
 *     prefix + quote + suffix verbatim anywhere — the occurrence nearest
 *     the expected position is taken — or, on strong evidence only, the quote alone
 *     (locate.ts `elsewhere`, `movedParagraph`) → `moved`;
 *  4. edited: candidates scored by alignment in a window between the new places of the
 *     neighbouring annotations, or around the expected position (locate.ts `near`); failing
 *     that, a quote of 32 characters or more that occurs once, verbatim or nearly (`unique`,
 *     `nearlyOnce`) → `moved`;
 *  5. otherwise `orphaned`: the old target is kept untouched.
 * Wrong placement is worse than none, so every doubtful case ends in 5.
 */
import { canonical, canonicalIndex, isSpace, originalSpan, plainStretch, readsCanonically, type Canonical } from './canonical';
import { maxErrors, RADIUS, SLACK } from './candidates';
import { elsewhere, finalSpan, movedParagraph, near, nearlyOnce, unique, verbatimAt } from './locate';
import { nearest, occurrences } from './occurrences';
import { GRAM, scan, type Occurrences } from './scan';
import { CONTEXT_LENGTH } from '../annotations/schema';
import { contextMatchesAt, orphan, placed, type AnchorResult, type AnchorTarget, type Span } from './target';

export interface ReanchorOptions {
  /** Where the quote is expected to start in the new text (default: the old start, scaled by the length change). */
  expected?: number;
  /** Length of the text the target was made from (sidecar `document.length`), to scale the expected position. */
  oldLength?: number;
}

/** Pass 1 looks for the verbatim target this far around its predicted place. */
const LOCAL = 64;
/** Pass 2 looks at most this far (canonical characters) on each side of the predicted place. */
const CANONICAL_REACH = 2048;
/** A window between neighbours wider than this many radii is narrowed to the expected position. */
const MAX_BRACKET_RADII = 8;
/** Occurrences of each searched string kept by the scan of pass 3. */
const SCAN_CAP = 24;
/** Strings searched per target in pass 3: prefix + quote + suffix, the quote, the prefix's end, the suffix's start, the quote's start and end. */
const NEEDLES = 6;

/** The target in canonical form: prefix + quote + suffix, and where the quote lies in it. */
interface Key {
  text: string;
  exactStart: number;
  exactEnd: number;
  /** Its longest plain stretch (canonical.ts `plainStretch`). */
  plain: [number, number];
}

function keyOf(t: AnchorTarget): Key {
  const c = canonical(t.prefix + t.exact + t.suffix);
  const lp = t.prefix.length;
  return { text: c.text, exactStart: canonicalIndex(c, lp), exactEnd: canonicalIndex(c, lp + t.exact.length), plain: plainStretch(c.text) };
}

/**
 * Pass 1: the quote start, or null: at the predicted place, within LOCAL characters of it, or
 * (cheaper than pass 2's normalised search over the same reach) verbatim within `reach`.
 */
function verbatim(text: string, t: AnchorTarget, predicted: number, reach: number): number | null {
  if (contextMatchesAt(text, t, predicted)) return predicted;
  if (predicted !== t.start && t.end - t.start === t.exact.length && contextMatchesAt(text, t, t.start)) return t.start;
  const lp = t.prefix.length;
  const full = t.prefix + t.exact + t.suffix;
  for (const r of reach > LOCAL ? [LOCAL, reach] : [LOCAL]) {
    const found = occurrences(text, full, predicted - lp - r, predicted - lp + r + 1);
    if (found.length > 0) return nearest(found, predicted - lp) + lp;
  }
  return null;
}

/** How far pass 1's wider search and pass 2 look around the predicted place: further the further the last placed annotation lies behind. */
function reachFrom(t: AnchorTarget, lastOld: number): number {
  return Math.min(CANONICAL_REACH, LOCAL + Math.max(0, t.start - lastOld));
}

/** Which context sides of a target are short because they reached the edge of the old text. */
interface Edges {
  start: boolean;
  end: boolean;
}

function edgesOf(t: AnchorTarget, oldLength: number | undefined): Edges {
  return {
    start: t.prefix.length < CONTEXT_LENGTH && t.start === t.prefix.length,
    end: t.suffix.length < CONTEXT_LENGTH && oldLength !== undefined && t.end + t.suffix.length === oldLength,
  };
}

/** Is the canonical text before `from` (after `to`) blank where an edge-bound side requires the edge? */
function keepsEdges(whole: Canonical, edges: Edges, from: number, to: number): boolean {
  const blankUpTo = (a: number, b: number): boolean => b - a <= 0 || (b - a === 1 && whole.text.charCodeAt(a) === 0x20);
  return (!edges.start || blankUpTo(0, from)) && (!edges.end || blankUpTo(to, whole.text.length));
}

/**
 * Can pass 2 find the target? Only if the text reads its key, up to normalisation, around some
 * verbatim occurrence of the key's plain stretch in the part searched (canonical.ts
 * `readsCanonically`): a check that spares most edited texts their canonical form. (Not in a
 * text with a BOM after its start: the canonical form drops it between two plain characters.)
 */
function mayBeNormalised(text: string, key: Key, part: Span, innerBom: boolean): boolean {
  const [from, to] = key.plain;
  if (innerBom || to === from) return true;
  return occurrences(text, key.text.slice(from, to), part.start, part.end).some((at) => readsCanonically(text, key.text, from, to, at));
}

/** The part of the text pass 2 searches: within `r` of the predicted place, with room for a target that normalisation made up to twice as long (LF → CRLF). */
function searched(text: string, t: AnchorTarget, predicted: number, r: number): Span {
  return { start: Math.max(0, predicted - 2 * t.prefix.length - r), end: Math.min(text.length, predicted + 2 * (t.exact.length + t.suffix.length) + r) };
}

/**
 * Pass 2: the span, or null. `whole`: the canonical form of the whole text (made once, when the
 * first target needs it); only `part` is searched (`searched`, within pass 2's reach: reachFrom).
 * A context side cut short by the document's edge is part of the evidence: the match must lie at
 * that edge (a short context that merely recurs, up to normalisation, says too little).
 */
function normalised(whole: Canonical, t: AnchorTarget, key: Key, predicted: number, part: Span, edges: Edges): Span | null {
  const from = canonicalIndex(whole, part.start);
  const to = canonicalIndex(whole, part.end);
  if (to - from < key.text.length) return null;
  const centre = canonicalIndex(whole, predicted - t.prefix.length);
  const found = occurrences(whole.text, key.text, from, to - key.text.length + 1).filter((c) => keepsEdges(whole, edges, c, c + key.text.length));
  if (found.length === 0) return null;
  const c = nearest(found, centre);
  return originalSpan(whole, c + key.exactStart, c + key.exactEnd);
}

/**
 * A span found in canonical form, fitted to the quote's own white space at its ends (which the
 * canonical form merges with the context's): the verbatim quote if it lies a few characters
 * off, else the ends widened over as much white space as the quote has there.
 */
function fitted(text: string, t: AnchorTarget, span: Span): Span {
  const m = t.exact.length;
  for (let d = 0; d <= 4; d++) {
    if (text.startsWith(t.exact, span.start - d)) return { start: span.start - d, end: span.start - d + m };
    if (d > 0 && text.startsWith(t.exact, span.start + d)) return { start: span.start + d, end: span.start + d + m };
  }
  const spaces = (from: number, step: 1 | -1): number => {
    let n = 0;
    for (let i = from; i >= 0 && i < m && isSpace(t.exact.charCodeAt(i)); i += step) n++;
    return n;
  };
  let { start, end } = span;
  for (let lead = spaces(0, 1); lead > 0 && start > 0 && isSpace(text.charCodeAt(start - 1)); lead--) start--;
  let trail = spaces(m - 1, -1);
  for (let i = end - 1; i >= start && trail > 0 && isSpace(text.charCodeAt(i)); i--) trail--;
  for (; trail > 0 && end < text.length && isSpace(text.charCodeAt(end)); trail--) end++;
  return { start, end };
}

function blank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function scaled(start: number, textLength: number, oldLength: number | undefined): number {
  return oldLength && oldLength > 0 ? Math.round((start * textLength) / oldLength) : start;
}

/**
 * Re-anchors many targets made from the same old text (e.g. all annotations of a sidecar); see
 * the module comment. `expected` (by input index) overrides the predicted place. Results are in
 * input order.
 */
export function reanchorAll(
  text: string,
  targets: readonly AnchorTarget[],
  options: { oldLength?: number; expected?: ReadonlyArray<number | undefined> } = {},
): AnchorResult[] {
  const results: Array<AnchorResult | undefined> = new Array(targets.length);
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.start - targets[b]!.start || targets[a]!.end - targets[b]!.end);
  /** New start of the targets placed in passes 1–2, by position in `order`. */
  const newStart: Array<number | undefined> = new Array(order.length);
  const keys: Array<Key | undefined> = new Array(order.length);
  const keyAt = (k: number): Key => (keys[k] ??= keyOf(targets[order[k]!]!));

  // Passes 1 and 2, in text order: each placement predicts the next.
  let shift = 0;
  let lastOld = 0;
  let whole: Canonical | undefined;
  let innerBom: boolean | undefined;
  const pending: number[] = [];
  order.forEach((index, k) => {
    const t = targets[index]!;
    if (t.exact.length === 0) {
      results[index] = orphan(t);
      return;
    }
    const predicted = options.expected?.[index] ?? t.start + shift;
    let span: Span | null = null;
    const reach = reachFrom(t, lastOld);
    const start = verbatim(text, t, predicted, reach);
    if (start !== null) {
      span = { start, end: start + t.exact.length };
    } else if (!blank(t.exact)) {
      const part = searched(text, t, predicted, reach);
      if (mayBeNormalised(text, keyAt(k), part, (innerBom ??= text.indexOf('\ufeff', 1) >= 0))) {
        span = normalised((whole ??= canonical(text)), t, keyAt(k), predicted, part, edgesOf(t, options.oldLength));
        if (span) span = fitted(text, t, span);
        // Only where the quote itself is the same up to normalisation (not merged into its context's white space).
        if (span && canonical(text.slice(span.start, span.end)).text !== canonical(t.exact).text) span = null;
      }
    }
    if (!span) {
      pending.push(k);
      return;
    }
    results[index] = placed(text, t, span.start, span.end, 1);
    newStart[k] = span.start;
    shift = span.start - t.start;
    lastOld = t.start;
  });
  if (pending.length === 0) return results as AnchorResult[];

  // Pass 3: one scan of the whole text: verbatim anywhere, or strong evidence.
  const needles: string[] = [];
  for (const k of pending) {
    const t = targets[order[k]!]!;
    const long = t.exact.length >= 2 * GRAM;
    needles.push(t.prefix + t.exact + t.suffix, t.exact, t.prefix.slice(-GRAM), t.suffix.slice(0, GRAM), long ? t.exact.slice(0, GRAM) : '', long ? t.exact.slice(-GRAM) : '');
  }
  const found = scan(text, needles, SCAN_CAP);
  const expectedAt = expectations(targets, order, newStart, text.length, options);
  const rest: Array<{ k: number; expected: number; lastResort: () => Span | null }> = [];
  pending.forEach((k, n) => {
    const index = order[k]!;
    const t = targets[index]!;
    const expected = expectedAt(k);
    // Each string is looked for when needed (in a short text, only then): most moved targets are found whole.
    const needle = (j: number): Occurrences => found(NEEDLES * n + j);
    const lp = t.prefix.length;
    const exact = needle(1);
    // Is the quote's own list of occurrences complete (then no other verbatim place is left to find)?
    const complete = t.exact.length >= GRAM && !exact.more;
    // (Prefix + quote + suffix not looked for where the quote itself occurs nowhere: an edited one.)
    const full = complete && exact.at.length === 0 ? { at: [], more: false } : needle(0);
    if (full.at.length > 0) {
      const start = nearest(full.at, expected - lp) + lp;
      results[index] = placed(text, t, start, start + t.exact.length, 1);
      return;
    }
    if (blank(t.exact)) return; // white space alone is found verbatim with its context or not at all
    // Where the quote would start: found itself, or right after its prefix's end, or right before
    // its suffix's start (no more places when the quote's own list is complete).
    const starts = complete ? exact.at : [...exact.at, ...needle(2).at.map((p) => p + GRAM), ...needle(3).at.map((p) => p - t.exact.length)];
    const verbatim = verbatimAt(text, t, starts);
    let span = elsewhere(text, t, verbatim);
    if (!span && complete) {
      // A moved paragraph only where no other copy of the quote's first or last characters is left (an edited one where it was).
      const paragraph = movedParagraph(text, t, verbatim);
      if (paragraph && [needle(4), needle(5)].every((o) => !o.more && o.at.length === 1)) span = paragraph;
    }
    if (span) {
      results[index] = placed(text, t, span.start, span.end, 1);
      return;
    }
    const more = (): boolean => exact.more || needle(2).more || needle(3).more;
    const nearly = (): Span | null => {
      const [quoteHead, quoteTail] = [needle(4), needle(5)];
      return nearlyOnce(text, t, quoteHead.at, quoteTail.at.map((p) => p + GRAM), quoteHead.more || quoteTail.more);
    };
    rest.push({ k, expected, lastResort: () => unique(t, verbatim, more()) ?? nearly() });
  });

  // Pass 4: edited, between the neighbours placed so far (in text order, each placement
  // narrowing the next one's window).
  const bracketOf = brackets(newStart);
  let last: { k: number; start: number; shift: number } | null = null;
  for (const { k, expected, lastResort } of rest) {
    const index = order[k]!;
    const t = targets[index]!;
    const m = t.exact.length;
    const radius = Math.max(RADIUS, 2 * m);
    const [prev, next] = bracketOf(k);
    const hint = options.expected?.[index];
    // Where the neighbours before and after put it (they may disagree: text inserted between them).
    const before = last && last.k > prev ? last : prev >= 0 ? { k: prev, start: newStart[prev]!, shift: newStart[prev]! - targets[order[prev]!]!.start } : null;
    const after = next >= 0 ? { start: newStart[next]!, shift: newStart[next]! - targets[order[next]!]!.start } : null;
    const guesses = hint !== undefined ? [hint] : [...new Set([before ? t.start + before.shift : expected, after ? t.start + after.shift : expected])];
    let best: ReturnType<typeof near> = null;
    for (const guess of guesses) {
      let window: Span = { start: guess - radius, end: guess + m + radius };
      if (before && after) {
        // Starts keep their order under edits: ours lies between the neighbours' new starts.
        const bracket = { start: before.start - SLACK, end: after.start + m + maxErrors(m) + SLACK };
        window = bracket.end - bracket.start <= MAX_BRACKET_RADII * radius ? bracket : { start: Math.max(bracket.start, window.start), end: Math.min(bracket.end, window.end) };
      }
      best = near(text, t, { expected: guess, window });
      if (best) break;
    }
    if (best) {
      const s = finalSpan(best, t);
      results[index] = placed(text, t, s.start, s.end, 'cost' in best ? 1 - best.cost / best.size : best.score);
      last = { k, start: s.start, shift: s.start - t.start };
    } else {
      const resort = lastResort();
      if (resort) results[index] = placed(text, t, resort.start, resort.end, 1);
    }
  }
  return Array.from(results, (r, i) => r ?? orphan(targets[i]!));
}

/** For each position in text order, the nearest placed positions before and after it (-1: none). */
function brackets(newStart: ReadonlyArray<number | undefined>): (k: number) => [number, number] {
  const prev = new Int32Array(newStart.length);
  const next = new Int32Array(newStart.length);
  for (let k = 0, last = -1; k < newStart.length; k++) {
    prev[k] = last;
    if (newStart[k] !== undefined) last = k;
  }
  for (let k = newStart.length - 1, last = -1; k >= 0; k--) {
    next[k] = last;
    if (newStart[k] !== undefined) last = k;
  }
  return (k) => [prev[k]!, next[k]!];
}

/** Where each target is expected: shifted like its nearest placed neighbour, else scaled by the length change. */
function expectations(
  targets: readonly AnchorTarget[],
  order: readonly number[],
  newStart: ReadonlyArray<number | undefined>,
  textLength: number,
  options: { oldLength?: number; expected?: ReadonlyArray<number | undefined> },
): (k: number) => number {
  const bracketOf = brackets(newStart);
  const shiftOf = (j: number): number => newStart[j]! - targets[order[j]!]!.start;
  return (k) => {
    const index = order[k]!;
    const t = targets[index]!;
    const [prev, next] = bracketOf(k);
    return options.expected?.[index] ?? (prev >= 0 ? t.start + shiftOf(prev) : next >= 0 ? t.start + shiftOf(next) : scaled(t.start, textLength, options.oldLength));
  };
}

/** Finds one target in `text` (see the module comment). Never throws. */
export function reanchor(text: string, target: AnchorTarget, options: ReanchorOptions = {}): AnchorResult {
  const expected = options.expected ?? scaled(target.start, text.length, options.oldLength);
  return reanchorAll(text, [target], { oldLength: options.oldLength, expected: [expected] })[0]!;
}
