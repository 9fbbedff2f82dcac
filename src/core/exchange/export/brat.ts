/**
 * `brat` standoff (https://brat.nlplab.org/standoff.html): for each document `X.txt`, the files `X.txt` (the
 * document text exactly as annotated: BOM removed, line endings kept) and `X.ann`, and one `annotation.conf`
 * for the whole folder. Offsets count Unicode code points, as brat (Python) does.
 *
 *   T1<TAB>claim 120 164<TAB>text                  a span; one crossing line breaks is written in brat's
 *   T2<TAB>quote 10 42;43 80<TAB>text text         discontinuous form, fragments around each line break
 *                                                  (their texts joined by a space, as brat does)
 *   A1<TAB>verdict T1 false                        an enum attribute (per the tag set) whose value has no space
 *   #1<TAB>AnnotatorNotes T1<TAB>note              the note, then one line per other attribute:
 *   #2<TAB>AnnotatorNotes T1<TAB>speaker: Jane Doe       `id: text`
 *   #3<TAB>AnnotatorNotes T1<TAB>evidence[]: https://a https://b   `id[]: list of space-free strings`
 *                                                  `id=: <JSON>` for any other value
 *                                                  `=: {"Some Name": …}` for a name that is not an id
 * In notes and text values `\` `LF` `CR` `TAB` are written `\\` `\n` `\r` `\t`. A note that would read as an
 * attribute line is written `note: <note>`. A span that starts or ends with a line break (which no fragment
 * can hold) gets a note line `@span: START END` with its exact code point offsets. Orphaned annotations
 * (their offsets refer to an older text) and spans of line breaks only are left out.
 */
import type { Annotation, TagSet } from '../../annotations/schema';
import { findTag } from '../../annotations/tags';
import { isAnchored, tagSetOf, type ExportDocument, type ExportOptions } from '../model';
import { CodePointIndex } from '../offsets';
import { statsOf, type WithStats } from './common';

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

export function escapeNote(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

export function unescapeNote(text: string): string {
  return text.replace(/\\([\\nrt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\'));
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

/** Where each attribute goes: an A line (enum with a space-free text value) or a note line. */
function isBratAttribute(tagSet: TagSet, tag: string, key: string, value: unknown): value is string {
  const def = findTag(tagSet, tag)?.attributes.find((d) => d.id === key);
  return def?.kind === 'enum' && typeof value === 'string' && /^\S+$/.test(value);
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

/** Entity types and attribute values used, for annotation.conf. */
class ConfCollector {
  readonly entities = new Set<string>();
  /** attribute id → { entity types, values } */
  readonly attributes = new Map<string, { args: Set<string>; values: Set<string> }>();

  constructor(tagSet: TagSet) {
    for (const tag of tagSet.tags) {
      this.entities.add(tag.id);
      for (const def of tag.attributes) if (def.kind === 'enum') for (const v of def.values ?? []) this.attribute(def.id, tag.id, v);
    }
  }

  attribute(id: string, entity: string, value: string): void {
    let entry = this.attributes.get(id);
    if (!entry) this.attributes.set(id, (entry = { args: new Set(), values: new Set() }));
    entry.args.add(entity);
    entry.values.add(value);
  }

  render(): string {
    const lines = ['# Written by Seed Annotator: the tags and attributes of the exported annotations.', '[entities]', ...this.entities];
    lines.push('', '[relations]', '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>', '', '[events]', '', '[attributes]');
    for (const [id, { args, values }] of this.attributes) lines.push(`${id}\tArg:${[...args].join('|')}, Value:${[...values].join('|')}`);
    return `${lines.join('\n')}\n`;
  }
}

/** The `.ann` content for one document. */
export function bratAnn(doc: ExportDocument, tagSet: TagSet, conf?: ConfCollector): { content: string; written: number; skipped: number } {
  const index = new CodePointIndex(doc.text);
  const lines: string[] = [];
  let t = 0;
  let attr = 0;
  let note = 0;
  let skipped = 0;
  const sorted = [...doc.annotations].sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end);
  for (const a of sorted) {
    if (!isAnchored(a)) {
      skipped++;
      continue;
    }
    const parts = fragments(doc.text, a.target.start, a.target.end);
    if (parts.length === 0) {
      skipped++;
      continue;
    }
    const id = `T${++t}`;
    const offsets = parts.map(([s, e]) => `${index.toCodePoints(s)} ${index.toCodePoints(e)}`).join(';');
    const text = parts.map(([s, e]) => doc.text.slice(s, e)).join(' ');
    lines.push(`${id}\t${a.tag} ${offsets}\t${text}`);
    conf?.entities.add(a.tag);
    const notes: string[] = [];
    if (parts[0]![0] !== a.target.start || parts[parts.length - 1]![1] !== a.target.end) {
      notes.push(`@span: ${index.toCodePoints(a.target.start)} ${index.toCodePoints(a.target.end)}`);
    }
    if (a.note) {
      const escaped = escapeNote(a.note);
      notes.push(NOTE_ATTRIBUTE_LINE.test(escaped) || escaped.startsWith('@span: ') ? `note: ${escaped}` : escaped);
    }
    for (const [key, value] of Object.entries(a.attributes)) {
      if (isBratAttribute(tagSet, a.tag, key, value)) {
        lines.push(`A${++attr}\t${key} ${id} ${value}`);
        conf?.attribute(key, a.tag, value);
      } else {
        notes.push(noteAttributeLine(key, value));
      }
    }
    for (const n of notes) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${n}`);
  }
  return { content: lines.length > 0 ? `${lines.join('\n')}\n` : '', written: t, skipped };
}

/** Yields `X.txt` and `X.ann` per document, then `annotation.conf`. */
export async function* exportBrat(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<OutputFile> {
  const stats = statsOf(options);
  const tagSet = tagSetOf(options);
  const conf = new ConfCollector(tagSet);
  for await (const doc of docs) {
    const base = bratBase(doc.file);
    const ann = bratAnn(doc, tagSet, conf);
    yield { path: `${base}.txt`, content: doc.text };
    yield { path: `${base}.ann`, content: ann.content };
    stats.documents++;
    stats.annotations += ann.written;
    stats.skipped += ann.skipped;
    options.onDocument?.(doc, ann.written);
  }
  yield { path: BRAT_CONF, content: conf.render() };
}
