import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentReadError, decodeDocument, firstInvalidUtf8 } from '../../src/core/text';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

test('decodes UTF-8, drops one leading BOM, keeps CRLF and astral characters', () => {
  assert.equal(decodeDocument(utf8('\uFEFFa\r\n😀 “b”'), 'f.txt'), 'a\r\n😀 “b”');
  assert.equal(decodeDocument(utf8('\uFEFF\uFEFFx'), 'f.txt'), '\uFEFFx');
  assert.equal(decodeDocument(new Uint8Array(), 'f.txt'), '');
});

test('a NUL byte means binary: DocumentReadError naming the file', () => {
  assert.throws(
    () => decodeDocument(bytes(0x61, 0x00, 0x62), 'dir/x.bin'),
    (error: unknown) =>
      error instanceof DocumentReadError &&
      error.fileName === 'dir/x.bin' &&
      error.message === "cannot read 'dir/x.bin': binary file (NUL byte at 1)",
  );
});

test('invalid UTF-8: DocumentReadError with the byte offset', () => {
  const cases: [Uint8Array, number][] = [
    [bytes(0x61, 0xff), 1], // never valid
    [bytes(0x61, 0x62, 0xc3), 2], // truncated
    [bytes(0xc0, 0xaf), 0], // overlong
    [bytes(0xe0, 0x80, 0xaf), 0], // overlong
    [bytes(0x61, 0xed, 0xa0, 0x80), 1], // surrogate
    [bytes(0xf4, 0x90, 0x80, 0x80), 0], // above U+10FFFF
    [bytes(0xe2, 0x80, 0x41), 0], // bad continuation
  ];
  for (const [input, offset] of cases) {
    assert.equal(firstInvalidUtf8(input), offset);
    assert.throws(() => decodeDocument(input, 'a.txt'), {
      name: 'DocumentReadError',
      message: `cannot read 'a.txt': invalid UTF-8 at byte ${offset}`,
    });
  }
  assert.equal(firstInvalidUtf8(utf8('é€😀')), 9);
});
