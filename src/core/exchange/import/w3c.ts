/**
 * W3C Web Annotations (JSON-LD): an AnnotationCollection (its embedded pages, following `next` when the
 * pages are embedded), an AnnotationPage, a list of Annotations, `@graph`, one Annotation, or JSON Lines of
 * Annotations. Each Annotation with a text target becomes one span per `tagging` body: TextPositionSelector
 * (code points) places it, TextQuoteSelector checks the place or finds it when there is no position; the
 * `commenting` bodies become the note, a `describing` body with format application/json holding an object
 * becomes the attributes (see export/w3c.ts). The document is found by the target's `source` first: the
 * document file's IRI (a `file:` URI or any IRI when a `scope` is given, matched by its path: the longest
 * relative path of a document it ends with, then its file name), else a plain `https:` source or the
 * `scope` as the document's `Source:` URL. An Annotation with motivation `linking` whose target is an IRI (not a
 * text target) is a relation (see export/w3c.ts): from the annotation its target names to each annotation
 * named by an IRI body, typed by its `tagging` body; both must be annotations of one document in the input.
 */
import { parseJson } from '../../annotations/json';
import { syntaxProblem, type Problem } from '../../annotations/problems';
import { ATTRIBUTES_BODY_FORMAT } from '../export/w3c';
import { uuidOfUrn } from '../uuid';
import { jsonLines, parseLine } from './native';
import { asArray, at, isNonNegativeInteger, isObject, problemAt, type DocumentHint, type ImportRecord, type ImportedRelation, type ImportedSpan, type ParseResult } from './types';

function types(v: Record<string, unknown>): string[] {
  return asArray(v.type ?? v['@type']).filter((t): t is string => typeof t === 'string');
}

/** The Annotations of a parsed JSON-LD value, with where each sits. */
function* annotations(value: unknown, where: string): Generator<{ a: Record<string, unknown>; where: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* annotations(value[i], `${where}${where.includes(': ') ? '.' : ': '}${i}`);
    return;
  }
  if (!isObject(value)) return;
  const t = types(value);
  if (t.includes('Annotation') || t.includes('oa:Annotation')) {
    yield { a: value, where };
    return;
  }
  if (Array.isArray(value['@graph'])) yield* annotations(value['@graph'], at(where, '@graph'));
  if (Array.isArray(value.items)) yield* annotations(value.items, at(where, 'items'));
  let page = value.first;
  let path = 'first';
  const seen = new Set<unknown>();
  while (isObject(page) && !seen.has(page)) {
    seen.add(page);
    yield* annotations(page, at(where, path));
    page = page.next;
    path = `${path}.next`;
  }
}

function string(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function creatorName(v: unknown): string | undefined {
  const first = asArray(v)[0];
  if (typeof first === 'string') return first;
  if (isObject(first)) return string(first.name) ?? string(first.nickname) ?? string(first.id);
  return undefined;
}

const WEB_URL = /^https?:\/\//i;

/**
 * What a target says about its document. Since `scope` carries the web page, `source` names the document
 * file (a `file:` URI, any other IRI, or a relative path); without a scope an http(s) source is the page.
 */
export function hintOf(source: string, scope: string | undefined): DocumentHint {
  const hint: DocumentHint = {};
  if (scope !== undefined && WEB_URL.test(scope)) hint.source = scope;
  if (/^file:/i.test(source) || (scope !== undefined && /^[a-z][a-z0-9+.-]*:/i.test(source))) hint.uri = source;
  else if (WEB_URL.test(source)) hint.source = source;
  else hint.file = source;
  return hint;
}

export function parseW3c(text: string, fileName: string): ParseResult {
  const problems: Problem[] = [];
  const values: Array<{ value: unknown; where: string }> = [];
  const json = parseJson(text);
  if (json.ok) values.push({ value: json.value, where: fileName });
  else {
    // JSON Lines of Annotations?
    const lines = [...jsonLines(text)];
    if (lines.length < 2) return { records: [], problems: [syntaxProblem(fileName, json.error)] };
    for (const { line, text: t } of lines) {
      const value = parseLine(t, fileName, line, problems);
      if (value !== undefined) values.push({ value, where: `${fileName}:${line}` });
    }
  }
  const records = new Map<string, ImportRecord>();
  const links: Array<{ a: Record<string, unknown>; where: string }> = [];
  let found = 0;
  for (const { value, where: root } of values) {
    for (const { a, where } of annotations(value, root)) {
      found++;
      if (isLink(a)) {
        links.push({ a, where });
        continue;
      }
      const span = spansOf(a, where, problems);
      if (!span) continue;
      const key = `${span.source}\u0000${span.scope ?? ''}`;
      let record = records.get(key);
      if (!record) records.set(key, (record = { hint: hintOf(span.source, span.scope), spans: [], where }));
      record.spans.push(...span.spans);
    }
  }
  if (found === 0 && problems.length === 0) {
    problems.push(problemAt(fileName, 'no Annotation found (expected an AnnotationCollection, an AnnotationPage, a list of Annotations or one Annotation)'));
  }
  addRelations([...records.values()], links, problems);
  return { records: [...records.values()], problems };
}

/** The IRI an Annotation, target or body names (a `urn:uuid:` in lower case), or undefined. */
function iriOf(v: unknown): string | undefined {
  const iri = typeof v === 'string' ? v : isObject(v) && v.selector === undefined && v.value === undefined ? (string(v.id) ?? string(v.source)) : undefined;
  if (iri === undefined) return undefined;
  const uuid = uuidOfUrn(iri);
  return uuid !== null ? `urn:uuid:${uuid}` : iri;
}

/** A relation: motivation `linking`, and a target that names an annotation rather than a span of text. */
function isLink(a: Record<string, unknown>): boolean {
  return asArray(a.motivation).includes('linking') && iriOf(asArray(a.target)[0]) !== undefined;
}

/** Adds each linking Annotation to the record that holds the annotation it starts at. */
function addRelations(records: readonly ImportRecord[], links: ReadonlyArray<{ a: Record<string, unknown>; where: string }>, problems: Problem[]): void {
  const recordOf = new Map<string, ImportRecord>();
  for (const record of records) for (const span of record.spans) if (span.ref !== undefined) recordOf.set(span.ref, record);
  for (const { a, where } of links) {
    const from = iriOf(asArray(a.target)[0])!;
    const bodies = readBodies(a, where, problems);
    const tos = asArray(a.body).map(iriOf).filter((iri): iri is string => iri !== undefined);
    const record = recordOf.get(from);
    const why =
      tos.length === 0 ? 'it has no body naming the annotation it points to' : bodies.tags.length === 0 ? 'it has no TextualBody with purpose "tagging" (its type)' : !record ? `its target ${from} is not an annotation of this input` : null;
    if (why !== null || !record) {
      problems.push(problemAt(where, `linking annotation not imported as a relation: ${why}`));
      continue;
    }
    let id = uuidOfUrn(a.id); // the first relation of the annotation keeps its id
    for (const to of tos) {
      if (recordOf.get(to) !== record) {
        problems.push(problemAt(where, `relation not imported: ${to} is not an annotation of the same document in this input`));
        continue;
      }
      for (const label of bodies.tags) {
        const relation: ImportedRelation = { labels: [label], from, to, attributes: { ...bodies.attributes }, note: bodies.notes.join('\n'), ...creation(a), where };
        if (id !== null) relation.id = id;
        id = null;
        (record.relations ??= []).push(relation);
      }
    }
  }
}

/** Author and times of an Annotation. */
function creation(a: Record<string, unknown>): Pick<ImportedSpan, 'author' | 'created' | 'modified'> {
  const out: Pick<ImportedSpan, 'author' | 'created' | 'modified'> = {};
  const author = creatorName(a.creator);
  if (author !== undefined) out.author = author;
  if (typeof a.created === 'string') out.created = a.created;
  if (typeof a.modified === 'string') out.modified = a.modified;
  return out;
}

/** The tags (`tagging` bodies), notes (`commenting` bodies, bodyValue) and attributes (the `describing` JSON body) of an Annotation. */
function readBodies(a: Record<string, unknown>, where: string, problems: Problem[]): { tags: string[]; notes: string[]; attributes: Record<string, unknown> } {
  const tags: string[] = [];
  const notes: string[] = [];
  let attributes: Record<string, unknown> = {};
  asArray(a.body).forEach((b, i) => {
    if (!isObject(b)) return;
    const purposes = asArray(b.purpose);
    const value = string(b.value) ?? string(b.chars);
    if (value === undefined) return;
    if (purposes.includes('tagging')) tags.push(value);
    else if (purposes.includes('describing') && b.format === ATTRIBUTES_BODY_FORMAT) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (isObject(parsed)) attributes = { ...attributes, ...parsed };
        else problems.push(problemAt(at(where, `body.${i}.value`), 'the attributes body must hold a JSON object', 'warning'));
      } catch {
        problems.push(problemAt(at(where, `body.${i}.value`), 'the attributes body is not valid JSON', 'warning'));
      }
    } else if (purposes.includes('commenting') || purposes.length === 0) notes.push(value);
  });
  if (typeof a.bodyValue === 'string') notes.push(a.bodyValue);
  return { tags, notes, attributes };
}

function spansOf(a: Record<string, unknown>, where: string, problems: Problem[]): { source: string; scope?: string; spans: ImportedSpan[] } | null {
  const target = asArray(a.target).find((t) => isObject(t) && t.selector !== undefined) ?? asArray(a.target)[0];
  if (!isObject(target) || typeof target.source !== 'string') {
    problems.push(problemAt(at(where, 'target'), 'expected a target with a source and selectors (a target that is only an IRI names no span)'));
    return null;
  }
  let position: { start: number; end: number } | undefined;
  let quote: { exact: string; prefix: string; suffix: string } | undefined;
  asArray(target.selector).forEach((s, i) => {
    if (!isObject(s)) return;
    const t = types(s);
    if (t.includes('TextPositionSelector')) {
      if (isNonNegativeInteger(s.start) && isNonNegativeInteger(s.end) && s.start < s.end) position = { start: s.start, end: s.end };
      else problems.push(problemAt(at(where, `target.selector.${i}`), 'TextPositionSelector needs integer start < end, both ≥ 0', 'warning'));
    } else if (t.includes('TextQuoteSelector')) {
      if (typeof s.exact === 'string' && s.exact !== '') quote = { exact: s.exact, prefix: string(s.prefix) ?? '', suffix: string(s.suffix) ?? '' };
    }
  });
  if (!position && !quote) {
    problems.push(problemAt(at(where, 'target.selector'), 'no TextPositionSelector or TextQuoteSelector'));
    return null;
  }
  const { tags, notes, attributes } = readBodies(a, where, problems);
  if (tags.length === 0) {
    problems.push(problemAt(at(where, 'body'), 'no TextualBody with purpose "tagging": the annotation names no tag'));
    return null;
  }
  const id = uuidOfUrn(a.id);
  const base: Omit<ImportedSpan, 'label'> = { unit: 'codepoints', attributes, note: notes.join('\n'), ...creation(a), where };
  if (position) Object.assign(base, position);
  if (quote) Object.assign(base, quote);
  const ref = iriOf(a.id);
  if (ref !== undefined) base.ref = ref;
  const spans = tags.map((label, k): ImportedSpan => ({ ...base, attributes: { ...attributes }, label, ...(id && k === 0 ? { id } : {}) }));
  const scope = asArray(target.scope).find((x): x is string => typeof x === 'string');
  return { source: target.source, ...(scope !== undefined ? { scope } : {}), spans };
}
