/**
 * The git merge driver's core: three sidecar texts in (base, ours, theirs), one stably serialised sidecar out,
 * merged by id with the store's own `mergeSidecars`. Pure: the CLI does the file and git work around it.
 */
import { newId as randomId } from '../annotations/hash';
import { mergeSidecars, type MergeConflict } from '../annotations/merge';
import { issuesToProblems, type Problem } from '../annotations/problems';
import { SidecarSchema, type Sidecar } from '../annotations/schema';
import { compareAnnotations, compareRelations, parseSidecar, serializeSidecar } from '../annotations/sidecar';
import { hasConflictMarkers } from './conflictMarkers';

export interface SidecarVersions {
  /** The common ancestor; empty (or null) when the file was added on both sides. */
  base: string | null;
  ours: string;
  theirs: string;
}

export type SidecarTextMerge =
  | { ok: true; text: string; sidecar: Sidecar; conflicts: MergeConflict[] }
  | { ok: false; problems: Problem[] };

/**
 * Merges three versions of one sidecar. `label` names the file in problems (`<label> (theirs): <path>: …`).
 * Refuses (ok: false) when a version cannot be read: nothing is guessed, nothing dropped.
 */
export function mergeSidecarTexts(versions: SidecarVersions, label: string, newId: () => string = randomId): SidecarTextMerge {
  const problems: Problem[] = [];
  const read = (text: string, side: string): Sidecar | null => {
    const file = `${label} (${side})`;
    if (hasConflictMarkers(text)) {
      problems.push({ file, path: '(root)', severity: 'error', message: 'merge conflict: this version itself holds git conflict markers' });
      return null;
    }
    const result = parseSidecar(text, file);
    if (result.ok) return result.sidecar;
    problems.push(...result.problems);
    return null;
  };
  const base = versions.base === null || versions.base.trim() === '' ? null : read(versions.base, 'base');
  const ours = read(versions.ours, 'ours');
  const theirs = read(versions.theirs, 'theirs');
  if (!ours || !theirs || problems.length > 0) return { ok: false, problems };
  const result = mergeSidecars(base, ours, theirs, newId);
  const conflicts = result.conflicts;
  const sidecar = { ...result.sidecar, annotations: [...result.sidecar.annotations].sort(compareAnnotations), relations: [...result.sidecar.relations].sort(compareRelations) };
  const checked = SidecarSchema.safeParse(sidecar);
  if (!checked.success) return { ok: false, problems: issuesToProblems(`${label} (merged)`, checked.error.issues, sidecar) };
  return { ok: true, text: serializeSidecar(sidecar), sidecar, conflicts };
}

/** One line per conflict, for the driver's and the resolve command's report. */
export function describeConflicts(label: string, conflicts: readonly MergeConflict[]): string[] {
  return conflicts.map(
    (c) => `${label}: ${c.kind} ${c.id} was changed differently on both sides: both versions kept (${c.id} theirs, ${c.copyId} ours), marked "conflict"`,
  );
}
