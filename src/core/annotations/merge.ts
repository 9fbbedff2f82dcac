/**
 * Three-way merge of sidecars by id: the one merge every writer uses — the store when a sidecar changed on disk
 * while this window holds edits, the CLI when a sidecar changed between its read and its write, and the git
 * merge driver. Nothing is dropped:
 * - an annotation or relation added on either side is kept;
 * - one deleted on one side is deleted, unless the other side changed it;
 * - changes to different fields (attributes key by key) are combined;
 * - a field both sides changed differently keeps both versions of the item: theirs under its id, ours under a
 *   new id, each marked `conflict: { with: <the other id> }`, and reported;
 * - no relation is left dangling: an annotation deleted on one side comes back when the other side links to it;
 * - per-annotator statuses merge per annotator (the later change wins), like the curation status;
 * - rejected suggestions are the union of both sides.
 */
import { statusesOf } from './status';
import { SIDECAR_VERSION, type Annotation, type AnnotatorStatus, type DocumentStatuses, type RejectedSuggestion, type Relation, type Sidecar } from './schema';

export interface MergeConflict {
  kind: 'annotation' | 'relation';
  /** The id that keeps their version. */
  id: string;
  /** The id given to our version. */
  copyId: string;
}

export interface SidecarMergeResult {
  sidecar: Sidecar;
  conflicts: MergeConflict[];
}

interface Item {
  id: string;
  modified: string;
  [key: string]: unknown;
}

/** Fields merged as one unit: where an annotation sits and whether it is placed. */
const PLACEMENT = ['target', 'status'] as const;
/** Fields that follow the rest instead of being merged on their own. */
const DERIVED = new Set(['id', 'modified', 'conflict', ...PLACEMENT]);

export function mergeSidecars(base: Sidecar | null, ours: Sidecar, theirs: Sidecar, newId: () => string): SidecarMergeResult {
  const conflicts: MergeConflict[] = [];
  const annotations = mergeItems(base?.annotations ?? [], ours.annotations, theirs.annotations, newId, 'annotation', conflicts);
  let relations = mergeItems(base?.relations ?? [], ours.relations ?? [], theirs.relations ?? [], newId, 'relation', conflicts);
  restoreEndpoints(annotations, relations, ours.annotations, theirs.annotations);
  relations = dropDuplicateLinks(relations, base?.relations ?? []);

  const document = pick(base?.document, ours.document, theirs.document);
  const placed = placeOnDocument(annotations, document.sha256, ours, theirs);

  const merged: Sidecar = {
    ...mergeUnknown(base, ours, theirs),
    version: SIDECAR_VERSION,
    document,
    annotations: placed,
    relations,
  };
  const statuses = mergeStatuses(base ? statusesOf(base) : {}, statusesOf(ours), statusesOf(theirs));
  if (Object.keys(statuses).length > 0) merged.status = statuses;
  const curation = pickNewer(base?.curation, ours.curation, theirs.curation);
  if (curation !== undefined) merged.curation = curation;
  const rejected = mergeRejected(ours.suggestions?.rejected ?? [], theirs.suggestions?.rejected ?? []);
  if (rejected.length > 0) merged.suggestions = { ...theirs.suggestions, ...ours.suggestions, rejected };
  else delete merged.suggestions;
  return { sidecar: merged, conflicts };
}

// ---------------------------------------------------------------------------------------------
// Annotations and relations

function mergeItems<T extends Annotation | Relation>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  newId: () => string,
  kind: MergeConflict['kind'],
  conflicts: MergeConflict[],
): T[] {
  const baseById = byId(base);
  const oursById = byId(ours);
  const theirsById = byId(theirs);
  const out: T[] = [];
  for (const their of theirs) {
    const our = oursById.get(their.id);
    const original = baseById.get(their.id);
    if (!our) {
      // Deleted on our side: stays deleted unless they changed it; else new on theirs.
      if (!original || !same(original, their)) out.push(their);
      continue;
    }
    if (same(our, their)) {
      out.push(their);
      continue;
    }
    const merged = mergeFields(original, our, their);
    if (merged.clash === null) {
      out.push(merged.value as T);
      continue;
    }
    const copyId = newId();
    out.push({ ...(merged.clash.theirs as T), conflict: { with: copyId } });
    out.push({ ...(merged.clash.ours as T), id: copyId, conflict: { with: their.id } });
    conflicts.push({ kind, id: their.id, copyId });
  }
  for (const our of ours) {
    if (theirsById.has(our.id)) continue;
    const original = baseById.get(our.id);
    // They deleted it: honour that unless we changed it meanwhile; new on our side stays.
    if (!original || !same(original, our)) out.push(our);
  }
  return out;
}

type FieldMerge =
  | { value: Item; clash: null }
  | { value: null; clash: { ours: Item; theirs: Item } };

/** Field-by-field three-way merge of one item both sides hold. */
function mergeFields(base: Item | undefined, ours: Item, theirs: Item): FieldMerge {
  const combined = blank(theirs);
  const oursVersion = blank(theirs);
  let clashed = false;
  const set = (key: string, value: unknown, ourValue: unknown = value) => {
    define(combined, key, value);
    define(oursVersion, key, ourValue);
  };
  for (const key of keysOf(base, ours, theirs)) {
    if (DERIVED.has(key)) continue;
    const [b, o, t] = [own(base, key), own(ours, key), own(theirs, key)];
    if (key === 'attributes' && isRecord(o) && isRecord(t)) {
      const attrs = mergeRecords(isRecord(b) ? b : undefined, o, t);
      if (attrs.clash) clashed = true;
      set(key, attrs.theirs, attrs.ours);
      continue;
    }
    const r = mergeValue(b, o, t);
    if (r.clash) clashed = true;
    set(key, r.theirs, r.ours);
  }
  const placement = mergeValue(pickFields(base, PLACEMENT), pickFields(ours, PLACEMENT), pickFields(theirs, PLACEMENT));
  if (placement.clash) clashed = true;
  for (const key of PLACEMENT) {
    define(combined, key, (placement.theirs as Record<string, unknown>)[key]);
    define(oursVersion, key, (placement.ours as Record<string, unknown>)[key]);
  }
  const previousConflict = mergeValue(base?.conflict, ours.conflict, theirs.conflict);
  define(combined, 'conflict', previousConflict.theirs);
  define(oursVersion, 'conflict', previousConflict.ours);
  define(combined, 'modified', later(ours.modified, theirs.modified));
  define(oursVersion, 'modified', ours.modified);
  if (!clashed) return { value: combined, clash: null };
  define(combined, 'modified', theirs.modified);
  return { value: null, clash: { ours: oursVersion, theirs: combined } };
}

interface ValueMerge {
  theirs: unknown;
  ours: unknown;
  clash: boolean;
}

function mergeValue(base: unknown, ours: unknown, theirs: unknown): ValueMerge {
  if (same(ours, theirs) || same(base, ours)) return { theirs, ours: theirs, clash: false };
  if (same(base, theirs)) return { theirs: ours, ours, clash: false };
  return { theirs, ours, clash: true };
}

/** Key-by-key three-way merge of two objects (attributes, unknown top-level fields). */
function mergeRecords(base: Record<string, unknown> | undefined, ours: Record<string, unknown>, theirs: Record<string, unknown>): ValueMerge {
  const t: Record<string, unknown> = {};
  const o: Record<string, unknown> = {};
  let clash = false;
  for (const key of keysOf(base, ours, theirs)) {
    const r = mergeValue(own(base, key), own(ours, key), own(theirs, key));
    if (r.clash) clash = true;
    if (r.theirs !== undefined) define(t, key, r.theirs);
    if (r.ours !== undefined) define(o, key, r.ours);
  }
  return { theirs: t, ours: o, clash };
}

/** An annotation one side deleted comes back when a merged relation still links to it. */
function restoreEndpoints(annotations: Annotation[], relations: readonly Relation[], ours: readonly Annotation[], theirs: readonly Annotation[]): void {
  const present = new Set(annotations.map((a) => a.id));
  const known = new Map([...ours, ...theirs].map((a) => [a.id, a]));
  for (const r of relations) {
    for (const end of [r.from, r.to]) {
      const a = known.get(end);
      if (!present.has(end) && a) {
        annotations.push(a);
        present.add(end);
      }
    }
  }
}

/** The same link (type, ends) made independently on both sides is kept once. */
function dropDuplicateLinks(relations: Relation[], base: readonly Relation[]): Relation[] {
  const inBase = new Set(base.map((r) => r.id));
  const seen = new Map<string, Relation>();
  const out: Relation[] = [];
  for (const r of relations) {
    const key = JSON.stringify([r.type, r.from, r.to, canonical(r.attributes), r.note]);
    const first = seen.get(key);
    if (first && !inBase.has(r.id) && !r.conflict && !first.conflict) continue;
    seen.set(key, r);
    out.push(r);
  }
  return out;
}

/**
 * Offsets refer to the text their side's `document` describes. When the two sides describe different texts, an
 * annotation placed on the other text is marked orphaned, so the next reader re-anchors it by its quote instead
 * of trusting offsets that belong to another version of the document.
 */
function placeOnDocument(annotations: Annotation[], sha256: string, ours: Sidecar, theirs: Sidecar): Annotation[] {
  if (ours.document.sha256 === theirs.document.sha256) return annotations;
  const chosen = theirs.document.sha256 === sha256 ? theirs : ours;
  const placedThere = new Map(chosen.annotations.map((a) => [a.id, a]));
  return annotations.map((a) => {
    const there = placedThere.get(a.id);
    if (a.status === 'orphaned' || (there && same(there.target, a.target) && !there.status)) return a;
    return { ...a, status: 'orphaned' };
  });
}

// ---------------------------------------------------------------------------------------------
// Document-level fields

function mergeStatuses(base: DocumentStatuses, ours: DocumentStatuses, theirs: DocumentStatuses): DocumentStatuses {
  const out: DocumentStatuses = {};
  for (const author of keysOf(base, ours, theirs)) {
    const value = pickNewer(own(base, author), own(ours, author), own(theirs, author));
    if (value !== undefined) define(out, author, value);
  }
  return out;
}

/** Three-way pick of a whole value; when both sides changed it, the one modified later (theirs on a tie). */
function pickNewer<T extends { modified?: string } | AnnotatorStatus>(base: T | undefined, ours: T | undefined, theirs: T | undefined): T | undefined {
  const r = mergeValue(base, ours, theirs);
  if (!r.clash) return r.theirs as T | undefined;
  if (ours === undefined || theirs === undefined) return ours ?? theirs;
  return (ours.modified ?? '') > (theirs.modified ?? '') ? ours : theirs;
}

/** Three-way pick of a whole value; theirs when both sides changed it. */
function pick<T>(base: T | undefined, ours: T, theirs: T): T {
  return mergeValue(base, ours, theirs).theirs as T;
}

/** Top-level fields this version does not know, merged key by key (theirs wins a clash). */
function mergeUnknown(base: Sidecar | null, ours: Sidecar, theirs: Sidecar): Record<string, unknown> {
  const known = new Set(['version', 'status', 'curation', 'document', 'annotations', 'relations', 'suggestions']);
  const strip = (s: Sidecar | null) => {
    if (!s) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(s)) if (!known.has(k)) define(out, k, own(s as Record<string, unknown>, k));
    return out;
  };
  return mergeRecords(strip(base), strip(ours)!, strip(theirs)!).theirs as Record<string, unknown>;
}

/** Rejected suggestions: a rejection on either side stays (each one once, oldest first). */
function mergeRejected(ours: readonly RejectedSuggestion[], theirs: readonly RejectedSuggestion[]): RejectedSuggestion[] {
  const seen = new Set<string>();
  const out: RejectedSuggestion[] = [];
  for (const r of [...theirs, ...ours].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0))) {
    const key = JSON.stringify([r.tag, r.exact, r.prefix, r.author]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((a) => [a.id, a]));
}

function keysOf(...objects: Array<object | undefined>): string[] {
  const keys = new Set<string>();
  for (const o of objects) if (o) for (const k of Object.keys(o)) keys.add(k);
  return [...keys];
}

/** A property the object holds itself: never one inherited from Object.prototype (`__proto__`, `constructor`…). */
function own<T>(o: Record<string, T> | undefined, key: string): T | undefined {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Sets a key without invoking setters (`__proto__` is an ordinary key in parsed JSON). */
function define(o: object, key: string, value: unknown): void {
  if (value === undefined) {
    delete (o as Record<string, unknown>)[key];
    return;
  }
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function blank(template: Item): Item {
  return { id: template.id, modified: template.modified };
}

function pickFields(o: Item | undefined, keys: readonly string[]): Record<string, unknown> | undefined {
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (own(o, k) !== undefined) define(out, k, o[k]);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** Equality of JSON values, independent of key order. */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(canonical);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const value = own(v as Record<string, unknown>, k);
    if (value !== undefined) define(out, k, canonical(value));
  }
  return out;
}
