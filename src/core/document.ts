/**
 * The document model of a source document (a news article saved as text).
 * Every offset is a UTF-16 code unit index into the text as VS Code holds it:
 * a leading BOM removed, line endings kept as they are in the file. Spans are half-open [start, end).
 */
export interface Span {
  start: number;
  end: number;
}

export type QuotationKind = 'double' | 'single' | 'guillemet' | 'straight';

/** A quotation span includes its opening and closing marks. depth 0 = outermost. */
export interface Quotation extends Span {
  depth: number;
  kind: QuotationKind;
}

export interface SourceLink {
  url: string;
  /** Host name of the URL, without a leading `www.` (e.g. `lite.cnn.com`). */
  site: string;
}

export interface Dateline {
  /** The value as written, trimmed. */
  text: string;
  /** ISO 8601 form where the text parses, else null. */
  iso: string | null;
}

export interface SourceDocument {
  source: SourceLink | null;
  title: string;
  byline: string | null;
  updated: Dateline | null;
  credit: string | null;
  paragraphs: Span[];
  quotations: Quotation[];
  boilerplate: Span | null;
}

/** Where the header values sit in the text (same offsets as the rest of the model); null when absent. */
export interface HeaderSpans {
  /** The URL of the `Source:` line. */
  sourceSpan: Span | null;
  titleSpan: Span | null;
  /** The name(s) after `By `. */
  bylineSpan: Span | null;
  /** The dateline value (the line after `Updated:`, or the rest of that line). */
  updatedSpan: Span | null;
  /** The value of the credit line (`Source: CNN` inside the body). */
  creditSpan: Span | null;
}

/**
 * What `parse` returns: the model plus the header spans.
 * Quotations are found in the headline and the body paragraphs, sorted by start;
 * each lies inside `titleSpan` or one paragraph. `boilerplate` runs from the marker line
 * (` See Full Web Article `) to the last non-blank character of the text.
 */
export interface ParsedDocument extends SourceDocument, HeaderSpans {}
