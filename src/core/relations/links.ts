/**
 * Links (relations) as an annotator sees them: which ways an annotation can be linked, which annotations may be the
 * other end, and an annotation's links from its side. Generic over the few fields used, so the extension (sidecar
 * annotations and relations) and the Annotations panel (their views) share one logic.
 */

/** What the link logic reads of an annotation. */
export interface LinkEnd {
  id: string;
  tag: string;
}

/** What the link logic reads of a relation. */
export interface LinkLike {
  id: string;
  type: string;
  from: string;
  to: string;
}

/** What the link logic reads of a relation type. */
export interface LinkTypeLike {
  id: string;
  label: string;
  from: readonly string[];
  to: readonly string[];
  symmetric?: boolean;
}

/** `out`: the annotation is the relation's start (`from`); `in`: its end (`to`). */
export type LinkDirection = 'out' | 'in';

/** One way to link an annotation: as the start or the end of a relation type. A symmetric type is offered once. */
export interface LinkChoice<T extends LinkTypeLike = LinkTypeLike> {
  type: T;
  direction: LinkDirection;
}

/** The ways an annotation tagged `tag` can be linked: the types it may start (first), then those it may end. */
export function linkChoices<T extends LinkTypeLike>(types: readonly T[], tag: string): LinkChoice<T>[] {
  const out: LinkChoice<T>[] = [];
  const incoming: LinkChoice<T>[] = [];
  for (const type of types) {
    if (type.from.includes(tag) || (type.symmetric && type.to.includes(tag))) out.push({ type, direction: 'out' });
    if (!type.symmetric && type.to.includes(tag)) incoming.push({ type, direction: 'in' });
  }
  return [...out, ...incoming];
}

/** Tags the other end may have when an annotation tagged `selfTag` is linked by `choice`. */
export function otherEndTags(choice: LinkChoice, selfTag: string): string[] {
  const { type, direction } = choice;
  const tags = new Set<string>();
  if (direction === 'out' && type.from.includes(selfTag)) for (const t of type.to) tags.add(t);
  if (direction === 'in' || (type.symmetric && type.to.includes(selfTag))) for (const t of type.from) tags.add(t);
  return [...tags];
}

/** The `from` and `to` of the relation `choice` makes between `self` and `other`. */
export function linkEnds(choice: LinkChoice, self: string, other: string): { from: string; to: string } {
  return choice.direction === 'out' ? { from: self, to: other } : { from: other, to: self };
}

/** The relation of this type between these ends, if there is one (either way round for a symmetric type). */
export function findLink<R extends LinkLike>(relations: readonly R[], type: Pick<LinkTypeLike, 'id' | 'symmetric'>, from: string, to: string): R | undefined {
  return relations.find(
    (r) => r.type === type.id && ((r.from === from && r.to === to) || (type.symmetric === true && r.from === to && r.to === from)),
  );
}

/**
 * The annotations `choice` may link `self` to, in the order given: of a tag the type allows at the other end, not
 * `self`, and not linked to it that way already.
 */
export function linkTargets<A extends LinkEnd>(choice: LinkChoice, self: LinkEnd, annotations: readonly A[], relations: readonly LinkLike[]): A[] {
  const tags = otherEndTags(choice, self.tag);
  return annotations.filter((a) => {
    if (a.id === self.id || !tags.includes(a.tag)) return false;
    const { from, to } = linkEnds(choice, self.id, a.id);
    return !findLink(relations, choice.type, from, to);
  });
}

/** A link seen from one of its ends. `other` is undefined only for a relation whose other end is missing. */
export interface LinkSeen<A extends LinkEnd, R extends LinkLike, T extends LinkTypeLike> {
  relation: R;
  /** A link of a symmetric type reads the same from both ends: `out`. */
  direction: LinkDirection;
  other: A | undefined;
  /** Undefined when the tag set does not define the relation's type. */
  type: T | undefined;
}

/**
 * An index of the links of a document: `of(id)` gives the annotation's links, outgoing then incoming, each in the
 * order of `relations`.
 */
export function indexLinks<A extends LinkEnd, R extends LinkLike, T extends LinkTypeLike>(
  annotations: readonly A[],
  relations: readonly R[],
  types: readonly T[],
): (id: string) => LinkSeen<A, R, T>[] {
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const typeById = new Map(types.map((t) => [t.id, t]));
  const seen = new Map<string, LinkSeen<A, R, T>[]>();
  const add = (id: string, link: LinkSeen<A, R, T>) => {
    const list = seen.get(id);
    if (list) list.push(link);
    else seen.set(id, [link]);
  };
  for (const relation of relations) {
    const type = typeById.get(relation.type);
    add(relation.from, { relation, direction: 'out', other: byId.get(relation.to), type });
    if (relation.to !== relation.from) add(relation.to, { relation, direction: type?.symmetric ? 'out' : 'in', other: byId.get(relation.from), type });
  }
  return (id) => {
    const list = seen.get(id) ?? [];
    return [...list.filter((l) => l.direction === 'out'), ...list.filter((l) => l.direction === 'in')];
  };
}

/** How a link reads from the annotation's side: `attributed to` (outgoing), `← attributed to` (incoming). */
export function linkPhrase(link: { direction: LinkDirection; type: Pick<LinkTypeLike, 'label'> | undefined; relation: Pick<LinkLike, 'type'> }): string {
  const label = link.type ? lowerFirst(link.type.label) : link.relation.type;
  return link.direction === 'out' ? label : `← ${label}`;
}

/** `Attributed to` → `attributed to`; a leading acronym (`EU member of`) stays as it is. */
function lowerFirst(label: string): string {
  return /^\p{Lu}{2}/u.test(label) ? label : label.charAt(0).toLocaleLowerCase() + label.slice(1);
}

/** A text cut to `max` characters (an ellipsis marks the cut), white space runs made single spaces. */
export function shortText(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(flat[cut - 1] ?? '')) cut--; // never split a surrogate pair
  return `${flat.slice(0, cut)}…`;
}

/**
 * A link in one line, as the hover and the removal question show it: `attributed to: Aldous Perrin`,
 * `← attributed to: “We had no choice…” (orphaned)`.
 */
export function describeLink<A extends LinkEnd>(
  link: LinkSeen<A, LinkLike, LinkTypeLike>,
  textOf: (a: A) => string,
  isOrphaned: (a: A) => boolean,
  max = 80,
): string {
  const other = link.other ? `${shortText(textOf(link.other), max)}${isOrphaned(link.other) ? ' (orphaned)' : ''}` : '(missing annotation)';
  return `${linkPhrase(link)}: ${other}`;
}
