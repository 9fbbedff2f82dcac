/**
 * Per-annotator document status. Version 1 sidecars hold one `status` string for everybody; version 2 keeps
 * each annotator's own, keyed by author name ("" when no name is set). A v1 status reads as annotator "".
 */
import type { DocumentStatus, DocumentStatuses, Sidecar } from './schema';

/** The sidecar's statuses as a map, whatever version wrote them. */
export function statusesOf(sidecar: Pick<Sidecar, 'status'>): DocumentStatuses {
  const status = sidecar.status;
  if (status === undefined) return {};
  if (typeof status === 'string') return { '': { status } };
  return status;
}

/** `author`'s status: their own, else the status set without a name (a v1 file), else "todo". */
export function statusFor(statuses: DocumentStatuses, author: string): DocumentStatus {
  return (own(statuses, author) ?? own(statuses, ''))?.status ?? 'todo';
}

/** The map with `author`'s status set (a new object). */
export function withStatus(statuses: DocumentStatuses, author: string, status: DocumentStatus, now = new Date()): DocumentStatuses {
  const out: DocumentStatuses = {};
  for (const key of Object.keys(statuses)) {
    // defineProperty: author names are arbitrary text ("__proto__" included).
    Object.defineProperty(out, key, { value: statuses[key], enumerable: true, writable: true, configurable: true });
  }
  Object.defineProperty(out, author, { value: { status, modified: now.toISOString() }, enumerable: true, writable: true, configurable: true });
  return out;
}

function own(statuses: DocumentStatuses, author: string) {
  return Object.prototype.hasOwnProperty.call(statuses, author) ? statuses[author] : undefined;
}
