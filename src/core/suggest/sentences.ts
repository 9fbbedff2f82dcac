/**
 * The sentences of the body paragraphs, whole: `…` or `...` followed by a lower-case word continues the sentence,
 * and sentence ends inside a quotation do not split it (selection.ts's sentenceAt).
 */
import type { ParsedDocument, Span } from '../document';
import { sentenceAt } from '../selection';

/** The sentences of one paragraph in order, never overlapping, each one whole. */
export function sentencesOfParagraph(text: string, doc: ParsedDocument, paragraph: Span): Span[] {
  const out: Span[] = [];
  let at = paragraph.start;
  while (at < paragraph.end) {
    const s = sentenceAt(text, doc, at);
    if (!s || s.end <= at) break;
    const start = Math.max(s.start, at);
    const previous = out[out.length - 1];
    if (previous && continuesAfterEllipsis(text, previous, start)) previous.end = s.end;
    else if (start < s.end) out.push(...splitAfterQuotedEnd(text, { start, end: s.end }));
    at = s.end;
    while (at < paragraph.end && /\s/.test(text[at]!)) at++;
  }
  return out;
}

/**
 * sentenceAt does not end a sentence inside a quotation, so `… “for 2025.” The port will…` is one; a quotation closing
 * on a sentence end followed by a capitalised word that is not its attribution (`Perrin said`) ends it.
 */
function splitAfterQuotedEnd(text: string, sentence: Span): Span[] {
  const out: Span[] = [];
  const re = /[.!?…][”’"»]+(\s+)(?=\p{Lu})/gu;
  re.lastIndex = sentence.start;
  let start = sentence.start;
  for (let m = re.exec(text); m && m.index < sentence.end; m = re.exec(text)) {
    const next = m.index + m[0].length;
    if (next >= sentence.end) break;
    if (/^[\p{L}’'.-]+(?:[ \u00A0][\p{L}’'.-]+){0,3}[ \u00A0](?:said|says|told|added|asked|replied|wrote)\b/u.test(text.slice(next, next + 60))) continue;
    out.push({ start, end: next - m[1]!.length });
    start = next;
  }
  out.push({ start, end: sentence.end });
  return out;
}

/** A sentence "ending" in an ellipsis whose next part starts lower-case (`…and then`) is one sentence. */
function continuesAfterEllipsis(text: string, previous: Span, nextStart: number): boolean {
  const tail = text.slice(Math.max(previous.start, previous.end - 4), previous.end);
  if (!/(…|\.\.\.)[”’"»]?$/.test(tail)) return false;
  return /^[\p{Ll}\d]/u.test(text.slice(nextStart, nextStart + 1));
}

/** Every body sentence of the document, in order. */
export function bodySentences(text: string, doc: ParsedDocument): Span[] {
  return doc.paragraphs.flatMap((p) => sentencesOfParagraph(text, doc, p));
}
