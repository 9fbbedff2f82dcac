/**
 * The browser bundle's `Buffer`, injected by scripts/build.mjs for csv-stringify's ES sources only: they ask
 * `Buffer.from(bytes)` for the UTF-8 BOM (joined into the CSV text, so `toString` decodes it) and
 * `Buffer.isBuffer(option)`. Saves the 24 KB Buffer polyfill of csv-stringify's own browser build.
 */
class Utf8Bytes extends Uint8Array {
  override toString(): string {
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(this);
  }
}

export const Buffer = {
  from: (bytes: ArrayLike<number>): Utf8Bytes => new Utf8Bytes(Array.from(bytes)),
  isBuffer: (value: unknown): boolean => value instanceof Utf8Bytes,
};
