/**
 * The one message protocol between the Annotations panel (the webview, `src/webview/main.ts`) and the
 * extension host (`src/vscode/panel/`), described once with zod and imported by both sides. Each side
 * validates every message it receives with `parseToHost` / `parseToWebview` and drops (and logs) anything
 * that does not match; nothing else crosses the boundary.
 *
 * The conversation:
 *   webview → host  `ready` once its script runs (and again after it was re-created when the view was hidden);
 *   host → webview  `state` after `ready` and after every change of the followed document, its annotations or
 *                   the tag set — the whole panel state, so a re-created webview needs nothing else;
 *   webview → host  requests (`reveal`, `update`, `remove`, `reattach`, `setStatus`, `tagNext`, `openLink`),
 *                   each with a `requestId` the host answers with exactly one `reply` (ok, or an error message
 *                   the panel shows, e.g. "… is unreadable; it is left untouched");
 *   host → webview  `select` to move the panel's selection (after Tag Next from the palette).
 *
 * Uses zod/mini (the tree-shakable build) so that the webview bundle stays small.
 */
import * as z from 'zod/mini';

/** Same rules as AnnotationSchema.id and the tag ids of the sidecar format (src/core/annotations/schema.ts). */
const annotationId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/));
const tagId = z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/));
const requestId = z.int().check(z.nonnegative());
/** Upper bound for any text crossing the boundary (a note, a quoted span): generous, but not unbounded. */
const MAX_TEXT = 1_000_000;
const text = z.string().check(z.maxLength(MAX_TEXT));
const shortText = z.string().check(z.maxLength(4096));

export const DOCUMENT_STATUSES = ['todo', 'in-progress', 'done'] as const;
export const DocumentStatus = z.enum(DOCUMENT_STATUSES);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

// ---------------------------------------------------------------------------------------------
// State: what the panel shows, sent whole by the host.

export const AttributeDefView = z.strictObject({
  id: tagId,
  label: shortText,
  description: shortText,
  kind: z.enum(['enum', 'text', 'url-list']),
  values: z.optional(z.array(shortText)),
});
export type AttributeDefView = z.infer<typeof AttributeDefView>;

export const TagView = z.strictObject({
  id: tagId,
  label: shortText,
  description: shortText,
  /** A theme color id (shown through its `--vscode-…` CSS variable) or a hex color; validated like the tag set. */
  color: z.string().check(z.regex(/^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+)$/)),
  attributes: z.array(AttributeDefView),
});
export type TagView = z.infer<typeof TagView>;

/**
 * An attribute value as the sidecar holds it: text or an enum value (a string), a URL list (strings), or, for a
 * hand-edited file, anything else — sent as its JSON text so it can be shown, never interpreted.
 */
export const AttributeValue = z.union([text, z.array(text), z.strictObject({ json: text })]);
export type AttributeValue = z.infer<typeof AttributeValue>;

export const AnnotationView = z.strictObject({
  id: annotationId,
  /** May be a tag the tag set does not define (shown as such). */
  tag: tagId,
  orphaned: z.boolean(),
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  exact: text,
  attributes: z.record(z.string().check(z.maxLength(128)), AttributeValue),
  note: text,
  /** 1-based line of `start` in the document, to tell identical texts apart. */
  line: z.optional(z.int().check(z.positive())),
});
export type AnnotationView = z.infer<typeof AnnotationView>;

/** A relation type of the tag set: what the panel offers when linking an annotation. */
export const RelationTypeView = z.strictObject({
  id: tagId,
  label: shortText,
  description: shortText,
  /** Tags an annotation may have to start (`from`) or end (`to`) such a link. */
  from: z.array(tagId),
  to: z.array(tagId),
  /** Reads the same both ways (`same-as`): one link, whichever end it was made from. */
  symmetric: z.boolean(),
});
export type RelationTypeView = z.infer<typeof RelationTypeView>;

/** A link between two annotations of the document (`from` → `to`: ids of the state's annotations). */
export const RelationView = z.strictObject({
  id: annotationId,
  /** May be a type the tag set does not define (shown by its id). */
  type: tagId,
  from: annotationId,
  to: annotationId,
});
export type RelationView = z.infer<typeof RelationView>;

export const DocumentView = z.strictObject({
  uri: text,
  /** File name, e.g. `000_3fa91c07d2b8e6a4.txt`. */
  name: text,
  /** Headline (or the file name). */
  title: text,
  status: DocumentStatus,
  /** `ready`: editable; `unreadable`: the sidecar has errors; `readonly`: written by a newer Seed Annotator. */
  sidecar: z.enum(['ready', 'unreadable', 'readonly']),
  problems: z.array(text),
});
export type DocumentView = z.infer<typeof DocumentView>;

// Review mode (adjudication, issue #13): the document's units and each annotator's version of them.

export const CURATION_STATUSES = ['not-started', 'in-progress', 'curated'] as const;
export const UNIT_KINDS = ['agreed', 'label', 'span', 'single'] as const;
export const CURATION_DECISIONS = ['accepted', 'edited', 'added', 'rejected-all'] as const;

/** One annotator's version of a unit. */
export const VersionView = z.strictObject({
  id: annotationId,
  author: shortText,
  tag: tagId,
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  exact: text,
  attributes: z.record(z.string().check(z.maxLength(128)), AttributeValue),
  note: text,
  /** Its links as they read (`attributed to: Ines Marlow`). */
  links: z.array(shortText),
});
export type VersionView = z.infer<typeof VersionView>;

export const UnitView = z.strictObject({
  id: shortText,
  kind: z.enum(UNIT_KINDS),
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  versions: z.array(VersionView),
  /** The gold item that settled it (absent while open). */
  gold: z.optional(z.strictObject({ id: annotationId, decision: z.enum(CURATION_DECISIONS), tag: tagId, exact: text })),
});
export type UnitView = z.infer<typeof UnitView>;

export const ReviewView = z.strictObject({
  status: z.enum(CURATION_STATUSES),
  annotators: z.array(shortText),
  units: z.array(UnitView),
  /** Gold annotations nobody made (decision "added"). */
  added: z.array(z.strictObject({ id: annotationId, tag: tagId, exact: text })),
  /**
   * The annotators' links: `ready` once both ends have gold annotations; `gold` the gold link taken from it (or from
   * another annotator's same link between the same gold ends).
   */
  links: z.array(z.strictObject({ id: annotationId, author: shortText, label: shortText, from: text, to: text, ready: z.boolean(), gold: z.optional(annotationId) })),
});
export type ReviewView = z.infer<typeof ReviewView>;

/** A suggestion's id, `<provider>:<id>` (the suggestion controller's). */
const suggestionId = z.string().check(z.minLength(1), z.maxLength(300));

/** A pending suggestion of the document (issue #17): not an annotation until accepted. */
export const SuggestionView = z.strictObject({
  id: suggestionId,
  tag: tagId,
  start: z.int().check(z.nonnegative()),
  end: z.int().check(z.nonnegative()),
  exact: text,
  /** 1-based line of `start`. */
  line: z.optional(z.int().check(z.positive())),
  provider: shortText,
  /** A quote's speaker, when the provider found one. */
  speaker: z.optional(shortText),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

export const PanelState = z.strictObject({
  /** null: no source document is open (the panel says so). */
  document: z.nullable(DocumentView),
  tags: z.array(TagView),
  /** The tag set's relation types, in its order. */
  relationTypes: z.array(RelationTypeView),
  /** The document's links, orphaned ends included. */
  relations: z.array(RelationView),
  /** In document order (target.start, then end); orphans keep their last known offsets. */
  annotations: z.array(AnnotationView),
  /** Present in review mode: the panel shows the review instead of the annotation list. */
  review: z.optional(ReviewView),
  /** The document's pending suggestions, in document order (absent when there are none). */
  suggestions: z.optional(z.array(SuggestionView)),
});
export type PanelState = z.infer<typeof PanelState>;

// ---------------------------------------------------------------------------------------------
// Webview → host.

/** A change of one annotation. `attributes` is merged key by key into the stored ones; null removes a key. */
export const AnnotationPatch = z.strictObject({
  tag: z.optional(tagId),
  attributes: z.optional(z.record(tagId, z.nullable(z.union([shortText, z.array(shortText).check(z.maxLength(256))])))),
  note: z.optional(text),
});
export type AnnotationPatch = z.infer<typeof AnnotationPatch>;

export const ToHost = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  /** Select the annotation's span in the editor and scroll to it (the panel keeps the focus). */
  z.strictObject({ type: z.literal('reveal'), requestId, id: annotationId }),
  z.strictObject({ type: z.literal('update'), requestId, id: annotationId, patch: AnnotationPatch }),
  z.strictObject({ type: z.literal('remove'), requestId, id: annotationId }),
  /** Place an orphaned annotation on the editor's current selection (store.reattach). */
  z.strictObject({ type: z.literal('reattach'), requestId, id: annotationId }),
  z.strictObject({ type: z.literal('setStatus'), requestId, status: DocumentStatus }),
  /** Tag the next untagged quotation or sentence after `afterId` (or after the editor's selection) and move there. */
  z.strictObject({ type: z.literal('tagNext'), requestId, afterId: z.optional(annotationId) }),
  /** Pass over the next untagged span after `afterId` (or the editor's selection) without tagging it: select it in the editor. */
  z.strictObject({ type: z.literal('skip'), requestId, afterId: z.optional(annotationId) }),
  /** The work queue: open the next (or previous) document that is not done, at its first untagged span. */
  z.strictObject({ type: z.literal('openDocument'), requestId, direction: z.enum(['next', 'previous']) }),
  /** Open an evidence link in the browser; the host accepts http(s) URLs only. */
  z.strictObject({ type: z.literal('openLink'), requestId, url: shortText }),
  /** Link two annotations with a relation type; the host checks the type and the tags it allows at each end. */
  z.strictObject({ type: z.literal('link'), requestId, relationType: tagId, from: annotationId, to: annotationId }),
  /** Remove a link, by its relation id. */
  z.strictObject({ type: z.literal('unlink'), requestId, id: annotationId }),
  /**
   * Review mode: `show` selects a unit's versions in the editor; `accept`/`edit` take version `id` (edit: then
   * changed in the list); `reject` rejects the unit of version `id`; `undo` removes gold item `id`; `add` makes a
   * gold `tag` annotation of the editor's selection; `acceptLink` takes annotator relation `id`; `exit` leaves review mode.
   */
  z.strictObject({
    type: z.literal('review'),
    requestId,
    action: z.enum(['show', 'accept', 'acceptAllAgreed', 'edit', 'reject', 'undo', 'add', 'acceptLink', 'exit']),
    id: z.optional(annotationId),
    tag: z.optional(tagId),
  }),
  /** Suggestions: `accept`/`reject` suggestion `id`; `acceptAll` accepts every pending suggestion of `tag`. */
  z.strictObject({
    type: z.literal('suggestion'),
    requestId,
    action: z.enum(['accept', 'reject', 'acceptAll']),
    id: z.optional(suggestionId),
    tag: z.optional(tagId),
  }),
]);
export type ToHost = z.infer<typeof ToHost>;
export type HostRequest = Exclude<ToHost, { type: 'ready' }>;

// ---------------------------------------------------------------------------------------------
// Host → webview.

export const ToWebview = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('state'), state: PanelState }),
  /** The one answer to a request: ok (`id` names the annotation a `tagNext` created), or an error to show. */
  z.discriminatedUnion('ok', [
    /** `notice`: information to show where the user is looking (e.g. the end of the document was reached). */
    z.strictObject({ type: z.literal('reply'), requestId, ok: z.literal(true), id: z.optional(annotationId), notice: z.optional(shortText) }),
    z.strictObject({ type: z.literal('reply'), requestId, ok: z.literal(false), error: text }),
  ]),
  /** Select an annotation in the panel; `focus: 'note'` also puts the caret in its note. */
  z.strictObject({ type: z.literal('select'), id: annotationId, focus: z.optional(z.enum(['row', 'note'])) }),
  /** Clear the panel's selection (after Skip from the palette: the next Tag next starts from the editor's selection). */
  z.strictObject({ type: z.literal('deselect') }),
  /** Information to show in the panel's notice line (not an error), e.g. the end of the document. */
  z.strictObject({ type: z.literal('notice'), text: shortText }),
]);
export type ToWebview = z.infer<typeof ToWebview>;
export type Reply = Extract<ToWebview, { type: 'reply' }>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

/** Validates a message from the webview (the host's side). Never throws. */
export function parseToHost(raw: unknown): Parsed<ToHost> {
  return toParsed(ToHost.safeParse(raw));
}

/** Validates a message from the host (the webview's side). Never throws. */
export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  return toParsed(ToWebview.safeParse(raw));
}

function toParsed<T>(result: { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string; message: string }> } }): Parsed<T> {
  if (result.success) return { ok: true, message: result.data };
  const first = result.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.code}${i.message ? ` (${i.message})` : ''}`);
  return { ok: false, error: first.join('; ') };
}

/** A short description of a message for a log line, without its (possibly long or hostile) content. */
export function describeMessage(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? `'${type.slice(0, 40)}' message` : 'message without a type';
}

/** http: and https: URLs only (what evidence links may be); the URL as the browser normalises it, or null. */
export function httpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
