/**
 * Sidecar file naming. Paths are strings with `/` (URIs, POSIX) or `\` (Windows) separators;
 * no `node:path`, so this works on URI paths in the extension host and in a browser.
 */

/** `X.txt` → `X.txt.annotations.json`, beside the document. */
export const SIDECAR_SUFFIX = '.annotations.json';

export function sidecarPathFor(documentPath: string): string {
  return documentPath + SIDECAR_SUFFIX;
}

export function isSidecarPath(path: string): boolean {
  const name = baseName(path);
  return name.length > SIDECAR_SUFFIX.length && name.endsWith(SIDECAR_SUFFIX);
}

/** The inverse of sidecarPathFor: `dir/X.txt.annotations.json` → `dir/X.txt`; null for any other name. */
export function documentPathForSidecar(sidecarPath: string): string | null {
  return isSidecarPath(sidecarPath) ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length) : null;
}

function lastSeparator(path: string): number {
  return Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(lastSeparator(path) + 1);
}

/** Everything before the last segment, including the trailing separator (`` for a bare name). */
export function dirPrefix(path: string): string {
  return path.slice(0, lastSeparator(path) + 1);
}
