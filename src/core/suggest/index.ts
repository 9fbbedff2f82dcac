export * from './types';
export { builtinSuggestions, BUILTIN_PROVIDER, type ExistingAnnotation, type SuggestOptions } from './builtin';
export { claimCandidates, claimSignals, overlaps, type ClaimCandidate, type ClaimSignal } from './claims';
export { quoteSpans, looksLikeScareQuoteOrTitle, type QuoteCandidate } from './quotes';
export { speakersOf, attributionNextTo, type SpeakerFound } from './speakers';
export { bodySentences, sentencesOfParagraph } from './sentences';
export { proposalKey, proposalKeyAt, rejectedKeys, REJECT_CONTEXT, type RejectedLike } from './rejected';
export { checkSuggestions, SuggestRequestSchema, SuggestResponseSchema, SUGGEST_PROTOCOL_VERSION, type SuggestRequest } from './protocol';
