/**
 * Quality of the built-in suggestions on the labelled set: quote spans (exact), speakers of the quotes whose speaker
 * the text names, claim candidates (exact sentences). Per split (dev: what the heuristics were tuned on; test: held out).
 */
import { parse } from '../../src/core/parse';
import { builtinSuggestions } from '../../src/core/suggest';
import type { LabelledDocument } from './labelled';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Quality {
  documents: number;
  quotes: Counts;
  speakers: { correct: number; total: number };
  claims: Counts;
  /** What went wrong, for reading: `file: missed quote “…”`. */
  misses: string[];
}

export const TARGETS = { quoteP: 0.98, quoteR: 0.97, speaker: 0.9, claimR: 0.9, claimP: 0.6 };

const key = (s: { start: number; end: number }) => `${s.start}:${s.end}`;

/** Same speaker: the same surname (last word), letters compared without case; a title or first name may be missing. */
export function sameSpeaker(found: string | undefined, expected: string): boolean {
  if (!found) return false;
  const last = (s: string) => s.normalize('NFC').replace(/[\s\u00A0]+/g, ' ').trim().split(' ').at(-1)!.toLowerCase();
  return last(found) === last(expected);
}

export function measure(docs: readonly LabelledDocument[]): Quality {
  const q: Quality = { documents: docs.length, quotes: { tp: 0, fp: 0, fn: 0 }, speakers: { correct: 0, total: 0 }, claims: { tp: 0, fp: 0, fn: 0 }, misses: [] };
  for (const doc of docs) {
    const { text } = doc;
    const show = (s: { start: number; end: number }) => JSON.stringify(text.slice(s.start, s.end).slice(0, 70));
    const { suggestions } = builtinSuggestions(text, parse(text));
    const quotes = new Map(suggestions.filter((s) => s.tag === 'quote').map((s) => [key(s), s]));
    const claims = new Set(suggestions.filter((s) => s.tag === 'claim').map(key));
    const goldQuotes = new Set(doc.quotes.map(key));
    const goldClaims = new Set(doc.claims.map(key));
    for (const gold of doc.quotes) {
      const found = quotes.get(key(gold));
      if (found) q.quotes.tp++;
      else {
        q.quotes.fn++;
        q.misses.push(`${doc.name}: missed quote ${show(gold)}`);
      }
      if (gold.speaker) {
        q.speakers.total++;
        if (sameSpeaker(found?.attributes.speaker, gold.speaker)) q.speakers.correct++;
        else if (found) q.misses.push(`${doc.name}: speaker of ${show(gold)} is ${gold.speaker}, found ${found.attributes.speaker ?? 'none'}`);
      }
    }
    for (const [k, s] of quotes) {
      if (!goldQuotes.has(k)) {
        q.quotes.fp++;
        q.misses.push(`${doc.name}: extra quote ${show(s)}`);
      }
    }
    for (const gold of doc.claims) {
      if (claims.has(key(gold))) q.claims.tp++;
      else {
        q.claims.fn++;
        q.misses.push(`${doc.name}: missed claim ${show(gold)}`);
      }
    }
    for (const s of suggestions) {
      if (s.tag === 'claim' && !goldClaims.has(key(s))) {
        q.claims.fp++;
        q.misses.push(`${doc.name}: extra claim ${show(s)}`);
      }
    }
  }
  return q;
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));

/** Lines of the quality table: each figure beside its target, ✓ or ✗. */
export function report(name: string, q: Quality): string[] {
  const f = (x: number) => x.toFixed(3);
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const qp = precision(q.quotes);
  const qr = recall(q.quotes);
  const sa = q.speakers.total === 0 ? 1 : q.speakers.correct / q.speakers.total;
  const cp = precision(q.claims);
  const cr = recall(q.claims);
  return [
    `${name} (${q.documents} documents)`,
    `  quote spans (exact)   P ${f(qp)} (≥ ${TARGETS.quoteP}) ${mark(qp >= TARGETS.quoteP)}   R ${f(qr)} (≥ ${TARGETS.quoteR}) ${mark(qr >= TARGETS.quoteR)}   [${q.quotes.tp} found, ${q.quotes.fp} extra, ${q.quotes.fn} missed]`,
    `  speaker accuracy      ${f(sa)} (≥ ${TARGETS.speaker}) ${mark(sa >= TARGETS.speaker)}   [${q.speakers.correct}/${q.speakers.total} quotes whose speaker is named]`,
    `  claim candidates      P ${f(cp)} (≥ ${TARGETS.claimP}) ${mark(cp >= TARGETS.claimP)}   R ${f(cr)} (≥ ${TARGETS.claimR}) ${mark(cr >= TARGETS.claimR)}   [${q.claims.tp} found, ${q.claims.fp} extra, ${q.claims.fn} missed]`,
  ];
}
