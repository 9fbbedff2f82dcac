/**
 * brat standoff `.ann` files (see export/brat.ts for what Seed Annotator writes). Text-bound annotations
 * (T) become spans from their first to their last fragment, in code points of the `.txt` beside, keeping
 * their type name as the label and their brat id (`T12`) as the annotation id; a span whose fragments are
 * separated by more than line breaks is reported (it is imported as one span). Attributes (A, and the older
 * M) become attribute values (`true` for a binary one); normalizations (N) the `normalizations` attribute;
 * AnnotatorNotes the note and the attributes written as `id: …` lines. Relations, events, equivalences and
 * other lines are not imported: each is reported by line.
 */
import type { Problem } from '../../annotations/problems';
import { NORMALIZATIONS, NOTE_ATTRIBUTE_LINE, SPAN_NOTE_LINE, unescapeNote, type Normalization } from '../export/brat';
import { CodePointIndex } from '../offsets';
import { problemAt, setOwn, type ImportRecord, type ImportedSpan, type ParseResult } from './types';

const OFFSETS = /^\d+ \d+(;\d+ \d+)*$/;

/**
 * `ann`: the `.ann` text; `fileName`: its name for messages; `txtFile`/`txt`: the document it annotates
 * (relative path and decoded text of the `.txt` beside, when there is one).
 */
export function parseBratAnn(ann: string, fileName: string, txtFile: string, txt?: string): ParseResult {
  const problems: Problem[] = [];
  const spans = new Map<string, ImportedSpan>();
  const notes = new Map<string, string[]>();
  const pendingAttributes: Array<{ target: string; key: string; value: unknown; where: string }> = [];
  const normalizations: Array<{ target: string; value: Normalization; where: string }> = [];
  let txtIndex: CodePointIndex | undefined;
  /** True when only line breaks lie between the fragments (brat's form of a span across lines). */
  const joinedByLineBreaks = (numbers: number[]): boolean => {
    if (txt === undefined) return true;
    txtIndex ??= new CodePointIndex(txt);
    for (let k = 1; k + 1 < numbers.length; k += 2) {
      const from = txtIndex.toUtf16(numbers[k]!);
      const to = txtIndex.toUtf16(numbers[k + 1]!);
      if (from < 0 || to < from || !/^[\r\n]*$/.test(txt.slice(from, to))) return false;
    }
    return true;
  };
  const notImported = (where: string, what: string) => problems.push(problemAt(where, `${what} not imported (Seed Annotator keeps text-bound annotations, their attributes, normalizations and notes)`, 'warning'));
  const lines = (ann.charCodeAt(0) === 0xfeff ? ann.slice(1) : ann).split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const where = `${fileName}:${i + 1}`;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? line : line.slice(0, tab);
    const rest = tab < 0 ? '' : line.slice(tab + 1);
    switch (id[0]) {
      case 'T': {
        const tab2 = rest.indexOf('\t');
        const head = tab2 < 0 ? rest : rest.slice(0, tab2);
        const space = head.indexOf(' ');
        const type = space < 0 ? head : head.slice(0, space);
        const offsets = space < 0 ? '' : head.slice(space + 1);
        if (!type || !OFFSETS.test(offsets)) {
          problems.push(problemAt(where, `expected '${id}<TAB>TYPE START END[;START END…]<TAB>TEXT'`));
          return;
        }
        const numbers = offsets.split(/[ ;]/).map(Number);
        let start = Infinity;
        let end = -Infinity;
        for (let k = 0; k < numbers.length; k += 2) {
          const s = numbers[k]!;
          const e = numbers[k + 1]!;
          if (e < s) {
            problems.push(problemAt(where, `fragment ${s} ${e} ends before it starts`));
            return;
          }
          start = Math.min(start, s);
          end = Math.max(end, e);
        }
        if (spans.has(id)) problems.push(problemAt(where, `duplicate id ${id} (the later one is used)`, 'warning'));
        if (!joinedByLineBreaks(numbers)) problems.push(problemAt(where, `discontinuous span ${offsets}: imported as one span from ${start} to ${end}`, 'warning'));
        spans.set(id, { label: type, start, end, unit: 'codepoints', attributes: {}, note: '', where, id });
        return;
      }
      case 'A':
      case 'M': {
        const parts = rest.split(' ');
        const [key, target, ...value] = parts;
        if (!key || !target) {
          problems.push(problemAt(where, `expected '${id}<TAB>NAME T<n>[ VALUE]'`));
          return;
        }
        pendingAttributes.push({ target, key, value: value.length > 0 ? value.join(' ') : true, where });
        return;
      }
      case '#': {
        const tab2 = rest.indexOf('\t');
        const [type, target] = (tab2 < 0 ? rest : rest.slice(0, tab2)).split(' ');
        if (!target) {
          problems.push(problemAt(where, `expected '${id}<TAB>AnnotatorNotes T<n><TAB>TEXT'`));
          return;
        }
        if (type !== 'AnnotatorNotes') {
          notImported(where, `a '${type}' comment`);
          return;
        }
        const list = notes.get(target) ?? [];
        list.push(tab2 < 0 ? '' : rest.slice(tab2 + 1));
        notes.set(target, list);
        return;
      }
      case 'N': {
        const tab2 = rest.indexOf('\t');
        const [type, target, ref] = (tab2 < 0 ? rest : rest.slice(0, tab2)).split(' ');
        if (!type || !target || !ref) {
          problems.push(problemAt(where, `expected '${id}<TAB>TYPE T<n> RESOURCE:ID<TAB>TEXT'`));
          return;
        }
        normalizations.push({ target, value: { type, ref, text: tab2 < 0 ? '' : unescapeNote(rest.slice(tab2 + 1)) }, where });
        return;
      }
      default:
        notImported(where, id[0] === 'R' ? 'a relation' : id[0] === 'E' ? 'an event' : id[0] === '*' ? 'an equivalence' : `a line of kind '${id[0]}'`);
    }
  });
  for (const { target, value, where } of normalizations) {
    const span = spans.get(target);
    if (!span) {
      notImported(where, `a normalization of ${target}, which is not a text-bound annotation of this file,`);
      continue;
    }
    const list = Object.hasOwn(span.attributes, NORMALIZATIONS) && Array.isArray(span.attributes[NORMALIZATIONS]) ? (span.attributes[NORMALIZATIONS] as Normalization[]) : [];
    setOwn(span.attributes, NORMALIZATIONS, [...list, value]);
  }
  for (const { target, key, value, where } of pendingAttributes) {
    const span = spans.get(target);
    if (span) setOwn(span.attributes, key, value);
    else problems.push(problemAt(where, `attribute of ${target}, which is not a text-bound annotation of this file`, 'warning'));
  }
  for (const [target, list] of notes) {
    const span = spans.get(target);
    if (!span) {
      problems.push(problemAt(fileName, `AnnotatorNotes of ${target}, which is not a text-bound annotation of this file`, 'warning'));
      continue;
    }
    const noteLines: string[] = [];
    for (const text of list) {
      const exact = SPAN_NOTE_LINE.exec(text);
      if (exact) {
        span.start = Number(exact[1]);
        span.end = Number(exact[2]);
        continue;
      }
      const m = NOTE_ATTRIBUTE_LINE.exec(text);
      if (!m) {
        noteLines.push(unescapeNote(text));
        continue;
      }
      const [, key, kind, value] = m as unknown as [string, string | undefined, string | undefined, string];
      if (key === undefined || kind === '=') {
        try {
          const parsed: unknown = JSON.parse(unescapeNote(value));
          if (key !== undefined) setOwn(span.attributes, key, parsed);
          else if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) setOwn(span.attributes, k, v);
          else throw new Error('not an object');
        } catch {
          problems.push(problemAt(span.where, `the AnnotatorNotes value${key ? ` of '${key}'` : ''} is not valid JSON: ${value.slice(0, 60)}`));
        }
      } else if (key === 'note' && kind === undefined) noteLines.push(unescapeNote(value));
      else if (kind === '[]') setOwn(span.attributes, key, value === '' ? [] : value.split(' '));
      else setOwn(span.attributes, key, unescapeNote(value));
    }
    span.note = noteLines.join('\n');
  }
  const record: ImportRecord = { hint: { file: txtFile, ...(txt !== undefined ? { text: txt } : {}) }, spans: [...spans.values()], where: fileName };
  return { records: record.spans.length > 0 ? [record] : [], problems };
}
