/**
 * Anchoring: building targets from a selection, moving spans along with live edits, and
 * finding annotations again in a document that changed while Seed Annotator was not looking.
 *
 * Re-anchoring (`reanchor`, `reanchorAll`) tries, in order:
 *  1. the old offsets, when the quote and both context strings are still there → `anchored`;
 *  2. exact occurrences of the quote whose prefix and suffix also match exactly (nearest to the
 *     expected position when there are several) → `moved`;
 *  3. candidates scored by one alignment of prefix + quote + suffix against the text around
 *     them: exact occurrences whose context changed, and approximate matches of the quote
 *     (approx-string-match, Myers' bit-parallel algorithm, at most min(⌊length/4⌋, 32) errors),
 *     searched first in a window around the expected position and in the whole text only when
 *     that finds nothing acceptable. A candidate is accepted when the quote has at most that
 *     many errors and prefix + quote + suffix as a whole differ in at most a quarter of their
 *     characters; when several candidates are about equally good, the nearest one is taken
 *     only if its context agrees, else the annotation is orphaned;
 *  4. otherwise `orphaned`: the old target is kept untouched.
 * Wrong placement is worse than none, so every doubtful case ends in 4.
 */
import search from 'approx-string-match';
import { CONTEXT_LENGTH } from './schema';

export interface Span {
  start: number;
  end: number;
}

/** The anchoring fields of an annotation's target (see TargetSchema). */
export interface AnchorTarget extends Span {
  exact: string;
  prefix: string;
  suffix: string;
}

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';

export interface AnchorResult {
  /** `anchored`: same offsets and quote; `moved`: placed elsewhere or on edited text; `orphaned`: not placed. */
  status: AnchorStatus;
  /** The new target (`anchored`/`moved`, with fresh exact/prefix/suffix), or the old one (`orphaned`). */
  target: AnchorTarget;
  /** Agreement of prefix + quote + suffix with the text at the placement, 0–1 (0 when orphaned). */
  score: number;
}

// ---------------------------------------------------------------------------------------------
// Targets

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * The target of the span [start, end) of `text`: the quote and up to 32 characters of context
 * on each side (one fewer where 32 would cut a surrogate pair in half).
 */
export function makeTarget(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): AnchorTarget {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) {
    throw new RangeError(`invalid span ${start}–${end} for a text of length ${text.length}`);
  }
  let from = Math.max(0, start - contextLength);
  if (splitsSurrogatePair(text, from)) from++;
  let to = Math.min(text.length, end + contextLength);
  if (splitsSurrogatePair(text, to)) to--;
  return { start, end, exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

// ---------------------------------------------------------------------------------------------
// Live edits

/**
 * A replacement of [start, end) of the old text by new text (`text`, or just its length
 * `newLength`). An insertion has start = end; a deletion has an empty text / newLength 0.
 */
export interface TextEdit {
  start: number;
  end: number;
  text?: string;
  newLength?: number;
}

/**
 * `unchanged`: nothing moved; `shifted`: moved, its text untouched; `changed`: text inside was
 * edited (exact is stale: refresh with makeTarget, or re-anchor); `deleted`: the whole span was
 * deleted or replaced: an orphan candidate, its span is then where the replacement text went
 * (possibly empty) — re-anchor it against the new text to place or orphan it.
 */
export type EditedSpanState = 'unchanged' | 'shifted' | 'changed' | 'deleted';

export interface EditedSpan extends Span {
  state: EditedSpanState;
}

const STATE_RANK: Record<EditedSpanState, number> = { unchanged: 0, shifted: 1, changed: 2, deleted: 3 };

function worse(a: EditedSpanState, b: EditedSpanState): EditedSpanState {
  return STATE_RANK[a] >= STATE_RANK[b] ? a : b;
}

function editLength(edit: TextEdit): number {
  return edit.text !== undefined ? edit.text.length : (edit.newLength ?? 0);
}

/** Maps one span through one edit. Text inserted exactly at a span boundary stays outside it. */
export function mapSpan(span: EditedSpan, edit: TextEdit): EditedSpan {
  const { start: es, end: ee } = edit;
  const inserted = editLength(edit);
  const delta = inserted - (ee - es);
  const { start: s, end: e, state } = span;
  if (es === ee) {
    if (es <= s) return delta === 0 ? span : { start: s + delta, end: e + delta, state: worse(state, 'shifted') };
    if (es >= e) return span;
    return { start: s, end: e + delta, state: worse(state, 'changed') };
  }
  if (ee <= s) return delta === 0 ? span : { start: s + delta, end: e + delta, state: worse(state, 'shifted') };
  if (es >= e) return span;
  if (es <= s && ee >= e) return { start: es, end: es + inserted, state: 'deleted' };
  let start = s;
  let end: number;
  if (es <= s) {
    start = es; // the head was replaced: the span now starts with the replacement
    end = e + delta;
  } else if (ee >= e) {
    end = es + inserted; // the tail was replaced: the span ends with the replacement
  } else {
    end = e + delta;
  }
  if (end <= start) return { start, end: start, state: 'deleted' };
  return { start, end, state: worse(state, 'changed') };
}

/**
 * Moves spans along with a set of edits. The edits of one call all refer to the text before
 * the call and must not overlap (like one VS Code change event, whose changes are also safe to
 * apply in the order given). For edits that each refer to the text after the previous one,
 * call once per edit.
 */
export function applyEdits(spans: readonly Span[], edits: readonly TextEdit[]): EditedSpan[] {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  return spans.map((span) => {
    let current: EditedSpan = { start: span.start, end: span.end, state: 'unchanged' };
    for (const edit of ordered) current = mapSpan(current, edit);
    return current;
  });
}

// ---------------------------------------------------------------------------------------------
// Re-anchoring

export interface ReanchorOptions {
  /** Where the quote is expected to start in the new text (default: the old start, scaled by the length change). */
  expected?: number;
  /** Length of the text the target was made from (sidecar `document.length`), to scale the expected position. */
  oldLength?: number;
  /** The part of the text to search first (default: a window around the expected position). */
  window?: Span;
}

/** Most errors an approximate match of a quote of this length may have. */
export function maxErrors(length: number): number {
  return Math.min(Math.floor(length / 4), 32);
}

/** Without a well-matching context side, accept only if prefix + quote + suffix differ from the text in at most this share. */
const MAX_COST_RATIO = 0.25;
/** A context side "agrees" when it has at least this many characters and at most this share of them differ. */
const MIN_CONTEXT_SIDE = 16;
const GOOD_CONTEXT_RATIO = 0.1;
/** Equally good candidates: total costs within this many edits. */
const TIE = 1;
/** Exact occurrences scored by alignment (nearest to the expected position). */
const MAX_EXACT_CANDIDATES = 24;
/** Approximate-match clusters, and context-string occurrences, scored per search. */
const MAX_FUZZY_CANDIDATES = 8;
/** Extra text around a candidate given to the alignment. */
const SLACK = 8;
/** A quote at least this long that occurs exactly once is placed there whatever its context. */
const UNIQUE_QUOTE_LENGTH = 32;
/** Fuzzy search over the whole text only for quotes at least this long. */
const MIN_GLOBAL_FUZZY_LENGTH = 8;
/** Characters of prefix/suffix searched for exactly to find an edited quote between its contexts. */
const CONTEXT_KEY = 16;
const MIN_CONTEXT_KEY = 8;
/** Half-width of the default search window, at least. */
const RADIUS = 256;

function contextMatchesAt(text: string, t: AnchorTarget, p: number): boolean {
  const lp = t.prefix.length;
  return p >= lp && text.startsWith(t.exact, p) && text.startsWith(t.prefix, p - lp) && text.startsWith(t.suffix, p + t.exact.length);
}

/** Start offsets of the exact occurrences of `needle` starting in [from, to), ascending. */
function occurrences(text: string, needle: string, from = 0, to = text.length): number[] {
  const out: number[] = [];
  if (needle.length === 0) return out;
  let p = text.indexOf(needle, Math.max(0, from));
  while (p >= 0 && p < to) {
    out.push(p);
    p = text.indexOf(needle, p + 1);
  }
  return out;
}

interface Placement extends Span {
  /** Edit cost of prefix, of the quote, of suffix. */
  prefixCost: number;
  quoteCost: number;
  suffixCost: number;
  cost: number;
  /** prefix + quote + suffix length. */
  size: number;
}

/**
 * Aligns prefix + exact + suffix against text[from, to) (free to start and end anywhere in it;
 * every pattern character costs 1 when not matched) and returns where the quote lands with the
 * least total edit cost. Text inserted at a quote boundary is left outside the quote.
 * Returns null when every alignment costs more than `maxCost`.
 */
function align(text: string, t: AnchorTarget, from: number, to: number, maxCost: number): Placement | null {
  const pattern = t.prefix + t.exact + t.suffix;
  const n = pattern.length;
  const lp = t.prefix.length;
  const qEnd = lp + t.exact.length;
  const cols = to - from;
  if (cols <= 0) return null;
  let prevD = new Int32Array(cols + 1);
  let curD = new Int32Array(cols + 1);
  let prevS = new Int32Array(cols + 1);
  let curS = new Int32Array(cols + 1);
  let prevE = new Int32Array(cols + 1);
  let curE = new Int32Array(cols + 1);
  let prevC1 = new Int32Array(cols + 1);
  let curC1 = new Int32Array(cols + 1);
  let prevC2 = new Int32Array(cols + 1);
  let curC2 = new Int32Array(cols + 1);
  // Row 0: the alignment may start anywhere in the region for free.
  const codes = new Uint16Array(cols);
  for (let j = 0; j < cols; j++) codes[j] = text.charCodeAt(from + j);
  for (let i = 1; i <= n; i++) {
    const pc = pattern.charCodeAt(i - 1);
    const entering = i === lp + 1; // this row consumes the first quote character
    const arriving = i === qEnd; // this row consumes the last quote character
    curD[0] = i;
    curS[0] = entering ? 0 : prevS[0]!;
    curC1[0] = entering ? prevD[0]! : prevC1[0]!;
    curE[0] = arriving ? 0 : prevE[0]!;
    curC2[0] = arriving ? i : prevC2[0]!;
    let rowMin = curD[0]!;
    for (let j = 1; j <= cols; j++) {
      const diag = prevD[j - 1]! + (codes[j - 1] === pc ? 0 : 1);
      const up = prevD[j]! + 1;
      const left = curD[j - 1]! + 1;
      let d: number;
      if (diag <= up && diag <= left) {
        d = diag;
        curS[j] = entering ? j - 1 : prevS[j - 1]!;
        curC1[j] = entering ? prevD[j - 1]! : prevC1[j - 1]!;
        curE[j] = arriving ? j : prevE[j - 1]!;
        curC2[j] = arriving ? d : prevC2[j - 1]!;
      } else if (up <= left) {
        d = up;
        curS[j] = entering ? j : prevS[j]!;
        curC1[j] = entering ? prevD[j]! : prevC1[j]!;
        curE[j] = arriving ? j : prevE[j]!;
        curC2[j] = arriving ? d : prevC2[j]!;
      } else {
        d = left;
        // A text character skipped. On the row of the last prefix character this happens before
        // the quote is entered, so text inserted there stays outside the quote; on the row of
        // the last quote character the end keeps its first arrival, so text inserted after the
        // quote stays outside too.
        curS[j] = curS[j - 1]!;
        curC1[j] = curC1[j - 1]!;
        curE[j] = curE[j - 1]!;
        curC2[j] = curC2[j - 1]!;
      }
      curD[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > maxCost) return null;
    [prevD, curD] = [curD, prevD];
    [prevS, curS] = [curS, prevS];
    [prevE, curE] = [curE, prevE];
    [prevC1, curC1] = [curC1, prevC1];
    [prevC2, curC2] = [curC2, prevC2];
  }
  let best = -1;
  for (let j = 0; j <= cols; j++) {
    if (best < 0 || prevD[j]! < prevD[best]!) best = j;
  }
  const cost = prevD[best]!;
  if (cost > maxCost) return null;
  let start = from + prevS[best]!;
  let end = from + prevE[best]!;
  if (splitsSurrogatePair(text, start)) start--;
  if (splitsSurrogatePair(text, end)) end++;
  if (end <= start) return null;
  const c1 = prevC1[best]!;
  const c2 = prevC2[best]!;
  return { start, end, prefixCost: c1, quoteCost: c2 - c1, suffixCost: cost - c2, cost, size: n };
}

/** Clusters of overlapping approximate matches of the quote in text[from, to), nearest first. */
function fuzzyMatches(text: string, t: AnchorTarget, from: number, to: number, k: number, expected: number, mask: readonly number[]): Span[] {
  const m = t.exact.length;
  if (k <= 0 || to - from < m - k) return [];
  // Exact occurrences are scored separately; hide them so that the search reports the best
  // approximate matches (it only returns the matches with the fewest errors).
  let region = text.slice(from, to);
  const hidden = mask.filter((p) => p + m > from && p < to);
  if (hidden.length > 0) {
    const blank = '\uffff'.repeat(m);
    let out = '';
    let at = from;
    for (const p of hidden) {
      const s = Math.max(p, at);
      out += text.slice(at, s) + blank.slice(0, Math.min(p + m, to) - s);
      at = Math.min(p + m, to);
    }
    region = out + text.slice(at, to);
  }
  const clusters: Span[] = [];
  for (const match of search(region, t.exact, k)) {
    const s = from + match.start;
    const e = from + match.end;
    const last = clusters[clusters.length - 1];
    if (last && s < last.end) last.end = Math.max(last.end, e);
    else clusters.push({ start: s, end: e });
  }
  return byDistance(clusters, (c) => c.start, expected).slice(0, MAX_FUZZY_CANDIDATES);
}

function byDistance<T>(items: readonly T[], position: (item: T) => number, expected: number): T[] {
  return [...items].sort((a, b) => Math.abs(position(a) - expected) - Math.abs(position(b) - expected));
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Most quote errors accepted when both context sides agree (the quote itself was edited). */
function maxPinnedErrors(m: number): number {
  return Math.max(maxErrors(m), Math.floor(m / 2));
}

function sideAgrees(cost: number, length: number): boolean {
  return length >= MIN_CONTEXT_SIDE && cost <= GOOD_CONTEXT_RATIO * length;
}

/**
 * Is this placement good enough? Either both context sides agree and the quote kept at least
 * half its characters; or the quote has at most maxErrors and one context side agrees, or
 * prefix + quote + suffix as a whole differ in at most a quarter of their characters.
 */
function acceptable(p: Placement, t: AnchorTarget): boolean {
  const m = t.exact.length;
  const prefixAgrees = sideAgrees(p.prefixCost, t.prefix.length);
  const suffixAgrees = sideAgrees(p.suffixCost, t.suffix.length);
  if (prefixAgrees && suffixAgrees && p.quoteCost <= maxPinnedErrors(m)) return true;
  if (p.quoteCost > maxErrors(m)) return false;
  return prefixAgrees || suffixAgrees || p.cost <= MAX_COST_RATIO * p.size;
}

/** The highest alignment cost `acceptable` can accept for this target. */
function costCeiling(t: AnchorTarget): number {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const size = lp + m + ls;
  return Math.max(
    Math.floor(MAX_COST_RATIO * size),
    maxPinnedErrors(m) + Math.floor(GOOD_CONTEXT_RATIO * lp) + Math.floor(GOOD_CONTEXT_RATIO * ls),
    maxErrors(m) + Math.floor(GOOD_CONTEXT_RATIO * Math.max(lp, ls)) + Math.min(lp, ls),
  );
}

/** Scored candidates for one target; keeps the cost budget tight as better candidates appear. */
class Candidates {
  readonly list: Placement[] = [];
  best: Placement | null = null;
  budget: number;
  private readonly seen = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly t: AnchorTarget,
  ) {
    this.budget = costCeiling(t) + TIE;
  }

  /** Aligns the target against text[from, to). */
  consider(from: number, to: number): void {
    const p = align(this.text, this.t, Math.max(0, from), Math.min(this.text.length, to), this.budget);
    if (!p) return;
    const key = `${p.start}:${p.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(p);
    if (acceptable(p, this.t) && (!this.best || p.cost < this.best.cost)) {
      this.best = p;
      // Rivals of interest cost at most best + TIE: align() can stop early beyond that.
      this.budget = Math.min(this.budget, p.cost + TIE);
    }
  }

  /** A candidate whose quote lies about at [start, end). */
  considerSpan(start: number, end: number): void {
    const k = maxErrors(this.t.exact.length);
    this.consider(start - this.t.prefix.length - SLACK - k, end + this.t.suffix.length + SLACK + k);
  }
}

/**
 * The best acceptable candidate, or null when there is none or the best is ambiguous: another
 * acceptable candidate elsewhere is about as good, and the context of the nearest of them
 * (which is then taken) does not agree well enough.
 */
function choose(candidates: readonly Placement[], t: AnchorTarget, expected: number): Placement | null {
  const ok = candidates.filter((c) => acceptable(c, t));
  if (ok.length === 0) return null;
  ok.sort((a, b) => a.cost - b.cost || Math.abs(a.start - expected) - Math.abs(b.start - expected));
  const best = ok[0]!;
  const rivals = ok.filter((c) => c !== best && !overlaps(c, best) && c.cost <= best.cost + TIE);
  if (rivals.length === 0) return best;
  const near = byDistance([best, ...rivals], (c) => c.start, expected)[0]!;
  const contextSize = t.prefix.length + t.suffix.length;
  if (contextSize > 0 && near.prefixCost + near.suffixCost <= MAX_COST_RATIO * contextSize) return near;
  return null;
}

function placed(text: string, t: AnchorTarget, start: number, end: number, score: number): AnchorResult {
  const target = makeTarget(text, start, end);
  const status: AnchorStatus = start === t.start && end === t.end && target.exact === t.exact ? 'anchored' : 'moved';
  return { status, target, score };
}

function orphan(t: AnchorTarget): AnchorResult {
  return { status: 'orphaned', target: { start: t.start, end: t.end, exact: t.exact, prefix: t.prefix, suffix: t.suffix }, score: 0 };
}

/** Exact placement with full context at the old offsets (the common case: nothing changed there). */
function atOldPlace(text: string, t: AnchorTarget): boolean {
  return t.end - t.start === t.exact.length && contextMatchesAt(text, t, t.start);
}

function nearest(positions: readonly number[], expected: number): number {
  let best = positions[0]!;
  for (const p of positions) if (Math.abs(p - expected) < Math.abs(best - expected)) best = p;
  return best;
}

interface Scope {
  expected: number;
  /** Where to look first. */
  window: Span;
  /** Whether to search the whole text when the window has nothing acceptable. */
  widen: boolean;
  /** Exact occurrences of the quote in the whole text, ascending. */
  occ: readonly number[];
}

function scaledStart(t: AnchorTarget, textLength: number, oldLength: number | undefined): number {
  return oldLength && oldLength > 0 ? Math.round((t.start * textLength) / oldLength) : t.start;
}

/** Finds `target` in `text` (see the module comment). Never throws. */
export function reanchor(text: string, target: AnchorTarget, options: ReanchorOptions = {}): AnchorResult {
  const t = target;
  if (t.exact.length === 0) return orphan(t);
  if (atOldPlace(text, t)) return placed(text, t, t.start, t.end, 1);
  const expected = options.expected ?? scaledStart(t, text.length, options.oldLength);
  const occ = occurrences(text, t.exact);
  const full = occ.filter((p) => contextMatchesAt(text, t, p));
  if (full.length > 0) {
    const p = nearest(full, expected);
    return placed(text, t, p, p + t.exact.length, 1);
  }
  const radius = Math.max(RADIUS, 2 * t.exact.length);
  const window = options.window ?? { start: expected - radius, end: expected + t.exact.length + radius };
  return locate(text, t, { expected, window, widen: options.window === undefined, occ });
}

/** Steps 3 and 4 of the module comment. */
function locate(text: string, t: AnchorTarget, scope: Scope): AnchorResult {
  const m = t.exact.length;
  const k = maxErrors(m);
  const { expected } = scope;
  const lo = Math.max(0, scope.window.start);
  const hi = Math.min(text.length, scope.window.end);

  // A quote long enough to be distinctive, found exactly once: that is the place.
  if (scope.occ.length === 1 && m >= UNIQUE_QUOTE_LENGTH) {
    const p = scope.occ[0]!;
    const scored = align(text, t, Math.max(0, p - t.prefix.length - SLACK), Math.min(text.length, p + m + t.suffix.length + SLACK), Infinity);
    return placed(text, t, p, p + m, scored ? 1 - scored.cost / scored.size : 0.5);
  }

  const c = new Candidates(text, t);
  const occInScope = scope.widen ? scope.occ : scope.occ.filter((p) => p + m > lo && p < hi);
  for (const p of byDistance(occInScope, (x) => x, expected).slice(0, MAX_EXACT_CANDIDATES)) c.considerSpan(p, p + m);

  const grow = maxPinnedErrors(m) + SLACK;
  const contextCandidates = (from: number, to: number): void => {
    const lp = t.prefix.length;
    const ls = t.suffix.length;
    if (lp >= MIN_CONTEXT_KEY) {
      const key = t.prefix.slice(-CONTEXT_KEY);
      for (const p of byDistance(occurrences(text, key, from - key.length, to), (x) => x, expected - key.length).slice(0, MAX_FUZZY_CANDIDATES)) {
        const start = p + key.length;
        c.consider(start - lp - SLACK, start + m + grow + ls + SLACK);
      }
    }
    if (ls >= MIN_CONTEXT_KEY) {
      const key = t.suffix.slice(0, CONTEXT_KEY);
      for (const p of byDistance(occurrences(text, key, from, to + m + grow), (x) => x, expected + m).slice(0, MAX_FUZZY_CANDIDATES)) {
        c.consider(p - m - grow - lp - SLACK, p + ls + SLACK);
      }
    }
  };
  const fuzzy = (from: number, to: number, mask: readonly number[]): void => {
    const errors = Math.min(k, c.best ? c.best.cost + TIE : k);
    for (const span of fuzzyMatches(text, t, from, to, errors, expected, mask)) c.considerSpan(span.start, span.end);
  };

  contextCandidates(lo, hi);
  fuzzy(lo, hi, scope.occ);
  let best = choose(c.list, t, expected);
  if (!best && scope.widen && (lo > 0 || hi < text.length)) {
    contextCandidates(0, text.length);
    if (m >= MIN_GLOBAL_FUZZY_LENGTH) fuzzy(0, text.length, []);
    best = choose(c.list, t, expected);
  }
  if (!best) return orphan(t);
  return placed(text, t, best.start, best.end, 1 - best.cost / best.size);
}

/**
 * Re-anchors many targets made from the same old text (e.g. all annotations of a sidecar).
 * Quotes still in place, or found once with their exact context, are placed first; the
 * others are then searched between the new places of their nearest placed neighbours (their
 * order in the text is assumed kept) or, without such neighbours, around the position the
 * neighbours' displacement predicts. Results are in input order.
 */
export function reanchorAll(text: string, targets: readonly AnchorTarget[], options: { oldLength?: number } = {}): AnchorResult[] {
  const results: Array<AnchorResult | undefined> = new Array(targets.length);
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.start - targets[b]!.start || targets[a]!.end - targets[b]!.end);
  /** New start of confidently placed targets, by position in `order`. */
  const newStart: Array<number | undefined> = new Array(order.length);
  const occCache = new Map<string, number[]>();
  const occOf = (exact: string): number[] => {
    let occ = occCache.get(exact);
    if (!occ) occCache.set(exact, (occ = occurrences(text, exact)));
    return occ;
  };
  // Pass 1: still in place; pass 2: exact quote with exact context, found once.
  const pending: number[] = [];
  order.forEach((index, k) => {
    const t = targets[index]!;
    if (t.exact.length === 0) {
      results[index] = orphan(t);
    } else if (atOldPlace(text, t)) {
      results[index] = placed(text, t, t.start, t.end, 1);
      newStart[k] = t.start;
    } else {
      pending.push(k);
    }
  });
  const remaining: number[] = [];
  for (const k of pending) {
    const index = order[k]!;
    const t = targets[index]!;
    const full = occOf(t.exact).filter((p) => contextMatchesAt(text, t, p));
    if (full.length === 1) {
      results[index] = placed(text, t, full[0]!, full[0]! + t.exact.length, 1);
      newStart[k] = full[0]!;
    } else {
      remaining.push(k);
    }
  }
  // Pass 3: the rest.
  const scale = options.oldLength && options.oldLength > 0 ? text.length / options.oldLength : 1;
  for (const k of remaining) {
    const index = order[k]!;
    const t = targets[index]!;
    const m = t.exact.length;
    let prev = -1;
    for (let j = k - 1; j >= 0; j--) {
      if (newStart[j] !== undefined) {
        prev = j;
        break;
      }
    }
    let next = -1;
    for (let j = k + 1; j < order.length; j++) {
      if (newStart[j] !== undefined) {
        next = j;
        break;
      }
    }
    const shiftOf = (j: number): number => newStart[j]! - targets[order[j]!]!.start;
    const expected = prev >= 0 ? t.start + shiftOf(prev) : next >= 0 ? t.start + shiftOf(next) : Math.round(t.start * scale);
    const occ = occOf(t.exact);
    const full = occ.filter((p) => contextMatchesAt(text, t, p));
    if (full.length > 0) {
      const p = nearest(full, expected);
      results[index] = placed(text, t, p, p + m, 1);
      continue;
    }
    let scope: Scope;
    if (prev >= 0 && next >= 0) {
      // Starts keep their order under edits: ours lies between the neighbours' new starts.
      const window = { start: newStart[prev]! - SLACK, end: newStart[next]! + m + maxErrors(m) + SLACK };
      scope = { expected, window, widen: false, occ };
    } else {
      const radius = Math.max(RADIUS, 2 * m);
      scope = { expected, window: { start: expected - radius, end: expected + m + radius }, widen: true, occ };
    }
    results[index] = locate(text, t, scope);
  }
  return results.map((r, i) => r ?? orphan(targets[i]!));
}
