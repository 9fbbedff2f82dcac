/**
 * One alignment of prefix + quote + suffix against a region of the text: where the quote lands,
 * what each part cost, and how far the context agrees right next to the quote.
 */
import type { AnchorTarget, Span } from './target';
import { splitsSurrogatePair } from './target';

export interface Placement extends Span {
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
  /** Quote characters matched without a gap from the quote's start / up to its end. */
  headRun: number;
  tailRun: number;
  /** The longest run of quote characters matched without a gap. */
  longestRun: number;
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
export function align(text: string, t: AnchorTarget, from: number, to: number, maxCost: number, startLo = from, startHi = to): Placement | null {
  const pattern = t.prefix + t.exact + t.suffix;
  const n = pattern.length;
  const lp = t.prefix.length;
  const qEnd = lp + t.exact.length;
  const cols = to - from;
  if (cols <= 0 || n === 0) return null;
  const width = cols + 1;
  // Costs are edits * UNIT + edits inside the quote: edits first, quote edits break ties.
  if ((n + cols + 2) * UNIT >= 2 ** 31) return null; // too long to align: found verbatim only
  const INF = (Math.min(maxCost, n + cols) + 1) * UNIT;
  if (scratch.codes.length < cols) scratch.codes = new Uint16Array(cols * 2);
  if (scratch.rowA.length < width + 1) {
    scratch.rowA = new Int32Array(width * 2 + 2);
    scratch.rowB = new Int32Array(width * 2 + 2);
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
  prev[phi + 1] = INF; // read as the "up" neighbour one past the computed part of the row
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
    const op = i > lp && i <= qEnd ? UNIT + 1 : UNIT; // consuming a quote character
    const ins = i > lp && i < qEnd ? UNIT + 1 : UNIT; // text inserted inside the quote
    let clo = -1;
    let chi = -1;
    // j = plo: only "up" (a pattern character skipped).
    let d = prev[plo]! + op;
    if (d >= INF) d = INF;
    else clo = chi = plo;
    cur[plo] = d;
    dirs[base + plo] = UP;
    let left = d + ins;
    let last = plo;
    // Columns with a computed cell above: up, diagonal or left.
    const top = Math.min(phi + 1, cols);
    for (let j = plo + 1; j <= top; j++) {
      const up = prev[j]! + op;
      const diag = prev[j - 1]! + (codes[j - 1] === pc ? 0 : op);
      let dir = DIAG;
      d = diag;
      if (up < d) {
        d = up;
        dir = UP;
      }
      if (left < d) {
        d = left;
        dir = LEFT;
      }
      if (d >= INF) {
        d = INF;
      } else {
        if (clo < 0) clo = j;
        chi = j;
      }
      cur[j] = d;
      dirs[base + j] = dir;
      left = d + ins;
      last = j;
    }
    // Further right only text inserted after the last computed cell: ever more expensive.
    for (let j = top + 1; j <= cols && left < INF; j++) {
      cur[j] = left;
      dirs[base + j] = LEFT;
      chi = j;
      if (clo < 0) clo = j;
      left += ins;
      last = j;
    }
    used = base + last + 1;
    if (clo < 0) return null;
    plo = clo;
    phi = chi;
    cur[phi + 1] = INF;
    const swap = prev;
    prev = cur;
    cur = swap;
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
  let headRun = -1;
  let tailRun = 0;
  let tailOpen = true;
  let longestRun = 0;
  while (i > 0) {
    const dir = dirs[rowBase[i]! + j]!;
    const step = dir !== DIAG || codes[j - 1] !== pattern.charCodeAt(i - 1) ? 1 : 0;
    const inSuffix = i > qEnd || (i === qEnd && dir === LEFT);
    if (i <= lp && headRun < 0) headRun = run;
    if (!inSuffix && i > lp && tailOpen) {
      if (step === 0) tailRun++;
      else tailOpen = false;
    }
    if (inSuffix) suffixRun = step === 0 ? suffixRun + 1 : 0;
    else if (suffixAdjacent < 0) suffixAdjacent = suffixRun;
    if (i <= lp && prefixRunOpen) {
      if (step === 0) prefixAdjacent++;
      else prefixRunOpen = false;
    }
    if (step === 0 && i > lp && i <= qEnd) {
      if (++run === 1) runTop = j;
      if (run > longestRun) longestRun = run;
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
  if (headRun < 0) headRun = run;
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
    headRun,
    tailRun,
    longestRun,
    cost,
    size: n,
  };
}

/** Matched characters in a row that make a quote end trustworthy. */
const SOLID_RUN = 4;

/** Most alignment cells computed for one candidate: bounds time and memory. */
const MAX_CELLS = 16_000_000;
/** Cost of one edit in align(); an edit inside the quote costs UNIT + 1. */
const UNIT = 16384;
const DIAG = 0;
const UP = 1;
const LEFT = 2;
const scratch = {
  codes: new Uint16Array(256),
  rowA: new Int32Array(256),
  rowB: new Int32Array(256),
  rowBase: new Int32Array(256),
  dirs: new Uint8Array(1 << 16),
};

