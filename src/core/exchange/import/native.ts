/** Seed Annotator's own `json` bundle and `jsonl` exports, read back (UTF-16 offsets, quotes and context). */
import { parseJson } from '../../annotations/json';
import { syntaxProblem, type Problem } from '../../annotations/problems';
import { JSON_BUNDLE_FORMAT } from '../export/json';
import { at, isNonNegativeInteger, isObject, problemAt, type ImportRecord, type ImportedItem, type ImportedRelation, type ImportedSpan, type ParseResult } from './types';

type ItemFields = Omit<ImportedItem, 'where'>;

/** The attributes, note, id, author, times and origin of an exported annotation or relation (`idKey`: where its id is). */
export function itemFieldsOf(from: Record<string, unknown>, idKey = 'id'): ItemFields {
  const out: ItemFields = { attributes: isObject(from.attributes) ? { ...from.attributes } : {}, note: typeof from.note === 'string' ? from.note : '' };
  for (const k of ['author', 'created', 'modified', 'origin'] as const) {
    const v = from[k];
    if (typeof v === 'string') out[k] = v;
  }
  if (typeof from[idKey] === 'string') out.id = from[idKey];
  return out;
}

/** An annotation object as the sidecar has it → an imported span; null (with a problem) when it is unusable. */
export function spanFromAnnotation(a: unknown, where: string, problems: Problem[]): ImportedSpan | null {
  if (!isObject(a)) {
    problems.push(problemAt(where, 'expected an annotation object'));
    return null;
  }
  if (typeof a.tag !== 'string' || a.tag === '') {
    problems.push(problemAt(at(where, 'tag'), 'expected the tag id (a string)'));
    return null;
  }
  const target = a.target;
  if (!isObject(target) || typeof target.exact !== 'string' || target.exact === '') {
    problems.push(problemAt(at(where, 'target'), 'expected {start, end, exact, prefix, suffix} with a non-empty exact'));
    return null;
  }
  const orphaned = a.status === 'orphaned';
  const span: ImportedSpan = {
    label: a.tag,
    unit: 'utf16',
    exact: target.exact,
    prefix: typeof target.prefix === 'string' ? target.prefix : '',
    suffix: typeof target.suffix === 'string' ? target.suffix : '',
    ...itemFieldsOf(a),
    where,
  };
  // An orphan's offsets refer to an older text: it is placed by its quote alone.
  if (!orphaned && isNonNegativeInteger(target.start) && isNonNegativeInteger(target.end)) {
    span.start = target.start;
    span.end = target.end;
  }
  if (span.id !== undefined) span.ref = span.id;
  return span;
}

/** A relation object as the sidecar has it (`from`/`to`: annotation ids) → an imported relation; null (with a problem) when unusable. */
export function relationFromJson(r: unknown, where: string, problems: Problem[]): ImportedRelation | null {
  if (!isObject(r) || typeof r.type !== 'string' || r.type === '' || typeof r.from !== 'string' || typeof r.to !== 'string') {
    problems.push(problemAt(where, 'expected a relation {"type", "from", "to"} (from and to: annotation ids)'));
    return null;
  }
  return { labels: [r.type], from: r.from, to: r.to, ...itemFieldsOf(r), where };
}

/** The `json` export: `{ format: "seed-annotator-export", documents: [{ file, source, annotations }] }`. */
export function parseJsonBundle(text: string, fileName: string): ParseResult {
  const problems: Problem[] = [];
  const json = parseJson(text);
  if (!json.ok) return { records: [], problems: [syntaxProblem(fileName, json.error)] };
  const root = json.value;
  if (!isObject(root) || !Array.isArray(root.documents)) {
    return { records: [], problems: [problemAt(`${fileName}: documents`, `expected a Seed Annotator JSON bundle ({"format": "${JSON_BUNDLE_FORMAT}", "documents": [...]})`)] };
  }
  const records: ImportRecord[] = [];
  root.documents.forEach((doc, i) => {
    const where = `${fileName}: documents.${i}`;
    if (!isObject(doc) || typeof doc.file !== 'string' || !Array.isArray(doc.annotations)) {
      problems.push(problemAt(where, 'expected {file, source, annotations: [...]}'));
      return;
    }
    const spans: ImportedSpan[] = [];
    doc.annotations.forEach((a, k) => {
      const span = spanFromAnnotation(a, at(where, `annotations.${k}`), problems);
      if (span) spans.push(span);
    });
    const relations: ImportedRelation[] = [];
    (Array.isArray(doc.relations) ? doc.relations : []).forEach((r, k) => {
      const relation = relationFromJson(r, at(where, `relations.${k}`), problems);
      if (relation) relations.push(relation);
    });
    records.push({ hint: { file: doc.file, ...(typeof doc.source === 'string' ? { source: doc.source } : {}) }, spans, relations, where });
  });
  return { records, problems };
}

/** Non-blank lines of a JSON Lines text with their 1-based line numbers. */
export function* jsonLines(text: string): Generator<{ line: number; text: string }> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let line = 0;
  for (const raw of body.split('\n')) {
    line++;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t.trim() !== '') yield { line, text: t };
  }
}

/** Parses one JSON Lines line; a problem names the file and line. */
export function parseLine(text: string, fileName: string, line: number, problems: Problem[]): unknown {
  const json = parseJson(text);
  if (json.ok) return json.value;
  problems.push({ file: fileName, path: '', line, column: json.error.column, severity: 'error', message: `invalid JSON: ${json.error.message}` });
  return undefined;
}

/**
 * The `jsonl` export: one `{file, source, …annotation}` or `{file, source, "kind": "relation", …relation}` per
 * line; the lines of one file form one record.
 */
export function parseJsonl(text: string, fileName: string): ParseResult {
  const problems: Problem[] = [];
  const records: ImportRecord[] = [];
  const byFile = new Map<string, ImportRecord>();
  const recordOf = (file: string, source: unknown, where: string): ImportRecord => {
    const key = `${file}\u0000${typeof source === 'string' ? source : ''}`;
    let record = byFile.get(key);
    if (!record) {
      record = { hint: { file, ...(typeof source === 'string' ? { source } : {}) }, spans: [], relations: [], where };
      byFile.set(key, record);
      records.push(record);
    }
    return record;
  };
  for (const { line, text: lineText } of jsonLines(text)) {
    const value = parseLine(lineText, fileName, line, problems);
    if (value === undefined) continue;
    const where = `${fileName}:${line}`;
    if (!isObject(value) || typeof value.file !== 'string') {
      problems.push(problemAt(where, 'expected {"file", "source", …annotation} on each line'));
      continue;
    }
    if (value.kind === 'relation') {
      const relation = relationFromJson(value, where, problems);
      if (relation) recordOf(value.file, value.source, where).relations!.push(relation);
    } else {
      const span = spanFromAnnotation(value, where, problems);
      if (span) recordOf(value.file, value.source, where).spans.push(span);
    }
  }
  return { records, problems };
}
