/** Which sidecar files a CLI path means (a folder, searched recursively; a sidecar; a document), and paths shown as the user wrote them. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isSidecarPath, sidecarPathFor } from '../core/annotations/paths';
import { isFileOrLink } from './fileSafety';

/** Sidecars under a folder, depth first, sorted; skips dot-folders and node_modules. Symbolic links are listed (see linkProblem). */
export function findSidecars(dir: string, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') findSidecars(full, out);
    } else if (isSidecarPath(entry.name) && !entry.name.startsWith('.') && isFileOrLink(full, entry)) {
      out.push(full);
    }
  }
  return out;
}

/** The sidecars `target` means: those under it when a folder, itself when a sidecar, else its document's sidecar if there is one. */
export function sidecarsAt(target: string, isDirectory: boolean): string[] {
  if (isDirectory) return findSidecars(target);
  if (isSidecarPath(target)) return [target];
  return existsSync(sidecarPathFor(target)) ? [sidecarPathFor(target)] : [];
}

/** Paths as the user would write them: relative to the working folder when inside it. */
export function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
