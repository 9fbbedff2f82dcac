/**
 * The canonical form of a text, in which whole-document normalisations leave no trace: a BOM
 * dropped; every run of white space (spaces, tabs, line breaks of any kind, non-breaking and
 * other fixed-width spaces) one space; curly and low quotation marks straight. CRLF↔LF,
 * NBSP↔space, curly↔straight quotes, re-wrapped lines, a BOM added or removed and trailing
 * white space stripped all give the same canonical text, and every canonical character maps
 * back to the text (`originalOffset`), so a match there is an exact place here.
 */

export interface Canonical {
  text: string;
  /**
   * Where canonical characters map to, as runs: canonical characters runStart[r] … (up to the
   * next run) come from consecutive original characters from runFrom[r] on. A run ends only where
   * characters were dropped (white space merged, a BOM), so a text has few; the last run is
   * [canonical length → original length].
   */
  runStart: Int32Array;
  runFrom: Int32Array;
}

export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * What the canonical form changes in length: a run of two or more white-space characters (the
 * BOM counts as white space in \s, and is dropped), one white-space character other than the
 * space, a BOM. Quotation marks are replaced one for one afterwards. Native regular-expression
 * scanning: a text is mostly characters kept as they are.
 */
const SPACES = /\s{2,}|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
/** ‘ ’ ‚ ‛ → ' and “ ” „ ‟ → " */
const SINGLE_QUOTES = /[\u2018-\u201b]/g;
const DOUBLE_QUOTES = /[\u201c-\u201f]/g;

export function canonical(text: string): Canonical {
  const runStart: number[] = [0];
  const runFrom: number[] = [0];
  /** Original characters dropped so far (canonical index = original offset - dropped). */
  let dropped = 0;
  const startRun = (canonicalAt: number, originalAt: number): void => {
    if (runStart[runStart.length - 1] === canonicalAt) runFrom[runFrom.length - 1] = originalAt;
    else {
      runStart.push(canonicalAt);
      runFrom.push(originalAt);
    }
  };
  const spaced = text.replace(SPACES, (match: string, at: number) => {
    const k = at - dropped;
    // One space for the run, from its first character that is not a BOM (none: all dropped).
    let first = 0;
    while (first < match.length && match.charCodeAt(first) === 0xfeff) first++;
    const kept = first < match.length ? 1 : 0;
    if (kept === 1 && first > 0) startRun(k, at + first);
    dropped += match.length - kept;
    // The next character starts a new run unless it follows the kept one in the original too.
    if (!(kept === 1 && first === match.length - 1)) startRun(k + kept, at + match.length);
    return kept === 1 ? ' ' : '';
  });
  const out = spaced.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
  startRun(out.length, text.length);
  return { text: out, runStart: Int32Array.from(runStart), runFrom: Int32Array.from(runFrom) };
}

/** The run holding canonical index `ci` (the last one starting at or before it). */
function runOf(c: Canonical, ci: number): number {
  let lo = 0;
  let hi = c.runStart.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.runStart[mid]! <= ci) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The offset in the original of canonical character `ci` (the original length for the canonical length). */
export function originalOffset(c: Canonical, ci: number): number {
  const r = runOf(c, ci);
  return c.runFrom[r]! + ci - c.runStart[r]!;
}

/** The canonical span [cs, ce) as offsets of the original: from its first character to after its last. */
export function originalSpan(c: Canonical, cs: number, ce: number): { start: number; end: number } {
  const start = originalOffset(c, cs);
  return { start, end: ce > cs ? originalOffset(c, ce - 1) + 1 : start };
}

/** The first canonical index whose original offset is ≥ `offset`. */
export function canonicalIndex(c: Canonical, offset: number): number {
  const { runStart, runFrom } = c;
  const runs = runStart.length;
  // The last run starting at or before `offset` in the original.
  let lo = 0;
  let hi = runs - 1;
  if (offset <= runFrom[0]!) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runFrom[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  if (lo === runs - 1) return runStart[lo]!; // at or past the original's end
  const ci = runStart[lo]! + offset - runFrom[lo]!;
  // Within the run, or in the characters dropped after it: then the next run's first.
  return ci < runStart[lo + 1]! ? ci : runStart[lo + 1]!;
}

const BOM = 0xfeff;

/** Does text character `c` become canonical character `k` (not a space)? */
function becomes(c: number, k: number): boolean {
  if (k === 0x22) return c === 0x22 || (c >= 0x201c && c <= 0x201f);
  if (k === 0x27) return c === 0x27 || (c >= 0x2018 && c <= 0x201b);
  return c === k;
}

/**
 * The longest stretch of a canonical text without spaces or quotation marks, as [from, to): the
 * characters the canonical form takes over as they are, from consecutive characters of a text
 * without a BOM after its start.
 */
export function plainStretch(canonicalText: string): [number, number] {
  let best: [number, number] = [0, 0];
  for (let i = 0, from = 0; i <= canonicalText.length; i++) {
    const c = i < canonicalText.length ? canonicalText.charCodeAt(i) : 0x20;
    if (c !== 0x20 && c !== 0x22 && c !== 0x27) continue;
    if (i - from > best[1] - best[0]) best = [from, i];
    from = i + 1;
  }
  return best;
}

/**
 * Does the canonical form of `text` read `key` (a canonical text) around `at`, where `text` holds
 * key[from, to) verbatim (a plainStretch)? Reads outwards from there as canonical() would: a run
 * of white space for a space, any quotation mark of a kind for the straight one, a BOM for
 * nothing; without the canonical form of the whole text. In a text without a BOM after its start,
 * true exactly when canonical(text) holds `key` at the canonical index of `at` minus `from`.
 */
export function readsCanonically(text: string, key: string, from: number, to: number, at: number): boolean {
  return readsOutwards(text, key, to, key.length, at + to - from, 1) && readsOutwards(text, key, from - 1, -1, at - 1, -1);
}

/** Reads key[j], key[j + step], … (up to `stop`) from text[q] on, in the direction `step`, as canonical() would. */
function readsOutwards(text: string, key: string, j: number, stop: number, q: number, step: 1 | -1): boolean {
  const inside = (i: number): boolean => i >= 0 && i < text.length;
  for (; j !== stop; j += step) {
    const k = key.charCodeAt(j);
    if (k === 0x20) {
      let space = false;
      for (; inside(q); q += step) {
        const c = text.charCodeAt(q);
        if (isSpace(c)) space = true;
        else if (c !== BOM) break;
      }
      if (!space) return false;
    } else {
      while (inside(q) && text.charCodeAt(q) === BOM) q += step;
      if (!inside(q) || !becomes(text.charCodeAt(q), k)) return false;
      q += step;
    }
  }
  return true;
}
