/**
 * `json`: one bundle, `{ format, version, exported, documents: [{ file, source, title, byline, date, dateline,
 * status, length, annotations, relations }] }`; annotations and relations exactly as in the sidecars (UTF-16
 * offsets). Written one document at a time.
 */
import { documentMeta, type ExportDocument, type ExportOptions } from '../model';
import { statsOf, type WithStats } from './common';

export const JSON_BUNDLE_FORMAT = 'seed-annotator-export';
export const JSON_BUNDLE_VERSION = 1;

export async function* exportJson(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  const exported = (options.now ?? new Date()).toISOString();
  yield `{\n  "format": ${JSON.stringify(JSON_BUNDLE_FORMAT)},\n  "version": ${JSON_BUNDLE_VERSION},\n  "exported": ${JSON.stringify(exported)},\n  "documents": [`;
  let first = true;
  for await (const doc of docs) {
    const meta = documentMeta(doc.text);
    const entry = {
      file: doc.file,
      source: doc.source ?? meta.source,
      title: meta.title,
      byline: meta.byline,
      date: meta.date,
      dateline: meta.dateline,
      status: doc.status ?? 'todo',
      length: doc.text.length,
      annotations: doc.annotations,
      relations: doc.relations ?? [],
    };
    // JSON strings never hold a raw line break, so indenting every line is safe.
    yield `${first ? '\n' : ',\n'}    ${JSON.stringify(entry, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
    stats.documents++;
    stats.annotations += doc.annotations.length;
    stats.relations += entry.relations.length;
    options.onDocument?.(doc, doc.annotations.length);
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}
