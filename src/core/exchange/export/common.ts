import type { Annotation, Relation } from '../../annotations/schema';
import type { Problem } from '../../annotations/problems';
import { isAnchored, newStats, type ExportDocument, type ExportOptions, type ExportStats } from '../model';

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

/** Attribute ids of annotations (or relations) in order of first use. */
export function collectAttributeIds(items: Iterable<{ attributes: Record<string, unknown> }>, into: Set<string> = new Set()): Set<string> {
  for (const a of items) for (const key of Object.keys(a.attributes)) into.add(key);
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

/** A warning about one relation of a document. */
export function relationWarning(file: string, id: string, message: string): Problem {
  return { file, path: `relations.${id}`, severity: 'warning', message };
}

/**
 * The relations of `doc` whose ends are both among `written` (the ids of the annotations a format wrote); each
 * other one is reported as left out of `format`.
 */
export function relationsBetween(doc: ExportDocument, written: ReadonlySet<string>, format: string, onProblem?: ExportOptions['onProblem']): Relation[] {
  const out: Relation[] = [];
  for (const r of doc.relations ?? []) {
    const missing = [r.from, r.to].find((id) => !written.has(id));
    if (missing === undefined) out.push(r);
    else onProblem?.(relationWarning(doc.file, r.id, `left out of ${format}: its ${missing === r.from ? 'start' : 'end'} ${missing} is not in the export`));
  }
  return out;
}

/** The anchored annotations of `doc`; each orphaned one is reported as left out of `format` (its offsets refer to an older text). */
export function anchoredAnnotations(doc: ExportDocument, format: string, onProblem?: ExportOptions['onProblem']): Annotation[] {
  return doc.annotations.filter((a) => {
    if (isAnchored(a)) return true;
    onProblem?.(annotationWarning(doc.file, a.id, `left out of ${format}: orphaned (its text is no longer in the document)`));
    return false;
  });
}

/** What the doccano and Label Studio exports carry of an annotation or relation beside their own fields. */
export function itemFields(item: Annotation | Relation): { attributes: Record<string, unknown>; note: string; author: string; created: string; modified: string; origin?: string } {
  return {
    attributes: item.attributes,
    note: item.note,
    author: item.author,
    created: item.created,
    modified: item.modified,
    ...(item.origin !== undefined ? { origin: item.origin } : {}),
  };
}
