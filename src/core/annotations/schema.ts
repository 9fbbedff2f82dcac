/**
 * Sidecar format v2 (v1 still read) and the tag-set format, as zod schemas. These schemas are the single
 * source of truth: the JSON Schemas in `schemas/` are generated from them by
 * `scripts/gen-schemas.ts`, and a unit test fails when the committed files drift.
 *
 * Every object is a `looseObject`: fields this version does not know are kept on read and
 * written back unchanged, so a newer tool's additions survive a round trip through this one.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini, not classic zod: the same checks and the same generated JSON Schemas for a fifth of the bundle (the web
// worker bundle has a size budget). Mini has no messages of its own: the English ones are set once, here.
z.config(en());

/** The sidecar format version this code writes. */
export const SIDECAR_VERSION = 2;
/** The sidecar format versions this code reads (and rewrites as SIDECAR_VERSION on their next change). */
export const READABLE_SIDECAR_VERSIONS = [1, 2] as const;
/** The tag-set format version this code reads. */
export const TAG_SET_VERSION = 1;
/** Characters of context stored on each side of an annotated span. */
export const CONTEXT_LENGTH = 32;

const offset = z.int().check(z.minimum(0));
/**
 * An annotation's tag: a tag id of the tag set (lower-case), or a type name an import kept as it was (brat's
 * `DNA_methylation`, imported with --keep-unknown-tags), which may hold upper-case letters.
 */
export const TAG_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const TargetSchema = z
  .looseObject({
    start: offset.check(z.describe('Start of the span: UTF-16 code unit offset into the document text (BOM removed).')),
    end: offset.check(z.describe('End of the span (exclusive), UTF-16 code units; greater than start.')),
    exact: z.string().check(z.minLength(1)).check(z.describe('The annotated text itself, text.slice(start, end).')),
    prefix: z._default(z.string(), '')
      .check(z.describe(`Up to ${CONTEXT_LENGTH} characters of text just before the span (fewer at the start of the document).`)),
    suffix: z._default(z.string(), '')
      .check(z.describe(`Up to ${CONTEXT_LENGTH} characters of text just after the span (fewer at the end of the document).`)),
  })
  .check(z.describe(
    'Where the annotation sits. start/end locate it; exact, prefix and suffix let it be found again after the document changed.',
  ));

export const ANNOTATION_STATUSES = ['orphaned'] as const;
export const DOCUMENT_STATUSES = ['todo', 'in-progress', 'done'] as const;
export const CURATION_DECISIONS = ['accepted', 'edited', 'added', 'rejected-all'] as const;
export const CURATION_STATUSES = ['not-started', 'in-progress', 'curated'] as const;

const isoDateTime = z.iso.datetime({ offset: true });

/** Ids of annotations and relations. */
export const ItemIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1–128 letters, digits, ".", "_", ":" or "-"'));

const OriginSchema = z.optional(z.string()
  .check(z.minLength(1)))
  .check(z.describe(
    'Where the item came from when a person did not make it from scratch, e.g. "suggested:builtin" for an accepted suggestion of the built-in provider. Absent for hand-made items.',
  ));

export const CurationSchema = z
  .looseObject({
    from: z
      .array(ItemIdSchema)
      .check(z.describe(
        "Ids of the annotators' annotations (or relations) this gold item settles: the versions of one unit, the one taken first (accepted, edited); every version for rejected-all; empty for a gold item nobody made (added).",
      )),
    decision: z
      .enum(CURATION_DECISIONS)
      .check(z.describe(
        '"accepted": one annotator\'s version taken as it is; "edited": taken and changed; "added": made by the curator; "rejected-all": every version rejected (the gold item records the rejection and is not exported).',
      )),
  })
  .check(z.describe("Present on gold-standard items only: made by a curator from the annotators' work. Annotators' own items never carry it."));

export const ConflictSchema = z
  .looseObject({
    with: ItemIdSchema.check(z.describe('Id of the other version of the same item.')),
  })
  .check(z.describe(
    'Present when a merge found this item changed differently on two sides and kept both versions; resolve by keeping one (the other is removed and this field dropped).',
  ));

/** Attribute values as stored: text, an enum value, or a list of URLs. Unknown shapes are kept. */
export const AttributesSchema = z._default(z.record(z.string(), z.unknown()), {})
  .check(z.describe(
    "Values of the tag's attributes, keyed by attribute id: a string for enum and text attributes, an array of URL strings for url-list attributes. Attributes the tag set does not define are kept and reported as warnings.",
  ));

export const AnnotationSchema = z
  .looseObject({
    id: ItemIdSchema.check(z.describe('Unique within the sidecar. Annotations made by Seed Annotator get a random UUID.')),
    tag: z
      .string()
      .check(z.regex(TAG_ID, 'must be a tag id: a letter, then letters, digits, "-" or "_"'))
      .check(z.describe('Id of the tag (see annotation-tags.json), e.g. "claim", "quote" or "source".')),
    status: z.optional(z.enum(ANNOTATION_STATUSES))
      .check(z.describe(
        'Absent while the annotation is anchored: target.start/end locate target.exact in the current document text. ' +
          '"orphaned": the annotation could not be placed on the current text (its text was deleted or changed too much). ' +
          'It is kept, never dropped; target keeps its last known offsets, exact, prefix and suffix, which then refer to an ' +
          'older version of the document, not to document.sha256. Re-anchoring is tried again whenever the document is ' +
          'opened or validated; the field is removed once the annotation is placed again.',
      )),
    target: TargetSchema,
    attributes: AttributesSchema,
    note: z._default(z.string(), '').check(z.describe('Free-text note of the annotator.')),
    author: z._default(z.string(), '').check(z.describe('Who made the annotation (free text, may be empty).')),
    created: isoDateTime.check(z.describe('When the annotation was made: ISO 8601 date-time with Z or an offset.')),
    modified: isoDateTime.check(z.describe('When the annotation was last changed: ISO 8601 date-time with Z or an offset.')),
    origin: OriginSchema,
    curation: z.optional(CurationSchema),
    conflict: z.optional(ConflictSchema),
  })
  .check(z.describe('One tagged span of the document.'));

export const RelationSchema = z
  .looseObject({
    id: ItemIdSchema.check(z.describe('Unique among the relations of the sidecar. Relations made by Seed Annotator get a random UUID.')),
    type: z
      .string()
      .check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be a relation type id: lower-case letters, digits, "-" or "_"'))
      .check(z.describe('Id of the relation type (see "relations" in annotation-tags.json), e.g. "attributed-to".')),
    from: ItemIdSchema.check(z.describe('Id of the annotation the relation starts at (e.g. the quote).')),
    to: ItemIdSchema.check(z.describe('Id of the annotation the relation points to (e.g. the source).')),
    attributes: AttributesSchema.check(z.describe("Values of the relation type's attributes, keyed by attribute id.")),
    note: z._default(z.string(), '').check(z.describe('Free-text note of the annotator.')),
    author: z._default(z.string(), '').check(z.describe('Who made the relation (free text, may be empty).')),
    created: isoDateTime.check(z.describe('When the relation was made: ISO 8601 date-time with Z or an offset.')),
    modified: isoDateTime.check(z.describe('When the relation was last changed: ISO 8601 date-time with Z or an offset.')),
    origin: OriginSchema,
    curation: z.optional(CurationSchema),
    conflict: z.optional(ConflictSchema),
  })
  .check(z.describe('A typed link from one annotation of the document to another, e.g. a quote attributed to a source.'));

export const AnnotatorStatusSchema = z
  .looseObject({
    status: z.enum(DOCUMENT_STATUSES).check(z.describe('"todo", "in-progress" or "done".')),
    modified: z.optional(isoDateTime).check(z.describe('When the annotator last set it.')),
  })
  .check(z.describe("One annotator's progress on the document."));

export const DocumentStatusFieldSchema = z.optional(z.union([
    z.enum(DOCUMENT_STATUSES).check(z.describe('Version 1: one status for everybody (read as the status of annotator "").')),
    z
      .record(z.string(), AnnotatorStatusSchema)
      .check(z.describe('Each annotator\'s own progress, keyed by author name ("" when no name is set).')),
  ]))
  .check(z.describe('Where each annotator is with this document. Absent means "todo" for everybody.'));

export const DocumentCurationSchema = z
  .looseObject({
    status: z.enum(CURATION_STATUSES).check(z.describe('"not-started", "in-progress" or "curated" (the gold standard is complete).')),
    curator: z.optional(z.string()).check(z.describe('Who curated the document.')),
    modified: z.optional(isoDateTime).check(z.describe('When the curation status last changed.')),
  })
  .check(z.describe('Adjudication of the document: where the curator is in turning the annotators\' work into the gold standard.'));

export const DocumentInfoSchema = z
  .looseObject({
    file: z
      .string()
      .check(z.minLength(1))
      .check(z.describe('File name of the annotated document, without folders (e.g. "000_960fc4c8afcb4f95.txt").')),
    source: z.nullable(z.string()).check(z.describe('The URL of the "Source:" line of the document, or null when it has none.')),
    sha256: z
      .string()
      .check(z.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'))
      .check(z.describe(
        'SHA-256 (lower-case hex) of the UTF-8 encoding of the text the anchored offsets refer to (BOM removed, line endings as in the file).',
      )),
    length: offset.check(z.describe('Length of that text in UTF-16 code units.')),
  })
  .check(z.describe('The document text that the offsets of anchored annotations refer to.'));

export const RejectedSuggestionSchema = z
  .looseObject({
    tag: z.string().check(z.regex(TAG_ID, 'must be a tag id: a letter, then letters, digits, "-" or "_"')).check(z.describe('The tag the suggestion proposed.')),
    exact: z.string().check(z.minLength(1)).check(z.describe('The text it proposed to tag.')),
    prefix: z._default(z.string(), '').check(z.describe('Up to 16 characters of text just before it: with tag and exact, what is not proposed again.')),
    provider: z.string().check(z.minLength(1)).check(z.describe('Who proposed it: "builtin" or a registered provider\'s id.')),
    author: z._default(z.string(), '').check(z.describe('Who rejected it; each annotator\'s rejections hide suggestions from that annotator only.')),
    created: isoDateTime.check(z.describe('When it was rejected.')),
  })
  .check(z.describe('A suggestion a user rejected: never proposed to that user again, even after the document changed around it.'));

export const SuggestionsStateSchema = z
  .looseObject({
    rejected: z._default(z.array(RejectedSuggestionSchema), []).check(z.describe('Rejected suggestions, oldest first.')),
  })
  .check(z.describe('What became of the suggestions made for this document (accepted ones are ordinary annotations with an "origin"). Absent when none was rejected.'));

/** The sidecar schema without cross-field checks (what the JSON Schema describes). */
export const SidecarShapeSchema = z
  .looseObject({
    version: z
      .literal([...READABLE_SIDECAR_VERSIONS].reverse())
      .check(z.describe(
        'Format version: 2 (version 1 files, without relations, are still read and are written as 2 on their next change). A file with a higher version was written by a newer Seed Annotator: it is shown read-only and never rewritten.',
      )),
    status: DocumentStatusFieldSchema,
    curation: z.optional(DocumentCurationSchema),
    document: DocumentInfoSchema,
    annotations: z
      .array(AnnotationSchema)
      .check(z.describe('The annotations, ordered by target.start, then target.end, then id.')),
    relations: z._default(z.array(RelationSchema), [])
      .check(z.describe('Links between annotations of this sidecar, ordered by from, to, type, id. Optional on read (version 1 has none); always written.')),
    suggestions: z.optional(SuggestionsStateSchema),
  })
  .check(z.describe(
    'Annotations of one source document, kept beside it as <document>.annotations.json (e.g. 000_960fc4c8afcb4f95.txt.annotations.json).',
  ));

/** The sidecar schema with the checks JSON Schema cannot express (span consistency, unique ids, relation endpoints). */
export const SidecarSchema = SidecarShapeSchema.check(z.superRefine((sidecar, ctx) => {
  checkAnnotations(sidecar, ctx);
  checkRelations(sidecar, ctx);
}));

type RefineContext = z.core.$RefinementCtx<z.output<typeof SidecarShapeSchema>>;

function checkAnnotations(sidecar: z.output<typeof SidecarShapeSchema>, ctx: RefineContext): void {
  const seen = new Map<string, number>();
  sidecar.annotations.forEach((a, i) => {
    const { start, end, exact } = a.target;
    if (end <= start) {
      ctx.addIssue({ code: 'custom', path: ['annotations', i, 'target', 'end'], message: `must be greater than start (${start}), got ${end}` });
    } else if (exact.length !== end - start) {
      ctx.addIssue({
        code: 'custom',
        path: ['annotations', i, 'target', 'exact'],
        message: `has ${exact.length} characters but the span ${start}–${end} has ${end - start}`,
      });
    }
    if (a.status === undefined && end > sidecar.document.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['annotations', i, 'target', 'end'],
        message: `${end} is past the end of the document (document.length is ${sidecar.document.length})`,
      });
    }
    const first = seen.get(a.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['annotations', i, 'id'], message: `duplicate id '${a.id}' (also annotations.${first}.id)` });
    } else {
      seen.set(a.id, i);
    }
  });
}

function checkRelations(sidecar: z.output<typeof SidecarShapeSchema>, ctx: RefineContext): void {
  const annotationIds = new Set(sidecar.annotations.map((a) => a.id));
  const seen = new Map<string, number>();
  sidecar.relations.forEach((r, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!annotationIds.has(r[end])) {
        ctx.addIssue({ code: 'custom', path: ['relations', i, end], message: `'${r[end]}' is not the id of an annotation of this sidecar` });
      }
    }
    if (r.from === r.to) ctx.addIssue({ code: 'custom', path: ['relations', i, 'to'], message: 'a relation cannot link an annotation to itself' });
    const first = seen.get(r.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['relations', i, 'id'], message: `duplicate id '${r.id}' (also relations.${first}.id)` });
    } else {
      seen.set(r.id, i);
    }
  });
}

export type Target = z.output<typeof TargetSchema>;
export type Annotation = z.output<typeof AnnotationSchema>;
export type Relation = z.output<typeof RelationSchema>;
export type Curation = z.output<typeof CurationSchema>;
export type CurationDecision = (typeof CURATION_DECISIONS)[number];
export type CurationStatus = (typeof CURATION_STATUSES)[number];
export type DocumentCuration = z.output<typeof DocumentCurationSchema>;
export type AnnotatorStatus = z.output<typeof AnnotatorStatusSchema>;
/** Per-annotator statuses keyed by author ("" when no name is set). */
export type DocumentStatuses = Record<string, AnnotatorStatus>;
export type DocumentInfo = z.output<typeof DocumentInfoSchema>;
export type RejectedSuggestion = z.output<typeof RejectedSuggestionSchema>;
export type Sidecar = z.output<typeof SidecarShapeSchema>;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Tag set: annotation-tags.json at the root of a workspace folder.

export const TAG_SET_FILE_NAME = 'annotation-tags.json';

const identifier = z.string().check(z.regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter'));
/** A tag id in a tag set: what an annotation's "tag" accepts. */
const tagIdentifier = z.string().check(z.regex(TAG_ID, 'must be a tag id: a letter, then letters, digits, "-" or "_"'));

export const AttributeKinds = ['enum', 'text', 'url-list'] as const;

export const AttributeDefSchema = z
  .looseObject({
    id: identifier.check(z.describe('Key of the attribute in an annotation\'s "attributes" object.')),
    label: z.string().check(z.minLength(1)).check(z.describe('Name shown to the annotator.')),
    description: z._default(z.string(), '').check(z.describe('Help text shown to the annotator.')),
    kind: z
      .enum(AttributeKinds)
      .check(z.describe('"enum": one of values (a string); "text": free text (a string); "url-list": an array of http(s) URLs.')),
    values: z.optional(z.array(z.string().check(z.minLength(1))))
      .check(z.describe('The allowed values of an enum attribute, in display order. Required for kind "enum".')),
    default: z.optional(z.string()).check(z.describe('Value preselected for a new annotation (enum and text attributes).')),
  })
  .check(z.superRefine((attr, ctx) => {
    if (attr.kind === 'enum') {
      if (!attr.values || attr.values.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: 'an enum attribute needs a non-empty list of values' });
      } else if (new Set(attr.values).size !== attr.values.length) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: 'values must be distinct' });
      } else if (attr.default !== undefined && !attr.values.includes(attr.default)) {
        ctx.addIssue({ code: 'custom', path: ['default'], message: `'${attr.default}' is not one of values` });
      }
    } else if (attr.values !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `values only apply to enum attributes, not to kind '${attr.kind}'` });
    }
  }))
  .check(z.describe('One attribute an annotation of this tag can carry.'));

export const TagDefSchema = z
  .looseObject({
    id: tagIdentifier.check(z.describe('Stored in each annotation\'s "tag" field, e.g. "claim". Lower case by convention; any tag id a sidecar accepts (labels kept by an import, e.g. "DNA_methylation").')),
    label: z.string().check(z.minLength(1)).check(z.describe('Name shown to the annotator, e.g. "Claim".')),
    description: z._default(z.string(), '').check(z.describe('What the tag marks, shown as help.')),
    color: z
      .string()
      .check(z.regex(
        /^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+)$/,
        'must be a theme color id (e.g. "seedAnnotator.tag.claim") or a hex color (#rrggbb or #rrggbbaa)',
      ))
      .check(z.describe(
        'Highlight color: a theme color id contributed by the extension (e.g. "seedAnnotator.tag.claim"), or a hex color #rrggbb / #rrggbbaa.',
      )),
    keybinding: z.optional(z.string().check(z.minLength(1))).check(z.describe('Key binding hint shown next to the tag, e.g. "ctrl+alt+1".')),
    attributes: z._default(z.array(AttributeDefSchema), []).check(z.describe('The attributes of this tag, in display order.')),
  })
  .check(z.superRefine(uniqueAttributeIds))
  .check(z.describe('One kind of annotation.'));

export const RelationTypeDefSchema = z
  .looseObject({
    id: identifier.check(z.describe('Stored in each relation\'s "type" field, e.g. "attributed-to".')),
    label: z.string().check(z.minLength(1)).check(z.describe('Name shown to the annotator, e.g. "Attributed to".')),
    description: z._default(z.string(), '').check(z.describe('What the relation means, shown as help.')),
    from: z.array(tagIdentifier).check(z.minLength(1)).check(z.describe('Tags an annotation may have to start this relation (tag ids).')),
    to: z.array(tagIdentifier).check(z.minLength(1)).check(z.describe('Tags an annotation may have to be its target (tag ids).')),
    symmetric: z._default(z
      .boolean(), false)
      .check(z.describe('True when the relation means the same read both ways (e.g. "same-as"): A→B and B→A are one link.')),
    attributes: z._default(z.array(AttributeDefSchema), []).check(z.describe('The attributes of this relation type, in display order.')),
  })
  .check(z.superRefine(uniqueAttributeIds))
  .check(z.describe('One kind of link between two annotations.'));

export const TagSetShapeSchema = z
  .looseObject({
    version: z.literal(TAG_SET_VERSION).check(z.describe('Format version of this file.')),
    tags: z.array(TagDefSchema).check(z.minLength(1)).check(z.describe('The tags offered to the annotator, in display order.')),
    relations: z.optional(z.array(RelationTypeDefSchema))
      .check(z.describe(
        'The relation types offered to the annotator, in display order. Absent: the defaults (attributed-to, supports, contradicts, same-as) whose tags this set defines.',
      )),
  })
  .check(z.describe(`The annotation tags of a workspace folder: ${TAG_SET_FILE_NAME} at its root. Without it the default tags (claim, quote, source) apply.`));

export const TagSetSchema = TagSetShapeSchema.check(z.superRefine((set, ctx) => {
  const tagIds = new Set<string>();
  set.tags.forEach((t, i) => {
    if (tagIds.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tags', i, 'id'], message: `duplicate tag id '${t.id}'` });
    tagIds.add(t.id);
  });
  const relationIds = new Set<string>();
  (set.relations ?? []).forEach((r, i) => {
    if (relationIds.has(r.id)) ctx.addIssue({ code: 'custom', path: ['relations', i, 'id'], message: `duplicate relation type id '${r.id}'` });
    relationIds.add(r.id);
    for (const end of ['from', 'to'] as const) {
      r[end].forEach((tag, k) => {
        if (!tagIds.has(tag)) ctx.addIssue({ code: 'custom', path: ['relations', i, end, k], message: `'${tag}' is not a tag of this tag set` });
      });
    }
  });
}));

function uniqueAttributeIds(def: { attributes: ReadonlyArray<{ id: string }> }, ctx: z.core.$RefinementCtx<unknown>): void {
  const seen = new Set<string>();
  def.attributes.forEach((a, i) => {
    if (seen.has(a.id)) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'id'], message: `duplicate attribute id '${a.id}'` });
    seen.add(a.id);
  });
}

export type AttributeKind = (typeof AttributeKinds)[number];
export type AttributeDef = z.output<typeof AttributeDefSchema>;
export type TagDef = z.output<typeof TagDefSchema>;
export type RelationTypeDef = z.output<typeof RelationTypeDefSchema>;
export type TagSet = z.output<typeof TagSetShapeSchema>;
