/**
 * Agreement of several annotators over a set of documents — what `seed-annotator agreement` prints and the
 * Agreement Report draws. Pure: the caller reads the sidecars (CLI: node:fs; extension: the store).
 *
 * Who takes part where: an annotator takes part in a document when they made an annotation in it or set its
 * status to in progress or done. Span scores of a pair count the documents both took part in; α_u counts the
 * documents every selected annotator took part in (laid one after another on one continuum). Attribute values
 * come from units (see ../units) of one tag holding at least two annotators' versions; an annotator whose version
 * has no value for the attribute is a missing value.
 */
import type { Annotation, DocumentStatus, DocumentStatuses, Relation } from '../../annotations/schema';
import { statusFor } from '../../annotations/status';
import { annotatorsOf, buildUnits, compareNames, type Unit } from '../units';
import {
  cohenKappa,
  coincidenceMatrix,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  valuesOf,
  type RatedUnit,
} from './coefficients';
import { addCounts, exactCounts, overlapCounts, scores, zeroCounts, type SpanCounts, type SpanScores } from './spans';
import { unitizingAlpha, type Segment } from './unitizing';

export { unitizingAlpha } from './unitizing';
export * from './coefficients';
export * from './spans';

export interface AgreementDocument {
  /** The document's path as shown (relative to the folder measured, `/`-separated). */
  file: string;
  /** Length of its text in UTF-16 code units. */
  length: number;
  annotations: readonly Annotation[];
  relations?: readonly Relation[];
  /** Each annotator's status. */
  statuses?: DocumentStatuses;
  /** True when its curation is complete (curation.status "curated"). */
  curated?: boolean;
}

export interface AgreementOptions {
  /** Only these tags (default: every tag annotated). */
  tags?: readonly string[];
  /** Only these annotators (default: every author of an annotation). */
  annotators?: readonly string[];
  /** The enum attributes of a tag; undefined (a tag the tag set lacks): every attribute holding text values. */
  enumAttributes?: (tag: string) => readonly string[] | undefined;
  /** The order to list tags in (tags not in it follow by name). */
  tagOrder?: readonly string[];
}

export interface PairAgreement {
  a: string;
  b: string;
  exact: SpanScores;
  overlap: SpanScores;
}

export interface AttributeUnit {
  document: string;
  start: number;
  end: number;
  values: Record<string, string>;
}

export interface AttributeAgreement {
  units: AttributeUnit[];
  percent: number | null;
  cohenKappa: number | null;
  fleissKappa: number | null;
  krippendorffAlpha: number | null;
  /** The values seen, sorted: the rows and columns of `coincidence`. */
  values: string[];
  /** Krippendorff's coincidence matrix (pairs of values given to one unit by different annotators). */
  coincidence: number[][];
}

export interface TagAgreement {
  pairs: PairAgreement[];
  alphaU: number | null;
  attributes: Record<string, AttributeAgreement>;
}

export interface DocumentAgreement {
  file: string;
  /** F1 of exact span matches, pooled over tags and pairs of annotators who took part; null when undefined. */
  f1: number | null;
  /** The same with overlapping matches. */
  overlapF1: number | null;
  /** The annotators who took part. */
  annotators: string[];
  /** Units (see ../units) and how many of them are not agreed. */
  units: number;
  disagreements: number;
  /** Whether its curation is complete; absent when the caller did not say. */
  curated?: boolean;
}

export interface AnnotatorProgress {
  todo: number;
  'in-progress': number;
  done: number;
  annotations: number;
}

export interface AgreementReport {
  annotators: string[];
  tags: Record<string, TagAgreement>;
  /** Worst agreement first; documents whose F1 is undefined last. */
  documents: DocumentAgreement[];
  /** Each annotator's documents by status and annotations made. */
  progress: Record<string, AnnotatorProgress>;
}

const TAKING_PART: readonly DocumentStatus[] = ['in-progress', 'done'];

/** Computes the report (see the module comment). */
export function computeAgreement(documents: readonly AgreementDocument[], options: AgreementOptions = {}): AgreementReport {
  const own = (a: Annotation) => !a.curation && a.status !== 'orphaned';
  const allAnnotations = documents.flatMap((d) => d.annotations.filter(own));
  const annotators = options.annotators ? [...new Set(options.annotators)].sort(compareNames) : annotatorsOf(allAnnotations);
  const chosen = new Set(annotators);
  const usable = (a: Annotation) => own(a) && chosen.has(a.author) && (!options.tags || options.tags.includes(a.tag));
  const tagNames = orderTags(
    options.tags ? [...new Set(options.tags)] : [...new Set(allAnnotations.filter(usable).map((a) => a.tag))],
    options.tagOrder ?? [],
  );

  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) pairs.push([annotators[i]!, annotators[j]!]);

  const perTag = new Map(tagNames.map((t) => [t, { exact: pairs.map(zeroCounts), overlap: pairs.map(zeroCounts), spans: annotators.map(() => [] as Segment[]), length: 0, attributes: new Map<string, { units: AttributeUnit[]; rated: RatedUnit[]; pairs: Array<[string, string]> }>() }]));
  const docs: DocumentAgreement[] = [];
  const progress: Record<string, AnnotatorProgress> = Object.fromEntries(annotators.map((who) => [who, { todo: 0, 'in-progress': 0, done: 0, annotations: 0 }]));

  for (const doc of documents) {
    const annotations = doc.annotations.filter(usable);
    const statuses = doc.statuses ?? {};
    const present = new Set(annotations.map((a) => a.author));
    for (const who of annotators) {
      const status = statusFor(statuses, who);
      progress[who]![status]++;
      if (TAKING_PART.includes(status)) present.add(who);
    }
    for (const a of annotations) progress[a.author]!.annotations++;
    const takingPart = annotators.filter((who) => present.has(who));
    const everyone = takingPart.length === annotators.length && annotators.length >= 2;
    const docExact = zeroCounts();
    const docOverlap = zeroCounts();

    const byTagAndAuthor = new Map<string, Map<string, Annotation[]>>();
    for (const a of annotations) {
      let m = byTagAndAuthor.get(a.tag);
      if (!m) byTagAndAuthor.set(a.tag, (m = new Map()));
      const list = m.get(a.author);
      if (list) list.push(a);
      else m.set(a.author, [a]);
    }
    for (const tag of tagNames) {
      const acc = perTag.get(tag)!;
      const mine = byTagAndAuthor.get(tag) ?? new Map<string, Annotation[]>();
      const spansOf = (who: string) => (mine.get(who) ?? []).map((a) => ({ start: a.target.start, end: a.target.end }));
      pairs.forEach(([a, b], p) => {
        if (!present.has(a) || !present.has(b)) return;
        const exact = exactCounts(spansOf(a), spansOf(b));
        const overlap = overlapCounts(spansOf(a), spansOf(b));
        addCounts(acc.exact[p]!, exact);
        addCounts(acc.overlap[p]!, overlap);
        addCounts(docExact, exact);
        addCounts(docOverlap, overlap);
      });
      if (everyone) {
        annotators.forEach((who, i) => acc.spans[i]!.push(...spansOf(who).map((s) => ({ start: s.start + acc.length, end: s.end + acc.length }))));
        acc.length += doc.length;
      }
    }

    const units = buildUnits(annotations, { annotators });
    for (const unit of units) {
      if (!unit.tag || Object.keys(unit.versions).length < 2) continue;
      const acc = perTag.get(unit.tag);
      if (acc) collectAttributes(acc.attributes, unit, doc.file, options.enumAttributes?.(unit.tag));
    }
    const f1 = takingPart.length >= 2 ? scores(docExact).f1 : null;
    docs.push({
      file: doc.file,
      f1,
      overlapF1: takingPart.length >= 2 ? scores(docOverlap).f1 : null,
      annotators: takingPart,
      units: units.length,
      disagreements: units.filter((u) => u.kind !== 'agreed').length,
      ...(doc.curated !== undefined ? { curated: doc.curated } : {}),
    });
  }

  const tags: Record<string, TagAgreement> = {};
  for (const [tag, acc] of perTag) {
    const attributes: Record<string, AttributeAgreement> = {};
    for (const [attr, a] of [...acc.attributes].sort((x, y) => compareNames(x[0], y[0]))) {
      const values = valuesOf(a.rated);
      attributes[attr] = {
        units: a.units,
        percent: percentAgreement(a.rated),
        cohenKappa: annotators.length === 2 ? cohenKappa(a.pairs) : null,
        fleissKappa: fleissKappa(a.rated),
        krippendorffAlpha: krippendorffAlpha(a.rated),
        values,
        coincidence: coincidenceMatrix(a.rated, values),
      };
    }
    tags[tag] = {
      pairs: pairs.map(([a, b], p) => ({ a, b, exact: scores(acc.exact[p]!), overlap: scores(acc.overlap[p]!) })),
      alphaU: acc.spans.some((s) => s.length > 0) ? unitizingAlpha({ length: acc.length, spans: acc.spans }).alpha : null,
      attributes,
    };
  }
  docs.sort((x, y) => (x.f1 === null ? 1 : 0) - (y.f1 === null ? 1 : 0) || (x.f1 ?? 0) - (y.f1 ?? 0) || compareNames(x.file, y.file));
  return { annotators, tags, documents: docs, progress };
}

function collectAttributes(
  into: Map<string, { units: AttributeUnit[]; rated: RatedUnit[]; pairs: Array<[string, string]> }>,
  unit: Unit,
  file: string,
  enumIds: readonly string[] | undefined,
): void {
  const versions = Object.entries(unit.versions);
  const ids = enumIds ?? [...new Set(versions.flatMap(([, v]) => Object.keys(v.attributes).filter((k) => typeof v.attributes[k] === 'string')))];
  for (const attr of ids) {
    const values: Record<string, string> = {};
    for (const [who, v] of versions) {
      const value = v.attributes[attr];
      // defineProperty: author names are arbitrary text ("__proto__" included).
      if (typeof value === 'string' && value !== '') Object.defineProperty(values, who, { value, enumerable: true, writable: true, configurable: true });
    }
    let acc = into.get(attr);
    if (!acc) into.set(attr, (acc = { units: [], rated: [], pairs: [] }));
    const given = Object.values(values);
    if (given.length === 0) continue;
    acc.units.push({ document: file, start: unit.start, end: unit.end, values });
    acc.rated.push(given);
    if (given.length === 2 && versions.length === 2) acc.pairs.push([given[0]!, given[1]!]);
  }
}

function orderTags(tags: string[], order: readonly string[]): string[] {
  const rank = (t: string) => {
    const i = order.indexOf(t);
    return i < 0 ? order.length : i;
  };
  return tags.sort((a, b) => rank(a) - rank(b) || compareNames(a, b));
}

/** Span counts of one pair, for callers that pool differently. */
export type { SpanCounts };
