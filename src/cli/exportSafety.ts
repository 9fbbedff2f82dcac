/**
 * What keeps an export from destroying its inputs or looking complete when it is not:
 * - `--out` may not be a sidecar, a source document, a tag set, or a folder holding source documents or sidecars
 *   (unless `--force`);
 * - every output is first written under a temp name beside its place, `.<name>.export-<pid>-<hex>.tmp`, and renamed
 *   into place when complete (brat: a whole temp folder); a folder replaced is moved aside as `….old` first;
 * - the temps and `.old` folders of runs that were killed (their process is gone, or older than 10 minutes) are
 *   removed by the next export to the same place.
 */
import { existsSync, lstatSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomHex } from '../core/annotations/hash';
import { isSidecarPath, sidecarPathFor } from '../core/annotations/paths';
import { TAG_SET_FILE_NAME } from '../core/annotations/schema';
import { STALE_TEMP_MS, isInside } from './fileSafety';
import { processAlive } from './processAlive';
import { findSidecars } from './sidecarFiles';

function resolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Why writing `out` would destroy an input, or null. `documents` are the exported documents' paths.
 * `folder`: out is a folder to write into (brat).
 */
export function clobberProblem(out: string, documents: readonly string[], folder: boolean): string | null {
  const real = resolved(out);
  const docs = new Set(documents.map(resolved));
  if (isSidecarPath(out) || isSidecarPath(real)) return 'is a sidecar';
  if (path.basename(out) === TAG_SET_FILE_NAME || path.basename(real) === TAG_SET_FILE_NAME) return 'is a tag set';
  if (docs.has(real) || (existsSync(real) && !statSync(real).isDirectory() && existsSync(sidecarPathFor(real)))) return 'is a source document';
  if (existsSync(real) && statSync(real).isDirectory()) {
    if (!folder) return 'is a folder';
    if ([...docs].some((d) => isInside(d, real))) return 'is a folder holding the source documents';
    if (findSidecars(real).length > 0) return 'is a folder holding sidecars (and their documents)';
  }
  return null;
}

const EXPORT_TEMP = /^\.(.+)\.export-(\d+)-[0-9a-f]{8}\.(tmp|old)$/;

/** `dir/name` → `dir/.name.export-<pid>-<hex>.tmp` (or `.old`). */
export function exportTempPath(out: string, kind: 'tmp' | 'old' = 'tmp'): string {
  return path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.export-${process.pid}-${randomHex(4)}.${kind}`);
}

/** Removes the export temps in `dir` left by killed runs; returns their paths. */
export function cleanExportTemps(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = EXPORT_TEMP.exec(name);
    if (!m) continue;
    const full = path.join(dir, name);
    let age: number;
    try {
      age = now - lstatSync(full).mtimeMs;
    } catch {
      continue;
    }
    if (processAlive(Number(m[2])) && age < STALE_TEMP_MS) continue;
    rmSync(full, { recursive: true, force: true });
    removed.push(full);
  }
  return removed;
}

/** Files a brat export folder holds (and nothing a user would miss when it is replaced). */
const BRAT_FILE = /(\.ann|\.txt|^annotation\.conf|^visual\.conf|^tools\.conf|^kb_shortcuts\.conf)$/;

function onlyBratFiles(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!onlyBratFiles(path.join(dir, entry.name))) return false;
    } else if (!entry.isFile() || !BRAT_FILE.test(entry.name)) return false;
  }
  return true;
}

/** Why a brat export may not replace the folder `out` without --force, or null. */
export function folderReplaceProblem(out: string): string | null {
  if (!existsSync(out)) return null;
  if (!statSync(out).isDirectory()) return 'is a file, not a folder';
  return onlyBratFiles(out) ? null : 'is a folder holding files a brat export does not write';
}

/**
 * Puts the complete folder `temp` in the place of `out`. A former brat export is moved aside and removed after;
 * with `merge` (--force into a folder holding other files), each file is moved in, annotation.conf last (the old
 * one removed first), so that a folder without annotation.conf shows an export that did not finish.
 */
export async function replaceFolder(temp: string, out: string, merge: boolean): Promise<void> {
  if (!existsSync(out)) {
    await rename(temp, out);
    return;
  }
  if (!merge) {
    const old = exportTempPath(out, 'old');
    await rename(out, old);
    await rename(temp, out);
    await rm(old, { recursive: true, force: true });
    return;
  }
  await rm(path.join(out, 'annotation.conf'), { force: true });
  const move = async (from: string, to: string, last: string[]): Promise<void> => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = path.join(from, entry.name);
      const dst = path.join(to, entry.name);
      if (entry.isDirectory()) {
        if (!existsSync(dst)) await rename(src, dst);
        else await move(src, dst, last);
      } else if (from === temp && entry.name === 'annotation.conf') last.push(src);
      else await rename(src, dst);
    }
  };
  const last: string[] = [];
  await move(temp, out, last);
  for (const src of last) await rename(src, path.join(out, path.basename(src)));
  await rm(temp, { recursive: true, force: true });
}
