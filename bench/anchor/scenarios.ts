/**
 * Edited versions of a generated article, with the true place of each annotation tracked
 * through the edits: random character/word/sentence edits at a given share of the text,
 * annotated quotations deleted, paragraph moves, a realistic editing session, and
 * whole-document transformations (line endings, NBSP, quote marks, re-wrapping, BOM,
 * trailing whitespace).
 */
import { makeTarget, type AnchorTarget } from '../../src/core/annotations/anchor';
import type { Article } from '../corpus';
import { NewsWriter } from '../news';
import type { Random } from '../prng';
import { applyEdit, move, startTruth, track, type Edit, type Truth } from './truth';

export interface Scenario {
  original: string;
  edited: string;
  targets: AnchorTarget[];
  truths: Truth[];
}

type Span = [number, number];

/** `count` annotations, sentences and quotations alternately where the article has both. */
export function pickAnnotations(rng: Random, a: Article, count: number): Span[] {
  const out: Span[] = [];
  const pools = [a.quotations, a.sentences].filter((p) => p.length > 0);
  for (let i = 0; i < count && pools.length > 0; i++) {
    const pool = pools[i % pools.length]!;
    const span = rng.pick(pool);
    if (!out.some(([s, e]) => s === span[0] && e === span[1])) out.push(span);
  }
  return out;
}

class Session {
  text: string;
  truths: Truth[];
  changed = 0;

  constructor(readonly original: string, readonly spans: readonly Span[]) {
    this.text = original;
    this.truths = spans.map(([start, end]) => startTruth({ start, end }));
  }

  edit(e: Edit): void {
    this.text = applyEdit(this.text, e);
    this.truths = this.truths.map((t) => track(t, e));
    this.changed += e.end - e.start + e.text.length;
  }

  move(from: number, to: number, at: number): void {
    ({ text: this.text, truths: this.truths } = move(this.text, this.truths, from, to, at));
    this.changed += 2 * (to - from);
  }

  done(): Scenario {
    return { original: this.original, edited: this.text, targets: this.spans.map(([s, e]) => makeTarget(this.original, s, e)), truths: this.truths };
  }
}

const LETTERS = 'etaoinshrdlucmfwypvbgk';
const NEWS_WORDS = 'council budget residents police report minister hospital plan vote contract harbour funding officials tenants court figures inspectors'.split(' ');

function isWord(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}’']/u.test(c);
}

/** The word around or after `at`: [start, end). */
function wordAt(text: string, at: number): Span {
  let s = at;
  while (s < text.length && !isWord(text[s])) s++;
  let e = s;
  while (e < text.length && isWord(text[e])) e++;
  while (s > 0 && isWord(text[s - 1])) s--;
  return [s, e];
}

/** The sentence around `at` (ends after . ? ! and a closing quote, if any). */
function sentenceAt(text: string, at: number): Span {
  const boundary = /[.?!][”"’]?\s/g;
  let s = at;
  while (s > 0 && !/[.?!][”"’]?\s$/.test(text.slice(Math.max(0, s - 3), s)) && text[s - 1] !== '\n') s--;
  boundary.lastIndex = at;
  const m = boundary.exec(text);
  const e = m ? m.index + m[0].length - 1 : text.length;
  return [s, Math.max(s, e)];
}

/** One random character-, word- or sentence-level edit. */
function randomEdit(rng: Random, w: NewsWriter, text: string): Edit {
  const at = rng.int(0, text.length - 1);
  const roll = rng.next();
  if (roll < 0.5) {
    const size = rng.int(1, 3);
    const kind = rng.pick(['insert', 'delete', 'replace'] as const);
    let typed = '';
    for (let i = 0; i < size; i++) typed += rng.pick([...LETTERS]);
    if (kind === 'insert') return { start: at, end: at, text: typed };
    return { start: at, end: Math.min(text.length, at + size), text: kind === 'delete' ? '' : typed };
  }
  if (roll < 0.85) {
    const [s, e] = wordAt(text, at);
    const word = rng.chance(0.3) ? w.count().split(' ')[0]! : rng.pick(NEWS_WORDS);
    const kind = rng.pick(['insert', 'delete', 'replace'] as const);
    if (kind === 'insert') return { start: s, end: s, text: `${word} ` };
    if (kind === 'delete') return { start: s, end: Math.min(text.length, e + 1), text: '' };
    return { start: s, end: e, text: word };
  }
  const [s, e] = sentenceAt(text, at);
  const kind = rng.pick(['insert', 'delete', 'replace'] as const);
  if (kind === 'insert') return { start: s, end: s, text: `${w.statement()} ` };
  if (kind === 'delete') return { start: s, end: Math.min(text.length, e + 1), text: '' };
  return { start: s, end: e, text: w.statement() };
}

/** Random edits until `share` of the characters were deleted or inserted. */
export function randomEdits(rng: Random, a: Article, spans: Span[], share: number): Scenario {
  const s = new Session(a.text, spans);
  const w = new NewsWriter(rng);
  while (s.changed < share * a.text.length) s.edit(randomEdit(rng, w, s.text));
  return s.done();
}

/** About half the annotated quotations deleted, with the sentence around them or alone. */
export function deletedQuotes(rng: Random, a: Article, spans: Span[]): Scenario {
  const s = new Session(a.text, spans);
  const quotes = spans.filter((q) => a.quotations.some(([qs, qe]) => qs === q[0] && qe === q[1]));
  const chosen = quotes.filter(() => rng.chance(0.5));
  if (chosen.length === 0 && quotes.length > 0) chosen.push(rng.pick(quotes));
  // From the last to the first, so that offsets of the original text stay valid.
  for (const q of chosen.sort((x, y) => y[0] - x[0])) {
    const i = spans.indexOf(q);
    const t = s.truths[i]!;
    if (t.state === 'deleted') continue;
    const [ss, se] = rng.chance(0.5) ? sentenceAt(s.text, t.start) : [t.start, t.end];
    s.edit({ start: Math.min(ss, t.start), end: Math.max(se, t.end), text: '' });
  }
  return s.done();
}

/** Body paragraphs of the current text (between the credit line and the footer). */
function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  const re = /\n {2}(?=\S)([^\n]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]!.startsWith('By ') || m[1]!.startsWith('Source: ')) continue;
    out.push([m.index + 3, m.index + m[0].length]);
  }
  return out;
}

/** One paragraph (with its separator) moved before another. */
function moveParagraph(rng: Random, s: Session): void {
  const paras = paragraphsOf(s.text);
  if (paras.length < 3) return;
  const i = rng.int(1, paras.length - 1);
  let j = rng.int(0, paras.length - 1);
  if (j === i || j === i + 1) j = i === 1 ? paras.length - 1 : 0;
  // Block: "\n \n  " + paragraph i, inserted before the separator of paragraph j (after the lede for j = 0).
  const from = paras[i]![0] - 5;
  const to = paras[i]![1];
  const at = j === 0 ? paras[0]![1] : paras[j]![0] - 5;
  if (at < from || at > to) s.move(from, to, at);
}

/** 1–3 paragraphs moved, nothing else. */
export function paragraphMoves(rng: Random, a: Article, spans: Span[]): Scenario {
  const s = new Session(a.text, spans);
  for (let i = rng.int(1, 3); i > 0; i--) moveParagraph(rng, s);
  return s.done();
}

/**
 * An editor's session: typo fixes, a sentence inserted or removed in a paragraph, a quotation
 * trimmed, a paragraph moved, an update paragraph appended.
 */
export function realisticEdits(rng: Random, a: Article, spans: Span[]): Scenario {
  const s = new Session(a.text, spans);
  const w = new NewsWriter(rng);
  for (let n = rng.int(3, 7); n > 0; n--) {
    const roll = rng.next();
    const paras = paragraphsOf(s.text);
    if (paras.length === 0) break;
    const [ps, pe] = rng.pick(paras);
    if (roll < 0.35) {
      // Typo fix: a letter of a word replaced.
      const [ws, we] = wordAt(s.text, rng.int(ps, pe));
      if (we - ws < 3) continue;
      const at = rng.int(ws + 1, we - 1);
      s.edit({ start: at, end: at + 1, text: rng.pick([...LETTERS]) });
    } else if (roll < 0.55) {
      const [ss, se] = sentenceAt(s.text, rng.int(ps, pe));
      if (rng.chance(0.5) || se - ss < 10) s.edit({ start: ss, end: ss, text: `${w.statement()} ` });
      else s.edit({ start: ss, end: Math.min(se + 1, s.text.length), text: '' });
    } else if (roll < 0.75) {
      // A quotation trimmed: its first or last word(s) inside the marks deleted.
      const open = s.text.indexOf('“', ps);
      const close = s.text.indexOf('”', open);
      if (open < 0 || close < 0 || open > pe) continue;
      const inner = s.text.slice(open + 1, close);
      const words = inner.split(' ');
      if (words.length < 6) continue;
      const cut = rng.int(1, 3);
      if (rng.chance(0.5)) {
        const len = words.slice(0, cut).join(' ').length + 1;
        s.edit({ start: open + 1, end: open + 1 + len, text: '…' });
      } else {
        const len = words.slice(-cut).join(' ').length + 1;
        s.edit({ start: close - len, end: close, text: '…' });
      }
    } else if (roll < 0.87) {
      moveParagraph(rng, s);
    } else {
      const last = paras[paras.length - 1]!;
      s.edit({ start: last[1], end: last[1], text: `\n \n  Update, ${w.date()}: ${w.statement()}` });
    }
  }
  return s.done();
}

/** A whole-document transformation as edits of the original text, applied from the last. */
function transformation(text: string, spans: Span[], edits: Edit[]): Scenario {
  const s = new Session(text, spans);
  for (const e of [...edits].sort((x, y) => y.start - x.start)) s.edit(e);
  return s.done();
}

function editsFor(text: string, re: RegExp, replace: (m: RegExpExecArray) => string): Edit[] {
  const out: Edit[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index!, end: m.index! + m[0].length, text: replace(m as RegExpExecArray) });
  return out;
}

/** Re-wraps each body paragraph at `width` columns (a space becomes a line break). */
function rewrap(text: string, width: number): Edit[] {
  const out: Edit[] = [];
  for (const [ps, pe] of paragraphsOf(text)) {
    let col = 0;
    for (let i = ps; i < pe; i++) {
      col++;
      if (text[i] === ' ' && col >= width) {
        out.push({ start: i, end: i + 1, text: '\n' });
        col = 0;
      }
    }
  }
  return out;
}

export const TRANSFORMATIONS: Record<string, (text: string) => Edit[]> = {
  'LF → CRLF': (t) => editsFor(t, /\n/g, () => '\r\n'),
  'CRLF → LF': (t) => editsFor(t, /\r\n/g, () => '\n'),
  'NBSP → space': (t) => editsFor(t, /\u00a0/g, () => ' '),
  'space → NBSP before numbers': (t) => editsFor(t, / (?=\d)/g, () => '\u00a0'),
  'curly → straight quotes': (t) => editsFor(t, /[“”‘’]/g, (m) => (m[0] === '“' || m[0] === '”' ? '"' : "'")),
  'straight → curly quotes': (t) => editsFor(t, /"([^"\n]*)"/g, (m) => `“${m[1]}”`),
  're-wrapped at 72 columns': (t) => rewrap(t, 72),
  'lines joined': (t) => editsFor(t, /(?<=\S)\n(?=\S)/g, () => ' '),
  'BOM added': () => [{ start: 0, end: 0, text: '\uFEFF' }],
  'BOM removed': (t) => (t.startsWith('\uFEFF') ? [{ start: 0, end: 1, text: '' }] : []),
  'trailing whitespace stripped': (t) => editsFor(t, /[ \t\u00a0]+(?=\r?\n|$)/g, () => ''),
};

/** The original prepared so that the transformation has something to do (CRLF, NBSP, straight quotes, BOM…). */
export function transformed(name: string, a: Article, spans: Span[]): Scenario {
  let base = a.text;
  const prepare: Record<string, (t: string) => string> = {
    'CRLF → LF': (t) => t.replace(/\n/g, '\r\n'),
    'NBSP → space': (t) => t.replace(/ (?=\d)/g, '\u00a0'),
    'straight → curly quotes': (t) => t.replace(/[“”]/g, '"'),
    'lines joined': (t) => applyAll(t, rewrap(t, 60)),
    'BOM removed': (t) => `\uFEFF${t}`,
  };
  // Preparations keep the length and offsets except CRLF and BOM: rebuild the spans there.
  let shifted = spans;
  if (name === 'CRLF → LF') shifted = spans.map(([s, e]) => [s + lfBefore(base, s), e + lfBefore(base, e)]);
  if (name === 'BOM removed') shifted = spans.map(([s, e]) => [s + 1, e + 1]);
  base = prepare[name]?.(base) ?? base;
  return transformation(base, shifted, TRANSFORMATIONS[name]!(base));
}

function lfBefore(text: string, at: number): number {
  let n = 0;
  for (let i = 0; i < at; i++) if (text[i] === '\n') n++;
  return n;
}

function applyAll(text: string, edits: Edit[]): string {
  for (const e of [...edits].sort((x, y) => y.start - x.start)) text = applyEdit(text, e);
  return text;
}
