/**
 * `brat` standoff (https://brat.nlplab.org/standoff.html): for each document `X.txt`, the files `X.txt` (the
 * document text exactly as annotated: BOM removed, line endings kept) and `X.ann`, and one `annotation.conf`
 * for the whole folder. Offsets count Unicode code points, as brat (Python) does.
 *
 *   T1<TAB>claim 120 164<TAB>text                  a span; one crossing line breaks is written in brat's
 *   T2<TAB>quote 10 42;43 80<TAB>text text         discontinuous form, fragments around each line break
 *                                                  (their texts joined by a space, as brat does)
 *   A1<TAB>verdict T1 false                        an attribute whose value is a word: an enum of the tag
 *   A2<TAB>Negation T1                             set, or one the tag set does not define; `true` is a
 *                                                  binary attribute (no value)
 *   N1<TAB>Reference T1 Wikipedia:534366<TAB>Obama   a normalization (attribute `normalizations`)
 *   #1<TAB>AnnotatorNotes T1<TAB>note              the note, then one line per other attribute:
 *   #2<TAB>AnnotatorNotes T1<TAB>speaker: Jane Doe       `id: text`
 *   #3<TAB>AnnotatorNotes T1<TAB>evidence[]: https://a https://b   `id[]: list of space-free strings`
 *                                                  `id=: <JSON>` for any other value
 *                                                  `=: {"Some Name": …}` for a name that is not an id
 *   R1<TAB>attributed-to Arg1:T2 Arg2:T5           a relation, from Arg1 to Arg2, with its A and
 *   #4<TAB>AnnotatorNotes R1<TAB>note              AnnotatorNotes lines as above
 * The tag is written as it is: a type imported from brat (`DNA_methylation`) goes back unchanged. An
 * annotation whose id is a brat id (`T12`, as imported from brat) keeps it, and those come first, in id
 * order, so a brat corpus round-trips byte for byte in its T lines; the others are numbered after them in
 * text order. In notes and text values `\` LF CR TAB are written `\\` `\n` `\r` `\t`, and every other
 * control character (C0, DEL, C1, U+2028, U+2029) `\uXXXX`, so a note is always one line. A note that would
 * read as an attribute line is written `note: <note>`. A span that starts or ends with a line break (which no
 * fragment can hold) gets a note line `@span: START END` with its exact code point offsets. Orphaned
 * annotations (their offsets refer to an older text) and spans of line breaks only are left out (reported), and
 * so are the relations to them. Relations follow the T lines: those with brat ids (`R3`) keep them and come
 * first, in id order. `annotation.conf` (see bratConf.ts) lists every type written.
 */
import type { Annotation, AttributeDef, TagSet } from '../../annotations/schema';
import { findRelationType, findTag } from '../../annotations/tags';
import { isAnchored, tagSetOf, type ExportDocument, type ExportOptions } from '../model';
import { CodePointIndex } from '../offsets';
import { BratConf } from './bratConf';
import { annotationWarning, relationsBetween, statsOf, type WithStats } from './common';

export interface OutputFile {
  /** Path relative to the output folder, `/`-separated. */
  path: string;
  content: string;
}

export const BRAT_CONF = 'annotation.conf';

/**
 * A line of AnnotatorNotes that reads as an attribute: `id: `, `id[]: ` or `id=: `; or `=: ` followed by a
 * JSON object, for attributes whose names are not ids (`Some Name`), which the other forms cannot carry.
 */
export const NOTE_ATTRIBUTE_LINE = /^(?:([a-z][a-z0-9_-]{0,63})(\[\]|=)?|=): ([^]*)$/;
const ATTRIBUTE_ID = /^[a-z][a-z0-9_-]{0,63}$/;
/** The note line that gives a span's exact ends when its fragments cannot (it starts or ends with a line break). */
export const SPAN_NOTE_LINE = /^@span: (\d+) (\d+)$/;

/** Characters a note line cannot hold as they are: the escape itself and every control or line-separating character. */
const NOTE_ESCAPED = /[\\\x00-\x1f\x7f-\x9f\u2028\u2029]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeNote(text: string): string {
  return text.replace(NOTE_ESCAPED, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function unescapeNote(text: string): string {
  return text.replace(/\\(?:([\\nrt])|u([0-9a-fA-F]{4}))/g, (_m, c: string | undefined, hex: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\',
  );
}

/** The attribute that holds brat normalizations (`N` lines): a list of `{ type, ref, text }`. */
export const NORMALIZATIONS = 'normalizations';
/** A brat id of a text-bound annotation, kept as the annotation id when imported. */
export const BRAT_T_ID = /^T([1-9][0-9]{0,9})$/;
/** A brat id of a relation, kept as the relation id when imported. */
export const BRAT_R_ID = /^R([1-9][0-9]{0,9})$/;

export interface Normalization {
  type: string;
  ref: string;
  text: string;
}

function isNormalizations(value: unknown): value is Normalization[] {
  const word = (v: unknown) => typeof v === 'string' && /^[^\s\x00-\x1f\x7f-\x9f]+$/.test(v);
  return Array.isArray(value) && value.length > 0 && value.every((n) => n !== null && typeof n === 'object' && word(n.type) && word(n.ref) && typeof n.text === 'string');
}

/** `X.txt` → `X` (the brat base name). */
export function bratBase(file: string): string {
  return file.endsWith('.txt') ? file.slice(0, -4) : file;
}

/** [start, end) split around line breaks (CRLF, LF, CR) into non-empty fragments; none if it is all line breaks. */
export function fragments(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (end > from) out.push([from, end]);
  return out;
}

const BRAT_WORD = /^[^\s\x00-\x1f\x7f-\x9f\u2028\u2029]+$/;

/**
 * Whether an attribute is an A line: its name is a brat word, and its value a word that is an enum value of its
 * definition (`defs`: the tag's or relation type's attributes) or of an attribute `defs` does not define, or
 * `true` (a binary attribute).
 */
function isBratAttribute(defs: readonly AttributeDef[], key: string, value: unknown): value is string | true {
  if (!BRAT_WORD.test(key)) return false;
  const def = defs.find((d) => d.id === key);
  if (def !== undefined && def.kind !== 'enum') return false;
  return value === true ? def === undefined : typeof value === 'string' && BRAT_WORD.test(value);
}

function noteAttributeLine(key: string, value: unknown): string {
  if (!ATTRIBUTE_ID.test(key)) return `=: ${escapeNote(JSON.stringify({ [key]: value }))}`;
  // `note: …` is the note itself, so an attribute called `note` always takes the JSON form.
  if (typeof value === 'string' && key !== 'note') return `${key}: ${escapeNote(value)}`;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '' && !/\s/.test(v))) {
    return `${key}[]: ${value.join(' ')}`;
  }
  return `${key}=: ${escapeNote(JSON.stringify(value) ?? 'null')}`;
}

/** brat ids (`T12`, `R3`) of items that have one are kept (once); the others are numbered after them. */
class BratIds {
  private readonly pattern: RegExp;
  private readonly taken = new Set<number>();
  private readonly written = new Set<number>();
  private next = 0;

  constructor(
    private readonly prefix: 'T' | 'R',
    ids: Iterable<string>,
  ) {
    this.pattern = prefix === 'T' ? BRAT_T_ID : BRAT_R_ID;
    for (const id of ids) {
      const n = this.number(id);
      if (n !== null) this.taken.add(n);
    }
  }

  /** The brat number of an id, or null. */
  number(id: string): number | null {
    const m = this.pattern.exec(id);
    return m ? Number(m[1]) : null;
  }

  /** Items with brat ids first (in id order), the rest after them in the order `rest` gives. */
  order<T extends { id: string }>(items: readonly T[], rest: (a: T, b: T) => number = () => 0): T[] {
    return [...items].sort((a, b) => (this.number(a.id) ?? Infinity) - (this.number(b.id) ?? Infinity) || rest(a, b));
  }

  /** The brat id to write for `id`: its own unless already written, else the next free number. */
  take(id: string): string {
    let n = this.number(id);
    if (n === null || this.written.has(n)) {
      do this.next++;
      while (this.taken.has(this.next));
      this.taken.add(this.next);
      n = this.next;
    }
    this.written.add(n);
    return `${this.prefix}${n}`;
  }
}

/** The lines of one `.ann`, with the counters of its A, N and `#` lines. */
class AnnLines {
  readonly lines: string[] = [];
  private attr = 0;
  private norm = 0;
  private note = 0;

  constructor(private readonly conf?: BratConf) {}

  /** A and N lines for the attributes of the item written as `id` (of type `type`), then its note lines. */
  extras(id: string, type: string, defs: readonly AttributeDef[], item: Pick<Annotation, 'note' | 'attributes'>, notes: string[] = []): void {
    if (item.note) {
      const escaped = escapeNote(item.note);
      notes.push(NOTE_ATTRIBUTE_LINE.test(escaped) || escaped.startsWith('@span: ') ? `note: ${escaped}` : escaped);
    }
    for (const [key, value] of Object.entries(item.attributes)) {
      if (isBratAttribute(defs, key, value)) {
        this.lines.push(`A${++this.attr}\t${key} ${id}${value === true ? '' : ` ${value}`}`);
        this.conf?.attribute(key, type, value);
      } else if (key === NORMALIZATIONS && isNormalizations(value)) {
        for (const v of value) this.lines.push(`N${++this.norm}\t${v.type} ${id} ${v.ref}\t${escapeNote(v.text)}`);
      } else {
        notes.push(noteAttributeLine(key, value));
      }
    }
    for (const line of notes) this.lines.push(`#${++this.note}\tAnnotatorNotes ${id}\t${line}`);
  }
}

/** The `.ann` content for one document; what cannot be written is reported through `onProblem`. */
export function bratAnn(doc: ExportDocument, tagSet: TagSet, conf?: BratConf, onProblem?: ExportOptions['onProblem']): { content: string; written: number; skipped: number; relations: number } {
  const index = new CodePointIndex(doc.text);
  const out = new AnnLines(conf);
  const tIds = new BratIds('T', doc.annotations.map((a) => a.id));
  /** annotation id → its T id and tag */
  const written = new Map<string, { id: string; tag: string }>();
  let skipped = 0;
  for (const a of tIds.order(doc.annotations, (x, y) => x.target.start - y.target.start || x.target.end - y.target.end)) {
    const parts = isAnchored(a) ? fragments(doc.text, a.target.start, a.target.end) : [];
    if (parts.length === 0) {
      skipped++;
      onProblem?.(annotationWarning(doc.file, a.id, `left out of brat: ${isAnchored(a) ? 'its span holds only line breaks' : 'orphaned (its text is no longer in the document)'}`));
      continue;
    }
    const id = tIds.take(a.id);
    written.set(a.id, { id, tag: a.tag });
    const offsets = parts.map(([s, e]) => `${index.toCodePoints(s)} ${index.toCodePoints(e)}`).join(';');
    const text = parts.map(([s, e]) => doc.text.slice(s, e)).join(' ');
    out.lines.push(`${id}\t${a.tag} ${offsets}\t${text}`);
    conf?.entity(a.tag);
    const notes: string[] = [];
    if (parts[0]![0] !== a.target.start || parts[parts.length - 1]![1] !== a.target.end) {
      notes.push(`@span: ${index.toCodePoints(a.target.start)} ${index.toCodePoints(a.target.end)}`);
    }
    out.extras(id, a.tag, findTag(tagSet, a.tag)?.attributes ?? [], a, notes);
  }
  const relations = relationsBetween(doc, new Set(written.keys()), 'brat', onProblem);
  const rIds = new BratIds('R', relations.map((r) => r.id));
  for (const r of rIds.order(relations)) {
    const id = rIds.take(r.id);
    const from = written.get(r.from)!;
    const to = written.get(r.to)!;
    out.lines.push(`${id}\t${r.type} Arg1:${from.id} Arg2:${to.id}`);
    conf?.relation(r.type, from.tag, to.tag);
    out.extras(id, r.type, findRelationType(tagSet, r.type)?.attributes ?? [], r);
  }
  return { content: out.lines.length > 0 ? `${out.lines.join('\n')}\n` : '', written: written.size, skipped, relations: relations.length };
}

/** Yields `X.txt` and `X.ann` per document, then `annotation.conf`. */
export async function* exportBrat(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<OutputFile> {
  const stats = statsOf(options);
  const tagSet = tagSetOf(options);
  const conf = new BratConf(tagSet);
  for await (const doc of docs) {
    const base = bratBase(doc.file);
    const ann = bratAnn(doc, tagSet, conf, options.onProblem);
    yield { path: `${base}.txt`, content: doc.text };
    yield { path: `${base}.ann`, content: ann.content };
    stats.documents++;
    stats.annotations += ann.written;
    stats.skipped += ann.skipped;
    stats.relations += ann.relations;
    options.onDocument?.(doc, ann.written);
  }
  yield { path: BRAT_CONF, content: conf.render() };
}
