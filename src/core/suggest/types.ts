/**
 * Suggestions: spans a provider proposes to tag (a quote with its speaker, the speaker as a source, a claim
 * candidate). They are not annotations until a user accepts one. Offsets are UTF-16 code units, as everywhere.
 */
import type { Span } from '../document';

export interface SuggestedLink {
  /** Relation type id, e.g. `attributed-to`. */
  type: string;
  /** Id of another suggestion of the same result (its `to` end). */
  to: string;
}

export interface Suggestion extends Span {
  /** Unique within one result (e.g. `q3`, `s3`, `c7`); links refer to it. */
  id: string;
  /** The tag it proposes: `quote`, `source`, `claim`, or any tag of the tag set. */
  tag: string;
  /** Attribute values to pre-fill (text or enum values). */
  attributes: Record<string, string>;
  /** Links to other suggestions (a quote `attributed-to` its speaker). */
  links: SuggestedLink[];
}

/** What a provider returns for one document. */
export interface SuggestionResult {
  /** Who made them: `builtin`, or a registered provider's id. Accepted ones get `origin: "suggested:<provider>"`. */
  provider: string;
  suggestions: Suggestion[];
}
