/**
 * doccano sequence-labelling exports and imports: JSON Lines (or a JSON list) of
 * `{"text", "label": [[start, end, "tag"], …]}`, with `"labels"` for `"label"`, the relation-extraction form
 * `"entities": [{"id", "start_offset", "end_offset", "label"}], "relations": [{"from_id", "to_id", "type"}]`
 * (entity ids link the relations; the fields Seed Annotator's doccano export adds, `annotation_id` /
 * `relation_id`, `attributes`, `note`, `author`, `created`, `modified`, are read back), or the form of doccano's
 * own import example,
 * `{"column_data": text, "column_label": [[start, end, "tag"], …]}` (the names its import dialog's "column"
 * fields stand for). doccano counts offsets in UTF-16 code units (its
 * front end is JavaScript), unless its "count grapheme clusters" option was on; pass another `unit` to
 * override. A record finds its document by a `file` field (also in `meta`), an `id`/`doc_id` naming the
 * file, or its text.
 */
import { parseJson } from '../../annotations/json';
import type { Problem } from '../../annotations/problems';
import { itemFieldsOf, jsonLines, parseLine } from './native';
import { at, isNonNegativeInteger, isObject, problemAt, type DocumentHint, type ImportRecord, type ImportedRelation, type ImportedSpan, type OffsetUnit, type ParseResult } from './types';

/** A doccano entity or relation id (a number, or a string), as the name relations use. */
function refOf(v: unknown): string | undefined {
  return typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : undefined;
}

/** The `relations` of a relation-extraction record. */
function relationsOf(value: Record<string, unknown>, where: string, problems: Problem[]): ImportedRelation[] {
  const out: ImportedRelation[] = [];
  (Array.isArray(value.relations) ? value.relations : []).forEach((item, i) => {
    const w = at(where, `relations.${i}`);
    const from = isObject(item) ? refOf(item.from_id) : undefined;
    const to = isObject(item) ? refOf(item.to_id) : undefined;
    if (!isObject(item) || from === undefined || to === undefined || typeof item.type !== 'string' || item.type === '') {
      problems.push(problemAt(w, 'expected {"from_id", "to_id", "type"} (from_id and to_id: entity ids)'));
      return;
    }
    out.push({ labels: [item.type], from, to, ...itemFieldsOf(item, 'relation_id'), where: w });
  });
  return out;
}

/** Records of one JSON object, a JSON list, or JSON Lines, with where each is. */
export function readRecords(text: string, fileName: string, problems: Problem[]): Array<{ value: unknown; where: string }> {
  const json = parseJson(text);
  if (json.ok) {
    if (Array.isArray(json.value)) return json.value.map((value, i) => ({ value, where: `${fileName}: ${i}` }));
    return [{ value: json.value, where: fileName }];
  }
  const out: Array<{ value: unknown; where: string }> = [];
  for (const { line, text: t } of jsonLines(text)) {
    const value = parseLine(t, fileName, line, problems);
    if (value !== undefined) out.push({ value, where: `${fileName}:${line}` });
  }
  return out;
}

export function hintFields(rec: Record<string, unknown>, text: string | undefined): DocumentHint {
  const hint: DocumentHint = {};
  const meta = isObject(rec.meta) ? rec.meta : {};
  const file = rec.file ?? meta.file ?? rec.filename ?? meta.filename;
  if (typeof file === 'string' && file !== '') hint.file = file;
  const id = rec.id ?? rec.doc_id;
  if (typeof id === 'string' || typeof id === 'number') hint.id = String(id);
  const source = rec.source ?? meta.source ?? rec.url ?? meta.url;
  if (typeof source === 'string' && /^https?:\/\//i.test(source)) hint.source = source;
  if (text !== undefined) hint.text = text;
  return hint;
}

/** Where a record keeps its text and its spans, in the order they are looked for. */
const TEXT_KEYS = ['text', 'column_data', 'data'] as const;
const LABEL_KEYS = ['label', 'labels', 'entities', 'column_label'] as const;

export function parseDoccano(text: string, fileName: string, unit: OffsetUnit = 'utf16'): ParseResult {
  const problems: Problem[] = [];
  const records: ImportRecord[] = [];
  for (const { value, where } of readRecords(text, fileName, problems)) {
    if (!isObject(value)) {
      problems.push(problemAt(where, 'expected an object {"text", "label": [[start, end, "tag"], …]}'));
      continue;
    }
    const textKey = TEXT_KEYS.find((k) => typeof value[k] === 'string');
    const docText = textKey !== undefined ? (value[textKey] as string) : undefined;
    const spans: ImportedSpan[] = [];
    const key = LABEL_KEYS.find((k) => Array.isArray(value[k])) ?? null;
    if (key === null) {
      problems.push(problemAt(where, `no ${LABEL_KEYS.map((k) => `"${k}"`).join(', ')} list`));
      continue;
    }
    (value[key] as unknown[]).forEach((item, i) => {
      const w = at(where, `${key}.${i}`);
      let start: unknown;
      let end: unknown;
      let label: unknown;
      let extra: Partial<ImportedSpan> = {};
      if (Array.isArray(item)) [start, end, label] = item;
      else if (isObject(item)) {
        start = item.start_offset ?? item.start;
        end = item.end_offset ?? item.end;
        label = item.label;
        const ref = refOf(item.id);
        extra = { ...itemFieldsOf(item, 'annotation_id'), ...(ref !== undefined ? { ref } : {}) };
      } else if (typeof item === 'string') {
        problems.push(problemAt(w, `"${item}" labels the whole text (a text classification), not a span; not imported`, 'warning'));
        return;
      }
      if (!isNonNegativeInteger(start) || !isNonNegativeInteger(end) || end <= start || typeof label !== 'string' || label === '') {
        problems.push(problemAt(w, 'expected [start, end, "tag"] with integer offsets, start < end'));
        return;
      }
      spans.push({ attributes: {}, note: '', ...extra, label, start, end, unit, where: w });
    });
    if (spans.length > 0) records.push({ hint: hintFields(value, docText), spans, relations: relationsOf(value, where, problems), where });
  }
  return { records, problems };
}
