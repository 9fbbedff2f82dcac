/**
 * `w3c`: W3C Web Annotations (https://www.w3.org/TR/annotation-model/) in JSON-LD: an AnnotationCollection whose
 * embedded AnnotationPage holds every annotation. The collection, the page and each annotation carry their own
 * `@context` (http://www.w3.org/ns/anno.jsonld), so each validates on its own when taken out of the file:
 *
 *   { "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:…", "type": "Annotation",
 *     "motivation": "tagging", "created", "modified",
 *     "creator": { "type": "Person", "name" },                                  (when there is an author)
 *     "body": [ { "type": "TextualBody", "purpose": "tagging", "value": "<tag id>" },
 *               { "type": "TextualBody", "purpose": "commenting", "value": "<note>" },         (if any)
 *               { "type": "TextualBody", "purpose": "describing", "format": "application/json",
 *                 "value": "<the attributes object as JSON>" } ],                           (if any)
 *     "target": { "source": "<the document file>", "scope": "<its Source: URL>",       (scope if any)
 *                 "selector": [ { "type": "TextQuoteSelector", "exact", "prefix", "suffix" },
 *                               { "type": "TextPositionSelector", "start", "end" } ] } }
 *
 * `target.source` names the document file, not the web page: two saved copies of one article are two
 * sources. It is an absolute IRI (the model and its test suite require one): the document's `file:` URI, or
 * its relative path resolved against `documentBase` (e.g. `https://corpus.example/docs/` + `sub/000_x.txt`).
 * `target.scope` is the page it was seen on, the document's `Source:` URL. A relation is an Annotation of its own
 * with motivation `linking`, its target the IRI of the annotation it starts at and its body the IRI of the one
 * it points to, with its type in a `tagging` body (and its note and attributes as above):
 *
 *   { "@context", "id": "urn:uuid:…", "type": "Annotation", "motivation": "linking", "created", "modified",
 *     "body": [ "urn:uuid:<to>", { "type": "TextualBody", "purpose": "tagging", "value": "attributed-to" } ],
 *     "target": "urn:uuid:<from>" }
 *
 * The relations of a document follow its annotations in the page. TextPositionSelector counts
 * Unicode code points of the document text (BOM removed, line endings as in the file), as the model
 * requires; Seed Annotator's own offsets are UTF-16 code units. An orphaned annotation has only its
 * TextQuoteSelector (its offsets refer to an older text). The annotation id is `urn:uuid:<id>` when the id is
 * a UUID, else a name-based UUID of `<file>#<id>`. The attributes body keeps every attribute value
 * losslessly; importers read it back. `total` is written after the page (JSON key order carries no meaning),
 * so nothing is buffered. `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (see scriptSafeJson).
 */
import { newId } from '../../annotations/hash';
import type { Annotation, Relation } from '../../annotations/schema';
import { isAnchored, type ExportDocument, type ExportOptions } from '../model';
import { CodePointIndex } from '../offsets';
import { annotationUrn } from '../uuid';
import { scriptSafeJson, statsOf, type WithStats } from './common';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** `format` of the body that carries the attributes. */
export const ATTRIBUTES_BODY_FORMAT = 'application/json';

export interface W3cSelectorQuote {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** The IRI of a document: its path relative to the export resolved against `base`, else its own URI. */
export function documentIri(doc: ExportDocument, base: string | undefined): string {
  if (base === undefined || base === '') return doc.uri;
  const path = doc.file.split('/').map(encodeURIComponent).join('/');
  return new URL(path, base.endsWith('/') ? base : `${base}/`).href;
}

/** The TextualBodies of a tag (or relation type), a note and attributes. */
function textualBodies(tag: string, item: Annotation | Relation): Array<Record<string, unknown>> {
  const body: Array<Record<string, unknown>> = [{ type: 'TextualBody', purpose: 'tagging', value: tag }];
  if (item.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: item.note });
  if (Object.keys(item.attributes).length > 0) {
    body.push({ type: 'TextualBody', purpose: 'describing', format: ATTRIBUTES_BODY_FORMAT, value: JSON.stringify(item.attributes) });
  }
  return body;
}

/** id, type, motivation, times and creator of an annotation or relation. */
function head(id: string, motivation: string, item: Annotation | Relation): Record<string, unknown> {
  const out: Record<string, unknown> = { '@context': ANNO_CONTEXT, id, type: 'Annotation', motivation, created: item.created, modified: item.modified };
  if (item.author) out.creator = { type: 'Person', name: item.author };
  return out;
}

/** The scope of the name-based ids of a document's relations (apart from its annotations'). */
function relationScope(doc: ExportDocument): string {
  return `${doc.file}#relations`;
}

/** The Web Annotation (motivation `linking`) of one relation of `doc`. */
export async function w3cRelation(doc: ExportDocument, r: Relation): Promise<Record<string, unknown>> {
  const out = head(await annotationUrn(r.id, relationScope(doc)), 'linking', r);
  out.body = [await annotationUrn(r.to, doc.file), ...textualBodies(r.type, r)];
  out.target = await annotationUrn(r.from, doc.file);
  return out;
}

/** The Web Annotation of one annotation of `doc` (`index`: the code point index of doc.text). */
export async function w3cAnnotation(doc: ExportDocument, a: Annotation, index: CodePointIndex, documentBase?: string): Promise<Record<string, unknown>> {
  const body = textualBodies(a.tag, a);
  const quote: W3cSelectorQuote = { type: 'TextQuoteSelector', exact: a.target.exact, prefix: a.target.prefix, suffix: a.target.suffix };
  const selector: Array<Record<string, unknown>> = [{ ...quote }];
  if (isAnchored(a)) {
    selector.push({ type: 'TextPositionSelector', start: index.toCodePoints(a.target.start), end: index.toCodePoints(a.target.end) });
  }
  const out = head(await annotationUrn(a.id, doc.file), 'tagging', a);
  out.body = body;
  out.target = { source: documentIri(doc, documentBase), ...(doc.source ? { scope: doc.source } : {}), selector };
  return out;
}

export async function* exportW3c(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  const label = options.label ?? 'Seed Annotator export';
  yield `{\n  "@context": ${JSON.stringify(ANNO_CONTEXT)},\n  "id": "urn:uuid:${newId()}",\n  "type": "AnnotationCollection",\n  "label": ${scriptSafeJson(label)}`;
  let total = 0;
  for await (const doc of docs) {
    const index = new CodePointIndex(doc.text);
    const relations = doc.relations ?? [];
    let chunk = '';
    const add = (json: Record<string, unknown>) => {
      const item = scriptSafeJson(json, 2).replace(/\n/g, '\n      ');
      // The page opens with the first annotation: an AnnotationPage must have at least one item.
      const page = `,\n  "first": {\n    "@context": ${JSON.stringify(ANNO_CONTEXT)},\n    "id": "urn:uuid:${newId()}",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [\n      `;
      chunk += total === 0 ? `${page}${item}` : `,\n      ${item}`;
      total++;
    };
    for (const a of doc.annotations) add(await w3cAnnotation(doc, a, index, options.documentBase));
    for (const r of relations) add(await w3cRelation(doc, r));
    stats.documents++;
    stats.annotations += doc.annotations.length;
    stats.relations += relations.length;
    options.onDocument?.(doc, doc.annotations.length);
    if (chunk) yield chunk;
  }
  yield `${total > 0 ? '\n    ]\n  }' : ''},\n  "total": ${total}\n}\n`;
}
