/**
 * The units "Tag next" walks through: the outermost quotations and the sentences of the body paragraphs, in
 * document order. Pure TypeScript (no vscode import): it only combines src/core/parse.ts and selection.ts.
 */
import type { ParsedDocument, Quotation, Span } from './document';
import { sentenceAt } from './selection';

export interface Unit extends Span {
  kind: 'quotation' | 'sentence';
  /** The quotation, for a unit of kind `quotation` (its attribution is looked up from it). */
  quotation?: Quotation;
}

/** The sentences of one paragraph, from its start to its end, as sentenceAt finds them (never overlapping). */
function sentencesOf(text: string, doc: ParsedDocument, paragraph: Span): Span[] {
  const out: Span[] = [];
  let at = paragraph.start;
  while (at < paragraph.end) {
    const s = sentenceAt(text, doc, at);
    if (!s || s.end <= at) break;
    const start = Math.max(s.start, at);
    if (start < s.end) out.push({ start, end: s.end });
    at = s.end;
    while (at < paragraph.end && /\s/.test(text[at]!)) at++;
  }
  return out;
}

/**
 * Every unit of the body: depth-0 quotations inside paragraphs and every sentence, sorted by start, a longer unit
 * before a shorter one that starts at the same offset (a sentence before the quotation it opens with); a sentence
 * that is exactly a quotation is listed once, as the quotation.
 */
export function unitsOf(text: string, doc: ParsedDocument): Unit[] {
  const units: Unit[] = [];
  for (const paragraph of doc.paragraphs) {
    for (const s of sentencesOf(text, doc, paragraph)) units.push({ kind: 'sentence', ...s });
    for (const q of doc.quotations) {
      if (q.depth === 0 && q.start >= paragraph.start && q.end <= paragraph.end) units.push({ kind: 'quotation', start: q.start, end: q.end, quotation: q });
    }
  }
  units.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === 'quotation' ? -1 : 1));
  // A sentence that is exactly a quotation is one unit: the quotation.
  return units.filter((u, i) => i === 0 || u.start !== units[i - 1]!.start || u.end !== units[i - 1]!.end);
}

/** Whether `unit` comes after `current`: an empty span (a caret) counts units from it on. */
export function isAfter(unit: Span, current: Span): boolean {
  if (current.start === current.end) return unit.start >= current.start;
  return unit.start > current.start || (unit.start === current.start && unit.end < current.end);
}

/**
 * The first unit after `current` that no annotation covers exactly (any tag; orphans do not count), or null.
 * `tagged` are the spans of the document's anchored annotations.
 */
export function nextUntagged(units: readonly Unit[], tagged: readonly Span[], current: Span): Unit | null {
  const taken = new Set(tagged.map((t) => `${t.start}:${t.end}`));
  return units.find((u) => isAfter(u, current) && !taken.has(`${u.start}:${u.end}`)) ?? null;
}
