/**
 * Units: what several annotators' annotations of one document become once matched — one unit per thing they
 * tagged, holding at most one annotation (its "version") per annotator. Agreement measures them; curation
 * settles them. Annotators are told apart by `author` ("" when none is set).
 *
 * The matching, one-to-one per annotator and per tag:
 * 1. Annotators are taken in name order; the first one's annotations of a tag open one unit each.
 * 2. Each next annotator's annotations of that tag are matched to the units it has no version in yet:
 *    first spans equal to a version's span (exact), then overlapping spans, greedily by the largest overlap
 *    with the unit's span (ties: the closest ends, then text order). An annotation left over opens a unit.
 *    Spans that only touch (one ends where the other starts) do not overlap.
 * 3. Units of different tags whose versions all have one same span, made by different annotators, are joined
 *    into one unit: the annotators gave the same span different labels.
 * Orphaned annotations (not placed on the current text) are left out: their offsets mean nothing here.
 *
 * A unit's kind, first that applies: `single` (one version), `span-differs` (the spans are not all equal),
 * `label-differs` (one span, different tags), `attributes-differ` (one span and tag, some attribute or the note
 * aside, attributes differ), `agreed`.
 */
import type { Annotation, Relation } from '../annotations/schema';

export type UnitKind = 'agreed' | 'attributes-differ' | 'label-differs' | 'span-differs' | 'single';

export interface Unit {
  /** Stable within a document: `u:<start>-<end>:<tag or "*">:<n>` (n counts units with that same key). */
  id: string;
  /** The tag all versions share; undefined when they differ (`label-differs`). */
  tag?: string;
  /** The smallest start and the largest end of the versions' spans (UTF-16 code units). */
  start: number;
  end: number;
  /** Each annotator's version, keyed by author ("" when none is set). */
  versions: Record<string, Annotation>;
  kind: UnitKind;
}

export interface UnitOptions {
  /** Only these annotators (others' annotations ignored). Default: every author found. */
  annotators?: readonly string[];
  /** Only these tags. Default: every tag. */
  tags?: readonly string[];
  /** Leave out gold (curated) annotations — default true: they are the curator's, not an annotator's. */
  skipGold?: boolean;
}

/** The annotators of a list of annotations, in name order. */
export function annotatorsOf(annotations: readonly Annotation[]): string[] {
  return [...new Set(annotations.map((a) => a.author))].sort(compareNames);
}

/** Groups the annotations of one document into units (see the module comment for the matching). */
export function buildUnits(annotations: readonly Annotation[], options: UnitOptions = {}): Unit[] {
  const usable = annotations.filter(
    (a) =>
      a.status !== 'orphaned' &&
      !(options.skipGold !== false && a.curation) &&
      (!options.tags || options.tags.includes(a.tag)) &&
      (!options.annotators || options.annotators.includes(a.author)),
  );
  const annotators = options.annotators ? [...options.annotators].sort(compareNames) : annotatorsOf(usable);
  const byTag = new Map<string, Annotation[]>();
  for (const a of [...usable].sort(byPosition)) {
    const list = byTag.get(a.tag);
    if (list) list.push(a);
    else byTag.set(a.tag, [a]);
  }
  let groups: Array<Record<string, Annotation>> = [];
  for (const tagged of byTag.values()) groups.push(...groupOneTag(tagged, annotators));
  groups = joinLabelDifferences(groups);
  return finish(groups);
}

interface Span {
  start: number;
  end: number;
}

/** Length of the overlap of two spans (0 when they only touch or are apart). */
export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

const spanOf = (a: Annotation): Span => ({ start: a.target.start, end: a.target.end });
const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

function groupOneTag(tagged: Annotation[], annotators: readonly string[]): Array<Record<string, Annotation>> {
  const groups: Array<Record<string, Annotation>> = [];
  for (const who of annotators) {
    const mine = tagged.filter((a) => a.author === who);
    if (mine.length === 0) continue;
    const open = groups.filter((g) => !(who in g));
    const pairs = matchOneToOne(
      mine.map(spanOf),
      open.map((g) => coverOf(Object.values(g))),
      (i, j) => Object.values(open[j]!).some((v) => sameSpan(spanOf(v), spanOf(mine[i]!))),
    );
    const taken = new Set<number>();
    for (const [i, j] of pairs) {
      open[j]![who] = mine[i]!;
      taken.add(i);
    }
    mine.forEach((a, i) => {
      if (!taken.has(i)) groups.push({ [who]: a });
    });
  }
  return groups;
}

/**
 * One-to-one matching of spans `left` to spans `right`: pairs for which `exact(i, j)` holds first (in text
 * order), then the remaining overlapping pairs greedily by the largest overlap (ties: the smallest distance
 * between the ends, then text order). Returns [leftIndex, rightIndex] pairs.
 */
export function matchOneToOne(
  left: readonly Span[],
  right: readonly Span[],
  exact: (i: number, j: number) => boolean = (i, j) => sameSpan(left[i]!, right[j]!),
): Array<[number, number]> {
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const result: Array<[number, number]> = [];
  const candidates: Array<{ i: number; j: number; exact: boolean; overlap: number; distance: number }> = [];
  // Both lists are scanned in text order; right is sorted once so each left span looks only at its neighbours.
  const rightOrder = right.map((_, j) => j).sort((x, y) => right[x]!.start - right[y]!.start || right[x]!.end - right[y]!.end);
  let maxRightLength = 0;
  for (const r of right) maxRightLength = Math.max(maxRightLength, r.end - r.start);
  for (let i = 0; i < left.length; i++) {
    const l = left[i]!;
    // Any overlapping right span starts before l.end and after l.start - maxRightLength.
    let lo = lowerBound(rightOrder, (j) => right[j]!.start >= l.start - maxRightLength);
    for (; lo < rightOrder.length; lo++) {
      const j = rightOrder[lo]!;
      const r = right[j]!;
      if (r.start >= l.end) break;
      const overlap = overlapLength(l, r);
      if (overlap === 0) continue;
      candidates.push({ i, j, exact: exact(i, j), overlap, distance: Math.abs(l.start - r.start) + Math.abs(l.end - r.end) });
    }
  }
  candidates.sort(
    (x, y) =>
      Number(y.exact) - Number(x.exact) ||
      (x.exact ? 0 : y.overlap - x.overlap) ||
      x.distance - y.distance ||
      left[x.i]!.start - left[y.i]!.start ||
      x.i - y.i ||
      x.j - y.j,
  );
  for (const c of candidates) {
    if (usedLeft.has(c.i) || usedRight.has(c.j)) continue;
    usedLeft.add(c.i);
    usedRight.add(c.j);
    result.push([c.i, c.j]);
  }
  return result.sort((x, y) => x[0] - y[0]);
}

function lowerBound(order: readonly number[], isAtOrAfter: (j: number) => boolean): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isAtOrAfter(order[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function coverOf(versions: readonly Annotation[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const v of versions) {
    start = Math.min(start, v.target.start);
    end = Math.max(end, v.target.end);
  }
  return { start, end };
}

/** The one span all versions share, or null. */
function commonSpan(group: Record<string, Annotation>): Span | null {
  const versions = Object.values(group);
  const first = spanOf(versions[0]!);
  return versions.every((v) => sameSpan(spanOf(v), first)) ? first : null;
}

/** Joins groups of different tags on one same span by disjoint annotators (step 3 of the matching). */
function joinLabelDifferences(groups: Array<Record<string, Annotation>>): Array<Record<string, Annotation>> {
  const bySpan = new Map<string, Array<Record<string, Annotation>>>();
  const out: Array<Record<string, Annotation>> = [];
  for (const g of groups) {
    const span = commonSpan(g);
    if (!span) {
      out.push(g);
      continue;
    }
    const key = `${span.start}-${span.end}`;
    const list = bySpan.get(key);
    if (list) list.push(g);
    else bySpan.set(key, [g]);
  }
  for (const list of bySpan.values()) {
    const joined: Array<Record<string, Annotation>> = [];
    for (const g of list) {
      const into = joined.find((j) => Object.keys(g).every((who) => !(who in j)));
      if (into) Object.assign(into, g);
      else joined.push({ ...g });
    }
    out.push(...joined);
  }
  return out;
}

function finish(groups: Array<Record<string, Annotation>>): Unit[] {
  const units = groups.map((g): Omit<Unit, 'id'> => {
    const versions = Object.fromEntries(Object.keys(g).sort(compareNames).map((who) => [who, g[who]!]));
    const list = Object.values(versions);
    const tags = new Set(list.map((v) => v.tag));
    const { start, end } = coverOf(list);
    return { ...(tags.size === 1 ? { tag: list[0]!.tag } : {}), start, end, versions, kind: kindOf(list, tags.size) };
  });
  units.sort((a, b) => a.start - b.start || a.end - b.end || compareNames(a.tag ?? '', b.tag ?? '') || compareNames(firstId(a), firstId(b)));
  const seen = new Map<string, number>();
  return units.map((u) => {
    const key = `${u.start}-${u.end}:${u.tag ?? '*'}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { id: `u:${key}:${n}`, ...u };
  });
}

const firstId = (u: Omit<Unit, 'id'>) => Object.values(u.versions)[0]!.id;

function kindOf(versions: readonly Annotation[], tagCount: number): UnitKind {
  if (versions.length === 1) return 'single';
  const first = spanOf(versions[0]!);
  if (!versions.every((v) => sameSpan(spanOf(v), first))) return 'span-differs';
  if (tagCount > 1) return 'label-differs';
  const attrs = canonicalJson(versions[0]!.attributes);
  return versions.every((v) => canonicalJson(v.attributes) === attrs) ? 'agreed' : 'attributes-differ';
}

/** JSON with object keys sorted, so that two attribute objects compare by content. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

function byPosition(a: Annotation, b: Annotation): number {
  return a.target.start - b.target.start || a.target.end - b.target.end || a.id.localeCompare(b.id);
}

/** Name order independent of the locale ("" first). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The unit each annotation belongs to, by annotation id. */
export function unitOfAnnotation(units: readonly Unit[]): Map<string, Unit> {
  const map = new Map<string, Unit>();
  for (const u of units) for (const v of Object.values(u.versions)) map.set(v.id, u);
  return map;
}

// ---------------------------------------------------------------------------------------------
// Relations between units.

export type RelationUnitKind = 'agreed' | 'attributes-differ' | 'single';

export interface RelationUnit {
  /** `r:<type>:<from unit id>><to unit id>:<n>`. */
  id: string;
  type: string;
  /** The units of the relation's ends. */
  from: string;
  to: string;
  /** Each annotator's version, keyed by author. */
  versions: Record<string, Relation>;
  kind: RelationUnitKind;
}

/**
 * Matches relations across annotators: two annotators' relations are one when they have the same type and their
 * ends lie in the same units (for a symmetric type, in either direction). Relations whose ends are in no unit
 * (filtered out, orphaned) are left out; an annotator's duplicates open units of their own.
 */
export function matchRelations(
  units: readonly Unit[],
  relations: readonly Relation[],
  options: { symmetric?: ReadonlySet<string> | readonly string[]; skipGold?: boolean } = {},
): RelationUnit[] {
  const symmetric = new Set(options.symmetric ?? []);
  const unitOf = unitOfAnnotation(units);
  const groups = new Map<string, Array<Record<string, Relation>>>();
  const sorted = [...relations].sort((a, b) => compareNames(a.author, b.author) || compareNames(a.id, b.id));
  for (const r of sorted) {
    if (options.skipGold !== false && r.curation) continue;
    let from = unitOf.get(r.from)?.id;
    let to = unitOf.get(r.to)?.id;
    if (from === undefined || to === undefined) continue;
    if (symmetric.has(r.type) && to < from) [from, to] = [to, from];
    const key = `${r.type}:${from}>${to}`;
    const list = groups.get(key) ?? [];
    groups.set(key, list);
    const open = list.find((g) => !(r.author in g));
    if (open) open[r.author] = r;
    else list.push({ [r.author]: r });
  }
  const out: RelationUnit[] = [];
  for (const [key, list] of [...groups].sort((a, b) => compareNames(a[0], b[0]))) {
    list.forEach((versions, n) => {
      const list = Object.values(versions);
      const first = list[0]!;
      const [from, to] = [unitOf.get(first.from)!.id, unitOf.get(first.to)!.id];
      const ends = symmetric.has(first.type) && to < from ? [to, from] : [from, to];
      const attrs = canonicalJson(first.attributes);
      const kind: RelationUnitKind =
        list.length === 1 ? 'single' : list.every((v) => canonicalJson(v.attributes) === attrs) ? 'agreed' : 'attributes-differ';
      out.push({ id: `r:${key}:${n}`, type: first.type, from: ends[0]!, to: ends[1]!, versions, kind });
    });
  }
  return out;
}
