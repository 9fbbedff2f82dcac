/**
 * Three-way merge of annotation lists by id, for a sidecar that changed on disk (another window,
 * `git pull`) while this window holds edits of its own. Nothing is dropped: an annotation both sides
 * changed differently is kept twice (theirs under its id, ours under a new id), and reported.
 */
import type { Annotation } from './schema';

export interface MergeResult {
  annotations: Annotation[];
  /** Ids whose two versions were both kept; `copyId` is the id given to our version. */
  conflicts: Array<{ id: string; copyId: string }>;
}

export function mergeAnnotations(
  base: readonly Annotation[],
  ours: readonly Annotation[],
  theirs: readonly Annotation[],
  newId: () => string,
): MergeResult {
  const baseById = byId(base);
  const theirsById = byId(theirs);
  const oursById = byId(ours);
  const merged = new Map<string, Annotation>();
  const conflicts: MergeResult['conflicts'] = [];

  for (const their of theirs) {
    const our = oursById.get(their.id);
    const original = baseById.get(their.id);
    if (!our) {
      // We deleted it (it was in base and unchanged there) → stays deleted; else it is theirs, new or changed.
      if (original && same(original, their)) continue;
      merged.set(their.id, their);
    } else if (same(our, their) || (original && same(original, our))) {
      merged.set(their.id, their);
    } else if (original && same(original, their)) {
      merged.set(our.id, our);
    } else {
      merged.set(their.id, their);
      const copyId = newId();
      merged.set(copyId, { ...our, id: copyId });
      conflicts.push({ id: their.id, copyId });
    }
  }
  for (const our of ours) {
    if (theirsById.has(our.id)) continue;
    const original = baseById.get(our.id);
    // They deleted it: honour that unless we changed it meanwhile; an annotation new on our side stays.
    if (original && same(original, our)) continue;
    merged.set(our.id, our);
  }
  return { annotations: [...merged.values()], conflicts };
}

function byId(list: readonly Annotation[]): Map<string, Annotation> {
  return new Map(list.map((a) => [a.id, a]));
}

function same(a: Annotation, b: Annotation): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
