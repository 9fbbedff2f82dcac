/**
 * `jsonl`: one annotation per line, `{"file", "source", …the annotation as in its sidecar}` (UTF-16 offsets in
 * `target`), then one line per relation of the document, `{"file", "source", "kind": "relation", …the
 * relation}` (`from`/`to`: annotation ids). A field of an annotation or relation named `file`, `source` (or
 * `kind`, for a relation), unknown to the format, would be shadowed and is left out.
 */
import type { ExportDocument, ExportOptions } from '../model';
import { statsOf, type WithStats } from './common';

export async function* exportJsonl(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  for await (const doc of docs) {
    // `"file":…,"source":…` once per document, spliced in front of each item's own JSON.
    const head = `{"file":${JSON.stringify(doc.file)},"source":${JSON.stringify(doc.source)}`;
    const relations = doc.relations ?? [];
    let chunk = '';
    for (const a of doc.annotations) chunk += line(head, a, ['file', 'source']);
    for (const r of relations) chunk += line(`${head},"kind":"relation"`, r, ['file', 'source', 'kind']);
    stats.documents++;
    stats.annotations += doc.annotations.length;
    stats.relations += relations.length;
    options.onDocument?.(doc, doc.annotations.length);
    if (chunk) yield chunk;
  }
}

function line(head: string, item: object, shadowed: readonly string[]): string {
  const body = JSON.stringify(shadowed.some((k) => k in item) ? without(item, shadowed) : item);
  return body === '{}' ? `${head}}\n` : `${head},${body.slice(1)}\n`;
}

function without(item: object, keys: readonly string[]): object {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));
}
