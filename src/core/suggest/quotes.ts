/**
 * Quote candidates: the outermost quotations of the body paragraphs (nested ones belong to the quote that holds
 * them), a quotation that runs over several paragraphs joined into one (each paragraph reopens it, only the
 * last closes it), without scare quotes and titles (fewer than three words, or Title Case, unless a speaker
 * is named for them). A mark left open at the end of the last paragraph proposes nothing.
 */
import type { ParsedDocument, Quotation, Span } from '../document';

export interface QuoteCandidate extends Span {
  /** The parsed quotation of the first paragraph (or the open mark's position there) … */
  first: Quotation;
  /** … and of the last paragraph: the words after it name the speaker. Same as `first` in one paragraph. */
  last: Quotation;
}

const OPENERS = new Set(['“', '«', '‹', '"', '‘']);

/** The outermost quotation starting at `offset`, if any. */
function quotationStartingAt(doc: ParsedDocument, offset: number): Quotation | undefined {
  return doc.quotations.find((q) => q.depth === 0 && q.start === offset);
}

/** The first opening mark of `paragraph` outside every parsed quotation (one left open), or -1. */
function openMarkLeft(text: string, doc: ParsedDocument, paragraph: Span): number {
  const inside = doc.quotations.filter((q) => q.depth === 0 && q.start >= paragraph.start && q.end <= paragraph.end);
  let k = 0;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    while (k < inside.length && inside[k]!.end <= i) k++;
    const q = inside[k];
    if (q && q.start <= i) {
      i = q.end - 1;
      continue;
    }
    const c = text[i]!;
    if (c === '“' || c === '«' || (c === '"' && (i === paragraph.start || /[\s(—–-]/.test(text[i - 1]!)))) return i;
  }
  return -1;
}

/** Every depth-0 quotation of the body, and quotations over several paragraphs, in document order. */
export function quoteSpans(text: string, doc: ParsedDocument): QuoteCandidate[] {
  const single: QuoteCandidate[] = [];
  const joined: QuoteCandidate[] = [];
  const paragraphs = doc.paragraphs;
  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p]!;
    for (const q of doc.quotations) {
      if (q.depth === 0 && q.start >= paragraph.start && q.end <= paragraph.end) single.push({ start: q.start, end: q.end, first: q, last: q });
    }
    const open = openMarkLeft(text, doc, paragraph);
    if (open < 0) continue;
    // Continued in the next paragraphs while each reopens with a mark and leaves it open; the one that closes ends it.
    for (let n = p + 1; n < paragraphs.length; n++) {
      const next = paragraphs[n]!;
      if (!OPENERS.has(text[next.start]!)) break;
      const closing = quotationStartingAt(doc, next.start);
      if (closing) {
        const first: Quotation = { start: open, end: paragraph.end, depth: 0, kind: closing.kind };
        joined.push({ start: open, end: closing.end, first, last: closing });
        break;
      }
      if (openMarkLeft(text, doc, next) !== next.start) break;
    }
  }
  const inJoined = (q: Span) => joined.some((j) => j.start <= q.start && q.end <= j.end);
  return [...joined, ...single.filter((q) => !inJoined(q))].sort((a, b) => a.start - b.start);
}

/** Scare quotes and titles: fewer than three words (unless a whole sentence), or every long word capitalised, with no sentence mark. */
export function looksLikeScareQuoteOrTitle(quoted: string): boolean {
  const inner = quoted.slice(1, -1).trim();
  const words = inner.split(/[\s\u00A0]+/u).filter((w) => /\p{L}|\d/u.test(w));
  // A whole sentence quoted (`“Everybody knew.”`) is a quote however short.
  if (/^\p{Lu}/u.test(inner) && /[.!?…]$/.test(inner)) return false;
  if (words.length < 3) return true;
  if (/[.!?,;:…]/.test(inner)) return false;
  const long = words.filter((w) => w.replace(/\P{L}/gu, '').length > 3);
  return long.length > 0 && long.every((w) => /^\P{L}*\p{Lu}/u.test(w)) && words.length <= 8;
}
