/**
 * Label Studio exports: the JSON list of tasks (or one task, or JSON Lines of tasks), each
 * `{ data: { text, … }, annotations: [{ result: [{ id, type: "labels", value: { start, end, text, labels } }] }] }`,
 * and the JSON-MIN form `{ text, label: [{ start, end, text, labels }] }`. Each label of a region becomes a
 * span (the region id its annotation id); a `textarea` result on the same region id, or the region's
 * `meta.text`, becomes its note, and a `choices` result its attribute (named by `from_name`); the rest of
 * `meta` (`attributes`, `author`, `created`, `modified`, as Seed Annotator's Label Studio export writes it) is
 * read back. Each label of a `relation` result (`from_id` → `to_id`, reversed for `direction: "left"`) becomes
 * a relation between those regions, with its `meta` (`id`, `text` as its note, `attributes`…); a relation
 * without a label is reported. Label Studio has counted offsets both in UTF-16 code units and in code points
 * over its versions: with the default `auto`, the unit whose span reproduces `value.text` is used.
 * Predictions (pre-annotations, `predictions[]`) are imported too, flagged with
 * `origin: "suggested:labelstudio[:<model_version>]"`; `predictions: 'skip'` leaves them out (reported) and
 * `'only'` imports them alone. Cancelled annotations are not imported (reported).
 */
import type { Problem } from '../../annotations/problems';
import { hintFields, readRecords } from './doccano';
import { itemFieldsOf } from './native';
import { asArray, at, isNonNegativeInteger, isObject, problemAt, setOwn, type ImportRecord, type ImportedItem, type ImportedRelation, type ImportedSpan, type OffsetUnit, type ParseResult, type PredictionMode } from './types';

/** The task's text: data.text, else the longest string field of data. */
function taskText(data: Record<string, unknown>): string | undefined {
  if (typeof data.text === 'string') return data.text;
  let best: string | undefined;
  for (const v of Object.values(data)) if (typeof v === 'string' && (best === undefined || v.length > best.length)) best = v;
  return best;
}

type SpanMeta = Pick<ImportedSpan, 'author' | 'created' | 'modified' | 'origin'>;

/** The origin of a prediction's spans. */
export function predictionOrigin(prediction: Record<string, unknown>): string {
  const model = prediction.model_version;
  return `suggested:labelstudio${typeof model === 'string' && model !== '' ? `:${model}` : ''}`;
}

/** A result's `meta` as Seed Annotator writes it: `text` (the note), `attributes`, `author`, `created`, `modified`, `origin`, `id`. */
function metaFields(r: Record<string, unknown>): Partial<Omit<ImportedItem, 'where'>> {
  if (!isObject(r.meta)) return {};
  const { note: _none, attributes, ...fields } = itemFieldsOf(r.meta);
  const text = asArray(r.meta.text).filter((t): t is string => typeof t === 'string');
  return { ...fields, ...(Object.keys(attributes).length > 0 ? { attributes } : {}), ...(text.length > 0 ? { note: text.join('\n') } : {}) };
}

/** The relations of an annotation's results; `ref` names a region of the same annotation. */
function relationsOf(results: unknown[], where: string, ref: (id: string) => string, problems: Problem[], meta: SpanMeta): ImportedRelation[] {
  const out: ImportedRelation[] = [];
  results.forEach((r, i) => {
    if (!isObject(r) || r.type !== 'relation') return;
    const w = at(where, String(i));
    if (typeof r.from_id !== 'string' || typeof r.to_id !== 'string') {
      problems.push(problemAt(w, 'expected a relation {"from_id", "to_id", "labels"} between two regions'));
      return;
    }
    const labels = asArray(r.labels).filter((l): l is string => typeof l === 'string' && l !== '');
    if (labels.length === 0) {
      problems.push(problemAt(w, 'a relation without a label (its type); not imported', 'warning'));
      return;
    }
    const [from, to] = r.direction === 'left' ? [r.to_id, r.from_id] : [r.from_id, r.to_id];
    for (const label of labels) out.push({ labels: [label], from: ref(from), to: ref(to), attributes: {}, note: '', ...meta, ...metaFields(r), where: w });
  });
  return out;
}

function regionSpans(results: unknown[], where: string, unit: OffsetUnit, problems: Problem[], meta: SpanMeta, ref?: (id: string) => string): ImportedSpan[] {
  const spans: ImportedSpan[] = [];
  const byRegion = new Map<string, ImportedSpan[]>();
  const extras: Array<{ r: Record<string, unknown>; w: string }> = [];
  results.forEach((r, i) => {
    const w = at(where, String(i));
    if (!isObject(r) || r.type === 'relation') return;
    const value = isObject(r.value) ? r.value : r; // JSON-MIN puts the value fields on the item itself
    const labels = asArray(value.labels).filter((l): l is string => typeof l === 'string' && l !== '');
    if (labels.length === 0) {
      if (r.type === 'textarea' || r.type === 'choices') extras.push({ r, w });
      return;
    }
    const { start, end } = value;
    if (!isNonNegativeInteger(start) || !isNonNegativeInteger(end) || end <= start) {
      problems.push(problemAt(at(w, 'value'), 'expected integer start < end (Label Studio Text regions; HTML regions are not supported)'));
      return;
    }
    const region = typeof r.id === 'string' && r.id !== '' ? { id: r.id, ...(ref ? { ref: ref(r.id) } : {}) } : {};
    const list = labels.map((label): ImportedSpan => {
      const span: ImportedSpan = { label, start, end, unit, attributes: {}, note: '', where: w, ...meta, ...region, ...metaFields(r) };
      if (typeof value.text === 'string' && value.text !== '') span.exact = value.text;
      return span;
    });
    spans.push(...list);
    if (typeof r.id === 'string') byRegion.set(r.id, [...(byRegion.get(r.id) ?? []), ...list]);
  });
  for (const { r, w } of extras) {
    const region = typeof r.id === 'string' ? byRegion.get(r.id) : undefined;
    if (!region) {
      problems.push(problemAt(w, `a ${String(r.type)} result that belongs to no labelled region; not imported`, 'warning'));
      continue;
    }
    const value = isObject(r.value) ? r.value : {};
    for (const span of region) {
      if (r.type === 'textarea') {
        const text = asArray(value.text).filter((t): t is string => typeof t === 'string').join('\n');
        span.note = span.note ? `${span.note}\n${text}` : text;
      } else {
        const choices = asArray(value.choices).filter((c): c is string => typeof c === 'string');
        const name = typeof r.from_name === 'string' && r.from_name !== '' ? r.from_name : 'choice';
        setOwn(span.attributes, name, choices.length === 1 ? choices[0] : choices);
      }
    }
  }
  return spans;
}

export function parseLabelStudio(text: string, fileName: string, unit: OffsetUnit = 'auto', predictions: PredictionMode = 'include'): ParseResult {
  const problems: Problem[] = [];
  const records: ImportRecord[] = [];
  for (const { value: task, where } of readRecords(text, fileName, problems)) {
    if (!isObject(task)) {
      problems.push(problemAt(where, 'expected a Label Studio task {"data": {"text"}, "annotations": [...]}'));
      continue;
    }
    const spans: ImportedSpan[] = [];
    const relations: ImportedRelation[] = [];
    let docText: string | undefined;
    let hintSource: Record<string, unknown> = task;
    if (isObject(task.data)) {
      docText = taskText(task.data);
      hintSource = { ...task.data, id: task.data.id ?? task.data.file };
      const annotationKey = Array.isArray(task.annotations) ? 'annotations' : 'completions';
      const sources: Array<{ key: string; list: unknown[]; predicted: boolean }> = [
        { key: annotationKey, list: asArray(task[annotationKey]), predicted: false },
        { key: 'predictions', list: asArray(task.predictions), predicted: true },
      ];
      for (const { key, list, predicted } of sources) {
        if (list.length === 0) continue;
        if (predicted ? predictions === 'skip' : predictions === 'only') {
          problems.push(problemAt(at(where, key), `${list.length} ${predicted ? 'prediction(s)' : 'annotation(s)'} not imported (--predictions ${predictions})`, 'warning'));
          continue;
        }
        list.forEach((ann, k) => {
          if (!isObject(ann)) return;
          if (ann.was_cancelled === true) {
            problems.push(problemAt(at(where, `${key}.${k}`), 'a cancelled annotation; not imported', 'warning'));
            return;
          }
          const meta: SpanMeta = {};
          const who = ann.completed_by;
          if (isObject(who) && typeof who.email === 'string') meta.author = who.email;
          if (typeof ann.created_at === 'string') meta.created = ann.created_at;
          if (typeof ann.updated_at === 'string') meta.modified = ann.updated_at;
          if (predicted) meta.origin = predictionOrigin(ann);
          // Region ids are unique within one annotation (a prediction may reuse those of another).
          const ref = (id: string) => `${key}.${k}:${id}`;
          const results = asArray(ann.result);
          spans.push(...regionSpans(results, at(where, `${key}.${k}.result`), unit, problems, meta, ref));
          relations.push(...relationsOf(results, at(where, `${key}.${k}.result`), ref, problems, meta));
        });
      }
    } else if (typeof task.text === 'string') {
      // JSON-MIN: { text, <from_name>: [{start, end, text, labels}] }
      docText = task.text;
      for (const [key, v] of Object.entries(task)) {
        if (Array.isArray(v) && v.some((x) => isObject(x) && Array.isArray(x.labels))) spans.push(...regionSpans(v, at(where, key), unit, problems, {}));
      }
    } else {
      problems.push(problemAt(where, 'a task without "data" (or JSON-MIN "text")'));
      continue;
    }
    if (spans.length > 0) records.push({ hint: hintFields(hintSource, docText), spans, relations, where });
  }
  return { records, problems };
}
