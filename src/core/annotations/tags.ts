/**
 * The tag set (`annotation-tags.json` at a workspace folder root, or the defaults) and the
 * validation of an annotation's tag and attributes against it.
 */
import { parseJson } from './json';
import { issuesToProblems, syntaxProblem, describeValue, type Problem } from './problems';
import { TAG_SET_VERSION, TagSetSchema, type Annotation, type AttributeDef, type Sidecar, type TagDef, type TagSet } from './schema';

/** Theme color id of a default tag, for `contributes.colors` (e.g. `seedAnnotator.tag.claim`). */
export function tagColorId(tagId: string): string {
  return `seedAnnotator.tag.${tagId}`;
}

export const DEFAULT_TAG_SET: TagSet = {
  version: TAG_SET_VERSION,
  tags: [
    {
      id: 'claim',
      label: 'Claim',
      description: 'A factual statement that could be checked.',
      color: tagColorId('claim'),
      attributes: [
        {
          id: 'checkworthy',
          label: 'Check-worthy',
          description: 'Is the claim worth checking?',
          kind: 'enum',
          values: ['yes', 'no', 'unsure'],
        },
        {
          id: 'type',
          label: 'Type',
          description: 'What kind of claim it is.',
          kind: 'enum',
          values: ['statistic', 'quotation', 'causal', 'prediction', 'event', 'other'],
        },
        {
          id: 'verdict',
          label: 'Verdict',
          description: 'The outcome of the check.',
          kind: 'enum',
          values: ['unverified', 'true', 'mostly-true', 'mixed', 'misleading', 'false', 'unverifiable'],
          default: 'unverified',
        },
        {
          id: 'evidence',
          label: 'Evidence',
          description: 'Links to the sources that support the verdict.',
          kind: 'url-list',
        },
      ],
    },
    {
      id: 'quote',
      label: 'Quote',
      description: 'Words attributed to someone.',
      color: tagColorId('quote'),
      attributes: [
        { id: 'speaker', label: 'Speaker', description: 'Who is quoted.', kind: 'text' },
        { id: 'cue', label: 'Cue verb', description: 'The verb that introduces the quote, e.g. "said".', kind: 'text' },
      ],
    },
    {
      id: 'source',
      label: 'Source',
      description: 'Where information in the article comes from.',
      color: tagColorId('source'),
      attributes: [
        {
          id: 'kind',
          label: 'Kind',
          description: 'What kind of source it is.',
          kind: 'enum',
          values: ['named-person', 'anonymous', 'organisation', 'document', 'media'],
        },
      ],
    },
  ],
};

export type TagSetReadResult = { ok: true; tagSet: TagSet } | { ok: false; problems: Problem[] };

/** Parses and validates an `annotation-tags.json`. Never throws. */
export function parseTagSet(jsonText: string, fileName: string): TagSetReadResult {
  const json = parseJson(jsonText);
  if (!json.ok) return { ok: false, problems: [syntaxProblem(fileName, json.error)] };
  const parsed = TagSetSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(fileName, parsed.error.issues, json.value) };
  return { ok: true, tagSet: parsed.data };
}

export function findTag(tagSet: TagSet, id: string): TagDef | undefined {
  return tagSet.tags.find((t) => t.id === id);
}

/** Attribute values of a new annotation: the defaults of the tag's attributes. */
export function defaultAttributes(tag: TagDef): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of tag.attributes) if (a.default !== undefined) out[a.id] = a.default;
  return out;
}

function isHttpUrl(s: string): boolean {
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks one attribute value; returns error messages keyed by sub-path ('' for the value itself). */
function checkAttribute(def: AttributeDef, value: unknown): Array<{ sub: string; message: string }> {
  switch (def.kind) {
    case 'enum':
      if (typeof value === 'string' && def.values?.includes(value)) return [];
      return [{ sub: '', message: `must be one of ${(def.values ?? []).map((v) => JSON.stringify(v)).join(', ')}; got ${describeValue(value)}` }];
    case 'text':
      return typeof value === 'string' ? [] : [{ sub: '', message: `must be text (a string), got ${describeValue(value)}` }];
    case 'url-list': {
      if (!Array.isArray(value)) return [{ sub: '', message: `must be an array of http(s) URLs, got ${describeValue(value)}` }];
      const out: Array<{ sub: string; message: string }> = [];
      value.forEach((item, i) => {
        if (typeof item !== 'string' || !isHttpUrl(item)) out.push({ sub: `.${i}`, message: `must be an http(s) URL, got ${describeValue(item)}` });
      });
      return out;
    }
  }
}

/**
 * Checks an annotation's tag and attributes against the tag set. Unknown tags and bad values are
 * errors; attributes the tag does not define are warnings (they are kept in the file).
 */
export function validateAnnotationTag(annotation: Annotation, tagSet: TagSet, file: string, index: number): Problem[] {
  const base = `annotations.${index}`;
  const tag = findTag(tagSet, annotation.tag);
  if (!tag) {
    const known = tagSet.tags.map((t) => t.id).join(', ');
    return [{ file, path: `${base}.tag`, severity: 'error', message: `unknown tag '${annotation.tag}' (the tag set defines: ${known})` }];
  }
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(annotation.attributes)) {
    const def = tag.attributes.find((a) => a.id === key);
    const path = `${base}.attributes.${key}`;
    if (!def) {
      problems.push({ file, path, severity: 'warning', message: `attribute '${key}' is not defined for tag '${tag.id}' (kept)` });
      continue;
    }
    for (const p of checkAttribute(def, value)) problems.push({ file, path: path + p.sub, severity: 'error', message: p.message });
  }
  return problems;
}

/** validateAnnotationTag for every annotation of a sidecar. */
export function validateSidecarTags(sidecar: Sidecar, tagSet: TagSet, file: string): Problem[] {
  return sidecar.annotations.flatMap((a, i) => validateAnnotationTag(a, tagSet, file, i));
}
