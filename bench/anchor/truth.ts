/**
 * The true place of an annotation through a series of edits, and how a re-anchoring result
 * compares with it. Shared by the anchoring bench and the property tests.
 */
import { mapSpan, maxErrors, type AnchorResult, type AnchorTarget, type EditedSpan } from '../../src/core/annotations/anchor';
import { canonical } from '../../src/core/anchoring/canonical';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** The true place of an annotation after the edits, and how much editing touched it. */
export interface Truth extends EditedSpan {
  /** Characters deleted + inserted by edits that changed the span's text. */
  touched: number;
  /** Characters deleted + inserted by edits within 32 characters of the span (inside included). */
  nearby: number;
}

export function startTruth(span: { start: number; end: number }): Truth {
  return { start: span.start, end: span.end, state: 'unchanged', touched: 0, nearby: 0 };
}

const NEAR = 32;

/**
 * The true place after one more edit. Text typed where an annotation's text was deleted (at
 * or next to the gap) counts as its replacement: the deleted region grows to cover it, so
 * that "delete a word, type another" is judged like one replacement.
 */
export function track(truth: Truth, edit: Edit): Truth {
  let next: EditedSpan;
  if (truth.state === 'deleted' && edit.start <= truth.end && edit.end >= truth.start) {
    const delta = edit.text.length - (edit.end - edit.start);
    const mappedEnd = edit.end <= truth.end ? truth.end + delta : edit.start + edit.text.length;
    next = { start: Math.min(truth.start, edit.start), end: Math.max(mappedEnd, edit.start + edit.text.length), state: 'deleted' };
  } else {
    next = mapSpan(truth, edit);
  }
  const size = edit.end - edit.start + edit.text.length;
  const inside =
    edit.start === edit.end ? edit.start > truth.start && edit.start < truth.end : edit.start < truth.end && edit.end > truth.start;
  const near = edit.end >= truth.start - NEAR && edit.start <= truth.end + NEAR;
  return { ...next, touched: truth.touched + (inside ? size : 0), nearby: truth.nearby + (near ? size : 0) };
}

/**
 * Moves text[from, to) to `at` (an offset of the text before the move, outside the block).
 * Annotations inside the block move with it untouched; the others see a deletion and an
 * insertion (their context changes where the block left or arrived).
 */
export function move(text: string, truths: Truth[], from: number, to: number, at: number): { text: string; truths: Truth[] } {
  const block = text.slice(from, to);
  const removed = applyEdit(text, { start: from, end: to, text: '' });
  const target = at > to ? at - (to - from) : at;
  const next = applyEdit(removed, { start: target, end: target, text: block });
  const out = truths.map((t) => {
    if (t.start >= from && t.end <= to && t.state !== 'deleted') {
      const start = target + t.start - from;
      return { ...t, start, end: start + t.end - t.start, state: t.state === 'unchanged' ? ('shifted' as const) : t.state };
    }
    const cut = track(t, { start: from, end: to, text: '' });
    return track(cut, { start: target, end: target, text: block });
  });
  return { text: next, truths: out };
}

export type Verdict = 'correct' | 'partial' | 'recreated' | 'misplaced' | 'lost';

/**
 * How a re-anchoring result compares with the true place of the annotation:
 * `correct`: an annotation whose text and surroundings were not edited placed exactly on it
 * (or on equal text overlapping it); one edited in or near placed overlapping it, reaching
 * past it by at most maxErrors + the size of the nearby edits (where an edited boundary lies
 * is a matter of opinion) and leaving out at most that plus what the edits inside touched;
 * or an annotation whose text was wholly deleted orphaned (or placed on what replaced it);
 * `partial`: placed overlapping, not past it, but leaving out more: e.g. only the part
 * before a long insertion — on the right text, narrower;
 * `recreated`: placed elsewhere, but on the annotation's exact words with one whole context
 * side next to them, verbatim or up to white space and quotation marks (what whole-document
 * normalisation changes) — the edits wrote the annotated passage anew (say, deleted a sentence
 * and typed it again elsewhere, or deleted words and typed them again before a new line break);
 * from the text alone no one can tell, so this is not counted as an error;
 * `misplaced`: placed on text that is not the annotation's;
 * `lost`: orphaned though its text is still there (a miss, not an error).
 */
export function classify(text: string, truth: Truth, result: AnchorResult, original: AnchorTarget): Verdict {
  const r = result.target;
  const exactLength = original.exact.length;
  // A context side next to the placed words as it was, verbatim or up to white space and quotation marks.
  const norm = (s: string): string => canonical(s).text;
  const before = (side: string): boolean =>
    text.slice(0, r.start).endsWith(side) || norm(text.slice(Math.max(0, r.start - 2 * side.length - 8), r.start)).endsWith(norm(side));
  const after = (side: string): boolean => text.startsWith(side, r.end) || norm(text.slice(r.end, r.end + 2 * side.length + 8)).startsWith(norm(side));
  const recreated = (): boolean =>
    text.slice(r.start, r.end) === original.exact &&
    ((original.prefix.length >= 16 && before(original.prefix)) || (original.suffix.length >= 16 && after(original.suffix)));
  if (truth.state === 'deleted') {
    if (result.status === 'orphaned') return 'correct';
    if (truth.end > truth.start && r.start < truth.end && truth.start < r.end) return 'correct';
    return recreated() ? 'recreated' : 'misplaced';
  }
  if (result.status === 'orphaned') return 'lost';
  const overlap = r.start < truth.end && truth.start < r.end;
  if (!overlap) return recreated() ? 'recreated' : 'misplaced';
  const exact = (r.start === truth.start && r.end === truth.end) || text.slice(r.start, r.end) === text.slice(truth.start, truth.end);
  if (truth.nearby === 0) return exact ? 'correct' : 'misplaced';
  if (exact) return 'correct';
  const slack = maxErrors(exactLength) + truth.nearby;
  const spill = Math.max(0, truth.start - r.start) + Math.max(0, r.end - truth.end);
  const uncovered = Math.max(0, r.start - truth.start) + Math.max(0, truth.end - r.end);
  if (spill > slack) return 'misplaced';
  return uncovered <= slack + truth.touched ? 'correct' : 'partial';
}
