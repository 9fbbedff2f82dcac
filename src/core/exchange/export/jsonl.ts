/**
 * `jsonl`: one annotation per line in document order, `{"file", "source", "documentStatus", …the annotation as in
 * its sidecar}` (UTF-16 offsets in `target`; `documentStatus`: to do / in progress / done, when known), then one line per relation of the document, `{"file", "source", "kind": "relation", …the
 * relation}` (`from`/`to`: annotation ids). A field of an annotation or relation named `file`, `source` (or
 * `kind`, for a relation), unknown to the format, would be shadowed and is left out.
 */
import type { Annotation } from '../../annotations/schema';
import type { ExportDocument, ExportOptions } from '../model';
import { statsOf, type WithStats } from './common';

export async function* exportJsonl(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  for await (const doc of docs) {
    // `"file":…,"source":…` once per document, spliced in front of each item's own JSON.
    const status = doc.status === undefined ? '' : `,"documentStatus":${JSON.stringify(doc.status)}`;
    const head = `{"file":${JSON.stringify(doc.file)},"source":${JSON.stringify(doc.source)}${status}`;
    const relations = doc.relations ?? [];
    const shadowed = ['file', 'source', 'documentStatus'];
    let chunk = '';
    for (const a of inDocumentOrder(doc.annotations)) chunk += line(head, a, shadowed);
    for (const r of relations) chunk += line(`${head},"kind":"relation"`, r, [...shadowed, 'kind']);
    stats.documents++;
    stats.annotations += doc.annotations.length;
    stats.relations += relations.length;
    options.onDocument?.(doc, doc.annotations.length);
    if (chunk) yield chunk;
  }
}

/** Annotations as they appear in the text (start, then end); orphans, whose offsets are stale, after them in file order. */
function inDocumentOrder(list: readonly Annotation[]): Annotation[] {
  const placed = list.filter((a) => a.status !== 'orphaned');
  const orphans = list.filter((a) => a.status === 'orphaned');
  return [...placed.sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end), ...orphans];
}

function line(head: string, item: object, shadowed: readonly string[]): string {
  const body = JSON.stringify(shadowed.some((k) => k in item) ? without(item, shadowed) : item);
  return body === '{}' ? `${head}}\n` : `${head},${body.slice(1)}\n`;
}

function without(item: object, keys: readonly string[]): object {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));
}
