/**
 * `jsonl`: one annotation per line, `{"file", "source", …the annotation as in its sidecar}` (UTF-16 offsets in
 * `target`). An annotation field named `file` or `source` (unknown to the format) would be shadowed.
 */
import type { ExportDocument, ExportOptions } from '../model';
import { statsOf, type WithStats } from './common';

export async function* exportJsonl(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  for await (const doc of docs) {
    // `"file":…,"source":…` once per document, spliced in front of each annotation's own JSON.
    const head = `{"file":${JSON.stringify(doc.file)},"source":${JSON.stringify(doc.source)}`;
    let chunk = '';
    for (const a of doc.annotations) {
      const body = JSON.stringify('file' in a || 'source' in a ? withoutHeadKeys(a) : a);
      chunk += body === '{}' ? `${head}}\n` : `${head},${body.slice(1)}\n`;
    }
    stats.documents++;
    stats.annotations += doc.annotations.length;
    options.onDocument?.(doc, doc.annotations.length);
    if (chunk) yield chunk;
  }
}

function withoutHeadKeys(a: object): object {
  const { file: _file, source: _source, ...rest } = a as Record<string, unknown>;
  return rest;
}
