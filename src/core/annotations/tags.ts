/**
 * The tag set (`annotation-tags.json` at a workspace folder root, or the defaults) and the
 * validation of an annotation's tag and attributes against it.
 */
import { parseJson } from './json';
import { jsonLimitProblems } from './jsonLimits';
import { issuesToProblems, syntaxProblem, describeValue, type Problem } from './problems';
import {
  TAG_SET_VERSION,
  TagSetSchema,
  type Annotation,
  type AttributeDef,
  type Relation,
  type RelationTypeDef,
  type Sidecar,
  type TagDef,
  type TagSet,
} from './schema';

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
  relations: [],
};
DEFAULT_TAG_SET.relations = defaultRelationTypes(DEFAULT_TAG_SET.tags);

/**
 * The default relation types, limited to those whose tags `tags` defines: a quote or claim attributed to a source
 * (PARC's source–cue–content), a claim or quote supporting or contradicting a claim, two mentions of one source.
 */
export function defaultRelationTypes(tags: readonly Pick<TagDef, 'id'>[]): RelationTypeDef[] {
  const defined = new Set(tags.map((t) => t.id));
  const only = (ids: string[]) => ids.filter((id) => defined.has(id));
  const types: RelationTypeDef[] = [
    {
      id: 'attributed-to',
      label: 'Attributed to',
      description: 'Who said it: the source the quote or claim is attributed to.',
      from: only(['quote', 'claim']),
      to: only(['source']),
      symmetric: false,
      attributes: [],
    },
    {
      id: 'supports',
      label: 'Supports',
      description: 'The claim or quote backs the target claim.',
      from: only(['claim', 'quote']),
      to: only(['claim']),
      symmetric: false,
      attributes: [],
    },
    {
      id: 'contradicts',
      label: 'Contradicts',
      description: 'The claim or quote goes against the target claim.',
      from: only(['claim', 'quote']),
      to: only(['claim']),
      symmetric: false,
      attributes: [],
    },
    {
      id: 'same-as',
      label: 'Same as',
      description: 'Both spans name the same source.',
      from: only(['source']),
      to: only(['source']),
      symmetric: true,
      attributes: [],
    },
  ];
  return types.filter((t) => t.from.length > 0 && t.to.length > 0);
}

/** The relation types of a tag set: its own, or the defaults its tags allow. */
export function relationTypesOf(tagSet: TagSet): RelationTypeDef[] {
  return tagSet.relations ?? defaultRelationTypes(tagSet.tags);
}

export function findRelationType(tagSet: TagSet, id: string): RelationTypeDef | undefined {
  return relationTypesOf(tagSet).find((t) => t.id === id);
}

/** Relation types that may start at an annotation of `fromTag` (and end at one of `toTag`, when given). */
export function relationTypesFor(tagSet: TagSet, fromTag: string, toTag?: string): RelationTypeDef[] {
  return relationTypesOf(tagSet).filter(
    (t) => (t.from.includes(fromTag) && (toTag === undefined || t.to.includes(toTag))) || (t.symmetric && t.to.includes(fromTag) && (toTag === undefined || t.from.includes(toTag))),
  );
}

export type TagSetReadResult = { ok: true; tagSet: TagSet } | { ok: false; problems: Problem[] };

/** Parses and validates an `annotation-tags.json`. Never throws. */
export function parseTagSet(jsonText: string, fileName: string): TagSetReadResult {
  const json = parseJson(jsonText);
  if (!json.ok) return { ok: false, problems: [syntaxProblem(fileName, json.error)] };
  const limits = jsonLimitProblems(json.value, fileName);
  if (limits.length > 0) return { ok: false, problems: limits };
  const parsed = TagSetSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problems: issuesToProblems(fileName, parsed.error.issues, json.value) };
  return { ok: true, tagSet: { ...parsed.data, relations: relationTypesOf(parsed.data) } };
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
export function checkAttribute(def: AttributeDef, value: unknown): Array<{ sub: string; message: string }> {
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
  return validateAttributes(annotation.attributes, tag.attributes, `tag '${tag.id}'`, file, base);
}

/**
 * Checks a relation against the tag set: a known type, and endpoint tags the type allows (either way round for
 * a symmetric type). `tagOf` gives the tag of an annotation id of the same sidecar.
 */
export function validateRelationType(relation: Relation, tagSet: TagSet, tagOf: (id: string) => string | undefined, file: string, index: number): Problem[] {
  const base = `relations.${index}`;
  const type = findRelationType(tagSet, relation.type);
  if (!type) {
    const known = relationTypesOf(tagSet).map((t) => t.id).join(', ') || 'none';
    return [{ file, path: `${base}.type`, severity: 'error', message: `unknown relation type '${relation.type}' (the tag set defines: ${known})` }];
  }
  const problems: Problem[] = [];
  const fromTag = tagOf(relation.from);
  const toTag = tagOf(relation.to);
  if (fromTag !== undefined && toTag !== undefined && !relationTypesFor(tagSet, fromTag, toTag).some((t) => t.id === type.id)) {
    const which = !type.from.includes(fromTag) && !(type.symmetric && type.to.includes(fromTag)) ? 'from' : 'to';
    const allowed = which === 'from' ? type.from : type.to;
    const got = which === 'from' ? fromTag : toTag;
    problems.push({
      file,
      path: `${base}.${which}`,
      severity: 'error',
      message: `'${type.id}' links ${type.from.join('|')} → ${type.to.join('|')}; its ${which === 'from' ? 'start' : 'end'} must be ${allowed.join(' or ')}, got an annotation tagged '${got}'`,
    });
  }
  problems.push(...validateAttributes(relation.attributes, type.attributes, `relation type '${type.id}'`, file, base));
  return problems;
}

function validateAttributes(values: Record<string, unknown>, defs: readonly AttributeDef[], owner: string, file: string, base: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(values)) {
    const value = values[key];
    const def = defs.find((a) => a.id === key);
    const path = `${base}.attributes.${key}`;
    if (!def) {
      problems.push({ file, path, severity: 'warning', message: `attribute '${key}' is not defined for ${owner} (kept)` });
      continue;
    }
    for (const p of checkAttribute(def, value)) problems.push({ file, path: path + p.sub, severity: 'error', message: p.message });
  }
  return problems;
}

/** validateAnnotationTag for every annotation of a sidecar, validateRelationType for every relation. */
export function validateSidecarTags(sidecar: Sidecar, tagSet: TagSet, file: string): Problem[] {
  const tags = new Map(sidecar.annotations.map((a) => [a.id, a.tag]));
  return [
    ...sidecar.annotations.flatMap((a, i) => validateAnnotationTag(a, tagSet, file, i)),
    ...(sidecar.relations ?? []).flatMap((r, i) => validateRelationType(r, tagSet, (id) => tags.get(id), file, i)),
  ];
}

/** Tags and relation types sidecars use that a tag set does not define (labels an import kept). */
export interface MissingDefinitions {
  tags: string[];
  /** Each with the tags its ends have in the sidecars. */
  relations: Array<{ id: string; from: string[]; to: string[] }>;
}

export function missingDefinitions(sidecars: readonly Sidecar[], tagSet: TagSet, into: MissingDefinitions = { tags: [], relations: [] }): MissingDefinitions {
  for (const s of sidecars) {
    for (const a of s.annotations) if (!findTag(tagSet, a.tag) && !into.tags.includes(a.tag)) into.tags.push(a.tag);
    const tagOf = new Map(s.annotations.map((a) => [a.id, a.tag]));
    for (const r of s.relations ?? []) {
      if (findRelationType(tagSet, r.type)) continue;
      let def = into.relations.find((d) => d.id === r.type);
      if (!def) into.relations.push((def = { id: r.type, from: [], to: [] }));
      const from = tagOf.get(r.from);
      const to = tagOf.get(r.to);
      if (from !== undefined && !def.from.includes(from)) def.from.push(from);
      if (to !== undefined && !def.to.includes(to)) def.to.push(to);
    }
  }
  return into;
}

function definitions(missing: MissingDefinitions): { tags: TagDef[]; relations: RelationTypeDef[] } {
  const description = 'Added by an import that kept labels the tag set did not define.';
  return {
    tags: missing.tags.map((id) => ({ id, label: id, description, color: '#808080', attributes: [] })),
    relations: missing.relations.map((r) => ({ id: r.id, label: r.id, description, from: r.from, to: r.to, symmetric: false, attributes: [] }) as RelationTypeDef),
  };
}

/** `tagSet` with the missing definitions added (what tagSetFileWith writes). */
export function tagSetWith(tagSet: TagSet, missing: MissingDefinitions): TagSet {
  const add = definitions(missing);
  return { ...tagSet, tags: [...tagSet.tags, ...add.tags], relations: [...relationTypesOf(tagSet), ...add.relations] };
}

/**
 * The text of a tag-set file with the missing definitions added, everything else kept as it was (`jsonText`
 * null: no file yet, start from `tagSet`, the set in use).
 */
export function tagSetFileWith(jsonText: string | null, tagSet: TagSet, missing: MissingDefinitions): string {
  const raw = (jsonText === null ? structuredClone(tagSet) : JSON.parse(jsonText.charCodeAt(0) === 0xfeff ? jsonText.slice(1) : jsonText)) as { tags: unknown[]; relations?: unknown[] };
  const add = definitions(missing);
  raw.tags.push(...add.tags);
  // A file without "relations" has the default types of its tags: written out once it gets types of its own.
  if (add.relations.length > 0) raw.relations = [...(raw.relations ?? relationTypesOf(tagSet)), ...add.relations];
  return `${JSON.stringify(raw, null, 2)}\n`;
}
