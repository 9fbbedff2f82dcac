/** What the import parsers produce: spans with hints about their document, before they are placed. */
import type { Problem } from '../../annotations/problems';

export const IMPORT_FORMATS = ['brat', 'w3c', 'doccano', 'labelstudio', 'json', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

export const IMPORT_FORMAT_INFO: Record<ImportFormat, { label: string; description: string; extensions: readonly string[] }> = {
  brat: { label: 'brat standoff', description: 'X.ann beside X.txt (a file or a folder); T, R, binary E, *, A, N, # lines', extensions: ['ann'] },
  w3c: { label: 'W3C Web Annotation', description: 'JSON-LD: an AnnotationCollection, a page, a list or one Annotation', extensions: ['jsonld', 'json', 'jsonl'] },
  doccano: { label: 'doccano', description: 'JSONL: {"text", "label": [[start, end, "tag"]]} (or "labels", or "entities" + "relations")', extensions: ['jsonl', 'json'] },
  labelstudio: { label: 'Label Studio', description: 'JSON or JSONL tasks: data.text, annotations[].result[] regions (value.start/end/labels) and relations', extensions: ['json', 'jsonl'] },
  json: { label: 'Seed Annotator JSON bundle', description: 'the json export (annotations and relations)', extensions: ['json'] },
  jsonl: { label: 'Seed Annotator JSON Lines', description: 'the jsonl export (annotations and relations)', extensions: ['jsonl'] },
};

/**
 * How offsets count characters. `utf16`: UTF-16 code units (JavaScript, VS Code, doccano, Seed Annotator);
 * `codepoints`: Unicode code points (Python, brat, W3C TextPositionSelector); `auto`: whichever makes the
 * span's quoted text match (UTF-16 when nothing tells).
 */
export type OffsetUnit = 'utf16' | 'codepoints' | 'auto';

/** What the input says about the document an annotation belongs to. */
export interface DocumentHint {
  /** A relative path or a file name (`documents[].file`, the brat `.txt` beside the `.ann`, a `file` field). */
  file?: string;
  /** A `file:` URI (W3C target source). */
  uri?: string;
  /** The document's `Source:` URL. */
  source?: string;
  /** An id that may be the document's file name, with or without `.txt`. */
  id?: string;
  /** The whole text the offsets count in (doccano, Label Studio, brat's `.txt`). */
  text?: string;
}

/** What an imported annotation or relation carries beside its place and its tag or type. */
export interface ImportedItem {
  attributes: Record<string, unknown>;
  note: string;
  id?: string;
  author?: string;
  created?: string;
  modified?: string;
  /** Where it came from when it is not a person's annotation, e.g. `suggested:labelstudio` for a prediction. */
  origin?: string;
  /** Where in the input it came from, e.g. `data.jsonl:3` or `export.json: documents.0.annotations.2`. */
  where: string;
}

/** Copies the optional fields of an imported item (id, author, times, origin) that it has. */
export function copyItemFields(from: ImportedItem, to: ImportedItem): void {
  for (const k of ['id', 'author', 'created', 'modified', 'origin'] as const) if (from[k] !== undefined) to[k] = from[k];
}

export interface ImportedSpan extends ImportedItem {
  /** The tag as the input names it (mapped to a tag of the tag set later). */
  label: string;
  /** Offsets into the hint's text (else the document's), counted in `unit`; absent: place by quote only. */
  start?: number;
  end?: number;
  unit: OffsetUnit;
  /** The quoted text and its context, when the input has them: checked against the text, used to re-anchor. */
  exact?: string;
  prefix?: string;
  suffix?: string;
  /** The name relations of the same record use for it (a brat `T` id, an annotation IRI, a doccano entity id…). */
  ref?: string;
}

/** A link between two spans of the same record, named by their `ref`. */
export interface ImportedRelation extends ImportedItem {
  /**
   * The type as the input names it, then other names to try (a brat event: its type, then its role); the first
   * that names a relation type of the tag set is used.
   */
  labels: string[];
  /** A brat `*` equivalence: typed by the tag set's symmetric relation type that fits its ends. */
  equivalence?: boolean;
  from: string;
  to: string;
}

export interface ImportRecord {
  hint: DocumentHint;
  spans: ImportedSpan[];
  /** Links between the spans of this record. */
  relations?: ImportedRelation[];
  /** Where the record starts in the input, for messages about the document as a whole. */
  where: string;
}

/** Label Studio `predictions[]` (pre-annotations): imported with the annotations (flagged by `origin`), skipped, or alone. */
export const PREDICTION_MODES = ['include', 'skip', 'only'] as const;
export type PredictionMode = (typeof PREDICTION_MODES)[number];

export interface ParseOptions {
  /** doccano/Label Studio: how offsets count characters. */
  unit?: OffsetUnit;
  /** Label Studio: what to do with predictions (default `include`). */
  predictions?: PredictionMode;
}

export interface ParseResult {
  records: ImportRecord[];
  problems: Problem[];
}

/** A problem at `where` (`file: path` or `file:line`). */
export function problemAt(where: string, message: string, severity: 'error' | 'warning' = 'error'): Problem {
  const m = /^(.*?):(\d+)$/.exec(where);
  if (m) return { file: m[1]!, path: '', line: Number(m[2]), column: 1, severity, message };
  const i = where.indexOf(': ');
  return i < 0 ? { file: where, path: '(root)', severity, message } : { file: where.slice(0, i), path: where.slice(i + 2), severity, message };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

export function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** `where` extended by a field path: `data.jsonl:3` + `label.0` → `data.jsonl:3: label.0`; `x.json: documents.1` + `file` → `x.json: documents.1.file`. */
export function at(where: string, path: string | number): string {
  if (/:\d+$/.test(where) || !where.includes(': ')) return `${where}: ${path}`;
  return `${where}.${path}`;
}

/** Sets an own property, even for a name such as `__proto__` that plain assignment would treat specially. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
