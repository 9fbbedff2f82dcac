/**
 * A curator's decisions as pure functions: each returns the gold items to add, as batch operations the
 * extension's store (`AnnotationStore.batch`) and the CLI (`applyGoldOps`) both apply. Nothing here changes
 * an annotator's item: a decision only ever adds gold items marked with `curation`.
 */
import { newId } from '../annotations/hash';
import type { Annotation, Curation, CurationDecision, Relation } from '../annotations/schema';
import { isGold, isGoldKept } from './gold';
import type { ReviewUnit } from './units';

/** A new gold annotation (the shape of the store's NewSpan). */
export interface GoldSpan {
  id: string;
  tag: string;
  start: number;
  end: number;
  attributes: Record<string, unknown>;
  note: string;
  extra: { curation: Curation };
}

/** A new gold relation (the shape of the store's NewLink). */
export interface GoldLink {
  id: string;
  type: string;
  from: string;
  to: string;
  attributes: Record<string, unknown>;
  note: string;
  extra: { curation: Curation };
}

export type GoldOp = { kind: 'add'; span: GoldSpan } | { kind: 'link'; link: GoldLink };

/** What an edit changes of the version it starts from. */
export interface GoldEdit {
  tag?: string;
  start?: number;
  end?: number;
  attributes?: Record<string, unknown>;
  note?: string;
}

export class CurationError extends Error {}

/** The unit's version ids, the taken one first: `curation.from` records what the decision settled. */
function fromIds(unit: ReviewUnit, taken?: Annotation): string[] {
  const ids = unit.versions.map((v) => v.id);
  return taken ? [taken.id, ...ids.filter((id) => id !== taken.id)] : ids;
}

function version(unit: ReviewUnit, versionId: string): Annotation {
  const found = unit.versions.find((v) => v.id === versionId);
  if (!found) throw new CurationError(`'${versionId}' is not a version of this unit (${unit.versions.map((v) => v.id).join(', ')})`);
  return found;
}

function goldSpan(from: Annotation, curation: Curation, edit: GoldEdit = {}): GoldSpan {
  return {
    id: newId(),
    tag: edit.tag ?? from.tag,
    start: edit.start ?? from.target.start,
    end: edit.end ?? from.target.end,
    attributes: structuredClone(edit.attributes ?? from.attributes),
    note: edit.note ?? from.note,
    extra: { curation },
  };
}

/** Takes one annotator's version as it is. */
export function accept(unit: ReviewUnit, versionId: string): GoldOp {
  const taken = version(unit, versionId);
  return { kind: 'add', span: goldSpan(taken, { from: fromIds(unit, taken), decision: 'accepted' }) };
}

/** Takes one version and changes it (tag, span, attributes, note). */
export function edit(unit: ReviewUnit, versionId: string, changes: GoldEdit): GoldOp {
  const taken = version(unit, versionId);
  return { kind: 'add', span: goldSpan(taken, { from: fromIds(unit, taken), decision: 'edited' }, changes) };
}

/** Rejects every version: a gold item records the rejection (it is never exported). */
export function rejectAll(unit: ReviewUnit): GoldOp {
  const first = unit.versions[0]!;
  return { kind: 'add', span: goldSpan(first, { from: fromIds(unit), decision: 'rejected-all' }) };
}

/** A gold annotation nobody made. */
export function add(span: { tag: string; start: number; end: number; attributes?: Record<string, unknown>; note?: string }): GoldOp {
  return {
    kind: 'add',
    span: { id: newId(), tag: span.tag, start: span.start, end: span.end, attributes: structuredClone(span.attributes ?? {}), note: span.note ?? '', extra: { curation: { from: [], decision: 'added' } } },
  };
}

/** Accepts every unsettled `agreed` unit (the first version: they are all the same). */
export function acceptAllAgreed(units: readonly ReviewUnit[]): GoldOp[] {
  return units.filter((u) => u.kind === 'agreed' && !u.settled).map((u) => accept(u, u.versions[0]!.id));
}

/**
 * Takes an annotator's relation into the gold standard: its ends become the gold annotations made from them
 * (settle the ends first). Refuses an end that has no gold annotation, or one that was rejected.
 */
export function acceptRelation(relation: Relation, annotations: readonly Annotation[], decision: Extract<CurationDecision, 'accepted' | 'edited'> = 'accepted', type?: string): GoldOp {
  if (isGold(relation)) throw new CurationError(`relation '${relation.id}' is already a gold relation`);
  const goldFor = (id: string): string => {
    const gold = annotations.find((a) => isGoldKept(a) && a.curation!.from.includes(id));
    if (!gold) throw new CurationError(`the ${id === relation.from ? 'start' : 'end'} of relation '${relation.id}' (${id}) has no gold annotation yet: curate it first`);
    return gold.id;
  };
  return {
    kind: 'link',
    link: {
      id: newId(),
      type: type ?? relation.type,
      from: goldFor(relation.from),
      to: goldFor(relation.to),
      attributes: structuredClone(relation.attributes),
      note: relation.note,
      extra: { curation: { from: [relation.id], decision: type && type !== relation.type ? 'edited' : decision } },
    },
  };
}

/** A gold relation nobody made, between two gold annotations. */
export function addRelation(link: { type: string; from: string; to: string }, annotations: readonly Annotation[]): GoldOp {
  for (const end of [link.from, link.to]) {
    const a = annotations.find((x) => x.id === end);
    if (!a || !isGoldKept(a)) throw new CurationError(`'${end}' is not a gold annotation: gold relations link gold annotations`);
  }
  return { kind: 'link', link: { id: newId(), ...link, attributes: {}, note: '', extra: { curation: { from: [], decision: 'added' } } } };
}
