/**
 * Sidecar writes that never lose an update made elsewhere (another CLI run, VS Code, a hand edit).
 *
 * The writer remembers the bytes it read. Before it replaces the file it reads it again: when the bytes
 * differ, the file is parsed and merged by id with what the writer is about to write
 * (`mergeSidecars(base = what it read, ours = its result, theirs = the file now)`), and the check repeats.
 * The new content goes to a temp file first; the file is read once more right before the rename, and the
 * rename only happens when it still holds the bytes the merge was made against (compare-and-swap). Where the
 * file-system port offers a lock (`<sidecar>.lock`, the CLI), writers that honour it take turns, so the
 * window between the last read and the rename is closed for them too.
 */
import { tempPathFor, type SidecarFs } from './atomic';
import { newId } from './hash';
import { mergeSidecars, type MergeConflict } from './merge';
import { formatProblem } from './problems';
import type { Sidecar } from './schema';
import { encodeSidecar, parseSidecar } from './sidecar';

export interface CasFs extends SidecarFs {
  /** The file's bytes, or null when it does not exist. */
  readIfExists(path: string): Promise<Uint8Array | null>;
  /** Takes the writers' lock of `path`; resolves to its release. Optional (VS Code has none). */
  lock?(path: string): Promise<() => Promise<void>>;
}

export interface CasWriteInput {
  /** The bytes read before the change was made; null when there was no file. */
  readBytes: Uint8Array | null;
  /** Those bytes parsed: the base of a merge. */
  base: Sidecar | null;
  /** What to write. */
  ours: Sidecar;
  /** The name problems are reported under. */
  label: string;
}

export interface CasWriteResult {
  /** What is now on disk. */
  sidecar: Sidecar;
  bytes: Uint8Array;
  /** How many changes made elsewhere were merged in. */
  merges: number;
  conflicts: MergeConflict[];
}

/** The sidecar changed since it was read and can no longer be read: it is left untouched. */
export class SidecarChangedError extends Error {
  override readonly name = 'SidecarChangedError';
}

/** How often a changed file is merged again before giving up (each round means another writer got in between). */
const MAX_ROUNDS = 50;

export function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Writes `input.ours`, merged with every change made to the file since `input.readBytes` was read. */
export async function writeSidecarCas(fs: CasFs, path: string, input: CasWriteInput): Promise<CasWriteResult> {
  const release = fs.lock ? await fs.lock(path) : null;
  try {
    return await casLoop(fs, path, input);
  } finally {
    if (release) await release();
  }
}

async function casLoop(fs: CasFs, path: string, input: CasWriteInput): Promise<CasWriteResult> {
  let expected = input.readBytes;
  let base = input.base;
  let ours = input.ours;
  let merges = 0;
  const conflicts: MergeConflict[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const current = await fs.readIfExists(path);
    if (!sameBytes(current, expected)) {
      const theirs = current === null ? emptied(ours) : parsed(current, input.label);
      const merged = mergeSidecars(base, ours, theirs, newId);
      ours = merged.sidecar;
      conflicts.push(...merged.conflicts);
      base = theirs;
      expected = current;
      merges++;
    }
    const bytes = encodeSidecar(ours);
    const temp = tempPathFor(path);
    try {
      await fs.writeFile(temp, bytes);
      // The compare-and-swap: rename only over the bytes the merge was made against.
      if (!sameBytes(await fs.readIfExists(path), expected)) {
        await fs.delete(temp);
        continue;
      }
      await fs.rename(temp, path);
    } catch (error) {
      await fs.delete(temp).catch(() => undefined);
      throw error;
    }
    return { sidecar: ours, bytes, merges, conflicts };
  }
  throw new SidecarChangedError(`${input.label}: changed ${MAX_ROUNDS} times while being written; not written (try again)`);
}

/** A file deleted meanwhile merges as one with nothing in it: what we add is kept. */
function emptied(ours: Sidecar): Sidecar {
  return { ...ours, annotations: [], relations: [], status: undefined };
}

function parsed(bytes: Uint8Array, label: string): Sidecar {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SidecarChangedError(`${label}: changed since it was read and is no longer valid UTF-8; left untouched, nothing written`);
  }
  const read = parseSidecar(text, label);
  if (!read.ok) {
    throw new SidecarChangedError(
      `${label}: changed since it was read and can no longer be read (${read.problems.map(formatProblem).join('; ')}); left untouched, nothing written`,
    );
  }
  return read.sidecar;
}
