/**
 * Merging imported annotations into a document's annotations, by span and tag: the same tag on the same
 * span is the same annotation. A new one is added; an existing one gets the attribute values and the note
 * it lacks (its own values are never overwritten); one that brings nothing new is a duplicate and skipped.
 * Imported relations link the annotations their ends became (new or existing); the same type between the same
 * ends (either way round for a symmetric type) is a duplicate and skipped.
 */
import { makeTarget } from '../../annotations/anchor';
import { newId } from '../../annotations/hash';
import type { Problem } from '../../annotations/problems';
import { AnnotationSchema, ItemIdSchema, type Annotation, type Relation } from '../../annotations/schema';
import { newAnnotation, newRelation } from '../../annotations/sidecar';
import type { PlacedAnnotation } from './place';
import type { PlacedRelation } from './relations';
import { problemAt, setOwn } from './types';

/** A relation to add: its ends are ids of annotations of the document (existing ones or ones this plan adds). */
export interface PlannedRelation extends Omit<PlacedRelation, 'from' | 'to' | 'symmetric' | 'id'> {
  id: string;
  from: string;
  to: string;
}

export type ImportOp =
  | { kind: 'add'; annotation: PlacedAnnotation & { id: string } }
  | { kind: 'fill'; id: string; attributes: Record<string, unknown>; note?: string }
  | { kind: 'link'; relation: PlannedRelation };

/** What an import did (or would do), for its report. */
export interface ImportCounts {
  added: number;
  filled: number;
  duplicates: number;
  linked: number;
  /** Relations already there. */
  linkDuplicates: number;
}

/** `3 added, 0 filled, 1 already there` (and the relations, when the input had any). */
export function importCounts(c: ImportCounts): string {
  const links = c.linked + c.linkDuplicates > 0 ? `; relations: ${c.linked} added, ${c.linkDuplicates} already there` : '';
  return `${c.added} added, ${c.filled} filled, ${c.duplicates} already there${links}`;
}

export interface ImportPlan extends ImportCounts {
  ops: ImportOp[];
  /** Relations that could not be planned (both ends became one annotation) or whose note or attributes were not merged. */
  problems: Problem[];
}

export interface ImportContent<A, R> {
  annotations: readonly A[];
  relations?: readonly R[];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The id of an imported item when it is valid and free, else a new one. */
function freeId(wanted: string | undefined, used: Set<string>): string {
  const id = wanted !== undefined && !used.has(wanted) && ItemIdSchema.safeParse(wanted).success ? wanted : newId();
  used.add(id);
  return id;
}

/** What `incoming` adds to `existing` (orphaned annotations never match: their offsets are stale). */
export function planImport(existing: ImportContent<Annotation, Relation>, incoming: ImportContent<PlacedAnnotation, PlacedRelation>): ImportPlan {
  interface Slot {
    attributes: Record<string, unknown>;
    note: string;
    /** The add op of an annotation new in this import, or the fill op of an existing one (once needed). */
    add?: { kind: 'add'; annotation: PlacedAnnotation & { id: string } };
    fill?: { kind: 'fill'; id: string; attributes: Record<string, unknown>; note?: string };
    id: string;
  }
  const key = (tag: string, start: number, end: number) => `${tag}\u0000${start}\u0000${end}`;
  const slots = new Map<string, Slot>();
  const usedIds = new Set(existing.annotations.map((a) => a.id));
  for (const a of existing.annotations) {
    if (a.status === 'orphaned') continue;
    const k = key(a.tag, a.target.start, a.target.end);
    if (!slots.has(k)) slots.set(k, { attributes: { ...a.attributes }, note: a.note, id: a.id });
  }
  const plan: ImportPlan = { ops: [], added: 0, filled: 0, duplicates: 0, linked: 0, linkDuplicates: 0, problems: [] };
  /** The id each imported annotation now has: its own when added, the existing one's when it was already there. */
  const idOf = new Map<PlacedAnnotation, string>();
  for (const a of incoming.annotations) {
    const k = key(a.tag, a.start, a.end);
    const slot = slots.get(k);
    if (!slot) {
      const add = { kind: 'add' as const, annotation: { ...a, attributes: { ...a.attributes }, id: freeId(a.id, usedIds) } };
      plan.ops.push(add);
      plan.added++;
      slots.set(k, { attributes: add.annotation.attributes, note: a.note, add, id: add.annotation.id });
      idOf.set(a, add.annotation.id);
      continue;
    }
    idOf.set(a, slot.id);
    const fillAttributes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(a.attributes)) {
      if (isEmpty(Object.hasOwn(slot.attributes, name) ? slot.attributes[name] : undefined) && !isEmpty(value)) setOwn(fillAttributes, name, value);
    }
    const fillNote = slot.note === '' && a.note !== '' ? a.note : undefined;
    if (Object.keys(fillAttributes).length === 0 && fillNote === undefined) {
      plan.duplicates++;
      continue;
    }
    for (const [name, value] of Object.entries(fillAttributes)) setOwn(slot.attributes, name, value);
    if (fillNote !== undefined) slot.note = fillNote;
    if (slot.add) {
      // A second copy within the same import: fold it into the annotation being added.
      slot.add.annotation.note = slot.note;
      plan.duplicates++;
      continue;
    }
    if (!slot.fill) {
      slot.fill = { kind: 'fill', id: slot.id, attributes: {} };
      plan.ops.push(slot.fill);
      plan.filled++;
    }
    for (const [name, value] of Object.entries(fillAttributes)) setOwn(slot.fill.attributes, name, value);
    if (fillNote !== undefined) slot.fill.note = fillNote;
  }
  planLinks(existing.relations ?? [], incoming.relations ?? [], idOf, plan);
  return plan;
}

function planLinks(existing: readonly Relation[], incoming: readonly PlacedRelation[], idOf: ReadonlyMap<PlacedAnnotation, string>, plan: ImportPlan): void {
  const links: Array<Pick<Relation, 'type' | 'from' | 'to' | 'note' | 'attributes'>> = [...existing];
  const usedIds = new Set(existing.map((r) => r.id));
  for (const r of incoming) {
    const from = idOf.get(r.from);
    const to = idOf.get(r.to);
    if (from === undefined || to === undefined) continue; // both ends always pass through planImport
    const name = `relation${r.id !== undefined ? ` ${r.id}` : ''}`;
    if (from === to) {
      plan.problems.push(problemAt(r.where, `${name} not imported: both its ends are the annotation ${from} (the same span and tag)`));
      continue;
    }
    const same = links.find((l) => l.type === r.type && ((l.from === from && l.to === to) || (r.symmetric && l.from === to && l.to === from)));
    if (same) {
      plan.linkDuplicates++;
      const differs = (r.note !== '' && r.note !== same.note) || Object.entries(r.attributes).some(([k, v]) => JSON.stringify(Object.hasOwn(same.attributes, k) ? same.attributes[k] : undefined) !== JSON.stringify(v));
      if (differs) plan.problems.push(problemAt(r.where, `${name} is already there (${r.type} ${from} → ${to}); its note and attributes were not merged into it`, 'warning'));
      continue;
    }
    const { from: _f, to: _t, symmetric: _s, id: wanted, ...rest } = r;
    const relation: PlannedRelation = { ...rest, id: freeId(wanted, usedIds), from, to };
    links.push(relation);
    plan.ops.push({ kind: 'link', relation });
    plan.linked++;
  }
}

function isoOr(value: string | undefined, fallback: string): string {
  return value !== undefined && AnnotationSchema.shape.created.safeParse(value).success ? value : fallback;
}

/** A new item with the imported times (when valid; else now) and origin. */
function asImported<T extends Annotation | Relation>(item: T, from: Pick<PlacedAnnotation, 'created' | 'modified' | 'origin'>, when: string): T {
  item.created = isoOr(from.created, when);
  item.modified = isoOr(from.modified, item.created);
  return from.origin !== undefined ? { ...item, origin: from.origin } : item;
}

/**
 * The annotations after the plan, for writing a sidecar directly (the CLI). New annotations keep the
 * imported id (when valid and free), author and times; filled ones get `modified` = now.
 */
export function applyPlan(existing: readonly Annotation[], plan: ImportPlan, text: string, now: Date = new Date()): Annotation[] {
  const when = now.toISOString();
  const out = existing.map((a) => {
    const fill = plan.ops.find((op): op is Extract<ImportOp, { kind: 'fill' }> => op.kind === 'fill' && op.id === a.id);
    if (!fill) return a;
    return { ...a, attributes: { ...a.attributes, ...fill.attributes }, ...(fill.note !== undefined ? { note: fill.note } : {}), modified: when };
  });
  for (const op of plan.ops) {
    if (op.kind !== 'add') continue;
    const p = op.annotation;
    out.push(asImported(newAnnotation({ id: p.id, tag: p.tag, target: makeTarget(text, p.start, p.end), attributes: p.attributes, note: p.note, author: p.author ?? '', now }), p, when));
  }
  return out;
}

/** The relations after the plan (the CLI): new ones keep the imported id (when valid and free), author and times. */
export function applyLinks(existing: readonly Relation[], plan: ImportPlan, now: Date = new Date()): Relation[] {
  const when = now.toISOString();
  const out = [...existing];
  for (const op of plan.ops) {
    if (op.kind !== 'link') continue;
    const r = op.relation;
    out.push(asImported(newRelation({ id: r.id, type: r.type, from: r.from, to: r.to, attributes: r.attributes, note: r.note, author: r.author ?? '', now }), r, when));
  }
  return out;
}
