/** Labels of an input → tags and relation types of the tag set; attribute values checked against their definitions. */
import type { Problem } from '../../annotations/problems';
import { TAG_ID, type AttributeDef, type TagSet } from '../../annotations/schema';
import { checkAttribute } from '../../annotations/tags';
import { problemAt, setOwn } from './types';

const RELATION_TYPE_ID = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * The item (tag, relation type) a label names: its id, or its id or label in any case, or a slug of it
 * (`Attributed to`, `ATTRIBUTED_TO` → `attributed-to`).
 */
export function findByLabel<T extends { id: string; label: string }>(label: string, items: readonly T[]): T | undefined {
  const lower = label.trim().toLowerCase();
  const slug = slugOf(label);
  return items.find((t) => t.id === label) ?? items.find((t) => t.id === lower || t.id === slug || t.label.toLowerCase() === lower);
}

function slugOf(label: string): string {
  return label.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/**
 * The tag of the tag set a label names (see findByLabel). With `keepUnknown`, a label the tag set does not name
 * is kept as it is (a brat type such as `DNA_methylation`), or as its slug when it is not a valid tag id.
 */
export function mapLabel(label: string, tagSet: TagSet, keepUnknown = false): { tag: string } | { error: string } {
  const tag = findByLabel(label, tagSet.tags);
  if (tag) return { tag: tag.id };
  const slug = slugOf(label);
  if (keepUnknown && TAG_ID.test(label)) return { tag: label };
  if (keepUnknown && TAG_ID.test(slug)) return { tag: slug };
  return { error: `unknown tag '${label}' (the tag set defines: ${tagSet.tags.map((t) => t.id).join(', ')})` };
}

/** The id an unknown relation type is kept under (relation type ids are lower case), or null. */
export function relationTypeSlug(label: string): string | null {
  const slug = slugOf(label);
  return RELATION_TYPE_ID.test(slug) ? slug : null;
}

/** Drops attribute values their definitions refuse (with a warning each); keeps those `defs` does not define. */
export function checkAttributes(defs: readonly AttributeDef[], attributes: Record<string, unknown>, where: string, problems: Problem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    const def = defs.find((d) => d.id === key);
    const refused = def ? checkAttribute(def, value)[0] : undefined;
    if (refused) problems.push(problemAt(where, `attribute '${key}' dropped: ${refused.message}`, 'warning'));
    else setOwn(out, key, value);
  }
  return out;
}
