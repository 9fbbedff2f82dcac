/** Live edits: moving spans along with the edits of a change event. */
import type { Span } from './target';

/**
 * A replacement of [start, end) of the old text by new text (`text`, or just its length
 * `newLength`). An insertion has start = end; a deletion has an empty text / newLength 0.
 */
export interface TextEdit {
  start: number;
  end: number;
  text?: string;
  newLength?: number;
}

/**
 * `unchanged`: nothing moved; `shifted`: moved, its text untouched; `changed`: text inside was
 * edited (exact is stale: refresh with makeTarget, or re-anchor); `deleted`: the whole span was
 * deleted or replaced: an orphan candidate, its span is then where the replacement text went
 * (possibly empty) — re-anchor it against the new text to place or orphan it.
 */
export type EditedSpanState = 'unchanged' | 'shifted' | 'changed' | 'deleted';

export interface EditedSpan extends Span {
  state: EditedSpanState;
}

const STATE_RANK: Record<EditedSpanState, number> = { unchanged: 0, shifted: 1, changed: 2, deleted: 3 };

function worse(a: EditedSpanState, b: EditedSpanState): EditedSpanState {
  return STATE_RANK[a] >= STATE_RANK[b] ? a : b;
}

function editLength(edit: TextEdit): number {
  return edit.text !== undefined ? edit.text.length : (edit.newLength ?? 0);
}

/** Maps one span through one edit. Text inserted exactly at a span boundary stays outside it. */
export function mapSpan(span: EditedSpan, edit: TextEdit): EditedSpan {
  const { start: es, end: ee } = edit;
  const inserted = editLength(edit);
  const delta = inserted - (ee - es);
  const { start: s, end: e, state } = span;
  if (es === ee) {
    if (es <= s) return delta === 0 ? span : { start: s + delta, end: e + delta, state: worse(state, 'shifted') };
    if (es >= e) return span;
    return { start: s, end: e + delta, state: worse(state, 'changed') };
  }
  if (ee <= s) return delta === 0 ? span : { start: s + delta, end: e + delta, state: worse(state, 'shifted') };
  if (es >= e) return span;
  if (es <= s && ee >= e) return { start: es, end: es + inserted, state: 'deleted' };
  let start = s;
  let end: number;
  if (es <= s) {
    start = es; // the head was replaced: the span now starts with the replacement
    end = e + delta;
  } else if (ee >= e) {
    end = es + inserted; // the tail was replaced: the span ends with the replacement
  } else {
    end = e + delta;
  }
  if (end <= start) return { start, end: start, state: 'deleted' };
  return { start, end, state: worse(state, 'changed') };
}

/**
 * Moves spans along with a set of edits. The edits of one call all refer to the text before
 * the call and must not overlap (like one VS Code change event, whose changes are also safe to
 * apply in the order given). For edits that each refer to the text after the previous one,
 * call once per edit.
 */
export function applyEdits(spans: readonly Span[], edits: readonly TextEdit[]): EditedSpan[] {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  return spans.map((span) => {
    let current: EditedSpan = { start: span.start, end: span.end, state: 'unchanged' };
    for (const edit of ordered) current = mapSpan(current, edit);
    return current;
  });
}
