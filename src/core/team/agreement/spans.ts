/**
 * Span agreement of two annotators on one tag: precision, recall and F1, with annotator `a` taken as the
 * reference (so a's unmatched spans are false negatives, b's false positives; F1 is the same either way).
 * - exact: a span of b matches a span of a with the same start and end (one to one: duplicates count once each);
 * - overlap: one-to-one matching of overlapping spans, exact ones first, then by the largest overlap
 *   (see matchOneToOne in ../units).
 */
import { matchOneToOne } from '../units';

export interface SpanCounts {
  tp: number;
  fp: number;
  fn: number;
}

export interface SpanScores extends SpanCounts {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

interface Span {
  start: number;
  end: number;
}

export const zeroCounts = (): SpanCounts => ({ tp: 0, fp: 0, fn: 0 });

export function addCounts(into: SpanCounts, more: SpanCounts): SpanCounts {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
  return into;
}

/** Exact matches between two lists of spans. */
export function exactCounts(a: readonly Span[], b: readonly Span[]): SpanCounts {
  const left = new Map<string, number>();
  for (const s of a) left.set(`${s.start}:${s.end}`, (left.get(`${s.start}:${s.end}`) ?? 0) + 1);
  let tp = 0;
  for (const s of b) {
    const key = `${s.start}:${s.end}`;
    const n = left.get(key) ?? 0;
    if (n > 0) {
      tp++;
      left.set(key, n - 1);
    }
  }
  return { tp, fp: b.length - tp, fn: a.length - tp };
}

/** Overlap matches (one to one) between two lists of spans. */
export function overlapCounts(a: readonly Span[], b: readonly Span[]): SpanCounts {
  const tp = matchOneToOne(a, b).length;
  return { tp, fp: b.length - tp, fn: a.length - tp };
}

export function scores(c: SpanCounts): SpanScores {
  const precision = c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
  const f1 = c.tp + c.fp + c.fn === 0 ? null : (2 * c.tp) / (2 * c.tp + c.fp + c.fn);
  return { ...c, precision, recall, f1 };
}
