/**
 * brat standoff `.ann` files (see export/brat.ts for what Seed Annotator writes). Text-bound annotations
 * (T) become spans from their first to their last fragment, in code points of the `.txt` beside, keeping
 * their type name as the label and their brat id (`T12`) as the annotation id; a span whose fragments are
 * separated by more than line breaks is reported (it is imported as one span). Relations (R) become relations
 * from Arg1 to Arg2 (the brat id kept as the relation id); an event (E) with a trigger and one argument becomes
 * a relation from the trigger to the argument, typed by the event type or else its role; an equivalence (`*`)
 * becomes links of the tag set's symmetric relation type (such as `same-as`) between its members, in a chain.
 * Attributes (A, and the older M) become attribute values (`true` for a binary one); normalizations (N) the
 * `normalizations` attribute; AnnotatorNotes the note and the attributes written as `id: …` lines — on
 * annotations and relations alike. What cannot be kept (an event of another shape, a relation to an event, a
 * line of another kind) is reported by line.
 */
import type { Problem } from '../../annotations/problems';
import { NORMALIZATIONS, NOTE_ATTRIBUTE_LINE, SPAN_NOTE_LINE, unescapeNote, type Normalization } from '../export/brat';
import { CodePointIndex } from '../offsets';
import { problemAt, setOwn, type ImportRecord, type ImportedRelation, type ImportedSpan, type ParseResult } from './types';

const OFFSETS = /^\d+ \d+(;\d+ \d+)*$/;
/** `ROLE:ID` of a relation or event argument. */
const ARGUMENT = /^([^\s:]+):([^\s:]+)$/;

/** The lines of a `.ann` that attach to an annotation or relation, read after all of them. */
interface Attachments {
  attributes: Array<{ target: string; key: string; value: unknown; where: string }>;
  normalizations: Array<{ target: string; value: Normalization; where: string }>;
  notes: Map<string, string[]>;
}

/**
 * `ann`: the `.ann` text; `fileName`: its name for messages; `txtFile`/`txt`: the document it annotates
 * (relative path and decoded text of the `.txt` beside, when there is one).
 */
export function parseBratAnn(ann: string, fileName: string, txtFile: string, txt?: string): ParseResult {
  const problems: Problem[] = [];
  const spans = new Map<string, ImportedSpan>();
  const relations = new Map<string, ImportedRelation>();
  const equivalences: ImportedRelation[] = [];
  const attached: Attachments = { attributes: [], normalizations: [], notes: new Map() };
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
  const notImported = (where: string, what: string) => problems.push(problemAt(where, `${what} not imported (Seed Annotator keeps text-bound annotations, binary relations, their attributes, normalizations and notes)`, 'warning'));
  const lines = (ann.charCodeAt(0) === 0xfeff ? ann.slice(1) : ann).split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const where = `${fileName}:${i + 1}`;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? line : line.slice(0, tab);
    const rest = tab < 0 ? '' : line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const head = tab2 < 0 ? rest : rest.slice(0, tab2);
    const tail = tab2 < 0 ? '' : rest.slice(tab2 + 1);
    switch (id[0]) {
      case 'T': {
        const span = textBound(id, head, where, problems, joinedByLineBreaks);
        if (!span) return;
        if (spans.has(id)) problems.push(problemAt(where, `duplicate id ${id} (the later one is used)`, 'warning'));
        spans.set(id, span);
        return;
      }
      case 'R':
      case 'E': {
        const relation = id[0] === 'R' ? binaryRelation(id, head, where, problems) : binaryEvent(id, head, where, notImported);
        if (!relation) return;
        if (relations.has(id)) problems.push(problemAt(where, `duplicate id ${id} (the later one is used)`, 'warning'));
        relations.set(id, relation);
        return;
      }
      case '*': {
        const [type, ...members] = head.split(' ').filter((x) => x !== '');
        if (!type || members.length < 2) {
          problems.push(problemAt(where, "expected '*<TAB>TYPE T<n> T<m>…'"));
          return;
        }
        for (let k = 1; k < members.length; k++) equivalences.push({ labels: [type], equivalence: true, from: members[k - 1]!, to: members[k]!, attributes: {}, note: '', where });
        return;
      }
      case 'A':
      case 'M': {
        const [key, target, ...value] = rest.split(' ');
        if (!key || !target) {
          problems.push(problemAt(where, `expected '${id}<TAB>NAME T<n>[ VALUE]'`));
          return;
        }
        attached.attributes.push({ target, key, value: value.length > 0 ? value.join(' ') : true, where });
        return;
      }
      case '#': {
        const [type, target] = head.split(' ');
        if (!target) {
          problems.push(problemAt(where, `expected '${id}<TAB>AnnotatorNotes T<n><TAB>TEXT'`));
          return;
        }
        if (type !== 'AnnotatorNotes') {
          notImported(where, `a '${type}' comment`);
          return;
        }
        attached.notes.set(target, [...(attached.notes.get(target) ?? []), tail]);
        return;
      }
      case 'N': {
        const [type, target, ref] = head.split(' ');
        if (!type || !target || !ref) {
          problems.push(problemAt(where, `expected '${id}<TAB>TYPE T<n> RESOURCE:ID<TAB>TEXT'`));
          return;
        }
        attached.normalizations.push({ target, value: { type, ref, text: unescapeNote(tail) }, where });
        return;
      }
      default:
        notImported(where, `a line of kind '${id[0]}'`);
    }
  });
  attach(spans, relations, attached, fileName, problems, notImported);
  const record: ImportRecord = {
    hint: { file: txtFile, ...(txt !== undefined ? { text: txt } : {}) },
    spans: [...spans.values()],
    relations: [...relations.values(), ...equivalences],
    where: fileName,
  };
  return { records: record.spans.length > 0 ? [record] : [], problems };
}

/** A `T` line's type and offsets → a span (its text is not read: the `.txt` is). */
function textBound(id: string, head: string, where: string, problems: Problem[], joinedByLineBreaks: (numbers: number[]) => boolean): ImportedSpan | null {
  const space = head.indexOf(' ');
  const type = space < 0 ? head : head.slice(0, space);
  const offsets = space < 0 ? '' : head.slice(space + 1);
  if (!type || !OFFSETS.test(offsets)) {
    problems.push(problemAt(where, `expected '${id}<TAB>TYPE START END[;START END…]<TAB>TEXT'`));
    return null;
  }
  const numbers = offsets.split(/[ ;]/).map(Number);
  let start = Infinity;
  let end = -Infinity;
  for (let k = 0; k < numbers.length; k += 2) {
    const s = numbers[k]!;
    const e = numbers[k + 1]!;
    if (e < s) {
      problems.push(problemAt(where, `fragment ${s} ${e} ends before it starts`));
      return null;
    }
    start = Math.min(start, s);
    end = Math.max(end, e);
  }
  if (!joinedByLineBreaks(numbers)) problems.push(problemAt(where, `discontinuous span ${offsets}: imported as one span from ${start} to ${end}`, 'warning'));
  return { label: type, start, end, unit: 'codepoints', attributes: {}, note: '', where, id, ref: id };
}

/** `R1<TAB>TYPE Arg1:T3 Arg2:T7` → a relation from the first argument to the second. */
function binaryRelation(id: string, head: string, where: string, problems: Problem[]): ImportedRelation | null {
  const [type, ...args] = head.split(' ').filter((x) => x !== '');
  const ends = args.map((a) => ARGUMENT.exec(a));
  if (!type || ends.length !== 2 || !ends[0] || !ends[1]) {
    problems.push(problemAt(where, `expected '${id}<TAB>TYPE Arg1:T<n> Arg2:T<m>'`));
    return null;
  }
  return { labels: [type], from: ends[0][2]!, to: ends[1][2]!, attributes: {}, note: '', id, where };
}

/** `E1<TAB>TYPE:T4 ROLE:T5` (a trigger and one argument) → a relation from the trigger, typed by TYPE or else ROLE. */
function binaryEvent(id: string, head: string, where: string, notImported: (where: string, what: string) => void): ImportedRelation | null {
  const [trigger, ...args] = head.split(' ').filter((x) => x !== '');
  const parts = [trigger ?? '', ...args].map((a) => ARGUMENT.exec(a));
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    notImported(where, `an event with ${args.length} argument${args.length === 1 ? '' : 's'} (only a trigger and one argument map to a relation)`);
    return null;
  }
  return { labels: [parts[0][1]!, parts[1][1]!.replace(/\d+$/, '')], from: parts[0][2]!, to: parts[1][2]!, attributes: {}, note: '', id, where };
}

/** Puts the attributes, normalizations and notes on the annotations and relations they name. */
function attach(
  spans: ReadonlyMap<string, ImportedSpan>,
  relations: ReadonlyMap<string, ImportedRelation>,
  attached: Attachments,
  fileName: string,
  problems: Problem[],
  notImported: (where: string, what: string) => void,
): void {
  const itemOf = (target: string) => spans.get(target) ?? relations.get(target);
  for (const { target, value, where } of attached.normalizations) {
    const item = itemOf(target);
    if (!item) {
      notImported(where, `a normalization of ${target}, which is not an annotation or relation of this file,`);
      continue;
    }
    const list = Object.hasOwn(item.attributes, NORMALIZATIONS) && Array.isArray(item.attributes[NORMALIZATIONS]) ? (item.attributes[NORMALIZATIONS] as Normalization[]) : [];
    setOwn(item.attributes, NORMALIZATIONS, [...list, value]);
  }
  for (const { target, key, value, where } of attached.attributes) {
    const item = itemOf(target);
    if (item) setOwn(item.attributes, key, value);
    else notImported(where, `an attribute of ${target}, which is not an annotation or relation of this file,`);
  }
  for (const [target, list] of attached.notes) {
    const item = itemOf(target);
    if (!item) {
      problems.push(problemAt(fileName, `AnnotatorNotes of ${target}, which is not an annotation or relation of this file, not imported`, 'warning'));
      continue;
    }
    readNotes(item, list, spans.get(target), problems);
  }
}

/** AnnotatorNotes lines → the note, the attributes written as note lines and (for a span) its exact ends. */
function readNotes(item: ImportedSpan | ImportedRelation, list: readonly string[], span: ImportedSpan | undefined, problems: Problem[]): void {
  const noteLines: string[] = [];
  for (const text of list) {
    const exact = span ? SPAN_NOTE_LINE.exec(text) : null;
    if (span && exact) {
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
        if (key !== undefined) setOwn(item.attributes, key, parsed);
        else if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) setOwn(item.attributes, k, v);
        else throw new Error('not an object');
      } catch {
        problems.push(problemAt(item.where, `the AnnotatorNotes value${key ? ` of '${key}'` : ''} is not valid JSON: ${value.slice(0, 60)}`));
      }
    } else if (key === 'note' && kind === undefined) noteLines.push(unescapeNote(value));
    else if (kind === '[]') setOwn(item.attributes, key, value === '' ? [] : value.split(' '));
    else setOwn(item.attributes, key, unescapeNote(value));
  }
  item.note = noteLines.join('\n');
}
