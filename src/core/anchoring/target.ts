/** Targets: the anchoring fields of an annotation, made from a span of the text. */
import { CONTEXT_LENGTH } from '../annotations/schema';

export interface Span {
  start: number;
  end: number;
}

/** The anchoring fields of an annotation's target (see TargetSchema). */
export interface AnchorTarget extends Span {
  exact: string;
  prefix: string;
  suffix: string;
}

export type AnchorStatus = 'anchored' | 'moved' | 'orphaned';

export interface AnchorResult {
  /** `anchored`: same offsets and quote; `moved`: placed elsewhere or on edited text; `orphaned`: not placed. */
  status: AnchorStatus;
  /** The new target (`anchored`/`moved`, with fresh exact/prefix/suffix), or the old one (`orphaned`). */
  target: AnchorTarget;
  /** Agreement of prefix + quote + suffix with the text at the placement, 0–1 (0 when orphaned). */
  score: number;
}

// ---------------------------------------------------------------------------------------------
// Targets

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** True when `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * The target of the span [start, end) of `text`: the quote and up to 32 characters of context
 * on each side (one fewer where 32 would cut a surrogate pair in half).
 */
export function makeTarget(text: string, start: number, end: number, contextLength = CONTEXT_LENGTH): AnchorTarget {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length)) {
    throw new RangeError(`invalid span ${start}–${end} for a text of length ${text.length}`);
  }
  let from = Math.max(0, start - contextLength);
  if (splitsSurrogatePair(text, from)) from++;
  let to = Math.min(text.length, end + contextLength);
  if (splitsSurrogatePair(text, to)) to--;
  return { start, end, exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

/** The result for the span [start, end) (widened to whole code points: never half a surrogate pair). */
export function placed(text: string, t: AnchorTarget, start: number, end: number, score: number): AnchorResult {
  if (splitsSurrogatePair(text, start)) start--;
  if (splitsSurrogatePair(text, end)) end++;
  if (!(0 <= start && start < end && end <= text.length)) return orphan(t);
  const target = makeTarget(text, start, end);
  if (target.exact !== t.exact && score >= 1) score = 1 - 1 / (t.prefix.length + t.exact.length + t.suffix.length + 1);
  const status: AnchorStatus = start === t.start && end === t.end && target.exact === t.exact ? 'anchored' : 'moved';
  return { status, target, score };
}

export function orphan(t: AnchorTarget): AnchorResult {
  return { status: 'orphaned', target: { start: t.start, end: t.end, exact: t.exact, prefix: t.prefix, suffix: t.suffix }, score: 0 };
}

/** Is the quote at `p`, with both context strings verbatim around it? */
export function contextMatchesAt(text: string, t: AnchorTarget, p: number): boolean {
  const lp = t.prefix.length;
  return p >= lp && text.startsWith(t.exact, p) && text.startsWith(t.prefix, p - lp) && text.startsWith(t.suffix, p + t.exact.length);
}
