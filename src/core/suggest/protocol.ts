/**
 * The shapes a suggestion provider exchanges, validated with zod: what a local HTTP endpoint receives (POST, JSON)
 * and must answer, and what an extension's provider returns. Offsets are UTF-16 code units into `text`.
 */
// zod/mini, as the sidecar schemas: the web worker bundle has a size budget (the English messages are set there).
import * as z from 'zod/mini';
import '../annotations/schema';
import type { Suggestion } from './types';

export const SUGGEST_PROTOCOL_VERSION = 1;

const int = z.int();

export const SuggestRequestSchema = z.object({
  version: z.literal(SUGGEST_PROTOCOL_VERSION),
  document: z.object({
    /** File name, without folders. */
    file: z.string(),
    /** The text as VS Code holds it (BOM removed, line endings as in the file). */
    text: z.string(),
  }),
  /** The tags of the workspace's tag set, with their attribute ids. */
  tags: z.array(z.object({ id: z.string(), attributes: z.array(z.string()) })),
  /** The document's placed annotations: a provider may leave out what is tagged. */
  annotations: z.array(z.object({ tag: z.string(), start: int, end: int })),
});
export type SuggestRequest = z.infer<typeof SuggestRequestSchema>;

const nonEmpty = z.string().check(z.minLength(1));
const SuggestionSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  tag: nonEmpty,
  start: z.int().check(z.minimum(0)),
  end: z.int().check(z.positive()),
  attributes: z._default(z.record(z.string(), z.string()), {}),
  links: z._default(z.array(z.object({ type: nonEmpty, to: nonEmpty })), []),
});

export const SuggestResponseSchema = z.object({ suggestions: z.array(SuggestionSchema) });

/**
 * Checks a provider's answer against the document and the tag set: the shape, spans inside the text and not empty,
 * known tags, unique ids, links to ids of the answer. Returns the suggestions, or the problems as
 * `suggestions.3.end: …` lines.
 */
export function checkSuggestions(
  value: unknown,
  textLength: number,
  tagIds: ReadonlySet<string>,
): { ok: true; suggestions: Suggestion[] } | { ok: false; problems: string[] } {
  const parsed = SuggestResponseSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`) };
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const list = parsed.data.suggestions;
  list.forEach((s, i) => {
    if (s.end <= s.start) problems.push(`suggestions.${i}.end: must be greater than start (${s.start}), got ${s.end}`);
    if (s.end > textLength) problems.push(`suggestions.${i}.end: ${s.end} is past the end of the document (${textLength})`);
    if (!tagIds.has(s.tag)) problems.push(`suggestions.${i}.tag: '${s.tag}' is not a tag of the tag set`);
    if (ids.has(s.id)) problems.push(`suggestions.${i}.id: duplicate id '${s.id}'`);
    ids.add(s.id);
  });
  list.forEach((s, i) => {
    s.links.forEach((l, k) => {
      if (!ids.has(l.to)) problems.push(`suggestions.${i}.links.${k}.to: '${l.to}' is not the id of a suggestion of this answer`);
    });
  });
  return problems.length > 0 ? { ok: false, problems: problems.slice(0, 5) } : { ok: true, suggestions: list };
}
