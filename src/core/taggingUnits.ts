/**
 * The units "Tag next" walks through, in document order: the quotes the suggestion engine finds (outermost
 * quotations, over several paragraphs too, without scare quotes and titles) and the claim candidates (whole
 * sentences with a checkable signal that contain no quote). Pure TypeScript: it reuses src/core/suggest.
 */
import type { ParsedDocument, Quotation, Span } from './document';
import { claimCandidates, overlaps } from './suggest/claims';
import { looksLikeScareQuoteOrTitle, quoteSpans } from './suggest/quotes';
import { speakersOf } from './suggest/speakers';

export interface Unit extends Span {
  kind: 'quotation' | 'sentence';
  /** The quotation, for a unit of kind `quotation` (its last paragraph's part when it runs over several). */
  quotation?: Quotation;
  /** Who said it and the cue verb, for a quotation whose speaker was found. */
  speaker?: string;
  cue?: string;
}

/** Every unit of the body, sorted by start; units never overlap one another. */
export function unitsOf(text: string, doc: ParsedDocument): Unit[] {
  const units: Unit[] = [];
  const quotes = quoteSpans(text, doc);
  const speakers = speakersOf(text, doc, quotes);
  quotes.forEach((q, i) => {
    const who = speakers[i];
    if ((!who || who.how === 'subject' || who.how === 'continuation') && looksLikeScareQuoteOrTitle(text.slice(q.start, q.end))) return;
    const unit: Unit = { kind: 'quotation', start: q.start, end: q.end, quotation: q.last };
    if (who) Object.assign(unit, who.cue ? { speaker: who.speaker, cue: who.cue } : { speaker: who.speaker });
    units.push(unit);
  });
  for (const c of claimCandidates(text, doc, units)) units.push({ kind: 'sentence', start: c.start, end: c.end });
  return units.sort((a, b) => a.start - b.start);
}

/** Whether `unit` comes after `current`: an empty span (a caret) counts units from it on. */
export function isAfter(unit: Span, current: Span): boolean {
  if (current.start === current.end) return unit.start >= current.start;
  return unit.start > current.start || (unit.start === current.start && unit.end < current.end);
}

/**
 * The first unit after `current` that overlaps no annotation (any tag; orphans do not count), or null: a sentence
 * around a tagged quote, or a quote inside a tagged claim, is not proposed. `tagged` are the anchored spans.
 */
export function nextUntagged(units: readonly Unit[], tagged: readonly Span[], current: Span): Unit | null {
  return units.find((u) => isAfter(u, current) && !tagged.some((t) => overlaps(t, u))) ?? null;
}
