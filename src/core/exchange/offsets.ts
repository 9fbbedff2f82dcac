/**
 * UTF-16 code units ↔ Unicode code points. Seed Annotator counts offsets in UTF-16 code units (as
 * VS Code and JavaScript do); W3C TextPositionSelector, brat and Python count code points: an astral
 * character such as 📈 is 2 units but 1 code point. A lone surrogate counts as one code point in both.
 */

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Converts offsets of one text in O(log n) each after an O(n) scan (none when the text has no
 * surrogates, the common case: then both counts agree).
 */
export class CodePointIndex {
  /** UTF-16 index of the low half of every surrogate pair, ascending; null when there are none. */
  private readonly pairs: Int32Array | null;
  /** Length of the text in code points. */
  readonly length: number;

  constructor(readonly text: string) {
    if (!SURROGATE.test(text)) {
      this.pairs = null;
      this.length = text.length;
      return;
    }
    const found: number[] = [];
    for (let i = 1; i < text.length; i++) {
      if (isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) {
        found.push(i);
        i++; // a low surrogate cannot start the next pair
      }
    }
    this.pairs = Int32Array.from(found);
    this.length = text.length - found.length;
  }

  /**
   * Code points before UTF-16 offset `utf16` (0 ≤ utf16 ≤ text.length). An offset between the two
   * halves of a pair counts that pair (the offset is rounded up to the end of the character).
   */
  toCodePoints(utf16: number): number {
    if (this.pairs === null) return utf16;
    // Pairs whose low half lies before utf16 each count one unit less.
    return utf16 - lowerBound(this.pairs, utf16);
  }

  /** UTF-16 offset of code point offset `cp` (0 ≤ cp ≤ length); -1 when out of range. */
  toUtf16(cp: number): number {
    if (!Number.isInteger(cp) || cp < 0 || cp > this.length) return -1;
    if (this.pairs === null) return cp;
    // The k-th pair (0-based) has its low half at pairs[k]; its code point index is pairs[k] - 1 - k.
    // utf16 = cp + (number of pairs whose code point index is < cp).
    let lo = 0;
    let hi = this.pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pairs[mid]! - 1 - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }
}

/** Number of values in the sorted array that are < value. */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when `offset` falls between the two halves of a surrogate pair of `text`. */
export function insidePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}
