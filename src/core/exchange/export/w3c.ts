/**
 * `w3c`: a W3C Web Annotation (https://www.w3.org/TR/annotation-model/) AnnotationCollection in JSON-LD,
 * `@context` http://www.w3.org/ns/anno.jsonld, with one AnnotationPage holding every annotation:
 *
 *   { "id": "urn:uuid:…", "type": "Annotation", "motivation": "tagging", "created", "modified",
 *     "creator": { "type": "Person", "name" },                                  (when there is an author)
 *     "body": [ { "type": "TextualBody", "purpose": "tagging", "value": "<tag id>" },
 *               { "type": "TextualBody", "purpose": "commenting", "value": "<note>" },         (if any)
 *               { "type": "TextualBody", "purpose": "describing", "format": "application/json",
 *                 "value": "<the attributes object as JSON>" } ],                           (if any)
 *     "target": { "source": "<Source: URL, else the document's file URI>",
 *                 "selector": [ { "type": "TextQuoteSelector", "exact", "prefix", "suffix" },
 *                               { "type": "TextPositionSelector", "start", "end" } ] } }
 *
 * TextPositionSelector counts Unicode code points of the document text (BOM removed, line endings as in
 * the file), as the model requires; Seed Annotator's own offsets are UTF-16 code units. An orphaned
 * annotation has only its TextQuoteSelector (its offsets refer to an older text). The annotation id is
 * `urn:uuid:<id>` when the id is a UUID, else a name-based UUID of `<source or file>#<id>`.
 * The attributes body keeps every attribute value losslessly; importers read it back.
 * `total` is written after the page (JSON key order carries no meaning), so nothing is buffered.
 */
import { newId } from '../../annotations/hash';
import type { Annotation } from '../../annotations/schema';
import { isAnchored, type ExportDocument, type ExportOptions } from '../model';
import { CodePointIndex } from '../offsets';
import { annotationUrn } from '../uuid';
import { statsOf, type WithStats } from './common';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** `format` of the body that carries the attributes. */
export const ATTRIBUTES_BODY_FORMAT = 'application/json';

export interface W3cSelectorQuote {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** The Web Annotation of one annotation of `doc` (`index`: the code point index of doc.text). */
export async function w3cAnnotation(doc: ExportDocument, a: Annotation, index: CodePointIndex): Promise<Record<string, unknown>> {
  const body: Array<Record<string, unknown>> = [{ type: 'TextualBody', purpose: 'tagging', value: a.tag }];
  if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });
  if (Object.keys(a.attributes).length > 0) {
    body.push({ type: 'TextualBody', purpose: 'describing', format: ATTRIBUTES_BODY_FORMAT, value: JSON.stringify(a.attributes) });
  }
  const quote: W3cSelectorQuote = { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix };
  const selector: Array<Record<string, unknown>> = [{ ...quote }];
  if (isAnchored(a)) {
    selector.push({ type: 'TextPositionSelector', start: index.toCodePoints(a.target.start), end: index.toCodePoints(a.target.end) });
  }
  const out: Record<string, unknown> = {
    id: await annotationUrn(a.id, doc.source ?? doc.file),
    type: 'Annotation',
    motivation: 'tagging',
    created: a.created,
    modified: a.modified,
  };
  if (a.author) out.creator = { type: 'Person', name: a.author };
  out.body = body;
  out.target = { source: doc.source ?? doc.uri, selector };
  return out;
}

export async function* exportW3c(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  const label = options.label ?? 'Seed Annotator export';
  yield `{\n  "@context": ${JSON.stringify(ANNO_CONTEXT)},\n  "id": "urn:uuid:${newId()}",\n  "type": "AnnotationCollection",\n  "label": ${JSON.stringify(label)}`;
  let total = 0;
  for await (const doc of docs) {
    const index = new CodePointIndex(doc.text);
    let chunk = '';
    for (const a of doc.annotations) {
      const item = JSON.stringify(await w3cAnnotation(doc, a, index), null, 2).replace(/\n/g, '\n      ');
      // The page opens with the first annotation: an AnnotationPage must have at least one item.
      chunk += total === 0 ? `,\n  "first": {\n    "id": "urn:uuid:${newId()}",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [\n      ${item}` : `,\n      ${item}`;
      total++;
    }
    stats.documents++;
    stats.annotations += doc.annotations.length;
    options.onDocument?.(doc, doc.annotations.length);
    if (chunk) yield chunk;
  }
  yield `${total > 0 ? '\n    ]\n  }' : ''},\n  "total": ${total}\n}\n`;
}
