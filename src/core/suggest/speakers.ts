/**
 * Who said a quote: the attribution next to it (selection.ts's attributionFor first, then a wider set of cue verbs
 * and word orders: an apposition between name and verb, a verb with an object before the quote), a leading title
 * dropped from the name (`Mayor Ana Ruiz` → `Ana Ruiz`); a pronoun (`she said`) resolved to the last named speaker
 * of an earlier quote; a quote with no attribution given the speaker of the quote before it in its paragraph, or of
 * the previous paragraph when it opens its own.
 */
import type { ParsedDocument, Span } from '../document';
import { isSpeakerName } from '../relations/speakerSource';
import { attributionFor } from '../selection';
import type { QuoteCandidate } from './quotes';

export interface SpeakerFound {
  /** The speaker as the quote's `speaker` attribute: a name, or a description (`a spokesperson`). */
  speaker: string;
  cue: string;
  /** Where the name is in the text, when it is a name; for a resolved pronoun, where the name was found before. */
  mention: Span | null;
  /** How it was found: next to the quote, through a pronoun, the name opening its sentence, or carried over from the quote before. */
  how: 'attribution' | 'pronoun' | 'continuation' | 'subject';
}

const CUE = String.raw`(?:said|says|told|tells|added|adds|stated|explained|explains|wrote|writes|argued|argues|warned|warns|noted|notes|insisted|insists|claimed|claims|declared|asked|asks|replied|recalled|recalls|continued|admitted|admits|conceded|predicted|estimated|acknowledged|countered|suggested|posted|announced|complained|cautioned|promised|pointed out|added later|a déclaré|a dit|a affirmé|a ajouté|explique|déclare|affirme|ajoute|précise|a précisé|estime)`;
const NAME_WORD = String.raw`(?:[A-Z][\p{L}’'-]{0,2}\.(?=[ \u00A0])|\p{Lu}(?:[\p{L}’'-]|\.(?=\p{L}))*|de|la|le|van|von|bin|al-|da|dos)`;
const NAME = String.raw`(${NAME_WORD}(?:[ \u00A0]${NAME_WORD}){0,4})`;

const NOT_A_NAME = String.raw`(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)`;

const AFTER = [
  // …,” the county’s chief engineer, Anselm Quaye, said.
  new RegExp(String.raw`^[\s,\u00A0]*(?:the|its|his|her|their|a|an)\s+[^,“”"«»]{1,60},\s+${NAME},\s+(${CUE})\b`, 'du'),
  // …,” Helena Voss, who chairs the association, said.
  new RegExp(String.raw`^[\s,\u00A0]*${NAME},\s+[^,“”"«»]{1,90},\s+(${CUE})\b`, 'du'),
  // …,” Voss said / says Voss / said Voss, …
  new RegExp(String.raw`^[\s,\u00A0]*${NAME}\s+(?:also\s+|later\s+)?(${CUE})\b`, 'du'),
  // …,” said the commissioner, Augustin Rahman.  /  », a affirmé la maire, Odile Fontanet.
  new RegExp(String.raw`^[\s,\u00A0]*(${CUE})\s+(?:[\p{Ll}][\p{L}’'-]*[\s,]+){0,4}${NOT_A_NAME}${NAME}`, 'du'),
];
/** French inversion: `», a-t-elle affirmé.` — a pronoun, resolved like `she said`. */
const INVERTED = /^[\s,\u00A0]*(?:a|avait)-t-(il|elle|ils|elles)\s+([\p{Ll}é]+)/u;
const BEFORE = [
  // Voss told reporters: “…”  /  Voss, the chair, said: “…”  /  said Voss: “…”
  new RegExp(String.raw`${NAME}\s+(?:also\s+)?(${CUE})(?:\s+[\p{Ll}][\p{L}’'-]*){0,4}[\s,:\u00A0]*$`, 'du'),
  new RegExp(String.raw`${NAME},\s+[^,“”"«»]{1,90},\s+(${CUE})(?:\s+[\p{Ll}][\p{L}’'-]*){0,6}[\s,:\u00A0]*$`, 'du'),
  // the rail minister, Ambrose Tenkorang, said fares had to rise “…”
  new RegExp(String.raw`${NAME},\s+(${CUE})(?:\s+[\p{Ll}][\p{L}’'-]*){0,6}[\s,:\u00A0]*$`, 'du'),
];

/** Words a name may be preceded by in an attribution, dropped from the speaker (`Mayor Ana Ruiz` → `Ana Ruiz`). */
const TITLES = new Set(
  'mayor minister conductor coach president prime chief executive director senator professor prof. dr. dr mr. mr mrs. mrs ms. ms inspector superintendent councillor councilor governor judge justice secretary chair chairman chairwoman commissioner captain general sir dame lord lady rev. reverend father sister coach deputy acting former transport health finance education interior foreign economy environment police fire harbour harbor port city state federal national regional county' .split(' '),
);

const PRONOUNS = new Set(['he', 'she', 'they', 'il', 'elle', 'ils', 'elles']);

function stripTitles(name: string): { name: string; dropped: number } {
  const words = name.split(/([ \u00A0]+)/);
  let i = 0;
  while (i + 2 < words.length && TITLES.has(words[i]!.toLowerCase())) i += 2;
  const kept = words.slice(i).join('');
  return { name: kept, dropped: name.length - kept.length };
}

function fromMatch(m: RegExpExecArray, nameGroup: number, cue: string, base: number): Omit<SpeakerFound, 'how'> {
  const raw = m[nameGroup]!;
  const trimmed = raw.trim().replace(/[.,;:]+$/, '');
  const { name, dropped } = stripTitles(trimmed);
  const start = base + m.indices![nameGroup]![0] + (raw.length - raw.trimStart().length) + dropped;
  return { speaker: name, cue, mention: { start, end: start + name.length } };
}

/** The attribution written next to the quote, or null. */
export function attributionNextTo(text: string, doc: ParsedDocument, quote: QuoteCandidate): Omit<SpeakerFound, 'how'> | null {
  const paragraphOf = (offset: number) => doc.paragraphs.find((p) => p.start <= offset && offset <= p.end) ?? { start: 0, end: text.length };
  const lastParagraph = paragraphOf(quote.last.start);
  const after = text.slice(quote.end, Math.min(lastParagraph.end, quote.end + 160));
  const firstParagraph = paragraphOf(quote.first.start);
  const from = Math.max(firstParagraph.start, quote.start - 160);
  const before = text.slice(from, quote.start);
  const base = attributionFor(text, doc, quote.last) ?? (quote.first !== quote.last ? attributionFor(text, doc, quote.first) : null);
  // The project's attribution reads `…,” said X` and `X said: “…`; a name it finds is kept, with titles dropped.
  if (base && isSpeakerName(base.speaker)) {
    const { name, dropped } = stripTitles(base.speaker);
    return { speaker: name, cue: base.cue, mention: { start: base.mention.start + dropped, end: base.mention.end } };
  }
  for (const [i, re] of AFTER.entries()) {
    const m = re.exec(after);
    if (!m) continue;
    if (i === AFTER.length - 1) return fromMatch(m, 2, m[1]!, quote.end);
    return fromMatch(m, 1, m[2]!, quote.end);
  }
  const inverted = INVERTED.exec(after);
  if (inverted) return { speaker: inverted[1]!, cue: inverted[2]!, mention: null };
  if (base) return { speaker: base.speaker, cue: base.cue, mention: null };
  for (const re of BEFORE) {
    const m = re.exec(before);
    if (m) return fromMatch(m, 1, m[2]!, from);
  }
  return null;
}

const LEADING_WORDS = new Set('the a an in on at but and her his its their this that it he she they we some every nobody when after before only as for with'.split(' '));
const CAPITALISED = /\p{Lu}[\p{L}’'-]*\.?(?:[ \u00A0](?:\p{Lu}[\p{L}’'-]*\.?|van|von|de|la|le|da|dos|bin))*/gu;

/**
 * The last person-like name in text[from, to): two or more capitalised words (leading sentence words and titles
 * dropped), or one word that is the surname of a speaker named before (`Morrow said …`).
 */
function lastNameIn(text: string, from: number, to: number, surnames: ReadonlySet<string>): { name: string; mention: Span } | null {
  let best: { name: string; mention: Span } | null = null;
  CAPITALISED.lastIndex = from;
  for (let m = CAPITALISED.exec(text); m && m.index < to; m = CAPITALISED.exec(text)) {
    if (m.index + m[0].length > to) break;
    let words = m[0].replace(/[.]$/, '').split(/[ \u00A0]/);
    let offset = m.index;
    while (words.length > 0 && (LEADING_WORDS.has(words[0]!.toLowerCase()) || TITLES.has(words[0]!.toLowerCase()))) {
      offset += words[0]!.length + 1;
      words = words.slice(1);
    }
    if (words.length === 0) continue;
    const name = words.join(' ');
    const raw = text.slice(offset, offset + name.length);
    if (words.length >= 2 || surnames.has(name)) best = { name: raw, mention: { start: offset, end: offset + raw.length } };
  }
  return best;
}

/** The speaker of each quote (same order), or null where none is found. */
export function speakersOf(text: string, doc: ParsedDocument, quotes: readonly QuoteCandidate[]): Array<SpeakerFound | null> {
  const out: Array<SpeakerFound | null> = [];
  let lastNamed: SpeakerFound | null = null;
  const surnames = new Set<string>();
  const paragraphIndex = (offset: number) => doc.paragraphs.findIndex((p) => p.start <= offset && offset <= p.end);
  /** The name a pronoun before `quote` most likely stands for: the last one in its paragraph, else the one before. */
  const antecedent = (quote: QuoteCandidate, pronoun: { cue: string }): SpeakerFound | null => {
    const here = paragraphIndex(quote.first.start);
    const paragraph = doc.paragraphs[here];
    const inParagraph = paragraph ? lastNameIn(text, paragraph.start, quote.start, surnames) : null;
    const previous = here > 0 ? doc.paragraphs[here - 1]! : null;
    const found = inParagraph ?? (lastNamed && lastNamed.mention && previous && lastNamed.mention.start >= previous.start ? null : previous ? lastNameIn(text, previous.start, previous.end, surnames) : null);
    if (found) return { speaker: found.name, cue: pronoun.cue, mention: found.mention, how: 'pronoun' };
    return lastNamed ? { speaker: lastNamed.speaker, cue: pronoun.cue, mention: lastNamed.mention, how: 'pronoun' } : null;
  };
  quotes.forEach((quote, i) => {
    let found: SpeakerFound | null = null;
    const next = attributionNextTo(text, doc, quote);
    if (next && next.mention && isSpeakerName(next.speaker)) found = { ...next, how: 'attribution' };
    else if (next && PRONOUNS.has(next.speaker.toLowerCase())) found = antecedent(quote, next) ?? { ...next, mention: null, how: 'attribution' };
    else if (next) found = { ...next, mention: null, how: 'attribution' };
    else {
      const subject = sentenceSubject(text, doc, quote, surnames);
      const previous = i > 0 ? quotes[i - 1]! : null;
      const before = previous ? out[i - 1] : null;
      const here = paragraphIndex(quote.first.start);
      const there = previous ? paragraphIndex(previous.last.start) : -2;
      const opensParagraph = here >= 0 && doc.paragraphs[here]!.start === quote.start;
      if (subject) found = { speaker: subject.name, cue: '', mention: subject.mention, how: 'subject' };
      else if (before && (here === there || (opensParagraph && there === here - 1))) found = { ...before, how: 'continuation' };
    }
    if (found && found.mention && isSpeakerName(found.speaker)) {
      lastNamed = found;
      surnames.add(found.speaker.split(/[ \u00A0]/).at(-1)!);
    }
    out.push(found);
  });
  return out;
}

/** `Councillor Bertie Nwosu, who …, called the rise “…”`: the name that opens the quote's sentence, if any. */
function sentenceSubject(text: string, doc: ParsedDocument, quote: QuoteCandidate, surnames: ReadonlySet<string>): { name: string; mention: Span } | null {
  const paragraph = doc.paragraphs.find((p) => p.start <= quote.start && quote.start <= p.end);
  if (!paragraph) return null;
  let start = paragraph.start;
  for (let i = quote.start - 1; i > paragraph.start; i--) {
    if (/[.!?]/.test(text[i]!) && /\s/.test(text[i + 1]!)) {
      start = i + 1;
      break;
    }
  }
  while (start < quote.start && /\s/.test(text[start]!)) start++;
  if (start === quote.start) return null;
  const m = /^(?:\p{Lu}[\p{L}’'-]*\.?[ \u00A0])*\p{Lu}[\p{L}’'-]*(?=,|\s+[\p{Ll}])/u.exec(text.slice(start, quote.start));
  if (!m) return null;
  return lastNameIn(text, start, start + m[0].length, surnames);
}
