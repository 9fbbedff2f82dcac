/**
 * The units a curator settles: the annotators' annotations of one document, matched as agreement matches them.
 * A unit is settled when a gold item was made from one of its versions (or all were rejected).
 */
import type { Annotation, TagSet } from '../annotations/schema';
import { DEFAULT_TAG_SET, findTag } from '../annotations/tags';
import { buildUnits } from '../team/units';
import { annotatorItems, annotatorsOf, isGold } from './gold';

/** agreed: everyone required tagged the same span, tag and enum attributes; label: same span, something else differs (or someone is missing); span: the spans differ; single: one annotator. */
export const UNIT_KINDS = ['agreed', 'label', 'span', 'single'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  agreed: 'agreed',
  label: 'label or attribute differs',
  span: 'span differs',
  single: 'only one annotator',
};

export interface ReviewUnit {
  /** The unit's id in core/team/units (stable within a document). */
  id: string;
  kind: UnitKind;
  /** The span covering every version. */
  start: number;
  end: number;
  /** The annotators' versions, by author, then start, end, id. */
  versions: Annotation[];
  /** Distinct authors of the versions, sorted. */
  authors: string[];
  /** The gold items made from this unit (the decision that settled it). */
  gold: Annotation[];
  settled: boolean;
}

export interface UnitOptions {
  /** How many annotators must agree for `agreed` (default: every annotator of the document, at least 2). */
  minAnnotators?: number;
  /** Which attributes are enums (compared for agreement); without it, the default tag set's. */
  tagSet?: TagSet;
}

/**
 * The document's review units in document order, grouped as agreement groups them (core/team/units: one version
 * per annotator, exact spans first, then the largest overlap; one span labelled differently is one unit).
 * Orphaned annotations are left out (they have no place).
 */
export function reviewUnits(annotations: readonly Annotation[], options: UnitOptions = {}): ReviewUnit[] {
  const goldFrom = new Map<string, Annotation[]>();
  for (const g of annotations.filter(isGold)) {
    for (const id of g.curation!.from) goldFrom.set(id, [...(goldFrom.get(id) ?? []), g]);
  }
  const required = Math.max(2, options.minAnnotators ?? annotatorsOf(annotations).length);
  return buildUnits(annotatorItems(annotations), { skipGold: true }).map((u) => makeUnit(u.id, Object.values(u.versions), goldFrom, required, options.tagSet));
}

function makeUnit(id: string, list: Annotation[], goldFrom: Map<string, Annotation[]>, required: number, tagSet?: TagSet): ReviewUnit {
  const versions = [...list].sort(
    (a, b) => (a.author < b.author ? -1 : a.author > b.author ? 1 : 0) || a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : 1),
  );
  const authors = [...new Set(versions.map((v) => v.author))].sort();
  const gold = [...new Set(versions.flatMap((v) => goldFrom.get(v.id) ?? []))];
  return {
    id,
    kind: kindOf(versions, authors, required, tagSet),
    start: Math.min(...versions.map((v) => v.target.start)),
    end: Math.max(...versions.map((v) => v.target.end)),
    versions,
    authors,
    gold,
    settled: gold.length > 0,
  };
}

function kindOf(versions: Annotation[], authors: string[], required: number, tagSet?: TagSet): UnitKind {
  if (authors.length === 1) return 'single';
  const first = versions[0]!;
  if (versions.some((v) => v.target.start !== first.target.start || v.target.end !== first.target.end)) return 'span';
  const key = agreementKey(first, tagSet);
  const same = versions.every((v) => agreementKey(v, tagSet) === key);
  return same && authors.length === versions.length && authors.length >= required ? 'agreed' : 'label';
}

/** What must be equal for two versions to agree exactly: span, tag and enum attribute values. */
export function agreementKey(a: Annotation, tagSet?: TagSet): string {
  const enums = enumAttributeIds(a.tag, tagSet);
  const values = enums.map((id) => (typeof a.attributes[id] === 'string' ? a.attributes[id] : ''));
  return JSON.stringify([a.target.start, a.target.end, a.tag, values]);
}

function enumAttributeIds(tag: string, tagSet?: TagSet): string[] {
  const def = findTag(tagSet ?? DEFAULT_TAG_SET, tag);
  return def ? def.attributes.filter((d) => d.kind === 'enum').map((d) => d.id) : [];
}

/** Units nobody has settled yet (what is left to curate). */
export function unsettled(units: readonly ReviewUnit[]): ReviewUnit[] {
  return units.filter((u) => !u.settled);
}
