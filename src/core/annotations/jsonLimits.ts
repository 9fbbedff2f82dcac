/**
 * Limits on the JSON a user can hand us, checked before anything walks it recursively:
 * - nesting: no value more than MAX_NESTING levels inside its field (an attribute value, an unknown field);
 *   counted from the top of the file, with FIELD_DEPTH levels for the format's own structure;
 * - text: no lone surrogate (half of a UTF-16 pair, e.g. `"\ud800"`) in a string or a key: it is not Unicode
 *   text, cannot be written as UTF-8 and would come back as U+FFFD.
 * And `__proto__`: JSON.parse makes it an ordinary key; schema parsers that copy objects drop it, so it is put back.
 * Every walk here is iterative: a value nested 100,000 levels deep is reported, not a stack overflow.
 */
import type { Problem } from './problems';

export const MAX_NESTING = 64;
/** Levels of a sidecar's own structure above a field's value (root → annotations → item → attributes → value). */
const FIELD_DEPTH = 4;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function codeUnit(text: string): string {
  const m = LONE_SURROGATE.exec(text)!;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase()}`;
}

function pathOf(parts: readonly (string | number)[]): string {
  return parts.length === 0 ? '(root)' : parts.join('.');
}

/**
 * Problems with a parsed JSON value (too deep, lone surrogates), each at its field path. At most `max` problems.
 * `extraDepth`: structure levels above the fields besides the sidecar's (an import format's own nesting).
 */
export function jsonLimitProblems(value: unknown, file: string, options: { extraDepth?: number; max?: number; prefix?: readonly (string | number)[] } = {}): Problem[] {
  const limit = MAX_NESTING + FIELD_DEPTH + (options.extraDepth ?? 0);
  const max = options.max ?? 20;
  const problems: Problem[] = [];
  const stack: Array<{ v: unknown; path: (string | number)[]; depth: number }> = [{ v: value, path: [...(options.prefix ?? [])], depth: 0 }];
  while (stack.length > 0 && problems.length < max) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasLoneSurrogate(v)) problems.push({ file, path: pathOf(path), severity: 'error', message: `contains a lone surrogate (${codeUnit(v)}, half of a UTF-16 pair): not valid Unicode text` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) {
      problems.push({ file, path: pathOf(path), severity: 'error', message: `nested too deeply (more than ${MAX_NESTING} levels inside a field)` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i], depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (hasLoneSurrogate(k)) problems.push({ file, path: pathOf([...path, k]), severity: 'error', message: `the key contains a lone surrogate (${codeUnit(k)}): not valid Unicode text` });
      stack.push({ v: (v as Record<string, unknown>)[k], path: [...path, k], depth: depth + 1 });
    }
  }
  return problems;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Puts back into `parsed` (what a schema made of `raw`) the own `__proto__` keys of `raw` that it lost, at any
 * depth where both still have the same shape. Mutates and returns `parsed`.
 */
export function restoreProtoKeys<T>(parsed: T, raw: unknown): T {
  const stack: Array<[unknown, unknown]> = [[parsed, raw]];
  while (stack.length > 0) {
    const [p, r] = stack.pop()!;
    if (Array.isArray(p) && Array.isArray(r)) {
      for (let i = 0; i < Math.min(p.length, r.length); i++) stack.push([p[i], r[i]]);
    } else if (isPlainObject(p) && isPlainObject(r)) {
      for (const k of Object.keys(r)) {
        if (k === '__proto__' && !Object.prototype.hasOwnProperty.call(p, k)) {
          Object.defineProperty(p, k, { value: r[k], enumerable: true, writable: true, configurable: true });
        } else if (Object.prototype.hasOwnProperty.call(p, k)) stack.push([p[k], r[k]]);
      }
    }
  }
  return parsed;
}
