/**
 * Items a merge kept in two versions (`conflict: { with }`): finding the pairs and keeping one version.
 * Keeping one removes the other, drops the mark, and moves the other's links onto the kept one.
 */
import type { Annotation, Relation } from '../annotations/schema';

type Item = Annotation | Relation;

/** The other version of a conflicted item, when it is still there. */
export function conflictPartner<T extends Item>(items: readonly T[], item: T): T | undefined {
  const other = item.conflict?.with;
  return other === undefined ? undefined : items.find((i) => i.id === other);
}

export interface Resolved {
  annotations: Annotation[];
  relations: Relation[];
}

/**
 * Keeps version `keepId` of a conflicted annotation or relation. Throws when `keepId` is not a conflicted item.
 * Links to the dropped annotation are moved to the kept one (a link that then exists twice is kept once).
 */
export function keepVersion(annotations: readonly Annotation[], relations: readonly Relation[], keepId: string): Resolved {
  const annotation = annotations.find((a) => a.id === keepId);
  if (annotation) {
    if (!annotation.conflict) throw new Error(`annotation '${keepId}' is not in conflict`);
    const dropId = annotation.conflict.with;
    const kept = clearConflict(annotation);
    const moved = relations.map((r) => (r.from === dropId || r.to === dropId ? { ...r, from: r.from === dropId ? keepId : r.from, to: r.to === dropId ? keepId : r.to } : r));
    return {
      annotations: annotations.filter((a) => a.id !== dropId).map((a) => (a.id === keepId ? kept : a)),
      relations: dedupeLinks(moved.filter((r) => r.from !== r.to)),
    };
  }
  const relation = relations.find((r) => r.id === keepId);
  if (!relation) throw new Error(`no annotation or relation '${keepId}'`);
  if (!relation.conflict) throw new Error(`relation '${keepId}' is not in conflict`);
  const dropId = relation.conflict.with;
  const kept = clearConflict(relation);
  return { annotations: [...annotations], relations: relations.filter((r) => r.id !== dropId).map((r) => (r.id === keepId ? kept : r)) };
}

function clearConflict<T extends Item>(item: T): T {
  const { conflict: _resolved, ...rest } = item;
  return { ...rest, modified: new Date().toISOString() } as T;
}

function dedupeLinks(relations: Relation[]): Relation[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const key = `${r.type}\u0000${r.from}\u0000${r.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
