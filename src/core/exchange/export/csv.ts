/**
 * `csv`: RFC 4180 (CRLF records, fields with a comma, quote or line break quoted, quotes doubled), UTF-8,
 * optional BOM. One row per annotation: file, source, id, tag, status, start, end (UTF-16 code units), text,
 * note, author, created, modified, then one column per attribute id (the union over the export; url lists
 * joined by a space; other non-text values as JSON). An attribute id equal to a fixed column is headed
 * `attributes.<id>`. Written with csv-stringify, one document at a time.
 *
 * Formula injection (OWASP "CSV injection"): a cell (header included) that starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return would run as a formula in a spreadsheet, so it is written with a `'` in front,
 * which spreadsheets show as text and hide. `rawCells` turns this off (for programs that read the CSV as data).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { ExportDocument, ExportOptions } from '../model';
import { attributeCell, collectAttributeIds, statsOf, type WithStats } from './common';

export const CSV_FIXED_COLUMNS = ['file', 'source', 'id', 'tag', 'status', 'start', 'end', 'text', 'note', 'author', 'created', 'modified'] as const;

/** Header of an attribute's column. */
export function attributeColumn(id: string): string {
  return (CSV_FIXED_COLUMNS as readonly string[]).includes(id) ? `attributes.${id}` : id;
}

const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell with a `'` in front when a spreadsheet would read it as a formula. */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * `docs` is called once, or twice when `options.attributeIds` is not given (a first pass collects the
 * attribute ids for the header).
 */
export async function* exportCsv(docs: () => AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  let ids = options.attributeIds;
  if (!ids) {
    const seen = new Set<string>();
    for await (const doc of docs()) collectAttributeIds(doc.annotations, seen);
    ids = [...seen];
  }
  const safe = options.rawCells === true ? (cell: string) => cell : neutraliseCell;
  const columns = [...CSV_FIXED_COLUMNS, ...ids.map(attributeColumn)].map(safe);
  const csvOptions = { ...CSV_OPTIONS, cast: { string: safe } };
  let first = true;
  for await (const doc of docs()) {
    const rows = doc.annotations.map((a) => [
      doc.file,
      doc.source ?? '',
      a.id,
      a.tag,
      a.status ?? '',
      a.target.start,
      a.target.end,
      a.target.exact,
      a.note,
      a.author,
      a.created,
      a.modified,
      ...ids.map((id) => attributeCell(Object.hasOwn(a.attributes, id) ? a.attributes[id] : undefined)),
    ]);
    stats.documents++;
    stats.annotations += rows.length;
    options.onDocument?.(doc, rows.length);
    if (rows.length === 0 && !first) continue;
    yield stringify(rows, { ...csvOptions, columns, header: first, bom: first && options.bom === true });
    first = false;
  }
  if (first) yield stringify([], { ...csvOptions, columns, header: true, bom: options.bom === true });
}
