/**
 * Bytes → document text: strict UTF-8, BOM removed, binary refused. No runtime-specific
 * modules (TextDecoder exists in Node, browsers and the VS Code web worker).
 */

/** A file that cannot be read as a source document. The message names the file. */
export class DocumentReadError extends Error {
  override readonly name = 'DocumentReadError';
  constructor(
    readonly fileName: string,
    /** What is wrong, e.g. `no such file` or `invalid UTF-8 at byte 12`. */
    readonly reason: string,
  ) {
    super(`cannot read '${fileName}': ${reason}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true }); // strips a leading BOM

/** Decodes a source document; throws DocumentReadError on binary data or invalid UTF-8. */
export function decodeDocument(bytes: Uint8Array, fileName: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new DocumentReadError(fileName, `binary file (NUL byte at ${nul})`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DocumentReadError(fileName, `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}`);
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let size: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) size = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // ≤ U+10FFFF
    } else return i;
    if (i + size > n) return i;
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k < size; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += size;
  }
  return n;
}
