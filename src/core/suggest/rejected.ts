/**
 * Rejected suggestions are remembered (in the sidecar's `suggestions.rejected`) by what they proposed — the tag and
 * the text with a little context — so the same proposal is not made again, even after the document was edited.
 */
import type { Span } from '../document';

export interface RejectedLike {
  tag: string;
  exact: string;
  prefix: string;
}

/** Characters of context before the span that identify a rejected proposal. */
export const REJECT_CONTEXT = 16;

export function proposalKey(tag: string, exact: string, prefix: string): string {
  return `${tag}\u0000${prefix.slice(-REJECT_CONTEXT)}\u0000${exact}`;
}

/** The key of a proposal of `tag` on `span` of `text`. */
export function proposalKeyAt(text: string, tag: string, span: Span): string {
  return proposalKey(tag, text.slice(span.start, span.end), text.slice(Math.max(0, span.start - REJECT_CONTEXT), span.start));
}

export function rejectedKeys(rejected: readonly RejectedLike[]): Set<string> {
  return new Set(rejected.map((r) => proposalKey(r.tag, r.exact, r.prefix)));
}
