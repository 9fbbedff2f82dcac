/**
 * Character classes over UTF-16 code units, for scanning without allocating strings.
 * Pure functions, usable in any JavaScript runtime.
 */

/**
 * Whitespace within a line: what `String.prototype.trim` removes except CR and LF
 * (U+2028/U+2029 are not line breaks for VS Code, so they count as blanks here).
 */
export function isBlankUnit(c: number): boolean {
  if (c === 0x20 || c === 0x09) return true;
  if (c < 0x80) return c === 0x0b || c === 0x0c;
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Whitespace including CR and LF: exactly what `String.prototype.trim` removes. */
export function isSpaceUnit(c: number): boolean {
  return c === 0x0a || c === 0x0d || isBlankUnit(c);
}

/**
 * Letters and digits, approximately: ASCII alphanumerics plus code points that belong
 * to words in Latin, Greek, Cyrillic and other scripts. Punctuation, symbols, spaces
 * and surrogates (emoji) are not letters.
 */
export function isWordUnit(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  }
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, boxes
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xdfff) return false; // surrogates: emoji and other astral
  if (c >= 0xfe00 && c <= 0xfe0f) return false; // variation selectors
  if (c >= 0xfe30 && c <= 0xfe6f) return false; // compatibility punctuation
  if (c === 0xfeff || (c >= 0xff00 && c <= 0xff0f) || c >= 0xfff0) return false;
  return true;
}

export function isDigitUnit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
