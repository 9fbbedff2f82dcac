/**
 * The source a quotation is attributed to, when its speaker is named in the text (`…,” said Aldous Perrin`): the
 * source annotation already on the name, or the name to tag as one, and the relation type linking them.
 */
import type { Span } from '../document';

/** The type that links a quote to who said it (PARC's source–cue–content). */
export const ATTRIBUTED_TO = 'attributed-to';
/** The tag a new speaker span gets, when the type allows it (else the type's first end tag). */
const SOURCE_TAG = 'source';

export interface SpeakerSourcePlan {
  /** The relation type id (`attributed-to`). */
  type: string;
  /** An annotation on the name to reuse, or the span to tag with `tag`. */
  source: { reuse: string } | { tag: string; start: number; end: number };
}

interface TypeLike {
  id: string;
  from: readonly string[];
  to: readonly string[];
}

interface AnnotationLike {
  id: string;
  tag: string;
  status?: string;
  target: Span;
}

/** Pronouns a speaker finder may return for a name (`…,” she said`): not a name to tag. */
const PRONOUNS = new Set(['i', 'you', 'he', 'she', 'it', 'we', 'they', 'il', 'elle', 'ils', 'elles', 'on', 'nous', 'vous', 'er', 'sie', 'es', 'wir']);

/** Whether the speaker as found is a name (`Aldous Perrin`), not a pronoun or a description (`she`, `the official`). */
export function isSpeakerName(speaker: string): boolean {
  return /^\p{Lu}/u.test(speaker) && !PRONOUNS.has(speaker.toLocaleLowerCase());
}

/**
 * How to link a quote tagged `quoteTag` to its speaker, named in the text at `mention`: reuse the placed annotation of
 * a source tag that overlaps the name most (the same span first), else tag the name. Null when the speaker is not a
 * name, or the tag set has no `attributed-to` type from `quoteTag`.
 */
export function planSpeakerSource(
  types: readonly TypeLike[],
  quoteTag: string,
  { speaker, mention }: { speaker: string; mention: Span },
  annotations: readonly AnnotationLike[],
): SpeakerSourcePlan | null {
  const type = types.find((t) => t.id === ATTRIBUTED_TO && t.from.includes(quoteTag) && t.to.length > 0);
  if (!type || mention.end <= mention.start || !isSpeakerName(speaker)) return null;
  let best: AnnotationLike | undefined;
  let bestScore = 0;
  for (const a of annotations) {
    if (a.status === 'orphaned' || !type.to.includes(a.tag)) continue;
    const overlap = Math.min(a.target.end, mention.end) - Math.max(a.target.start, mention.start);
    if (overlap <= 0) continue;
    const score = overlap * 2 + (a.target.start === mention.start && a.target.end === mention.end ? 1 : 0);
    if (score > bestScore) {
      best = a;
      bestScore = score;
    }
  }
  if (best) return { type: type.id, source: { reuse: best.id } };
  const tag = type.to.includes(SOURCE_TAG) ? SOURCE_TAG : type.to[0]!;
  return { type: type.id, source: { tag, start: mention.start, end: mention.end } };
}
