/**
 * Hashing and ids through the Web Crypto API (`globalThis.crypto`), which Node ≥ 18,
 * browsers, webviews and VS Code's extension hosts (desktop and web) all provide.
 */

const encoder = new TextEncoder();

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`. Async: `crypto.subtle.digest`. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text));
  return toHex(new Uint8Array(digest));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** A random RFC 4122 version 4 UUID. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** `bytes` random bytes as lower-case hex. */
export function randomHex(bytes: number): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}
