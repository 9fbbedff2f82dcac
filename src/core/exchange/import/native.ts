/** Seed Annotator's own `json` bundle and `jsonl` exports, read back (UTF-16 offsets, quotes and context). */
import { parseJson } from '../../annotations/json';
import { syntaxProblem, type Problem } from '../../annotations/problems';
import { JSON_BUNDLE_FORMAT } from '../export/json';
import { at, isNonNegativeInteger, isObject, problemAt, type ImportRecord, type ImportedSpan, type ParseResult } from './types';

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
    attributes: isObject(a.attributes) ? { ...a.attributes } : {},
    note: typeof a.note === 'string' ? a.note : '',
    where,
  };
  // An orphan's offsets refer to an older text: it is placed by its quote alone.
  if (!orphaned && isNonNegativeInteger(target.start) && isNonNegativeInteger(target.end)) {
    span.start = target.start;
    span.end = target.end;
  }
  if (typeof a.id === 'string') span.id = a.id;
  if (typeof a.author === 'string') span.author = a.author;
  if (typeof a.created === 'string') span.created = a.created;
  if (typeof a.modified === 'string') span.modified = a.modified;
  return span;
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
    records.push({ hint: { file: doc.file, ...(typeof doc.source === 'string' ? { source: doc.source } : {}) }, spans, where });
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

/** The `jsonl` export: one `{file, source, …annotation}` per line; consecutive lines of a file form one record. */
export function parseJsonl(text: string, fileName: string): ParseResult {
  const problems: Problem[] = [];
  const records: ImportRecord[] = [];
  const byFile = new Map<string, ImportRecord>();
  for (const { line, text: lineText } of jsonLines(text)) {
    const value = parseLine(lineText, fileName, line, problems);
    if (value === undefined) continue;
    const where = `${fileName}:${line}`;
    if (!isObject(value) || typeof value.file !== 'string') {
      problems.push(problemAt(where, 'expected {"file", "source", …annotation} on each line'));
      continue;
    }
    const span = spanFromAnnotation(value, where, problems);
    if (!span) continue;
    const key = `${value.file}\u0000${typeof value.source === 'string' ? value.source : ''}`;
    let record = byFile.get(key);
    if (!record) {
      record = { hint: { file: value.file, ...(typeof value.source === 'string' ? { source: value.source } : {}) }, spans: [], where };
      byFile.set(key, record);
      records.push(record);
    }
    record.spans.push(span);
  }
  return { records, problems };
}
