/**
 * `labelstudio`: a JSON list of Label Studio tasks, one per document, for a project whose labeling config has a
 * `<Text name="text" value="$text"/>`, `<Labels name="label" toName="text">` with one `<Label>` per tag and
 * `<Relations>` with one `<Relation>` per relation type:
 *
 *   { "data": { "text": "…", "file": "…", "source": "…" },
 *     "annotations": [ { "result": [
 *       { "id": "<annotation id>", "from_name": "label", "to_name": "text", "type": "labels",
 *         "value": { "start": 10, "end": 42, "text": "…", "labels": ["quote"] },
 *         "meta": { "text": ["<note>"], "attributes": {…}, "author", "created", "modified" } },
 *       { "type": "relation", "from_id": "<annotation id>", "to_id": "<annotation id>", "direction": "right",
 *         "labels": ["attributed-to"], "meta": { "id": "<relation id>", "text": ["<note>"], "attributes": {…}, … } } ] } ] }
 *
 * Offsets count UTF-16 code units of the text as annotated (BOM removed, line endings kept), as Label Studio's
 * editor does; `value.text` is the span's text. A region's `meta.text` is where Label Studio keeps a region's
 * note; the rest of `meta` carries what Label Studio has no place for, read back by the Label Studio importer.
 * Orphaned annotations, and the relations to them, are left out (reported).
 */
import type { Annotation, Relation } from '../../annotations/schema';
import type { ExportDocument, ExportOptions } from '../model';
import { anchoredAnnotations, itemFields, relationsBetween, statsOf, type WithStats } from './common';

/** The `meta` of a region or relation result: the note as Label Studio keeps it, then the rest. */
function metaOf(item: Annotation | Relation): Record<string, unknown> {
  const { note, ...rest } = itemFields(item);
  return { ...(note ? { text: [note] } : {}), ...rest };
}

export function labelStudioTask(doc: ExportDocument, annotations: readonly Annotation[], relations: readonly Relation[]): Record<string, unknown> {
  const regions = annotations.map((a) => ({
    id: a.id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    value: { start: a.target.start, end: a.target.end, text: doc.text.slice(a.target.start, a.target.end), labels: [a.tag] },
    meta: metaOf(a),
  }));
  const links = relations.map((r) => ({ type: 'relation', from_id: r.from, to_id: r.to, direction: 'right', labels: [r.type], meta: { id: r.id, ...metaOf(r) } }));
  return { data: { text: doc.text, file: doc.file, ...(doc.source ? { source: doc.source } : {}) }, annotations: [{ result: [...regions, ...links] }] };
}

export async function* exportLabelStudio(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  let first = true;
  yield '[';
  for await (const doc of docs) {
    const annotations = anchoredAnnotations(doc, 'Label Studio', options.onProblem);
    const relations = relationsBetween(doc, new Set(annotations.map((a) => a.id)), 'Label Studio', options.onProblem);
    stats.documents++;
    stats.annotations += annotations.length;
    stats.skipped += doc.annotations.length - annotations.length;
    stats.relations += relations.length;
    options.onDocument?.(doc, annotations.length);
    yield `${first ? '\n' : ',\n'}${JSON.stringify(labelStudioTask(doc, annotations, relations))}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]\n`;
}
