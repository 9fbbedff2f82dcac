import type { Quotation, SourceDocument, Span } from './document';

/** The innermost quotation containing `offset` (a caret just inside or on either mark counts). */
export function quotationAt(doc: Pick<SourceDocument, 'quotations'>, offset: number): Quotation | null {
  let best: Quotation | null = null;
  for (const q of doc.quotations) {
    if (q.start <= offset && offset <= q.end && (!best || q.depth > best.depth)) best = q;
  }
  return best;
}

/** The body paragraph containing `offset`, if any. */
export function paragraphAt(doc: Pick<SourceDocument, 'paragraphs'>, offset: number): Span | null {
  for (const p of doc.paragraphs) if (p.start <= offset && offset <= p.end) return p;
  return null;
}

const SENTENCE_END = /[.!?…]/;
const CLOSERS = /[”’"»)\]\u00A0 ]/;

/**
 * The sentence around `offset` inside its paragraph: from after the previous sentence end to and including
 * the next one (with a closing quote mark that follows it). Ends inside a quotation do not split the sentence.
 */
export function sentenceAt(text: string, doc: Pick<SourceDocument, 'paragraphs' | 'quotations'>, offset: number): Span | null {
  const paragraph = paragraphAt(doc, offset);
  if (!paragraph) return null;
  const insideQuote = (i: number) => doc.quotations.some((q) => q.depth === 0 && q.start < i && i < q.end - 1);
  const isEnd = (i: number) => SENTENCE_END.test(text[i] ?? '') && !insideQuote(i) && !isAbbreviationDot(text, i);
  let start = paragraph.start;
  for (let i = Math.min(offset, paragraph.end) - 1; i >= paragraph.start; i--) {
    if (isEnd(i) && /\s/.test(text[i + 1] ?? ' ')) {
      start = i + 1;
      break;
    }
  }
  while (start < paragraph.end && /\s/.test(text[start]!)) start++;
  let end = paragraph.end;
  for (let i = Math.max(offset, start); i < paragraph.end; i++) {
    if (isEnd(i) && (i + 1 === paragraph.end || /[\s”’"»]/.test(text[i + 1]!))) {
      end = i + 1;
      while (end < paragraph.end && CLOSERS.test(text[end]!) && !/\s/.test(text[end]!)) end++;
      break;
    }
  }
  return start < end ? { start, end } : null;
}

/** `U.S.`, `Dr.`, `3.5`: a dot that does not end a sentence. */
function isAbbreviationDot(text: string, i: number): boolean {
  if (text[i] !== '.') return false;
  const next = text[i + 1] ?? '';
  if (/[0-9A-Za-z]/.test(next)) return true;
  const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(0, i - 4), i))?.[1] ?? '';
  return /^(Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|No|vs|U|S|[A-Z])$/.test(word);
}

/** A capitalised word of a name: a dot only inside it (`U.S`) or ending an abbreviation (`Dr.`, `J.`), never a sentence. */
const NAME_WORD = String.raw`(?:[A-Z][\p{L}’'-]{0,2}\.(?=[ \u00A0])|[A-Z](?:[\p{L}’'-]|\.(?=\p{L}))*|de|la|van|von|bin|al-)`;
const NAME = String.raw`(${NAME_WORD}(?:[ \u00A0]${NAME_WORD}){0,4})`;
const TITLE_WORDS = String.raw`(?:the\s+)?(?:[a-z][\p{L}-]*\s+){0,3}`;
const CUE_VERBS = 'said|says|told|added|stated|explained|wrote|argued|warned|noted|insisted|claimed|declared|asked|replied|a déclaré|a dit|a affirmé|explique|déclare|affirme';

const AFTER_PATTERNS = [
  // …,” X said  /  …,” said X  /  …,” the official said
  new RegExp(String.raw`^[\s,\u00A0]*(?:${NAME}|(${TITLE_WORDS}[a-z]+))\s+(${CUE_VERBS})\b`, 'du'),
  new RegExp(String.raw`^[\s,\u00A0]*(${CUE_VERBS})\s+${TITLE_WORDS}${NAME}`, 'du'),
  new RegExp(String.raw`^[\s,\u00A0]*according\s+to\s+${TITLE_WORDS}${NAME}`, 'du'),
];
const BEFORE_PATTERNS = [
  // X said: “…”  /  According to X, “…”
  new RegExp(String.raw`${NAME}\s+(${CUE_VERBS})[\s,:\u00A0]*$`, 'du'),
  new RegExp(String.raw`according\s+to\s+${TITLE_WORDS}${NAME}[\s,:\u00A0]*$`, 'du'),
];

export interface Attribution {
  speaker: string;
  cue: string;
  /** Where the speaker is named in the text: `text.slice(mention.start, mention.end) === speaker`. */
  mention: Span;
}

/**
 * Who a quotation is attributed to, from the words right after or before it in its paragraph.
 * A nested quotation has none: the words around it belong to the quotation that holds it.
 */
export function attributionFor(text: string, doc: Pick<SourceDocument, 'paragraphs'>, quotation: Quotation): Attribution | null {
  if (quotation.depth > 0) return null;
  const paragraph = paragraphAt(doc, quotation.start) ?? { start: 0, end: text.length };
  const after = text.slice(quotation.end, Math.min(paragraph.end, quotation.end + 120));
  for (const [i, pattern] of AFTER_PATTERNS.entries()) {
    const m = pattern.exec(after);
    if (!m) continue;
    if (i === 0) return found(m, m[1] !== undefined ? 1 : 2, m[3] ?? '', quotation.end);
    if (i === 1) return found(m, 2, m[1]!, quotation.end);
    return found(m, 1, 'according to', quotation.end);
  }
  const from = Math.max(paragraph.start, quotation.start - 120);
  const before = text.slice(from, quotation.start);
  for (const [i, pattern] of BEFORE_PATTERNS.entries()) {
    const m = pattern.exec(before);
    if (m) return found(m, 1, i === 0 ? m[2]! : 'according to', from);
  }
  return null;
}

/** The attribution whose speaker is group `group` of a match in the text from `base` on. */
function found(m: RegExpExecArray, group: number, cue: string, base: number): Attribution {
  const raw = m[group] ?? '';
  const speaker = cleanSpeaker(raw);
  const start = base + m.indices![group]![0] + (raw.length - raw.trimStart().length);
  return { speaker, cue, mention: { start, end: start + speaker.length } };
}

function cleanSpeaker(name: string): string {
  return name.trim().replace(/[.,;:]+$/, '');
}
