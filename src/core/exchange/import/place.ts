/**
 * From imported spans to annotations of workspace documents: find each record's document, turn its offsets
 * into UTF-16 offsets of that document's text (checking the quoted text, re-anchoring when the text the
 * input was made from differs), and map its label to a tag of the tag set.
 */
import { makeTarget, reanchor, type AnchorTarget } from '../../annotations/anchor';
import { sha256Hex } from '../../annotations/hash';
import { baseName } from '../../annotations/paths';
import type { Problem } from '../../annotations/problems';
import type { TagSet } from '../../annotations/schema';
import { findTag } from '../../annotations/tags';
import { sourceOf } from '../model';
import { CodePointIndex, insidePair, lowerBound } from '../offsets';
import { checkAttributes, mapLabel } from './labels';
import { placeRelations, type PlacedRelation } from './relations';
import { copyItemFields, problemAt, type DocumentHint, type ImportRecord, type ImportedItem, type ImportedSpan, type OffsetUnit } from './types';

export interface CatalogEntry {
  /** Whatever the adapter reads the document by (a path, a URI string). */
  key: string;
  /** Path relative to the documents folder, `/`-separated. */
  relativePath: string;
  /** The document's URI (`file:///…`), when known. */
  uri?: string;
}

/** The documents an import may annotate. */
export interface DocumentCatalog {
  readonly entries: readonly CatalogEntry[];
  /** The document text: BOM removed, line endings as in the file. Throws when it cannot be read. */
  readText(key: string): Promise<string>;
}

/** An imported annotation placed on a document: UTF-16 offsets into its current text, a tag of the tag set; the rest as imported. */
export interface PlacedAnnotation extends ImportedItem {
  tag: string;
  start: number;
  end: number;
}

function lf(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Finds documents by path, URI, id, text or Source URL; the text and source indexes are built on first need. */
export class DocumentResolver {
  private byText: Map<string, string[]> | null = null;
  private bySource: Map<string, string[]> | null = null;
  private building: Promise<void> | null = null;

  constructor(readonly catalog: DocumentCatalog) {}

  /** Keys of the documents the hint names (several when it is ambiguous), or an explanation. */
  async resolve(hint: DocumentHint): Promise<{ keys: string[]; warning?: string } | { error: string }> {
    const entries = this.catalog.entries;
    const tried: string[] = [];
    const narrow = async (keys: string[]): Promise<string[]> => {
      if (keys.length <= 1 || hint.text === undefined) return keys;
      const same: string[] = [];
      for (const k of keys) if ((await this.catalog.readText(k)) === hint.text) same.push(k);
      return same.length > 0 ? same : keys;
    };
    if (hint.file !== undefined) {
      const wanted = hint.file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
      const found = byPath(entries, wanted);
      if (found.length > 0) return { keys: await narrow(found.map((e) => e.key)), ...nameOnlyWarning(wanted, found) };
      tried.push(`file '${hint.file}'`);
    }
    if (hint.uri !== undefined) {
      let found = entries.filter((e) => e.uri === hint.uri);
      if (found.length === 0) {
        const path = uriPath(hint.uri);
        if (path === null) return { error: `malformed IRI ${JSON.stringify(hint.uri)} (a % not followed by two hex digits of UTF-8)` };
        found = byPath(entries, path);
        if (found.length > 0) return { keys: await narrow(found.map((e) => e.key)), ...nameOnlyWarning(path, found) };
      }
      if (found.length > 0) return { keys: await narrow(found.map((e) => e.key)) };
      tried.push(`IRI ${hint.uri}`);
    }
    if (hint.id !== undefined) {
      const id = hint.id;
      const found = entries.filter((e) => e.relativePath === id || baseName(e.relativePath) === id || baseName(e.relativePath) === `${id}.txt`);
      if (found.length > 0) return { keys: await narrow(found.map((e) => e.key)) };
      tried.push(`id '${id}'`);
    }
    if (hint.text !== undefined) {
      await this.buildIndexes();
      const hash = await sha256Hex(lf(hint.text.charCodeAt(0) === 0xfeff ? hint.text.slice(1) : hint.text));
      const found = this.byText!.get(hash);
      if (found && found.length > 0) return { keys: found };
      tried.push('its text');
    }
    if (hint.source !== undefined) {
      await this.buildIndexes();
      const found = this.bySource!.get(hint.source);
      if (found && found.length > 0) return { keys: found };
      tried.push(`Source URL ${hint.source}`);
    }
    if (tried.length === 0) return { error: 'the input names no document (no file, id, URI, Source URL or text)' };
    return { error: `no document of the workspace matches ${tried.join(', ')}` };
  }

  private buildIndexes(): Promise<void> {
    this.building ??= (async () => {
      const byText = new Map<string, string[]>();
      const bySource = new Map<string, string[]>();
      for (const e of this.catalog.entries) {
        let text: string;
        try {
          text = await this.catalog.readText(e.key);
        } catch {
          continue;
        }
        const hash = await sha256Hex(lf(text));
        byText.set(hash, [...(byText.get(hash) ?? []), e.key]);
        const source = sourceOf(text);
        if (source) bySource.set(source, [...(bySource.get(source) ?? []), e.key]);
      }
      this.byText = byText;
      this.bySource = bySource;
    })();
    return this.building;
  }
}

/**
 * The documents a path names: the one at that relative path; else those whose relative path the given path
 * ends with (or that end with it), the longest such match; else those with the same file name.
 */
function byPath(entries: readonly CatalogEntry[], path: string): CatalogEntry[] {
  const exact = entries.filter((e) => e.relativePath === path);
  if (exact.length > 0) return exact;
  const suffix = entries.filter((e) => path.endsWith(`/${e.relativePath}`) || e.relativePath.endsWith(`/${path}`));
  if (suffix.length > 0) {
    const longest = Math.max(...suffix.map((e) => Math.min(e.relativePath.length, path.length)));
    return suffix.filter((e) => Math.min(e.relativePath.length, path.length) === longest);
  }
  const name = baseName(path);
  return entries.filter((e) => baseName(e.relativePath) === name);
}

/**
 * A warning when a relative path with folders matched only by its file name (e.g. `../outside/doc00.txt` →
 * `doc00.txt`). An absolute path (a W3C `file:` IRI) names the folder the export was made in: a copy of the documents
 * elsewhere is the expected case, matched by name without a warning.
 */
function nameOnlyWarning(path: string, found: readonly CatalogEntry[]): { warning?: string } {
  if (!path.includes('/') || path.startsWith('/') || /^[A-Za-z]:\//.test(path) || found.some((e) => e.relativePath === path || sharedSegments(path, e.relativePath) > 1)) return {};
  return { warning: `'${path}' is not a document of the folder; matched ${found.map((e) => e.relativePath).join(', ')} by file name only` };
}

/** How many trailing path segments two paths share. */
function sharedSegments(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

/** The decoded path of an IRI (no query or fragment); null when its percent-encoding is malformed. */
function uriPath(iri: string): string | null {
  const path = iri.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** Maps offsets of `lf(text)` to offsets of `text` (whose CRLFs became LF). */
function crlfMapper(text: string): (offset: number) => number {
  const removed: number[] = []; // positions in the LF text where a CR was dropped
  for (let i = text.indexOf('\r\n'), k = 0; i >= 0; i = text.indexOf('\r\n', i + 2), k++) removed.push(i - k);
  return (offset) => offset + lowerBound(removed, offset);
}

/** Places imported spans on `docText`; `hintText` is the text their offsets count in, when the input had one. */
export class SpanPlacer {
  private readonly base: string;
  /** Offsets in the input count a BOM the base text no longer has. */
  private readonly shift: number;
  private baseIndex: CodePointIndex | null = null;
  private mapper: ((offset: number) => number) | null | undefined;

  constructor(
    readonly docText: string,
    hintText?: string,
  ) {
    const bom = hintText !== undefined && hintText.charCodeAt(0) === 0xfeff;
    this.base = hintText === undefined ? docText : bom ? hintText.slice(1) : hintText;
    this.shift = bom ? 1 : 0;
  }

  /** [start, end) of the span in docText (UTF-16), or why it cannot be placed. */
  place(span: ImportedSpan): { start: number; end: number } | { error: string } {
    const onBase = this.onBase(span);
    if ('error' in onBase) return onBase;
    if (this.base === this.docText) {
      if (onBase.start !== undefined) return { start: onBase.start, end: onBase.end };
      return this.anchor(onBase.target, span);
    }
    if (onBase.start !== undefined) {
      if (this.mapper === undefined) this.mapper = lf(this.docText) === this.base ? crlfMapper(this.docText) : null;
      if (this.mapper) return { start: this.mapper(onBase.start), end: this.mapper(onBase.end) };
    }
    return this.anchor(onBase.target, span);
  }

  private anchor(target: AnchorTarget, span: ImportedSpan): { start: number; end: number } | { error: string } {
    const result = reanchor(this.docText, target);
    if (result.status === 'orphaned') {
      return { error: `${JSON.stringify(clip(target.exact))} is not in the document's text${span.start !== undefined ? ` at ${span.start}–${span.end} (${unitName(span.unit)})` : ''}` };
    }
    return { start: result.target.start, end: result.target.end };
  }

  /** The span on the base text: exact offsets, or a target to re-anchor by its quote. */
  private onBase(span: ImportedSpan): { start: number; end: number; target: AnchorTarget } | { start?: undefined; target: AnchorTarget } | { error: string } {
    const base = this.base;
    if (span.start !== undefined && span.end !== undefined) {
      const units: Array<'utf16' | 'codepoints'> = span.unit === 'auto' ? ['utf16', 'codepoints'] : [span.unit];
      let firstValid: { start: number; end: number } | null = null;
      let why = '';
      for (const unit of units) {
        const range = this.convert(span.start - this.shift, span.end - this.shift, unit);
        if ('error' in range) {
          why ||= range.error;
          continue;
        }
        if (span.exact === undefined || base.slice(range.start, range.end) === span.exact) {
          return { ...range, target: makeTarget(base, range.start, range.end) };
        }
        firstValid ??= range;
      }
      if (span.exact === undefined) return { error: why };
      const at = firstValid?.start ?? 0;
      return { target: { start: at, end: at + span.exact.length, exact: span.exact, prefix: span.prefix ?? '', suffix: span.suffix ?? '' } };
    }
    if (span.exact === undefined) return { error: 'neither offsets nor the quoted text' };
    return { target: { start: 0, end: span.exact.length, exact: span.exact, prefix: span.prefix ?? '', suffix: span.suffix ?? '' } };
  }

  private convert(start: number, end: number, unit: 'utf16' | 'codepoints'): { start: number; end: number } | { error: string } {
    const base = this.base;
    let s = start;
    let e = end;
    if (unit === 'codepoints') {
      this.baseIndex ??= new CodePointIndex(base);
      s = this.baseIndex.toUtf16(start);
      e = this.baseIndex.toUtf16(end);
      if (s < 0 || e < 0) return { error: `span ${start}–${end} (code points) is past the end of the text (${this.baseIndex.length} code points)` };
    }
    if (!(s >= 0 && s < e && e <= base.length)) return { error: `span ${start}–${end} (${unitName(unit)}) is outside the text (${base.length} UTF-16 code units) or empty` };
    if (insidePair(base, s) || insidePair(base, e)) return { error: `span ${start}–${end} (${unitName(unit)}) splits a character in two (the offsets may count code points: try that unit)` };
    return { start: s, end: e };
  }
}

function unitName(unit: OffsetUnit): string {
  return unit === 'codepoints' ? 'code points' : unit === 'utf16' ? 'UTF-16 code units' : 'UTF-16 code units or code points';
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export interface PrepareOptions {
  /** The tag set of a document (by catalog key). */
  tagSetFor(key: string): TagSet;
  /** Import labels the tag set does not define (as slugs) instead of refusing them. */
  keepUnknownTags?: boolean;
}

export interface PreparedDocument {
  key: string;
  text: string;
  annotations: PlacedAnnotation[];
  /** Links between `annotations` (by object), typed by the tag set. */
  relations: PlacedRelation[];
}

/** Resolves and places every record; the annotations grouped by document, in input order. */
export async function prepareImport(
  records: readonly ImportRecord[],
  resolver: DocumentResolver,
  options: PrepareOptions,
  problems: Problem[],
): Promise<PreparedDocument[]> {
  const byKey = new Map<string, PreparedDocument>();
  for (const record of records) {
    const resolved = await resolver.resolve(record.hint);
    if ('error' in resolved) {
      problems.push(problemAt(record.where, `${resolved.error}; ${record.spans.length} annotation(s)${record.relations?.length ? ` and ${record.relations.length} relation(s)` : ''} not imported`));
      continue;
    }
    if (resolved.warning !== undefined) problems.push(problemAt(record.where, resolved.warning, 'warning'));
    // Several candidates (e.g. one Source URL, two files): the one where most spans fall into place.
    let best: { key: string; text: string; placements: ReturnType<SpanPlacer['place']>[]; ok: number } | null = null;
    for (const key of resolved.keys) {
      let text: string;
      try {
        text = await resolver.catalog.readText(key);
      } catch (error) {
        problems.push(problemAt(record.where, `cannot read the document ${key}: ${error instanceof Error ? error.message : String(error)}`));
        continue;
      }
      const placer = new SpanPlacer(text, record.hint.text);
      const placements = record.spans.map((s) => placer.place(s));
      const ok = placements.filter((p) => !('error' in p)).length;
      if (!best || ok > best.ok) best = { key, text, placements, ok };
    }
    if (!best) continue;
    if (resolved.keys.length > 1) {
      const entry = resolver.catalog.entries.find((e) => e.key === best!.key);
      problems.push(problemAt(record.where, `${resolved.keys.length} documents match; imported into ${entry?.relativePath ?? best.key}`, 'warning'));
    }
    let doc = byKey.get(best.key);
    if (!doc) byKey.set(best.key, (doc = { key: best.key, text: best.text, annotations: [], relations: [] }));
    const tagSet = options.tagSetFor(best.key);
    /** The annotation each ref names, or why there is none. */
    const byRef = new Map<string, PlacedAnnotation | string>();
    record.spans.forEach((span, i) => {
      const refuse = (why: string): void => {
        problems.push(problemAt(span.where, why));
        if (span.ref !== undefined && !byRef.has(span.ref)) byRef.set(span.ref, `it was not imported (${span.where}: ${why})`);
      };
      const placed = best!.placements[i]!;
      if ('error' in placed) return refuse(`cannot place the span: ${placed.error}`);
      const mapped = mapLabel(span.label, tagSet, options.keepUnknownTags);
      if ('error' in mapped) return refuse(mapped.error);
      const annotation: PlacedAnnotation = {
        tag: mapped.tag,
        start: placed.start,
        end: placed.end,
        attributes: checkAttributes(findTag(tagSet, mapped.tag)?.attributes ?? [], span.attributes, span.where, problems),
        note: span.note,
        where: span.where,
      };
      copyItemFields(span, annotation);
      doc.annotations.push(annotation);
      if (span.ref !== undefined && typeof byRef.get(span.ref) !== 'object') byRef.set(span.ref, annotation);
    });
    doc.relations.push(...placeRelations(record.relations ?? [], byRef, tagSet, options.keepUnknownTags === true, problems));
  }
  return [...byKey.values()];
}
