/** Problems found in a sidecar or tag-set file, and their one-line rendering. */
import type { z } from 'zod/mini';
import type { JsonSyntaxError } from './json';

export type Severity = 'error' | 'warning';

export interface Problem {
  /** The file the problem is in, as the caller named it (e.g. `X.txt.annotations.json`). */
  file: string;
  /** Dotted field path, e.g. `annotations.3.target.start`; `(root)` for the whole value, `` for a JSON syntax error. */
  path: string;
  message: string;
  severity: Severity;
  /** 1-based position, for JSON syntax errors. */
  line?: number;
  column?: number;
}

/** `<file>: <field.path>: <message>`, or `<file>:<line>:<column>: <message>` for a syntax error; warnings say so. */
export function formatProblem(p: Problem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : `${p.file}: ${p.path || '(root)'}`;
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

export function syntaxProblem(file: string, error: JsonSyntaxError): Problem {
  return {
    file,
    path: '',
    line: error.line,
    column: error.column,
    severity: 'error',
    message: `invalid JSON: ${error.message}`,
  };
}

export function pathString(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map((k) => String(k)).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return { found: false, value: undefined };
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return { found: true, value: v };
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return v.length > 40 ? `the string "${v.slice(0, 37)}…"` : `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
  boolean: 'true or false',
  record: 'an object',
  null: 'null',
};

/** Turns zod issues into problems with plain-language messages, quoting what the file holds. */
export function issuesToProblems(file: string, issues: readonly z.core.$ZodIssue[], input: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest (most specific path).
      const best = [...issue.errors].sort((a, b) => maxDepth(b) - maxDepth(a))[0]!;
      out.push(...issuesToProblems(file, best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })), input));
      continue;
    }
    out.push({ file, path: pathString(issue.path), message: issueMessage(issue, input), severity: 'error' });
  }
  return out;
}

function maxDepth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const at = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (!at.found) return `missing (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(at.value)}`;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
      const got = at.found ? describeValue(at.value) : 'nothing';
      return issue.values.length === 1 ? `must be ${allowed}, got ${got}` : `must be one of ${allowed}; got ${got}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min === 1 ? 'must not be empty' : `must have at least ${min} characters`;
      if (issue.origin === 'array') return min === 1 ? 'must not be empty' : `must have at least ${min} items`;
      return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${min}, got ${describeValue(at.value)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must have at most ${max} characters`;
      if (issue.origin === 'array') return `must have at most ${max} items`;
      return `must be at most ${max}, got ${describeValue(at.value)}`;
    }
    case 'invalid_format': {
      if (issue.format === 'datetime') {
        return `must be an ISO 8601 date-time with Z or an offset (e.g. "2024-05-01T12:00:00Z"), got ${describeValue(at.value)}`;
      }
      // Our regex checks carry their own wording ("must be …").
      return `${issue.message}, got ${describeValue(at.value)}`;
    }
    default:
      return issue.message;
  }
}
