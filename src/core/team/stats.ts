/**
 * Progress and content figures of a set of sidecars (`seed-annotator stats`): documents by status per annotator,
 * annotations and relations per tag / type, per attribute value and per annotator.
 */
import { DOCUMENT_STATUSES, type DocumentStatus, type Sidecar } from '../annotations/schema';
import { statusesOf, statusFor } from '../annotations/status';

export type Counts = Record<string, number>;

export interface TagStats {
  total: number;
  byAnnotator: Counts;
  /** Attribute id → value → count (string values; a list counts each of its strings). */
  attributes: Record<string, Counts>;
}

export interface TeamStats {
  documents: number;
  /** Everyone who made an annotation or relation or set a status, sorted ("" for no name). */
  annotators: string[];
  /** Annotator → status → number of documents (a document without a status of theirs is "todo"). */
  status: Record<string, Record<DocumentStatus, number>>;
  annotations: { total: number; orphaned: number; conflicts: number; byAnnotator: Counts; byTag: Record<string, TagStats> };
  relations: { total: number; conflicts: number; byAnnotator: Counts; byType: Record<string, TagStats> };
}

/** `sidecars`: one per document, null for a document without a sidecar. */
export function teamStats(sidecars: ReadonlyArray<Sidecar | null>): TeamStats {
  const annotators = new Set<string>();
  for (const s of sidecars) {
    if (!s) continue;
    for (const a of s.annotations) annotators.add(a.author);
    for (const r of s.relations) annotators.add(r.author);
    for (const name of Object.keys(statusesOf(s))) if (name !== '') annotators.add(name);
  }
  const names = [...annotators].sort();
  const status: TeamStats['status'] = {};
  for (const name of names) {
    const counts = Object.fromEntries(DOCUMENT_STATUSES.map((st) => [st, 0])) as Record<DocumentStatus, number>;
    for (const s of sidecars) counts[s ? statusFor(statusesOf(s), name) : 'todo']++;
    setOwn(status, name, counts);
  }
  const annotations: TeamStats['annotations'] = { total: 0, orphaned: 0, conflicts: 0, byAnnotator: {}, byTag: {} };
  const relations: TeamStats['relations'] = { total: 0, conflicts: 0, byAnnotator: {}, byType: {} };
  for (const s of sidecars) {
    if (!s) continue;
    for (const a of s.annotations) {
      annotations.total++;
      if (a.status === 'orphaned') annotations.orphaned++;
      if (a.conflict) annotations.conflicts++;
      bump(annotations.byAnnotator, a.author);
      count(group(annotations.byTag, a.tag), a.author, a.attributes);
    }
    for (const r of s.relations) {
      relations.total++;
      if (r.conflict) relations.conflicts++;
      bump(relations.byAnnotator, r.author);
      count(group(relations.byType, r.type), r.author, r.attributes);
    }
  }
  return { documents: sidecars.length, annotators: names, status, annotations, relations };
}

function group(map: Record<string, TagStats>, key: string): TagStats {
  if (!Object.prototype.hasOwnProperty.call(map, key)) setOwn(map, key, { total: 0, byAnnotator: {}, attributes: {} });
  return map[key]!;
}

function count(stats: TagStats, author: string, attributes: Record<string, unknown>): void {
  stats.total++;
  bump(stats.byAnnotator, author);
  for (const [attr, value] of Object.entries(attributes)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string' || v === '') continue;
      if (!Object.prototype.hasOwnProperty.call(stats.attributes, attr)) setOwn(stats.attributes, attr, {});
      bump(stats.attributes[attr]!, v);
    }
  }
}

function bump(counts: Counts, key: string): void {
  setOwn(counts, key, (Object.prototype.hasOwnProperty.call(counts, key) ? counts[key]! : 0) + 1);
}

/** Author names and values are arbitrary text ("__proto__" included). */
function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
