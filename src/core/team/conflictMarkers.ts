/**
 * Sidecars that git merged line by line (no merge driver) and left with `<<<<<<<` markers: recognising them, and
 * splitting the marked hunks back into the two sides (and the base, when git wrote diff3-style `|||||||` hunks).
 */

const START = /^<{7}(?: |$)/;
const BASE = /^\|{7}(?: |$)/;
const MIDDLE = /^={7}$/;
const END = /^>{7}(?: |$)/;

/** True when the text holds a git conflict block: a `<<<<<<<` line followed by `=======` and `>>>>>>>` lines. */
export function hasConflictMarkers(text: string): boolean {
  let state: 'out' | 'ours' | 'theirs' = 'out';
  for (const line of text.split(/\r?\n/)) {
    if (state === 'out' && START.test(line)) state = 'ours';
    else if (state === 'ours' && MIDDLE.test(line)) state = 'theirs';
    else if (state === 'theirs' && END.test(line)) return true;
  }
  return false;
}

/** The 1-based line of the first `<<<<<<<` marker, or null. */
export function firstConflictLine(text: string): number | null {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => START.test(l));
  return i < 0 ? null : i + 1;
}

export interface ConflictSides {
  ours: string;
  theirs: string;
  /** The common ancestor's text, only when every hunk carries a diff3 `|||||||` section. */
  base: string | null;
}

/** Rebuilds each side's text from a file with conflict markers; null when the markers are not well formed. */
export function splitConflictMarkers(text: string): ConflictSides | null {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const ours: string[] = [];
  const theirs: string[] = [];
  const base: string[] = [];
  let baseSeen = true;
  let state: 'out' | 'ours' | 'base' | 'theirs' = 'out';
  let hunkHasBase = false;
  let hunks = 0;
  for (const line of text.split(/\r?\n/)) {
    if (state === 'out') {
      if (START.test(line)) {
        state = 'ours';
        hunkHasBase = false;
        continue;
      }
      if (END.test(line) || MIDDLE.test(line) || BASE.test(line)) return null;
      ours.push(line);
      theirs.push(line);
      base.push(line);
    } else if (state === 'ours') {
      if (BASE.test(line)) {
        state = 'base';
        hunkHasBase = true;
      } else if (MIDDLE.test(line)) state = 'theirs';
      else if (START.test(line) || END.test(line)) return null;
      else ours.push(line);
    } else if (state === 'base') {
      if (MIDDLE.test(line)) state = 'theirs';
      else if (START.test(line) || END.test(line)) return null;
      else base.push(line);
    } else {
      if (END.test(line)) {
        state = 'out';
        hunks++;
        if (!hunkHasBase) baseSeen = false;
      } else if (START.test(line) || MIDDLE.test(line) || BASE.test(line)) return null;
      else theirs.push(line);
    }
  }
  if (state !== 'out' || hunks === 0) return null;
  return { ours: ours.join(eol), theirs: theirs.join(eol), base: baseSeen ? base.join(eol) : null };
}
