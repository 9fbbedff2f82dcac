/**
 * `csv`: RFC 4180 (CRLF records, fields with a comma, quote or line break quoted, quotes doubled), UTF-8,
 * optional BOM. One row per annotation: file, source, id, tag, status, start, end (UTF-16 code units), text,
 * note, author, created, modified, then one column per attribute id (the union over the export; url lists
 * joined by a space; other non-text values as JSON). An attribute id equal to a fixed column is headed
 * `attributes.<id>`. Written with csv-stringify, one document at a time.
 *
 * The relations go to a second file (`relations.csv` beside the annotations file, see exportCsvRelations): one
 * row per relation with both ends' ids, tags and text: file, source, id, type, from, from_tag, from_text, to,
 * to_tag, to_text, note, author, created, modified, then one column per relation attribute id.
 *
 * Formula injection (OWASP "CSV injection"): a cell (header included) that starts with `=`, `+`, `-`, `@`, a
 * tab or a carriage return would run as a formula in a spreadsheet, so it is written with a `'` in front,
 * which spreadsheets show as text and hide. `rawCells` turns this off (for programs that read the CSV as data).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Annotation, Relation } from '../../annotations/schema';
import type { ExportDocument, ExportOptions, ExportStats } from '../model';
import { attributeCell, collectAttributeIds, statsOf, type WithStats } from './common';

export const CSV_FIXED_COLUMNS = ['file', 'source', 'id', 'tag', 'status', 'start', 'end', 'text', 'note', 'author', 'created', 'modified'] as const;
export const CSV_RELATION_COLUMNS = ['file', 'source', 'id', 'type', 'from', 'from_tag', 'from_text', 'to', 'to_tag', 'to_text', 'note', 'author', 'created', 'modified'] as const;
/** The name of the relations file, beside the annotations file. */
export const CSV_RELATIONS_FILE = 'relations.csv';

/** Where the relations of a CSV export to `out` go: `relations.csv` in its folder (`relations.relations.csv` when `out` is that file). */
export function csvRelationsPath(out: string): string {
  const cut = Math.max(out.lastIndexOf('/'), out.lastIndexOf('\\')) + 1;
  return out.slice(cut) === CSV_RELATIONS_FILE ? `${out.slice(0, -4)}.${CSV_RELATIONS_FILE}` : `${out.slice(0, cut)}${CSV_RELATIONS_FILE}`;
}

/** Header of an attribute's column. */
export function attributeColumn(id: string, fixed: readonly string[] = CSV_FIXED_COLUMNS): string {
  return fixed.includes(id) ? `attributes.${id}` : id;
}

const CSV_OPTIONS = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell with a `'` in front when a spreadsheet would read it as a formula. */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** What a CSV file holds: its fixed columns, its rows per document, and the items whose attributes get columns. */
interface Table<T extends { attributes: Record<string, unknown> }> {
  fixed: readonly string[];
  items(doc: ExportDocument): readonly T[];
  cells(doc: ExportDocument, item: T): unknown[];
  count(stats: ExportStats, rows: number): void;
}

const ANNOTATIONS: Table<Annotation> = {
  fixed: CSV_FIXED_COLUMNS,
  items: (doc) => doc.annotations,
  cells: (doc, a) => [doc.file, doc.source ?? '', a.id, a.tag, a.status ?? '', a.target.start, a.target.end, a.target.exact, a.note, a.author, a.created, a.modified],
  count: (stats, rows) => void (stats.annotations += rows),
};

/** The annotations of a document by id (for the relations' ends). */
const annotationsById = new WeakMap<ExportDocument, Map<string, Annotation>>();

function annotationOf(doc: ExportDocument, id: string): Annotation | undefined {
  let byId = annotationsById.get(doc);
  if (!byId) annotationsById.set(doc, (byId = new Map(doc.annotations.map((a) => [a.id, a]))));
  return byId.get(id);
}

const RELATIONS: Table<Relation> = {
  fixed: CSV_RELATION_COLUMNS,
  items: (doc) => doc.relations ?? [],
  cells: (doc, r) => {
    const [from, to] = [annotationOf(doc, r.from), annotationOf(doc, r.to)];
    return [doc.file, doc.source ?? '', r.id, r.type, r.from, from?.tag ?? '', from?.target.exact ?? '', r.to, to?.tag ?? '', to?.target.exact ?? '', r.note, r.author, r.created, r.modified];
  },
  count: (stats, rows) => void (stats.relations += rows),
};

/**
 * `docs` is called once, or twice when `attributeIds` is not given (a first pass collects the attribute ids for
 * the header).
 */
async function* exportTable<T extends { attributes: Record<string, unknown> }>(table: Table<T>, docs: () => AsyncIterable<ExportDocument>, attributeIds: readonly string[] | undefined, options: ExportOptions & WithStats): AsyncGenerator<string> {
  const stats = statsOf(options);
  let ids = attributeIds;
  if (!ids) {
    const seen = new Set<string>();
    for await (const doc of docs()) collectAttributeIds(table.items(doc), seen);
    ids = [...seen];
  }
  const safe = options.rawCells === true ? (cell: string) => cell : neutraliseCell;
  const columns = [...table.fixed, ...ids.map((id) => attributeColumn(id, table.fixed))].map(safe);
  const csvOptions = { ...CSV_OPTIONS, cast: { string: safe } };
  let first = true;
  for await (const doc of docs()) {
    const rows = table.items(doc).map((item) => [...table.cells(doc, item), ...ids.map((id) => attributeCell(Object.hasOwn(item.attributes, id) ? item.attributes[id] : undefined))]);
    stats.documents++;
    table.count(stats, rows.length);
    options.onDocument?.(doc, rows.length);
    if (rows.length === 0 && !first) continue;
    yield stringify(rows, { ...csvOptions, columns, header: first, bom: first && options.bom === true });
    first = false;
  }
  if (first) yield stringify([], { ...csvOptions, columns, header: true, bom: options.bom === true });
}

/** The annotations file (`options.attributeIds`: its attribute columns, else collected in a first pass). */
export function exportCsv(docs: () => AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  return exportTable(ANNOTATIONS, docs, options.attributeIds, options);
}

/** The relations file (`relationAttributeIds`: its attribute columns, else collected in a first pass). */
export function exportCsvRelations(docs: () => AsyncIterable<ExportDocument>, options: ExportOptions & WithStats & { relationAttributeIds?: readonly string[] } = {}): AsyncGenerator<string> {
  return exportTable(RELATIONS, docs, options.relationAttributeIds, options);
}
