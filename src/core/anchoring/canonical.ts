/**
 * The canonical form of a text, in which whole-document normalisations leave no trace: a BOM
 * dropped; every run of white space (spaces, tabs, line breaks of any kind, non-breaking and
 * other fixed-width spaces) one space; curly and low quotation marks straight. CRLF↔LF,
 * NBSP↔space, curly↔straight quotes, re-wrapped lines, a BOM added or removed and trailing
 * white space stripped all give the same canonical text, and `from` maps every canonical
 * character back to the text, so a match there is an exact place here.
 */

export interface Canonical {
  text: string;
  /** from[i]: offset in the original of canonical character i (from[length] = original length). */
  from: Int32Array;
}

export function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

function canonicalChar(c: number): number {
  switch (c) {
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0x201f: // ‟
      return 0x22; // "
    case 0x2018: // ‘
    case 0x2019: // ’
    case 0x201a: // ‚
    case 0x201b: // ‛
      return 0x27; // '
    default:
      return c;
  }
}

export function canonical(text: string): Canonical {
  const n = text.length;
  const from = new Int32Array(n + 1);
  // The output is built from slices of unchanged characters and the replacements between them.
  const parts: string[] = [];
  let runStart = 0;
  let k = 0;
  let inSpace = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    const replacement = c === 0xfeff || (space && inSpace) ? '' : space ? (c === 0x20 ? null : ' ') : canonicalChar(c) !== c ? String.fromCharCode(canonicalChar(c)) : null;
    if (replacement !== null) {
      if (runStart < i) parts.push(text.slice(runStart, i));
      parts.push(replacement);
      runStart = i + 1;
    }
    if (c !== 0xfeff) inSpace = space;
    if (replacement !== '') from[k++] = i;
  }
  if (runStart < n) parts.push(text.slice(runStart));
  from[k] = n;
  return { text: parts.join(''), from: from.subarray(0, k + 1) };
}

/** The canonical span [cs, ce) as offsets of the original: from its first character to after its last. */
export function originalSpan(c: Canonical, cs: number, ce: number): { start: number; end: number } {
  return { start: c.from[cs]!, end: ce > cs ? c.from[ce - 1]! + 1 : c.from[cs]! };
}

/** The first canonical index whose original offset is ≥ `offset` (binary search). */
export function canonicalIndex(c: Canonical, offset: number): number {
  let lo = 0;
  let hi = c.from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.from[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
