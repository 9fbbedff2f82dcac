/**
 * `doccano`: the JSON Lines of doccano's relation extraction projects, one line per document:
 *
 *   {"text": "…", "entities": [{"id": 1, "label": "quote", "start_offset": 10, "end_offset": 42, …}],
 *    "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "attributed-to", …}], "file": "…", "source": "…"}
 *
 * `text` is the document text as annotated (BOM removed, line endings kept) and the offsets count UTF-16 code
 * units, as doccano's JavaScript front end does. Entity and relation ids are numbers, as doccano's are, counted
 * from 1 in each line. Beside doccano's own fields (its importer ignores the others; `file` and `source` become
 * the example's metadata), each entity and relation carries what doccano has no place for: `annotation_id` /
 * `relation_id` (the Seed Annotator id), `attributes`, `note`, `author`, `created`, `modified` (and `origin`
 * when set). The doccano importer reads them back. Orphaned annotations, and the relations to them, are left
 * out (reported).
 */
import type { ExportDocument, ExportOptions } from '../model';
import { anchoredAnnotations, itemFields, relationsBetween, statsOf, type WithStats } from './common';

export async function* exportDoccano(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  for await (const doc of docs) {
    const annotations = anchoredAnnotations(doc, 'doccano', options.onProblem);
    const number = new Map(annotations.map((a, i) => [a.id, i + 1]));
    const relations = relationsBetween(doc, new Set(number.keys()), 'doccano', options.onProblem);
    const line = {
      text: doc.text,
      entities: annotations.map((a) => ({ id: number.get(a.id), label: a.tag, start_offset: a.target.start, end_offset: a.target.end, annotation_id: a.id, ...itemFields(a) })),
      relations: relations.map((r, i) => ({ id: i + 1, from_id: number.get(r.from), to_id: number.get(r.to), type: r.type, relation_id: r.id, ...itemFields(r) })),
      file: doc.file,
      source: doc.source,
    };
    stats.documents++;
    stats.annotations += annotations.length;
    stats.skipped += doc.annotations.length - annotations.length;
    stats.relations += relations.length;
    options.onDocument?.(doc, annotations.length);
    yield `${JSON.stringify(line)}\n`;
  }
}
