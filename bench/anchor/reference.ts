/**
 * The reference for the comparison: a re-implementation of Hypothesis' quote scoring from its
 * documentation (not its code). The quote is searched with approx-string-match allowing
 * min(256, length / 2) errors (exact occurrences, when there are any, are taken as the only
 * matches); each match is scored by a weighted sum of quote (50), prefix (20), suffix (20) and
 * position (2) agreement, each 0–1 (the context sides by their best approximate match in the
 * text next to the match, the position by distance from the hint over the text length); the
 * best-scoring match wins. Like Hypothesis' quote matcher it is given the quote, prefix, suffix
 * and stored position (as the hint), and is called for every annotation.
 */
import search from 'approx-string-match';
import type { AnchorResult, AnchorTarget } from '../../src/core/annotations/anchor';

interface Found {
  start: number;
  end: number;
  errors: number;
}

function matches(text: string, needle: string, maxErrors: number): Found[] {
  const exact: Found[] = [];
  for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) exact.push({ start: p, end: p + needle.length, errors: 0 });
  return exact.length > 0 ? exact : search(text, needle, maxErrors);
}

/** 1 − (errors of the best approximate match of `needle` in `text`) / needle length; 0 when either is empty. */
function agreement(text: string, needle: string): number {
  if (needle.length === 0 || text.length === 0) return 0;
  const best = matches(text, needle, needle.length)[0];
  return best ? 1 - best.errors / needle.length : 0;
}

const QUOTE = 50;
const PREFIX = 20;
const SUFFIX = 20;
const POSITION = 2;

export function referenceMatch(text: string, t: AnchorTarget): { start: number; end: number } | null {
  if (t.exact.length === 0) return null;
  const found = matches(text, t.exact, Math.min(256, t.exact.length / 2));
  let best: { start: number; end: number; score: number } | null = null;
  for (const m of found) {
    const quote = 1 - m.errors / t.exact.length;
    const prefix = agreement(text.slice(Math.max(0, m.start - t.prefix.length), m.start), t.prefix);
    const suffix = agreement(text.slice(m.end, m.end + t.suffix.length), t.suffix);
    const position = 1 - Math.abs(m.start - t.start) / text.length;
    const score = (QUOTE * quote + PREFIX * prefix + SUFFIX * suffix + POSITION * position) / (QUOTE + PREFIX + SUFFIX + POSITION);
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}

/** The reference as a re-anchoring result: the best match, else orphaned. */
export function referenceReanchor(text: string, t: AnchorTarget): AnchorResult {
  const m = referenceMatch(text, t);
  if (!m) return { status: 'orphaned', target: t, score: 0 };
  return { status: 'moved', target: { start: m.start, end: m.end, exact: text.slice(m.start, m.end), prefix: '', suffix: '' }, score: 1 };
}
