import type { Annotation } from '../../annotations/schema';
import type { Problem } from '../../annotations/problems';
import { newStats, type ExportStats } from '../model';

/** Collapses runs of whitespace (line breaks, tabs, NBSP) into one space, trimmed: claim text on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An attribute value as one text cell: strings as they are, lists of strings joined by spaces, anything else as JSON. */
export function attributeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return JSON.stringify(value);
}

/** Attribute ids in order of first use. */
export function collectAttributeIds(annotations: Iterable<Annotation>, into: Set<string> = new Set()): Set<string> {
  for (const a of annotations) for (const key of Object.keys(a.attributes)) into.add(key);
  return into;
}

/** Where an exporter counts what it wrote. */
export interface WithStats {
  stats?: ExportStats;
}

export function statsOf(options: WithStats): ExportStats {
  return (options.stats ??= newStats());
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON that can be pasted into an HTML `<script type="application/ld+json">` block: `<`, `>`, `&` (and the
 * line separators U+2028/U+2029) are written as `\u003c`, `\u003e`, `\u0026` (`\u2028`, `\u2029`), which
 * every JSON reader decodes back to the same characters, so `</script>` in a note cannot end the block.
 */
export function scriptSafeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A warning about one annotation of a document, for ExportOptions.onProblem. */
export function annotationWarning(file: string, id: string, message: string): Problem {
  return { file, path: `annotations.${id}`, severity: 'warning', message };
}
