/** UUIDs for W3C `urn:uuid:` ids: annotation ids that are UUIDs are kept; others get a name-based one (RFC 4122 v5). */
import { toHex } from '../annotations/hash';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The RFC 4122 URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** RFC 4122 version 5 (SHA-1, name-based) UUID of `name` in `namespace`. */
export async function uuidV5(name: string, namespace = URL_NAMESPACE): Promise<string> {
  const ns = new Uint8Array(16);
  const hex = namespace.replace(/-/g, '');
  for (let i = 0; i < 16; i++) ns[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(16 + nameBytes.length);
  input.set(ns, 0);
  input.set(nameBytes, 16);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', input)).slice(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const h = toHex(digest);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `urn:uuid:<id>` for a UUID id, else `urn:uuid:<v5 of scope#id>` (stable across exports). */
export async function annotationUrn(id: string, scope: string): Promise<string> {
  return `urn:uuid:${isUuid(id) ? id.toLowerCase() : await uuidV5(`${scope}#${id}`)}`;
}

/** The UUID of a `urn:uuid:` IRI, or null. */
export function uuidOfUrn(iri: unknown): string | null {
  if (typeof iri !== 'string' || !iri.toLowerCase().startsWith('urn:uuid:')) return null;
  const id = iri.slice('urn:uuid:'.length);
  return isUuid(id) ? id.toLowerCase() : null;
}
