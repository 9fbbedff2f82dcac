/**
 * The built-in suggestion provider: quotes with their speaker and cue verb, each named speaker as a source linked
 * to the quote (`attributed-to`), and claim candidates. Nothing that overlaps what is already tagged the same way
 * is proposed, nor anything rejected before.
 */
import type { ParsedDocument, Span } from '../document';
import { ATTRIBUTED_TO, isSpeakerName } from '../relations/speakerSource';
import { claimCandidates, overlaps } from './claims';
import { looksLikeScareQuoteOrTitle, quoteSpans } from './quotes';
import { proposalKeyAt, rejectedKeys, type RejectedLike } from './rejected';
import { speakersOf } from './speakers';
import type { Suggestion, SuggestionResult } from './types';

export const BUILTIN_PROVIDER = 'builtin';

export interface ExistingAnnotation {
  tag: string;
  status?: string;
  target: Span;
}

export interface SuggestOptions {
  /** The document's annotations: claims never overlap any of them; a quote or source already tagged is not proposed. */
  annotations?: readonly ExistingAnnotation[];
  /** Proposals rejected before (the sidecar's `suggestions.rejected`). */
  rejected?: readonly RejectedLike[];
  /** Only proposals inside this span (a selection). */
  within?: Span;
}

/** The built-in provider's suggestions for one parsed document, in document order. */
export function builtinSuggestions(text: string, doc: ParsedDocument, options: SuggestOptions = {}): SuggestionResult {
  const placed = (options.annotations ?? []).filter((a) => a.status !== 'orphaned');
  const refused = rejectedKeys(options.rejected ?? []);
  const isRefused = (tag: string, span: Span) => refused.has(proposalKeyAt(text, tag, span));
  const taggedAs = (tag: string, span: Span) => placed.some((a) => a.tag === tag && overlaps(a.target, span));
  const inside = (span: Span) => !options.within || (options.within.start <= span.start && span.end <= options.within.end);

  const out: Suggestion[] = [];
  const quotes = quoteSpans(text, doc);
  const speakers = speakersOf(text, doc, quotes);
  const sourceIds = new Map<string, string>();
  const quoteSpansKept: Span[] = [];
  quotes.forEach((quote, i) => {
    const who = speakers[i];
    // A title or scare quote stays out unless the words next to it say who said it.
    if ((!who || who.how === 'subject' || who.how === 'continuation') && looksLikeScareQuoteOrTitle(text.slice(quote.start, quote.end))) return;
    quoteSpansKept.push(quote);
    if (taggedAs('quote', quote) || isRefused('quote', quote) || !inside(quote)) return;
    const attributes: Record<string, string> = {};
    if (who) Object.assign(attributes, who.cue ? { speaker: who.speaker, cue: who.cue } : { speaker: who.speaker });
    const suggestion: Suggestion = { id: `q${i + 1}`, tag: 'quote', start: quote.start, end: quote.end, attributes, links: [] };
    out.push(suggestion);
    const mention = who?.mention;
    if (!mention || !isSpeakerName(who.speaker) || taggedAs('source', mention) || isRefused('source', mention)) return;
    const key = `${mention.start}:${mention.end}`;
    let sourceId = sourceIds.get(key);
    if (!sourceId) {
      sourceId = `s${i + 1}`;
      sourceIds.set(key, sourceId);
      out.push({ id: sourceId, tag: 'source', start: mention.start, end: mention.end, attributes: { kind: 'named-person' }, links: [] });
    }
    suggestion.links.push({ type: ATTRIBUTED_TO, to: sourceId });
  });
  const taken = [...placed.map((a) => a.target), ...quoteSpansKept];
  claimCandidates(text, doc, taken).forEach((c, i) => {
    if (isRefused('claim', c) || !inside(c)) return;
    out.push({ id: `c${i + 1}`, tag: 'claim', start: c.start, end: c.end, attributes: {}, links: [] });
  });
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return { provider: BUILTIN_PROVIDER, suggestions: out };
}
