/**
 * Anchoring: building targets from a selection, moving spans along with live edits, and
 * finding annotations again in a document that changed while Seed Annotator was not looking.
 *
 * Re-anchoring (`reanchor`, `reanchorAll`) tries, in order:
 *  1. the old offsets, when the quote and both context strings are still there → `anchored`;
 *  2. prefix + quote + suffix verbatim elsewhere (the nearest to the expected position when
 *     there are several) → `moved`;
 *  3. candidates, each scored by one alignment of prefix + quote + suffix against the text
 *     around it (edit distance; where the quote boundaries fall in it; what each part cost):
 *     exact occurrences of the quote, places where the last/first 16 characters of the
 *     prefix/suffix occur verbatim (a quote edited in place), and approximate matches of the
 *     quote (approx-string-match: Myers' bit-parallel algorithm, at most min(⌊length/4⌋, 32)
 *     errors). They are searched in a window — between the new places of the neighbouring
 *     annotations found in 1–2, or around the expected position — and in the whole text only
 *     when that finds nothing acceptable and no neighbours bound the search. See `acceptable`
 *     for when a candidate may be taken, `choose` for ambiguity: about equally good places →
 *     the nearest only if its context agrees; a cheaper but unacceptable alignment elsewhere
 *     (the quote deleted or rewritten there) → none. → `moved`;
 *  4. otherwise `orphaned`: the old target is kept untouched.
 * Wrong placement is worse than none, so every doubtful case ends in 4. Quotes so long that
 * the alignment would exceed MAX_CELLS are only found verbatim.
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

/** Quotes shorter than this are placed by one context side only where it agrees strongly. */
const SHORT_QUOTE = 8;
/** Context characters that must match right next to the quote for one context side to place it. */
const ADJACENT = 4;
/** Without a well-matching context side, accept only if prefix + quote + suffix differ from the text in at most this share. */
const MAX_COST_RATIO = 0.25;
/** A context side agrees (fairly / strongly) when it has at least this many characters and at most this share of them differ. */
const MIN_CONTEXT_SIDE = 16;
const FAIR_CONTEXT_RATIO = 0.25;
const STRONG_CONTEXT_RATIO = 0.1;
/** With one strongly agreeing context side, the quote may differ in this share of its characters. */
const ONE_SIDED_ERROR_RATIO = 0.3;
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
  from = Math.max(0, from);
  if (needle.length === 0 || from >= to) return out;
  // indexOf would scan on to the end of the text: search a slice that ends where matches must.
  const hay = to + needle.length - 1 < text.length ? text.slice(from, to + needle.length - 1) : text;
  const base = hay === text ? 0 : from;
  let p = hay.indexOf(needle, from - base);
  while (p >= 0 && p + base < to) {
    out.push(p + base);
    p = hay.indexOf(needle, p + 1);
  }
  return out;
}

interface Placement extends Span {
  /**
   * The span trimmed to the outermost runs of SOLID_RUN matching quote characters: an end whose
   * context side disagrees is moved there, rather than spilling onto unrelated text that
   * happens to cost as little as deleting the lost part of the quote.
   */
  solidStart: number;
  solidEnd: number;
  /** Context characters matched without a gap right before / after the quote. */
  prefixAdjacent: number;
  suffixAdjacent: number;
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
 * least total edit cost; among equally cheap alignments, the one with the fewest edits inside
 * the quote, so that text inserted at a quote boundary is left outside the quote.
 * Returns null when every alignment costs more than `maxCost` edits: cells beyond that are not
 * computed (Ukkonen's cut-off), which keeps re-scoring cheap once a good candidate is known.
 */
function align(text: string, t: AnchorTarget, from: number, to: number, maxCost: number, startLo = from, startHi = to): Placement | null {
  const pattern = t.prefix + t.exact + t.suffix;
  const n = pattern.length;
  const lp = t.prefix.length;
  const qEnd = lp + t.exact.length;
  const cols = to - from;
  if (cols <= 0 || n === 0) return null;
  const width = cols + 1;
  // Costs are edits * UNIT + edits inside the quote: edits first, quote edits break ties.
  const INF = (Math.min(maxCost, n + cols) + 1) * UNIT;
  if (scratch.codes.length < cols) scratch.codes = new Uint16Array(cols * 2);
  if (scratch.rowA.length < width) {
    scratch.rowA = new Float64Array(width * 2);
    scratch.rowB = new Float64Array(width * 2);
  }
  if (scratch.rowBase.length < n + 1) scratch.rowBase = new Int32Array((n + 1) * 2);
  const { codes, rowBase } = scratch;
  // Directions are kept only for the cells computed (a band around the best paths): row i's
  // cell j is at dirs[rowBase[i] + j].
  let dirs = scratch.dirs;
  let used = 0;
  for (let j = 0; j < cols; j++) codes[j] = text.charCodeAt(from + j);
  let prev = scratch.rowA;
  let cur = scratch.rowB;
  // Row 0: the alignment may start anywhere in [startLo, startHi] for free.
  let plo = Math.max(0, startLo - from);
  let phi = Math.min(cols, startHi - from);
  if (phi < plo) return null;
  prev.fill(0, plo, phi + 1);
  for (let i = 1; i <= n; i++) {
    const pc = pattern.charCodeAt(i - 1);
    if (used + width > dirs.length) {
      if (used + width > MAX_CELLS) return null;
      const grown = new Uint8Array(Math.min(MAX_CELLS, Math.max(dirs.length * 2, used + width)));
      grown.set(dirs.subarray(0, used));
      dirs = scratch.dirs = grown;
    }
    const base = used - plo;
    rowBase[i] = base;
    let last = plo;
    const op = i > lp && i <= qEnd ? UNIT + 1 : UNIT; // consuming a quote character
    const ins = i > lp && i < qEnd ? UNIT + 1 : UNIT; // text inserted inside the quote
    let clo = -1;
    let chi = -1;
    let left = INF;
    for (let j = plo; j <= cols; j++) {
      const up = j <= phi ? prev[j]! + op : INF;
      const diag = j > plo && j - 1 <= phi ? prev[j - 1]! + (codes[j - 1] === pc ? 0 : op) : INF;
      let d: number;
      let dir: number;
      if (diag <= up && diag <= left) {
        d = diag;
        dir = DIAG;
      } else if (up <= left) {
        d = up;
        dir = UP;
      } else {
        d = left;
        dir = LEFT;
      }
      if (d >= INF) {
        if (j > phi) break; // only ever more expensive further right
        d = INF;
      } else {
        if (clo < 0) clo = j;
        chi = j;
      }
      cur[j] = d;
      dirs[base + j] = dir;
      last = j;
      left = d + ins;
    }
    used = base + last + 1;
    if (clo < 0) return null;
    plo = clo;
    phi = chi;
    [prev, cur] = [cur, prev];
  }
  let bestJ = plo;
  for (let j = plo; j <= phi; j++) if (prev[j]! < prev[bestJ]!) bestJ = j;
  const cost = Math.floor(prev[bestJ]! / UNIT);
  if (cost > maxCost) return null;
  // Trace the path back: where it crosses the quote boundaries, and what each part cost.
  let i = n;
  let j = bestJ;
  let endCol = -1;
  let startCol = -1;
  let prefixCost = 0;
  let quoteCost = 0;
  let suffixCost = 0;
  // The outermost runs of SOLID_RUN matched quote characters, for trimming unsure ends.
  let run = 0;
  let runTop = -1;
  let solidEnd = -1;
  let solidStart = -1;
  // Matched context characters right next to the quote, on each side.
  let suffixRun = 0;
  let suffixAdjacent = -1;
  let prefixAdjacent = 0;
  let prefixRunOpen = true;
  while (i > 0) {
    const dir = dirs[rowBase[i]! + j]!;
    const step = dir !== DIAG || codes[j - 1] !== pattern.charCodeAt(i - 1) ? 1 : 0;
    const inSuffix = i > qEnd || (i === qEnd && dir === LEFT);
    if (inSuffix) suffixRun = step === 0 ? suffixRun + 1 : 0;
    else if (suffixAdjacent < 0) suffixAdjacent = suffixRun;
    if (i <= lp && prefixRunOpen) {
      if (step === 0) prefixAdjacent++;
      else prefixRunOpen = false;
    }
    if (step === 0 && i > lp && i <= qEnd) {
      if (++run === 1) runTop = j;
      if (run >= SOLID_RUN) {
        if (solidEnd < 0) solidEnd = runTop;
        solidStart = j - 1;
      }
    } else {
      run = 0;
    }
    if (i === qEnd && dir !== LEFT && endCol < 0) endCol = j;
    // Insertions on the last prefix row lie before the quote; on the last quote row, after it.
    if (i > qEnd || (i === qEnd && dir === LEFT)) suffixCost += step;
    else if (i > lp) quoteCost += step;
    else prefixCost += step;
    if (dir !== LEFT) i--;
    if (dir !== UP) j--;
    if (i === lp && startCol < 0 && dir !== LEFT) startCol = j;
  }
  if (startCol < 0) startCol = j;
  let start = from + startCol;
  let end = from + endCol;
  if (splitsSurrogatePair(text, start)) start--;
  if (splitsSurrogatePair(text, end)) end++;
  if (end < start) end = start;
  let solidFrom = solidStart >= 0 ? Math.max(start, from + solidStart) : start;
  let solidTo = solidEnd >= 0 ? Math.min(end, from + solidEnd) : end;
  if (splitsSurrogatePair(text, solidFrom)) solidFrom--;
  if (splitsSurrogatePair(text, solidTo)) solidTo++;
  if (solidTo <= solidFrom) {
    solidFrom = start;
    solidTo = end;
  }
  return {
    start,
    end,
    solidStart: solidFrom,
    solidEnd: solidTo,
    prefixCost,
    quoteCost,
    suffixCost,
    prefixAdjacent,
    suffixAdjacent: Math.max(0, suffixAdjacent),
    cost,
    size: n,
  };
}

/** Matched characters in a row that make a quote end trustworthy. */
const SOLID_RUN = 4;

/** Most alignment cells computed for one candidate: bounds time and memory. */
const MAX_CELLS = 16_000_000;
/** Cost of one edit in align(); an edit inside the quote costs UNIT + 1. */
const UNIT = 65536;
const DIAG = 0;
const UP = 1;
const LEFT = 2;
const scratch = {
  codes: new Uint16Array(256),
  rowA: new Float64Array(256),
  rowB: new Float64Array(256),
  rowBase: new Int32Array(256),
  dirs: new Uint8Array(1 << 16),
};

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

/** Most quote errors (deletions and substitutions) accepted when both context sides agree. */
function maxPinnedErrors(m: number): number {
  return Math.max(maxErrors(m), Math.floor(m / 2));
}

/** Most characters a quote may have grown by when both context sides agree. */
function maxPinnedGrowth(m: number): number {
  return Math.max(m, 32);
}

/** Most quote errors accepted when one context side agrees strongly. */
function maxOneSidedErrors(m: number): number {
  return Math.max(maxErrors(m), Math.floor(ONE_SIDED_ERROR_RATIO * m));
}

function sideAgrees(cost: number, length: number, ratio = FAIR_CONTEXT_RATIO): boolean {
  return length >= MIN_CONTEXT_SIDE && cost <= ratio * length;
}

/**
 * Is this placement good enough? One of:
 *  - both context sides agree fairly, the quote kept at least half its characters and did
 *    not grow by more than its length (a quote edited in place);
 *  - one context side agrees strongly, right up to the quote (ADJACENT characters next to it
 *    match), and the quote has at most 30 % errors;
 *  - the quote has at most maxErrors, and one context side agrees fairly right up to it, or
 *    prefix + quote + suffix as a whole differ in at most a quarter of their characters and
 *    the quote is long enough to speak for itself.
 * Without the adjacency a short quote could be "found" a few characters from where its
 * context now is, after its own text was deleted; a quote shorter than 8 characters needs
 * one of the first two cases, as its own few characters recur everywhere.
 */
function acceptable(p: Placement, t: AnchorTarget): boolean {
  if (p.end <= p.start) return false; // the quote aligned to nothing: deleted here
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const prefixAgrees = sideAgrees(p.prefixCost, lp);
  const suffixAgrees = sideAgrees(p.suffixCost, ls);
  if (prefixAgrees && suffixAgrees) {
    const growth = p.end - p.start - m;
    // Insertions do not destroy the original text: count deletions and substitutions (at most).
    const damage = p.quoteCost - Math.max(0, growth);
    if (damage <= maxPinnedErrors(m) && growth <= maxPinnedGrowth(m)) return true;
  }
  const prefixNear = p.prefixAdjacent >= Math.min(ADJACENT, lp);
  const suffixNear = p.suffixAdjacent >= Math.min(ADJACENT, ls);
  const strong =
    (prefixNear && sideAgrees(p.prefixCost, lp, STRONG_CONTEXT_RATIO)) || (suffixNear && sideAgrees(p.suffixCost, ls, STRONG_CONTEXT_RATIO));
  if (strong && p.quoteCost <= maxOneSidedErrors(m)) return true;
  if (p.quoteCost > maxErrors(m)) return false;
  // A short quote says little by itself: its one context side must agree strongly (above).
  if (m < SHORT_QUOTE) return false;
  if ((prefixNear && prefixAgrees) || (suffixNear && suffixAgrees)) return true;
  return m >= UNIQUE_QUOTE_LENGTH && p.cost <= MAX_COST_RATIO * p.size;
}

/**
 * The highest alignment cost `acceptable` can accept for this target: with `pinned`, including
 * quotes edited in place between agreeing context sides (looked for only where the context
 * strings were found verbatim, as those alignments are the costliest to compute).
 */
function costCeiling(t: AnchorTarget, pinned: boolean): number {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const side = Math.max(lp, ls);
  return Math.max(
    Math.floor(MAX_COST_RATIO * (lp + m + ls)),
    pinned ? maxPinnedErrors(m) + maxPinnedGrowth(m) + Math.floor(FAIR_CONTEXT_RATIO * lp) + Math.floor(FAIR_CONTEXT_RATIO * ls) : 0,
    maxOneSidedErrors(m) + Math.floor(STRONG_CONTEXT_RATIO * side) + side,
    maxErrors(m) + Math.floor(FAIR_CONTEXT_RATIO * side) + side,
  );
}

interface Region {
  from: number;
  to: number;
  startLo: number;
  startHi: number;
  /** Found from the context strings: may hold a quote edited in place (costlier alignments). */
  pinned: boolean;
  /** The budget under which scoring found nothing (Infinity once scored completely). */
  cutAt: number;
}

/** Alignment cost budget of the first round of scoring; most good placements cost less. */
const FIRST_BUDGET = 12;

/**
 * Scored candidates for one target. Scoring runs with a small cost budget first (cheap: the
 * alignment stops early); `complete` then re-scores, with the full budget, only the candidates
 * the small budget cut off, and only if they could still matter.
 */
class Candidates {
  list: Placement[] = [];
  best: Placement | null = null;
  private limit: number;
  private readonly plainCeiling: number;
  private readonly pinnedCeiling: number;
  private readonly regions: Region[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly t: AnchorTarget,
  ) {
    this.plainCeiling = costCeiling(t, false) + TIE;
    this.pinnedCeiling = Math.max(this.plainCeiling, costCeiling(t, true) + TIE);
    this.limit = Math.min(this.plainCeiling, FIRST_BUDGET);
  }

  /** Aligns the target against text[from, to), starting the alignment in [startLo, startHi]. */
  consider(from: number, to: number, startLo: number, startHi: number, pinned = false): void {
    const n = this.text.length;
    const region: Region = {
      from: Math.max(0, from),
      to: Math.min(n, to),
      startLo: Math.max(0, startLo),
      startHi: Math.min(n, startHi),
      pinned,
      cutAt: 0,
    };
    this.regions.push(region);
    this.score(region);
  }

  /** A candidate whose quote lies about at [start, end). */
  considerSpan(start: number, end: number): void {
    const slack = SLACK + maxErrors(this.t.exact.length);
    const lp = this.t.prefix.length;
    this.consider(start - lp - slack, end + this.t.suffix.length + slack, start - lp - slack, start - lp + slack);
  }

  /** Is there a candidate starting (or ending) exactly here already? */
  hasStart(start: number): boolean {
    return this.list.some((p) => p.start === start);
  }

  hasEnd(end: number): boolean {
    return this.list.some((p) => p.end === end);
  }

  /** Most quote errors a candidate may still have to matter. */
  errorLimit(): number {
    return this.best ? this.best.cost + TIE : Infinity;
  }

  /** Lifts the budget to the full ceiling (or best + TIE) and re-scores what the lower one cut off. */
  complete(): void {
    this.limit = this.best ? this.best.cost + TIE : this.pinnedCeiling;
    for (const region of this.regions) {
      if (region.cutAt < this.budgetFor(region)) this.score(region);
    }
  }

  private budgetFor(region: Region): number {
    return Math.min(this.limit, region.pinned ? this.pinnedCeiling : this.plainCeiling);
  }

  private score(region: Region): void {
    const budget = this.budgetFor(region);
    const p = align(this.text, this.t, region.from, region.to, budget, region.startLo, region.startHi);
    if (!p) {
      region.cutAt = budget;
      return;
    }
    region.cutAt = Infinity;
    const key = `${p.start}:${p.end}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(p);
    if (acceptable(p, this.t) && (!this.best || p.cost < this.best.cost)) {
      this.best = p;
      // Rivals of interest cost at most best + TIE: align() can stop early beyond that.
      this.limit = Math.min(this.limit, p.cost + TIE);
    }
  }
}

/**
 * The best acceptable candidate, or null when there is none or the best is doubtful: a
 * cheaper unacceptable alignment lies elsewhere, or another acceptable candidate elsewhere is
 * about as good and the context of the nearest of them (which is then taken) does not agree
 * well enough.
 */
function choose(candidates: readonly Placement[], t: AnchorTarget, expected: number): Placement | null {
  const ok = candidates.filter((c) => acceptable(c, t));
  if (ok.length === 0) return null;
  ok.sort((a, b) => a.cost - b.cost || Math.abs(a.start - expected) - Math.abs(b.start - expected));
  const best = ok[0]!;
  // A cheaper explanation elsewhere that is not acceptable (the quote edited beyond the limits,
  // or deleted, there) makes the best one doubtful: its text may be a look-alike.
  const elsewhere = (c: Placement): boolean => c.end < best.start || c.start > best.end;
  if (candidates.some((c) => c.cost < best.cost && elsewhere(c) && !acceptable(c, t))) return null;
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
}

function scaledStart(t: AnchorTarget, textLength: number, oldLength: number | undefined): number {
  return oldLength && oldLength > 0 ? Math.round((t.start * textLength) / oldLength) : t.start;
}

/** Quote starts where prefix + quote + suffix occur verbatim. */
function fullMatches(text: string, t: AnchorTarget): number[] {
  const lp = t.prefix.length;
  return occurrences(text, t.prefix + t.exact + t.suffix).map((p) => p + lp);
}

/** Finds `target` in `text` (see the module comment). Never throws. */
export function reanchor(text: string, target: AnchorTarget, options: ReanchorOptions = {}): AnchorResult {
  const t = target;
  if (t.exact.length === 0) return orphan(t);
  if (atOldPlace(text, t)) return placed(text, t, t.start, t.end, 1);
  const expected = options.expected ?? scaledStart(t, text.length, options.oldLength);
  const full = fullMatches(text, t);
  if (full.length > 0) {
    const p = nearest(full, expected);
    return placed(text, t, p, p + t.exact.length, 1);
  }
  const radius = Math.max(RADIUS, 2 * t.exact.length);
  const window = options.window ?? { start: expected - radius, end: expected + t.exact.length + radius };
  return locate(text, t, { expected, window, widen: options.window === undefined });
}

/** Steps 3 and 4 of the module comment. */
function locate(text: string, t: AnchorTarget, scope: Scope): AnchorResult {
  const m = t.exact.length;
  const k = maxErrors(m);
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const { expected } = scope;
  const lo = Math.max(0, scope.window.start);
  const hi = Math.min(text.length, scope.window.end);

  const c = new Candidates(text, t);
  const grow = maxPinnedGrowth(m) + SLACK;
  /** Exact occurrences of the quote in [from, to), also hidden from the fuzzy search there. */
  const exactCandidates = (from: number, to: number): number[] => {
    const occ = occurrences(text, t.exact, from - m, to);
    for (const p of byDistance(occ, (x) => x, expected).slice(0, MAX_EXACT_CANDIDATES)) c.considerSpan(p, p + m);
    return occ;
  };
  /** Where the last characters of the prefix or the first of the suffix occur verbatim. */
  const contextCandidates = (from: number, to: number): void => {
    if (lp >= MIN_CONTEXT_KEY) {
      const key = t.prefix.slice(-CONTEXT_KEY);
      const found = occurrences(text, key, from - key.length, to);
      for (const p of byDistance(found, (x) => x, expected - key.length).slice(0, MAX_FUZZY_CANDIDATES)) {
        const start = p + key.length;
        if (!c.hasStart(start)) c.consider(start - lp - SLACK, start + m + grow + ls + SLACK, start - lp - SLACK, start - lp + SLACK, true);
      }
    }
    if (ls >= MIN_CONTEXT_KEY) {
      const key = t.suffix.slice(0, CONTEXT_KEY);
      const found = occurrences(text, key, from, to + m + grow);
      for (const p of byDistance(found, (x) => x, expected + m).slice(0, MAX_FUZZY_CANDIDATES)) {
        if (c.hasEnd(p)) continue;
        const from = p - m - grow - lp - SLACK;
        c.consider(from, p + ls + SLACK, from, p - lp - (m - maxPinnedErrors(m)) + SLACK, true);
      }
    }
  };
  const fuzzy = (from: number, to: number, mask: readonly number[]): void => {
    const errors = Math.min(k, c.errorLimit());
    for (const span of fuzzyMatches(text, t, from, to, errors, expected, mask)) c.considerSpan(span.start, span.end);
  };

  const occ = exactCandidates(lo, hi);
  contextCandidates(lo, hi);
  fuzzy(lo, hi, occ);
  c.complete();
  let best = choose(c.list, t, expected);
  if (!best && m >= UNIQUE_QUOTE_LENGTH) {
    // A quote long enough to be distinctive, found exactly once: that is the place.
    const all = occurrences(text, t.exact);
    if (all.length === 1) {
      const p = all[0]!;
      const scored = align(text, t, Math.max(0, p - lp - SLACK), Math.min(text.length, p + m + ls + SLACK), Infinity);
      return placed(text, t, p, p + m, scored ? 1 - scored.cost / scored.size : 0.5);
    }
  }
  if (!best && scope.widen && (lo > 0 || hi < text.length)) {
    const all = exactCandidates(0, text.length);
    contextCandidates(0, text.length);
    if (m >= MIN_GLOBAL_FUZZY_LENGTH) fuzzy(0, text.length, all);
    c.complete();
    best = choose(c.list, t, expected);
  }
  if (!best) return orphan(t);
  const start = sideAgrees(best.prefixCost, lp) ? best.start : best.solidStart;
  const end = sideAgrees(best.suffixCost, ls) ? best.end : best.solidEnd;
  return placed(text, t, start, end, 1 - best.cost / best.size);
}

/**
 * Re-anchors many targets made from the same old text (e.g. all annotations of a sidecar).
 * Quotes still in place, or found once with their exact context, are placed first; the
 * others are then searched between the new places of their nearest placed neighbours (their
 * order in the text is assumed kept) or, without such neighbours, around the position the
 * neighbours' displacement predicts, then in the whole text. Results are in input order.
 */
export function reanchorAll(text: string, targets: readonly AnchorTarget[], options: { oldLength?: number } = {}): AnchorResult[] {
  const results: Array<AnchorResult | undefined> = new Array(targets.length);
  const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.start - targets[b]!.start || targets[a]!.end - targets[b]!.end);
  /** New start of confidently placed targets, by position in `order`. */
  const newStart: Array<number | undefined> = new Array(order.length);
  // Pass 1: still in place.
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
  // Pass 2: quote and context found verbatim, once.
  const fullOf = new Map<number, number[]>();
  for (const k of pending) {
    const index = order[k]!;
    const t = targets[index]!;
    const full = fullMatches(text, t);
    fullOf.set(k, full);
    if (full.length === 1) {
      results[index] = placed(text, t, full[0]!, full[0]! + t.exact.length, 1);
      newStart[k] = full[0]!;
    }
  }
  // Pass 3: the rest.
  const scale = options.oldLength && options.oldLength > 0 ? text.length / options.oldLength : 1;
  for (const k of pending) {
    if (newStart[k] !== undefined) continue;
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
    const full = fullOf.get(k) ?? [];
    if (full.length > 0) {
      const p = nearest(full, expected);
      results[index] = placed(text, t, p, p + m, 1);
      continue;
    }
    let scope: Scope;
    if (prev >= 0 && next >= 0) {
      // Starts keep their order under edits: ours lies between the neighbours' new starts.
      scope = { expected, window: { start: newStart[prev]! - SLACK, end: newStart[next]! + m + maxErrors(m) + SLACK }, widen: false };
    } else {
      const radius = Math.max(RADIUS, 2 * m);
      scope = { expected, window: { start: expected - radius, end: expected + m + radius }, widen: true };
    }
    results[index] = locate(text, t, scope);
  }
  return results.map((r, i) => r ?? orphan(targets[i]!));
}
