/**
 * Sidecar format v1 and the tag-set format, as zod schemas. These schemas are the single
 * source of truth: the JSON Schemas in `schemas/` are generated from them by
 * `scripts/gen-schemas.ts`, and a unit test fails when the committed files drift.
 *
 * Every object is a `looseObject`: fields this version does not know are kept on read and
 * written back unchanged, so a newer tool's additions survive a round trip through this one.
 */
import { z } from 'zod';

/** The sidecar format version this code reads and writes. */
export const SIDECAR_VERSION = 1;
/** The tag-set format version this code reads. */
export const TAG_SET_VERSION = 1;
/** Characters of context stored on each side of an annotated span. */
export const CONTEXT_LENGTH = 32;

const offset = z.number().int().nonnegative();

export const TargetSchema = z
  .looseObject({
    start: offset.describe('Start of the span: UTF-16 code unit offset into the document text (BOM removed).'),
    end: offset.describe('End of the span (exclusive), UTF-16 code units; greater than start.'),
    exact: z.string().min(1).describe('The annotated text itself, text.slice(start, end).'),
    prefix: z
      .string()
      .default('')
      .describe(`Up to ${CONTEXT_LENGTH} characters of text just before the span (fewer at the start of the document).`),
    suffix: z
      .string()
      .default('')
      .describe(`Up to ${CONTEXT_LENGTH} characters of text just after the span (fewer at the end of the document).`),
  })
  .describe(
    'Where the annotation sits. start/end locate it; exact, prefix and suffix let it be found again after the document changed.',
  );

export const ANNOTATION_STATUSES = ['orphaned'] as const;
export const DOCUMENT_STATUSES = ['todo', 'in-progress', 'done'] as const;

const isoDateTime = z.iso.datetime({ offset: true });

/** Attribute values as stored: text, an enum value, or a list of URLs. Unknown shapes are kept. */
export const AttributesSchema = z
  .record(z.string(), z.unknown())
  .default({})
  .describe(
    "Values of the tag's attributes, keyed by attribute id: a string for enum and text attributes, an array of URL strings for url-list attributes. Attributes the tag set does not define are kept and reported as warnings.",
  );

export const AnnotationSchema = z
  .looseObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'must be 1–128 letters, digits, ".", "_", ":" or "-"')
      .describe('Unique within the sidecar. Annotations made by Seed Annotator get a random UUID.'),
    tag: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be a tag id: lower-case letters, digits, "-" or "_"')
      .describe('Id of the tag (see annotation-tags.json), e.g. "claim", "quote" or "source".'),
    status: z
      .enum(ANNOTATION_STATUSES)
      .optional()
      .describe(
        'Absent while the annotation is anchored: target.start/end locate target.exact in the current document text. ' +
          '"orphaned": the annotation could not be placed on the current text (its text was deleted or changed too much). ' +
          'It is kept, never dropped; target keeps its last known offsets, exact, prefix and suffix, which then refer to an ' +
          'older version of the document, not to document.sha256. Re-anchoring is tried again whenever the document is ' +
          'opened or validated; the field is removed once the annotation is placed again.',
      ),
    target: TargetSchema,
    attributes: AttributesSchema,
    note: z.string().default('').describe('Free-text note of the annotator.'),
    author: z.string().default('').describe('Who made the annotation (free text, may be empty).'),
    created: isoDateTime.describe('When the annotation was made: ISO 8601 date-time with Z or an offset.'),
    modified: isoDateTime.describe('When the annotation was last changed: ISO 8601 date-time with Z or an offset.'),
  })
  .describe('One tagged span of the document.');

export const DocumentInfoSchema = z
  .looseObject({
    file: z
      .string()
      .min(1)
      .describe('File name of the annotated document, without folders (e.g. "000_960fc4c8afcb4f95.txt").'),
    source: z.string().nullable().describe('The URL of the "Source:" line of the document, or null when it has none.'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')
      .describe(
        'SHA-256 (lower-case hex) of the UTF-8 encoding of the text the anchored offsets refer to (BOM removed, line endings as in the file).',
      ),
    length: offset.describe('Length of that text in UTF-16 code units.'),
  })
  .describe('The document text that the offsets of anchored annotations refer to.');

/** The sidecar schema without cross-field checks (what the JSON Schema describes). */
export const SidecarShapeSchema = z
  .looseObject({
    version: z
      .literal(SIDECAR_VERSION)
      .describe(
        'Format version. A file with a higher version was written by a newer Seed Annotator: it is shown read-only and never rewritten.',
      ),
    status: z
      .enum(DOCUMENT_STATUSES)
      .optional()
      .describe('Where the annotator is with this document: "todo", "in-progress" or "done" (absent means "todo").'),
    document: DocumentInfoSchema,
    annotations: z
      .array(AnnotationSchema)
      .describe('The annotations, ordered by target.start, then target.end, then id.'),
  })
  .describe(
    'Annotations of one source document, kept beside it as <document>.annotations.json (e.g. 000_960fc4c8afcb4f95.txt.annotations.json).',
  );

/** The sidecar schema with the checks JSON Schema cannot express (span consistency, unique ids). */
export const SidecarSchema = SidecarShapeSchema.superRefine((sidecar, ctx) => {
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
});

export type Target = z.output<typeof TargetSchema>;
export type Annotation = z.output<typeof AnnotationSchema>;
export type DocumentInfo = z.output<typeof DocumentInfoSchema>;
export type Sidecar = z.output<typeof SidecarShapeSchema>;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

// ---------------------------------------------------------------------------------------------
// Tag set: annotation-tags.json at the root of a workspace folder.

export const TAG_SET_FILE_NAME = 'annotation-tags.json';

const identifier = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, "-" or "_", starting with a letter');

export const AttributeKinds = ['enum', 'text', 'url-list'] as const;

export const AttributeDefSchema = z
  .looseObject({
    id: identifier.describe('Key of the attribute in an annotation\'s "attributes" object.'),
    label: z.string().min(1).describe('Name shown to the annotator.'),
    description: z.string().default('').describe('Help text shown to the annotator.'),
    kind: z
      .enum(AttributeKinds)
      .describe('"enum": one of values (a string); "text": free text (a string); "url-list": an array of http(s) URLs.'),
    values: z
      .array(z.string().min(1))
      .optional()
      .describe('The allowed values of an enum attribute, in display order. Required for kind "enum".'),
    default: z.string().optional().describe('Value preselected for a new annotation (enum and text attributes).'),
  })
  .superRefine((attr, ctx) => {
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
  })
  .describe('One attribute an annotation of this tag can carry.');

export const TagDefSchema = z
  .looseObject({
    id: identifier.describe('Stored in each annotation\'s "tag" field, e.g. "claim".'),
    label: z.string().min(1).describe('Name shown to the annotator, e.g. "Claim".'),
    description: z.string().default('').describe('What the tag marks, shown as help.'),
    color: z
      .string()
      .regex(
        /^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+)$/,
        'must be a theme color id (e.g. "seedAnnotator.tag.claim") or a hex color (#rrggbb or #rrggbbaa)',
      )
      .describe(
        'Highlight color: a theme color id contributed by the extension (e.g. "seedAnnotator.tag.claim"), or a hex color #rrggbb / #rrggbbaa.',
      ),
    keybinding: z.string().min(1).optional().describe('Key binding hint shown next to the tag, e.g. "ctrl+alt+1".'),
    attributes: z.array(AttributeDefSchema).default([]).describe('The attributes of this tag, in display order.'),
  })
  .superRefine((tag, ctx) => {
    const seen = new Set<string>();
    tag.attributes.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', path: ['attributes', i, 'id'], message: `duplicate attribute id '${a.id}'` });
      seen.add(a.id);
    });
  })
  .describe('One kind of annotation.');

export const TagSetShapeSchema = z
  .looseObject({
    version: z.literal(TAG_SET_VERSION).describe('Format version of this file.'),
    tags: z.array(TagDefSchema).min(1).describe('The tags offered to the annotator, in display order.'),
  })
  .describe(`The annotation tags of a workspace folder: ${TAG_SET_FILE_NAME} at its root. Without it the default tags (claim, quote, source) apply.`);

export const TagSetSchema = TagSetShapeSchema.superRefine((set, ctx) => {
  const seen = new Set<string>();
  set.tags.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tags', i, 'id'], message: `duplicate tag id '${t.id}'` });
    seen.add(t.id);
  });
});

export type AttributeKind = (typeof AttributeKinds)[number];
export type AttributeDef = z.output<typeof AttributeDefSchema>;
export type TagDef = z.output<typeof TagDefSchema>;
export type TagSet = z.output<typeof TagSetShapeSchema>;
