/**
 * What the exporters read: documents with their text and annotations, produced one at a time by an
 * adapter (the CLI over node:fs, the extension over the annotation store), so an export never holds
 * more than one document. Exporters are async generators of output text (or of files, for brat).
 */
import type { Problem } from '../annotations/problems';
import type { Annotation, DocumentCuration, DocumentStatus, DocumentStatuses, Relation, TagSet } from '../annotations/schema';
import { DEFAULT_TAG_SET } from '../annotations/tags';
import { parse } from '../parse';

export interface ExportDocument {
  /** Path of the document relative to the exported folder, `/`-separated (e.g. `seeds/000_x.txt`). */
  file: string;
  /** Absolute URI of the document (`file:///…`): the W3C `target.source` unless a documentBase is given. */
  uri: string;
  /** The document text as annotated: BOM removed, line endings as in the file. */
  text: string;
  /** The URL of its `Source:` line (see sourceOf), or null. */
  source: string | null;
  /** Offsets are UTF-16 code units into `text`, except for orphaned annotations (status `orphaned`). */
  annotations: readonly Annotation[];
  /** Links between `annotations` (by id). */
  relations?: readonly Relation[];
  /** The status shown for the document (the exporting user's, or the one status of a version 1 sidecar). */
  status?: DocumentStatus;
  /** Every annotator's status, keyed by author. */
  statuses?: DocumentStatuses;
  /** The document's curation status (the gold standard's progress), when the sidecar has one. */
  curation?: DocumentCuration;
}

/** The header of a document, from its text. */
export interface DocumentMeta {
  source: string | null;
  /** The site of the Source URL (e.g. `harbourgazette.example`), or null. */
  site: string | null;
  title: string;
  byline: string | null;
  /** The dateline as ISO 8601 where it parses, else null. */
  date: string | null;
  /** The dateline as written. */
  dateline: string | null;
}

export function documentMeta(text: string): DocumentMeta {
  const doc = parse(text);
  return {
    source: doc.source?.url ?? null,
    site: doc.source?.site ?? null,
    title: doc.title,
    byline: doc.byline,
    date: doc.updated?.iso ?? null,
    dateline: doc.updated?.text ?? null,
  };
}

/** The `Source:` URL of a document, reading only up to its first non-blank line (where the header is). */
export function sourceOf(text: string): string | null {
  const first = /\S/.exec(text);
  if (!first) return null;
  const eol = text.slice(first.index).search(/[\r\n]/);
  return parse(eol < 0 ? text : text.slice(0, first.index + eol)).source?.url ?? null;
}

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv', 'w3c', 'claimreview', 'brat', 'checkthat', 'doccano', 'labelstudio'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface FormatInfo {
  label: string;
  description: string;
  /** File name extension of the output; null: the output is a folder. */
  extension: string | null;
}

export const EXPORT_FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  json: { label: 'JSON bundle', description: 'every document (file, source, title, byline, date) with its annotations and relations', extension: 'json' },
  jsonl: { label: 'JSON Lines', description: 'one annotation or relation per line, with its document file and source', extension: 'jsonl' },
  csv: { label: 'CSV', description: 'one row per annotation, attributes as columns (RFC 4180, UTF-8); relations in relations.csv beside', extension: 'csv' },
  w3c: { label: 'W3C Web Annotation', description: 'JSON-LD AnnotationCollection (relations as linking annotations); positions in code points', extension: 'jsonld' },
  claimreview: { label: 'schema.org ClaimReview', description: 'JSON-LD, one ClaimReview per claim with a verdict', extension: 'jsonld' },
  brat: { label: 'brat standoff', description: 'a folder of X.txt + X.ann (code point offsets, R lines for relations) and annotation.conf', extension: null },
  checkthat: { label: 'CLEF CheckThat! TSV', description: 'claim sentences with check-worthiness Yes/No', extension: 'tsv' },
  doccano: { label: 'doccano relation extraction', description: 'JSONL: {"text", "entities", "relations"} per document (UTF-16 offsets)', extension: 'jsonl' },
  labelstudio: { label: 'Label Studio tasks', description: 'JSON tasks: data.text, annotations[].result with labels and relations', extension: 'json' },
};

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

export interface ExportOptions {
  /** CSV: start with a UTF-8 byte order mark (for spreadsheet programs). */
  bom?: boolean;
  /** CSV: attribute columns in this order (default: the union over all annotations, in order of first use). */
  attributeIds?: readonly string[];
  /** Tag set: which attributes are enums (brat attributes) and their values (annotation.conf). */
  tagSet?: TagSet;
  /** Export time (json `exported`). Default: now. */
  now?: Date;
  /** Collection label (W3C). */
  label?: string;
  /** CSV: write cells as they are (no `'` in front of a cell that a spreadsheet would run as a formula). */
  rawCells?: boolean;
  /**
   * W3C: the IRI the documents' relative paths are resolved against for `target.source` (e.g.
   * `https://corpus.example/docs/`). Default: each document's own `file:` URI.
   */
  documentBase?: string;
  /** ClaimReview: the review pages' URL base; each review's `url` is `<base>#<annotation id>` (see claimreview.ts). */
  reviewUrlBase?: string;
  /** ClaimReview: the fact-checking organisation, the `author` of every review (with `url` when given). */
  organization?: { name: string; url?: string };
  /** Called once per document exported, with the number of annotations written for it (progress). */
  onDocument?(doc: ExportDocument, written: number): void;
  /** Called for what the format cannot carry or warns about (an annotation left out, a claim too long…). */
  onProblem?(problem: Problem): void;
}

export function tagSetOf(options: ExportOptions): TagSet {
  return options.tagSet ?? DEFAULT_TAG_SET;
}

/** Counts of an export, for the summary line. */
export interface ExportStats {
  documents: number;
  annotations: number;
  /** Annotations left out because the format cannot carry them (e.g. orphaned ones in brat). */
  skipped: number;
  /** Relations written (formats that carry them). */
  relations: number;
}

export function newStats(): ExportStats {
  return { documents: 0, annotations: 0, skipped: 0, relations: 0 };
}

/** `12 annotations and 3 relations` (the relations only when there are some). */
export function exportedCounts(stats: ExportStats): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(stats.annotations, 'annotation')}${stats.relations > 0 ? ` and ${plural(stats.relations, 'relation')}` : ''}`;
}

/** False for an orphaned annotation: its offsets refer to an older text (its quote is still its last known one). */
export function isAnchored(a: Annotation): boolean {
  return a.status !== 'orphaned';
}
