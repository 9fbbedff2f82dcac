/**
 * Parses a source document (see document.ts) in one pass over its lines:
 * `Source: <url>`, headline, header fields (byline, `Updated:` dateline, credit),
 * body paragraphs, then the web boilerplate from ` See Full Web Article ` on.
 * Never throws; whatever does not fit the layout is read as well as possible.
 */
import type { ParsedDocument, Span } from './document';
import { LineReader } from './parseLines';
import { QuotationFinder } from './quotations';
import { datelineToIso } from './parseDateline';
import { siteOf } from './parseSite';
import { isBlankUnit, isSpaceUnit } from './textChars';

export type * from './document';

const BOILERPLATE_MARKER = 'See Full Web Article';
const SOURCE_LABEL = 'Source:';
const DATE_LABELS = ['Updated:', 'Published:'];
const BYLINE_LABELS = ['By ', 'Par '];
/** A dateline value on its own line is short; anything longer is body text. */
const MAX_DATELINE = 100;
const MAX_BYLINE = 200;

export function emptyDocument(): ParsedDocument {
  return {
    source: null,
    title: '',
    byline: null,
    updated: null,
    credit: null,
    paragraphs: [],
    quotations: [],
    boilerplate: null,
    sourceSpan: null,
    titleSpan: null,
    bylineSpan: null,
    updatedSpan: null,
    creditSpan: null,
  };
}

/** The trimmed rest of the current line after `label`, or null when it is empty. */
function valueAfter(line: LineReader, label: string): Span | null {
  let start = line.ts + label.length;
  while (start < line.te && isBlankUnit(line.text.charCodeAt(start))) start++;
  return start < line.te ? { start, end: line.te } : null;
}

function labelOf(line: LineReader, labels: readonly string[]): string | null {
  for (const label of labels) if (line.startsWith(label)) return label;
  return null;
}

/** The byline value, when the line reads like one (`By Natasha Doe, CNN`, not `By the time…`). */
function bylineOf(line: LineReader): Span | null {
  const label = labelOf(line, BYLINE_LABELS);
  if (label === null) return null;
  const value = valueAfter(line, label);
  if (value === null || value.end - value.start > MAX_BYLINE) return null;
  const first = line.text.charCodeAt(value.start);
  return first >= 0x61 && first <= 0x7a ? null : value; // a lower-case start is a sentence
}

function isHeaderField(line: LineReader): boolean {
  return line.startsWith(SOURCE_LABEL) || labelOf(line, DATE_LABELS) !== null || bylineOf(line) !== null;
}

/** From the marker line's first character to the last non-whitespace character of the text. */
function boilerplateFrom(text: string, start: number): Span {
  let end = text.length;
  while (end > start && isSpaceUnit(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

export function parse(input: string): ParsedDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const doc = emptyDocument();
  const line = new LineReader(text);
  if (!line.nextContent()) return doc;

  if (line.startsWith(SOURCE_LABEL)) {
    const url = valueAfter(line, SOURCE_LABEL);
    if (url !== null) {
      const value = text.slice(url.start, url.end);
      doc.source = { url: value, site: siteOf(value) };
      doc.sourceSpan = url;
    }
    if (!line.nextContent()) return doc;
  }
  if (line.is(BOILERPLATE_MARKER)) {
    doc.boilerplate = boilerplateFrom(text, line.ts);
    return doc;
  }

  doc.title = text.slice(line.ts, line.te);
  doc.titleSpan = { start: line.ts, end: line.te };
  const quotations = new QuotationFinder(text, doc.quotations);
  quotations.scan(line.ts, line.te);

  if (readHeaderFields(line, doc)) readBody(line, doc, quotations);
  return doc;
}

/**
 * Reads byline, dateline and credit lines after the headline, in any order, each at most once.
 * Returns true when it stopped on the first body line (the reader's current line).
 */
function readHeaderFields(line: LineReader, doc: ParsedDocument): boolean {
  const text = line.text;
  let awaitingDate = false; // `Updated:` with its value on the next line
  while (line.nextContent()) {
    if (line.is(BOILERPLATE_MARKER)) {
      doc.boilerplate = boilerplateFrom(text, line.ts);
      return false;
    }
    if (awaitingDate) {
      awaitingDate = false;
      if (line.te - line.ts <= MAX_DATELINE && !isHeaderField(line)) {
        setUpdated(doc, text, { start: line.ts, end: line.te });
        continue;
      }
    }
    if (doc.bylineSpan === null) {
      const byline = bylineOf(line);
      if (byline !== null) {
        doc.bylineSpan = byline;
        doc.byline = text.slice(byline.start, byline.end);
        continue;
      }
    }
    const dateLabel = doc.updatedSpan === null ? labelOf(line, DATE_LABELS) : null;
    if (dateLabel !== null) {
      const value = valueAfter(line, dateLabel);
      if (value === null) awaitingDate = true;
      else setUpdated(doc, text, value);
      continue;
    }
    if (doc.creditSpan === null && line.startsWith(SOURCE_LABEL)) {
      const value = valueAfter(line, SOURCE_LABEL);
      if (value === null) continue;
      doc.creditSpan = value;
      doc.credit = text.slice(value.start, value.end);
      continue;
    }
    return true;
  }
  return false;
}

function setUpdated(doc: ParsedDocument, text: string, span: Span): void {
  const value = text.slice(span.start, span.end);
  doc.updated = { text: value, iso: datelineToIso(value) };
  doc.updatedSpan = span;
}

/** Paragraphs are runs of non-blank lines, from the reader's current line to the boilerplate marker. */
function readBody(line: LineReader, doc: ParsedDocument, quotations: QuotationFinder): void {
  let start = line.ts;
  let end = line.te;
  while (line.next()) {
    if (line.blank) {
      if (start >= 0) addParagraph(doc, quotations, start, end);
      start = -1;
    } else if (line.is(BOILERPLATE_MARKER)) {
      if (start >= 0) addParagraph(doc, quotations, start, end);
      doc.boilerplate = boilerplateFrom(line.text, line.ts);
      return;
    } else {
      if (start < 0) start = line.ts;
      end = line.te;
    }
  }
  if (start >= 0) addParagraph(doc, quotations, start, end);
}

function addParagraph(doc: ParsedDocument, quotations: QuotationFinder, start: number, end: number): void {
  doc.paragraphs.push({ start, end });
  quotations.scan(start, end);
}
