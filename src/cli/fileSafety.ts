/**
 * The CLI's file rules that keep data safe: one rule for symbolic links, and the clean-up of temp files
 * left by interrupted writes.
 *
 * Symbolic links (documents and sidecars; the same rule in validate, export and import, and in VS Code):
 * a link whose target is inside the folder being worked on is read and written through (the write replaces
 * the target, the link stays a link); a link pointing outside that folder, or to nothing, is a problem
 * reported by name, and the file is neither read nor written.
 */
import { lstatSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { tempFileTarget } from '../core/annotations/atomic';
import { LOCK_STALE_MS, LOCK_SUFFIX } from './sidecarLock';

/** Temp files older than this are left over from an interrupted write (a write takes well under a second). */
export const STALE_TEMP_MS = 10 * 60_000;

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    return path.resolve(root);
  }
}

/** Why `file` (a symbolic link) may not be followed within `root`; null when it is no link or may be followed. */
export function linkProblem(file: string, root: string): string | null {
  let isLink: boolean;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch {
    return null;
  }
  if (!isLink) return null;
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return 'is a symbolic link to a file that does not exist; left alone';
  }
  const top = realRoot(root);
  if (!isInside(real, top)) return `is a symbolic link to ${real}, outside ${root}; left alone (links are followed only inside the folder)`;
  return null;
}

/** Where a write to `file` goes: the target of a symbolic link (checked by linkProblem), else the file. */
export function writeTarget(file: string): string {
  try {
    return lstatSync(file).isSymbolicLink() ? realpathSync(file) : file;
  } catch {
    return file;
  }
}

/** A directory entry that is a file, or a link to one. */
export function isFileOrLink(full: string, entry: { isFile(): boolean; isSymbolicLink(): boolean }): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(full).isFile();
  } catch {
    return true; // a dangling link: listed, so that it is reported
  }
}

export interface LeftOver {
  file: string;
  /** The file the temp was meant to replace, or the sidecar a lock was for. */
  target: string;
  ageMs: number;
}

/** Temp files of interrupted writes (`.X.<hex>.tmp`) and stale locks under `dir` (not into dot-folders or node_modules). */
export function findLeftovers(dir: string, olderThanMs = STALE_TEMP_MS, out: LeftOver[] = [], now = Date.now()): LeftOver[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') findLeftovers(full, olderThanMs, out, now);
      continue;
    }
    if (!entry.isFile()) continue;
    const target = tempFileTarget(entry.name);
    const lockFor = entry.name.endsWith(`.annotations.json${LOCK_SUFFIX}`) ? entry.name.slice(0, -LOCK_SUFFIX.length) : null;
    if (target === null && lockFor === null) continue;
    let ageMs: number;
    try {
      ageMs = now - statSync(full).mtimeMs;
    } catch {
      continue;
    }
    if (ageMs >= (lockFor !== null ? Math.min(olderThanMs, LOCK_STALE_MS) : olderThanMs)) out.push({ file: full, target: path.join(dir, (target ?? lockFor)!), ageMs });
  }
  return out;
}

/** Removes the leftovers of interrupted writes under `dir`; returns what was removed. */
export function cleanLeftovers(dir: string, olderThanMs = STALE_TEMP_MS): LeftOver[] {
  const found = findLeftovers(dir, olderThanMs);
  for (const f of found) rmSync(f.file, { force: true });
  return found;
}
