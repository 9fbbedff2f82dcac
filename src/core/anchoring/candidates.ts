/** Scoring candidate places of one target, and the rules for taking one (see locate.ts). */
import search from 'approx-string-match';
import { align, type Placement } from './align';
import { PatternDistance } from './distance';
import type { AnchorTarget, Span } from './target';

/** Most errors an approximate match of a quote of this length may have. */
export function maxErrors(length: number): number {
  return Math.min(Math.floor(length / 4), 32);
}

/** Quotes shorter than this are placed by one context side only where it agrees strongly. */
export const SHORT_QUOTE = 8;
/** Context characters that must match right next to the quote for one context side to place it. */
const ADJACENT = 4;
/** Without a well-matching context side, accept only if prefix + quote + suffix differ from the text in at most this share. */
const MAX_COST_RATIO = 0.25;
/** A context side agrees (fairly / strongly) when it has at least this many characters and at most this share of them differ. */
export const MIN_CONTEXT_SIDE = 16;
const FAIR_CONTEXT_RATIO = 0.25;
const STRONG_CONTEXT_RATIO = 0.1;
/** With one strongly agreeing context side, the quote may differ in this share of its characters. */
const ONE_SIDED_ERROR_RATIO = 0.3;
/**
 * With both context sides pinned, a stretch of at least this share (and MIN_KEPT characters) of
 * the quote must be left verbatim: any two texts align on scattered characters.
 */
const KEPT_BETWEEN_CONTEXTS = 0.15;
export const MIN_KEPT = 12;
/** With one context side pinned, this share of the quote (at least MIN_SURVIVING_RUN characters) verbatim next to it. */
const SURVIVING_RUN_RATIO = 0.4;
const MIN_SURVIVING_RUN = 24;
/** Equally good candidates: total costs within this many edits. */
export const TIE = 1;
/** Exact occurrences scored by alignment (nearest to the expected position). */
export const MAX_EXACT_CANDIDATES = 24;
/** Approximate-match clusters, and context-string occurrences, scored per search. */
export const MAX_FUZZY_CANDIDATES = 8;
/** Extra text around a candidate given to the alignment. */
export const SLACK = 8;
/** A quote at least this long that occurs exactly once is placed there whatever its context. */
export const UNIQUE_QUOTE_LENGTH = 32;
/** Characters of prefix/suffix searched for exactly to find an edited quote between its contexts. */
export const CONTEXT_KEY = 16;
export const MIN_CONTEXT_KEY = 8;
/** Half-width of the default search window, at least. */
export const RADIUS = 256;

export function fuzzyMatches(text: string, t: AnchorTarget, from: number, to: number, k: number, expected: number, mask: readonly number[]): Span[] {
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

export function byDistance<T>(items: readonly T[], position: (item: T) => number, expected: number): T[] {
  return [...items].sort((a, b) => Math.abs(position(a) - expected) - Math.abs(position(b) - expected));
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Most quote errors (deletions and substitutions) accepted when both context sides agree. */
export function maxPinnedErrors(m: number): number {
  return Math.max(maxErrors(m), Math.floor(m / 2));
}

/** Most characters a quote may have grown by when both context sides agree. */
export function maxPinnedGrowth(m: number): number {
  return Math.max(m, 32);
}

/** Most quote errors accepted when one context side agrees strongly. */
function maxOneSidedErrors(m: number): number {
  return Math.max(maxErrors(m), Math.floor(ONE_SIDED_ERROR_RATIO * m));
}

export function sideAgrees(cost: number, length: number, ratio = FAIR_CONTEXT_RATIO): boolean {
  return length >= MIN_CONTEXT_SIDE && cost <= ratio * length;
}

/**
 * Is this placement good enough? One of:
 *  - both context sides agree fairly, the quote kept at least half its characters and did
 *    not grow by more than its length (a quote edited in place);
 *  - one context side agrees strongly, right up to the quote (ADJACENT characters next to it
 *    match), and the quote has at most 30 % errors;
 *  - the quote has at most maxErrors, and one context side agrees fairly right up to it, or
 *    the quote is verbatim and its two whole context sides together agree fairly, or
 *    prefix + quote + suffix as a whole differ in at most a quarter of their characters and
 *    the quote is long enough to speak for itself.
 * Without the adjacency a short quote could be "found" a few characters from where its
 * context now is, after its own text was deleted; a quote shorter than 8 characters needs
 * one of the first two cases, as its own few characters recur everywhere.
 */
export function acceptable(p: Placement, t: AnchorTarget): boolean {
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
    // (A short quote says too little to be recognised damaged: only grown.)
    if (damage <= (m < SHORT_QUOTE ? 0 : maxPinnedErrors(m)) && growth <= maxPinnedGrowth(m)) return true;
  }
  // A context side that agrees strongly fixes where the quote begins or ends.
  const prefixPinned = sideAgrees(p.prefixCost, lp, STRONG_CONTEXT_RATIO);
  const suffixPinned = sideAgrees(p.suffixCost, ls, STRONG_CONTEXT_RATIO);
  if (prefixPinned && suffixPinned) {
    // Between its two contexts: the annotation's place, whatever became of it, if some of it is left.
    const growth = p.end - p.start - m;
    const damage = p.quoteCost - Math.max(0, growth);
    if (p.longestRun >= Math.max(MIN_KEPT, m * KEPT_BETWEEN_CONTEXTS) && m - damage >= p.longestRun && growth <= maxPinnedGrowth(m)) return true;
  }
  // One context pinned and a long stretch of the quote verbatim next to it: the rest was rewritten.
  const survived = Math.max(MIN_SURVIVING_RUN, Math.ceil(m * SURVIVING_RUN_RATIO));
  if ((prefixPinned && p.headRun >= survived) || (suffixPinned && p.tailRun >= survived)) return true;
  const prefixNear = p.prefixAdjacent >= Math.min(ADJACENT, lp);
  const suffixNear = p.suffixAdjacent >= Math.min(ADJACENT, ls);
  const strong =
    (prefixNear && sideAgrees(p.prefixCost, lp, STRONG_CONTEXT_RATIO)) || (suffixNear && sideAgrees(p.suffixCost, ls, STRONG_CONTEXT_RATIO));
  if (strong && p.quoteCost <= maxOneSidedErrors(m)) return true;
  if (p.quoteCost > maxErrors(m)) return false;
  // A short quote says little by itself: its one context side must agree strongly (above).
  if (m < SHORT_QUOTE) return false;
  if ((prefixNear && prefixAgrees) || (suffixNear && suffixAgrees)) return true;
  if (p.quoteCost === 0 && lp >= MIN_CONTEXT_SIDE && ls >= MIN_CONTEXT_SIDE && sideAgrees(p.prefixCost + p.suffixCost, lp + ls)) return true;
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
    pinned ? Math.floor(m * (1 - KEPT_BETWEEN_CONTEXTS)) + maxPinnedGrowth(m) + Math.floor(STRONG_CONTEXT_RATIO * (lp + ls)) : 0,
    pinned ? m - Math.max(MIN_SURVIVING_RUN, Math.ceil(m * SURVIVING_RUN_RATIO)) + maxPinnedGrowth(m) + side + Math.floor(STRONG_CONTEXT_RATIO * side) : 0,
    maxOneSidedErrors(m) + Math.floor(STRONG_CONTEXT_RATIO * side) + side,
    maxErrors(m) + Math.floor(FAIR_CONTEXT_RATIO * side) + side,
  );
}

/** Distance tables for one target, whole and by part (each built when first needed, then used for every region). */
export class TargetParts {
  readonly whole: PatternDistance;
  private made: { prefix?: PatternDistance; exact?: PatternDistance; suffix?: PatternDistance; suffixBackwards?: PatternDistance } = {};
  constructor(private readonly t: AnchorTarget) {
    this.whole = new PatternDistance(t.prefix + t.exact + t.suffix);
  }
  get prefix(): PatternDistance {
    return (this.made.prefix ??= new PatternDistance(this.t.prefix));
  }
  get exact(): PatternDistance {
    return (this.made.exact ??= new PatternDistance(this.t.exact));
  }
  get suffix(): PatternDistance {
    return (this.made.suffix ??= new PatternDistance(this.t.suffix));
  }
  /** The suffix reversed: its distances by start position, from a backward sweep. */
  get suffixBackwards(): PatternDistance {
    return (this.made.suffixBackwards ??= new PatternDistance(this.t.suffix.split('').reverse().join('')));
  }
}

/**
 * How far apart can the two context sides frame the quote? The widest gap, at most `maxSpan` and
 * at least `minSpan`, between a place where the prefix ends within `prefixErrors` edits and a
 * place where the suffix starts within `suffixErrors` (the quote lies between them); -1 when there
 * is none. `prefixEnds[i]`: the prefix's fewest edits ending at offset i + 1 of the region;
 * `suffixStarts[i]`: the suffix's, starting at offset i. A quote deleted between its intact
 * contexts has them meet, or nearly.
 */
function widestFrame(prefixEnds: Int32Array, suffixStarts: Int32Array, prefixErrors: number, suffixErrors: number, minSpan: number, maxSpan: number): number {
  const n = prefixEnds.length;
  let widest = -1;
  let lastStart = -1; // the last offset before `j` where the suffix may start
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (prefixEnds[i]! > prefixErrors) continue;
    const end = i + 1; // the prefix's end
    if (end + minSpan > n - 1) break;
    for (const hi = Math.min(n - 1, end + maxSpan); j <= hi; j++) if (suffixStarts[j]! <= suffixErrors) lastStart = j;
    if (lastStart - end >= minSpan) widest = Math.max(widest, lastStart - end);
  }
  return widest;
}

/** Does text[from, to) hold some `length` consecutive characters of the quote? (Such a stretch holds one of its aligned pieces of half that length.) */
function sharesStretch(text: string, quote: string, from: number, to: number, length: number): boolean {
  const piece = Math.max(1, Math.floor(length / 2));
  const region = text.slice(from, to);
  for (let at = 0; at + piece <= quote.length; at += piece) if (region.includes(quote.slice(at, at + piece))) return true;
  return false;
}

/**
 * May an alignment in the region be acceptable by one of the cases of `acceptable` that rest on
 * both context sides? Each needs the two sides to frame the quote (`widestFrame`) and its whole
 * cost within what the case allows: both sides' errors, the quote's damage and its growth up to
 * the widest frame. `bound` is the least cost any alignment here can have.
 */
function bothSidesMayAgree(text: string, t: AnchorTarget, from: number, to: number, parts: TargetParts, bound: number, strongToo: boolean): boolean {
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const n = to - from;
  const damage = m < SHORT_QUOTE ? 0 : maxPinnedErrors(m);
  // Between strongly agreeing sides, a verbatim stretch of the quote at least this long.
  const kept = Math.ceil(Math.max(MIN_KEPT, m * KEPT_BETWEEN_CONTEXTS));
  if (n <= Math.min(m - damage, kept)) return false;
  const prefixEnds = new Int32Array(n);
  const suffixStarts = new Int32Array(n);
  parts.prefix.scores(text, from, to, prefixEnds);
  parts.suffixBackwards.scores(text, from, to, suffixStarts, true);
  const maxSpan = m + maxPinnedGrowth(m);
  const fits = (prefixErrors: number, suffixErrors: number, minSpan: number, quoteDamage: number): boolean => {
    const span = widestFrame(prefixEnds, suffixStarts, prefixErrors, suffixErrors, minSpan, maxSpan);
    return span >= 0 && bound <= prefixErrors + suffixErrors + quoteDamage + Math.max(0, span - m);
  };
  if (fits(Math.floor(FAIR_CONTEXT_RATIO * lp), Math.floor(FAIR_CONTEXT_RATIO * ls), m - damage, damage)) return true;
  if (!strongToo) return false;
  return kept <= m && sharesStretch(text, t.exact, from, to, kept) && fits(Math.floor(STRONG_CONTEXT_RATIO * lp), Math.floor(STRONG_CONTEXT_RATIO * ls), kept, m - kept);
}

/**
 * Can an alignment against text[from, to) be acceptable at all? Necessary conditions of each case
 * of `acceptable`, cheaper than the alignment (bit-parallel distances, no traceback): a part's
 * cost in an alignment is at least its fewest edits to some substring of the region, so each case
 * needs those bounds within its limits (a fair or strong context side, the quote's errors, both
 * sides far enough apart to frame what is left of the quote), or a long head or tail of the quote
 * verbatim next to a context side that may be pinned.
 */
export function mayBeAcceptable(text: string, t: AnchorTarget, from: number, to: number, parts = new TargetParts(t), bound?: number): boolean {
  from = Math.max(0, from);
  to = Math.min(text.length, to);
  const m = t.exact.length;
  const lp = t.prefix.length;
  const ls = t.suffix.length;
  const prefixEdits = lp >= MIN_CONTEXT_SIDE ? parts.prefix.least(text, from, to) : Infinity;
  const suffixEdits = ls >= MIN_CONTEXT_SIDE ? parts.suffix.least(text, from, to) : Infinity;
  const prefixFair = sideAgrees(prefixEdits, lp);
  const suffixFair = sideAgrees(suffixEdits, ls);
  const prefixStrong = sideAgrees(prefixEdits, lp, STRONG_CONTEXT_RATIO);
  const suffixStrong = sideAgrees(suffixEdits, ls, STRONG_CONTEXT_RATIO);
  if (prefixFair && suffixFair && bothSidesMayAgree(text, t, from, to, parts, bound ?? parts.whole.least(text, from, to), prefixStrong && suffixStrong)) return true;
  const survived = Math.max(MIN_SURVIVING_RUN, Math.ceil(m * SURVIVING_RUN_RATIO));
  if (survived <= m) {
    const region = text.slice(from, to);
    if (prefixStrong && region.includes(t.exact.slice(0, survived))) return true;
    if (suffixStrong && region.includes(t.exact.slice(m - survived))) return true;
  }
  if (!prefixFair && !suffixFair && m < UNIQUE_QUOTE_LENGTH) return false;
  const quoteEdits = parts.exact.least(text, from, to);
  if ((prefixStrong || suffixStrong) && quoteEdits <= maxOneSidedErrors(m)) return true;
  if (quoteEdits > maxErrors(m) || m < SHORT_QUOTE) return false;
  if (prefixFair || suffixFair) return true;
  // The last case: a long quote whose prefix + quote + suffix differ in at most a quarter.
  return m >= UNIQUE_QUOTE_LENGTH && parts.whole.least(text, from, to) <= MAX_COST_RATIO * (lp + m + ls);
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
  /** mayBeAcceptable, once asked. */
  hopeful?: boolean;
  /** The least cost an alignment here can have, once asked. */
  bound?: number;
}

/** Alignment cost budget of the first round of scoring; most good placements cost less. */
const FIRST_BUDGET = 12;

/**
 * Scored candidates for one target. Scoring runs with a small cost budget first (cheap: the
 * alignment stops early); `complete` then re-scores, with the full budget, only the candidates
 * the small budget cut off, and only if they could still matter.
 */
export class Candidates {
  list: Placement[] = [];
  best: Placement | null = null;
  private limit: number;
  private readonly plainCeiling: number;
  private readonly pinnedCeiling: number;
  private readonly regions: Region[] = [];
  private readonly seen = new Set<string>();
  private partsMade?: TargetParts;

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

  /** A candidate whose quote lies about at [start, end) (give or take `slack`). */
  considerSpan(start: number, end: number, slack = SLACK + maxErrors(this.t.exact.length)): void {
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

  /**
   * Lifts the budget to the full ceiling (or best + TIE) and re-scores what the lower one cut
   * off. A region where no alignment can be acceptable is re-scored only once something
   * acceptable was found, and then only up to its cost (a cheaper unacceptable explanation
   * elsewhere makes `choose` doubt the best): never with the full budget.
   */
  complete(): void {
    this.limit = this.best ? this.best.cost + TIE : this.pinnedCeiling;
    const hopeless: Region[] = [];
    for (const region of this.regions) {
      if (region.cutAt >= this.budgetFor(region)) continue;
      if (!this.best && this.budgetFor(region) > FIRST_BUDGET && !(region.hopeful ??= this.mayBeAcceptable(region))) {
        hopeless.push(region);
        continue;
      }
      this.score(region);
    }
    if (!this.best) return;
    for (const region of hopeless) if (region.cutAt < this.budgetFor(region)) this.score(region);
  }

  private get parts(): TargetParts {
    return (this.partsMade ??= new TargetParts(this.t));
  }

  private mayBeAcceptable(region: Region): boolean {
    return mayBeAcceptable(this.text, this.t, region.from, region.to, this.parts, region.bound);
  }

  private budgetFor(region: Region): number {
    return Math.min(this.limit, region.pinned ? this.pinnedCeiling : this.plainCeiling);
  }

  /**
   * Aligns within the region with the given budget. The alignment's time grows with its budget,
   * and its result is the same under any budget at least its cost: so the budget starts at the
   * region's lower bound and doubles, instead of starting at the ceiling.
   */
  private score(region: Region): void {
    const budget = this.budgetFor(region);
    // No alignment costs fewer edits than the pattern's distance to the region's best substring.
    region.bound ??= this.parts.whole.least(this.text, region.from, region.to);
    let p: Placement | null = null;
    let b = Math.max(region.bound, region.cutAt + 1);
    while (b <= budget) {
      p = align(this.text, this.t, region.from, region.to, b, region.startLo, region.startHi);
      if (p || b === budget) break;
      b = Math.min(budget, Math.max(FIRST_BUDGET, 2 * b));
    }
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
export function choose(candidates: readonly Placement[], t: AnchorTarget, expected: number): Placement | null {
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
