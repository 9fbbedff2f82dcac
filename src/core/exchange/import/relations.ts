/**
 * Imported relations, typed by the tag set: each one's ends are annotations placed from the same input record,
 * its type a relation type of the tag set (by id or label in any case, or its slug; a type the tag set does not
 * define is kept only with `keepUnknown`), its ends' tags ones the type allows. A relation that cannot be kept
 * is reported with the reason, never dropped silently.
 */
import type { Problem } from '../../annotations/problems';
import type { RelationTypeDef, TagSet } from '../../annotations/schema';
import { findTag, relationTypesFor, relationTypesOf } from '../../annotations/tags';
import { checkAttributes, findByLabel, relationTypeSlug } from './labels';
import type { PlacedAnnotation } from './place';
import { copyItemFields, problemAt, type ImportedItem, type ImportedRelation } from './types';

export interface PlacedRelation extends ImportedItem {
  type: string;
  from: PlacedAnnotation;
  to: PlacedAnnotation;
  /** The type reads the same both ways (A→B and B→A are one link). */
  symmetric: boolean;
}

/** The relation type a relation's labels name: the definition, or the id of an unknown type kept as it is. */
function relationType(relation: ImportedRelation, tagSet: TagSet, from: PlacedAnnotation, to: PlacedAnnotation, keepUnknown: boolean): { def: RelationTypeDef | null; id: string } | { error: string } {
  const types = relationTypesOf(tagSet);
  const named = relation.labels.map((l) => findByLabel(l, types)).find((t) => t !== undefined);
  if (relation.equivalence) {
    // A brat equivalence: the symmetric type it names, else the first symmetric type that fits its ends.
    const def = named?.symmetric ? named : relationTypesFor(tagSet, from.tag, to.tag).find((t) => t.symmetric);
    if (def) return { def, id: def.id };
    return { error: `the tag set has no symmetric relation type linking '${from.tag}' and '${to.tag}' (such as same-as)` };
  }
  if (named) return { def: named, id: named.id };
  const slug = relationTypeSlug(relation.labels[0] ?? '');
  if (keepUnknown && slug !== null) return { def: null, id: slug };
  return { error: `unknown relation type '${relation.labels.join("' or '")}' (the tag set defines: ${types.map((t) => t.id).join(', ') || 'none'})` };
}

/**
 * Places the relations of one record: `byRef` gives the annotation each span ref became, or why there is none.
 * Endpoint tags are checked against the type when the tag set knows both tags.
 */
export function placeRelations(
  relations: readonly ImportedRelation[],
  byRef: ReadonlyMap<string, PlacedAnnotation | string>,
  tagSet: TagSet,
  keepUnknown: boolean,
  problems: Problem[],
): PlacedRelation[] {
  const out: PlacedRelation[] = [];
  for (const relation of relations) {
    const refuse = (why: string) => problems.push(problemAt(relation.where, `relation${relation.id !== undefined ? ` ${relation.id}` : ''} not imported: ${why}`));
    const end = (ref: string, which: 'start' | 'end'): PlacedAnnotation | string => {
      const found = byRef.get(ref);
      if (found === undefined) return `its ${which} '${ref}' is not an annotation of the same document in this input`;
      return typeof found === 'string' ? `its ${which} '${ref}': ${found}` : found;
    };
    const from = end(relation.from, 'start');
    const to = end(relation.to, 'end');
    if (typeof from === 'string' || typeof to === 'string') {
      refuse(typeof from === 'string' ? from : (to as string));
      continue;
    }
    if (from === to) {
      refuse('it links an annotation to itself');
      continue;
    }
    const type = relationType(relation, tagSet, from, to, keepUnknown);
    if ('error' in type) {
      refuse(type.error);
      continue;
    }
    if (type.def && findTag(tagSet, from.tag) && findTag(tagSet, to.tag) && !relationTypesFor(tagSet, from.tag, to.tag).some((t) => t.id === type.id)) {
      refuse(`'${type.id}' links ${type.def.from.join('|')} → ${type.def.to.join('|')}, not '${from.tag}' → '${to.tag}'`);
      continue;
    }
    const placed: PlacedRelation = {
      type: type.id,
      from,
      to,
      symmetric: type.def?.symmetric === true,
      attributes: checkAttributes(type.def?.attributes ?? [], relation.attributes, relation.where, problems),
      note: relation.note,
      where: relation.where,
    };
    copyItemFields(relation, placed);
    out.push(placed);
  }
  return out;
}
