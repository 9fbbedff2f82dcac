/**
 * Merging imported annotations into a document's annotations, by span and tag: the same tag on the same
 * span is the same annotation. A new one is added; an existing one gets the attribute values and the note
 * it lacks (its own values are never overwritten); one that brings nothing new is a duplicate and skipped.
 */
import { makeTarget } from '../../annotations/anchor';
import { newId } from '../../annotations/hash';
import { AnnotationSchema, type Annotation } from '../../annotations/schema';
import { newAnnotation } from '../../annotations/sidecar';
import type { PlacedAnnotation } from './place';
import { setOwn } from './types';

export type ImportOp =
  | { kind: 'add'; annotation: PlacedAnnotation }
  | { kind: 'fill'; id: string; attributes: Record<string, unknown>; note?: string };

export interface ImportPlan {
  ops: ImportOp[];
  added: number;
  filled: number;
  duplicates: number;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** What `incoming` adds to `existing` (orphaned annotations never match: their offsets are stale). */
export function planImport(existing: readonly Annotation[], incoming: readonly PlacedAnnotation[]): ImportPlan {
  interface Slot {
    attributes: Record<string, unknown>;
    note: string;
    /** The add op of an annotation new in this import, or the fill op of an existing one (once needed). */
    add?: { kind: 'add'; annotation: PlacedAnnotation };
    fill?: { kind: 'fill'; id: string; attributes: Record<string, unknown>; note?: string };
    id?: string;
  }
  const key = (tag: string, start: number, end: number) => `${tag}\u0000${start}\u0000${end}`;
  const slots = new Map<string, Slot>();
  for (const a of existing) {
    if (a.status === 'orphaned') continue;
    const k = key(a.tag, a.target.start, a.target.end);
    if (!slots.has(k)) slots.set(k, { attributes: { ...a.attributes }, note: a.note, id: a.id });
  }
  const plan: ImportPlan = { ops: [], added: 0, filled: 0, duplicates: 0 };
  for (const a of incoming) {
    const k = key(a.tag, a.start, a.end);
    const slot = slots.get(k);
    if (!slot) {
      const add = { kind: 'add' as const, annotation: { ...a, attributes: { ...a.attributes } } };
      plan.ops.push(add);
      plan.added++;
      slots.set(k, { attributes: add.annotation.attributes, note: a.note, add });
      continue;
    }
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
      slot.fill = { kind: 'fill', id: slot.id!, attributes: {} };
      plan.ops.push(slot.fill);
      plan.filled++;
    }
    for (const [name, value] of Object.entries(fillAttributes)) setOwn(slot.fill.attributes, name, value);
    if (fillNote !== undefined) slot.fill.note = fillNote;
  }
  return plan;
}

const ID = AnnotationSchema.shape.id;

function isoOr(value: string | undefined, fallback: string): string {
  return value !== undefined && AnnotationSchema.shape.created.safeParse(value).success ? value : fallback;
}

/**
 * The annotations after the plan, for writing a sidecar directly (the CLI). New annotations keep the
 * imported id (when valid and free), author and times; filled ones get `modified` = now.
 */
export function applyPlan(existing: readonly Annotation[], plan: ImportPlan, text: string, now: Date = new Date()): Annotation[] {
  const when = now.toISOString();
  const used = new Set(existing.map((a) => a.id));
  const out = existing.map((a) => {
    const fill = plan.ops.find((op): op is Extract<ImportOp, { kind: 'fill' }> => op.kind === 'fill' && op.id === a.id);
    if (!fill) return a;
    return { ...a, attributes: { ...a.attributes, ...fill.attributes }, ...(fill.note !== undefined ? { note: fill.note } : {}), modified: when };
  });
  for (const op of plan.ops) {
    if (op.kind !== 'add') continue;
    const p = op.annotation;
    const id = p.id !== undefined && !used.has(p.id) && ID.safeParse(p.id).success ? p.id : newId();
    used.add(id);
    const created = newAnnotation({ id, tag: p.tag, target: makeTarget(text, p.start, p.end), attributes: p.attributes, note: p.note, author: p.author ?? '', now });
    created.created = isoOr(p.created, when);
    created.modified = isoOr(p.modified, created.created);
    out.push(p.origin !== undefined ? { ...created, origin: p.origin } : created);
  }
  return out;
}
