import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_TAG_SET,
  TagSetSchema,
  defaultAttributes,
  findTag,
  formatProblem,
  parseSidecar,
  parseTagSet,
  relationTypesFor,
  relationTypesOf,
  tagColorId,
  validateSidecarTags,
  type Sidecar,
} from '../../src/core/annotations/index';

test('the default tag set is valid and has claim, quote and source', () => {
  assert.ok(TagSetSchema.safeParse(DEFAULT_TAG_SET).success);
  assert.deepEqual(DEFAULT_TAG_SET.tags.map((t) => t.id), ['claim', 'quote', 'source']);
  const claim = findTag(DEFAULT_TAG_SET, 'claim')!;
  assert.equal(claim.color, 'seedAnnotator.tag.claim');
  assert.equal(tagColorId('quote'), 'seedAnnotator.tag.quote');
  assert.deepEqual(claim.attributes.map((a) => [a.id, a.kind]), [
    ['checkworthy', 'enum'],
    ['type', 'enum'],
    ['verdict', 'enum'],
    ['evidence', 'url-list'],
  ]);
  assert.deepEqual(claim.attributes[0]!.values, ['yes', 'no', 'unsure']);
  assert.deepEqual(claim.attributes[1]!.values, ['statistic', 'quotation', 'causal', 'prediction', 'event', 'other']);
  assert.deepEqual(claim.attributes[2]!.values, ['unverified', 'true', 'mostly-true', 'mixed', 'misleading', 'false', 'unverifiable']);
  assert.deepEqual(findTag(DEFAULT_TAG_SET, 'quote')!.attributes.map((a) => [a.id, a.kind]), [
    ['speaker', 'text'],
    ['cue', 'text'],
  ]);
  assert.deepEqual(findTag(DEFAULT_TAG_SET, 'source')!.attributes[0]!.values, ['named-person', 'anonymous', 'organisation', 'document', 'media']);
  assert.deepEqual(defaultAttributes(claim), { verdict: 'unverified' });
});

test('a workspace tag set parses, with defaults filled in', () => {
  const r = parseTagSet(
    JSON.stringify({
      version: 1,
      tags: [
        { id: 'claim', label: 'Claim', color: '#ff8800', keybinding: 'ctrl+alt+1', attributes: [{ id: 'verdict', label: 'Verdict', kind: 'enum', values: ['true', 'false'] }] },
        { id: 'entity', label: 'Entity', color: 'seedAnnotator.tag.source', 'x-future': 1 },
      ],
    }),
    'annotation-tags.json',
  );
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.tagSet.tags[1]!.description, '');
  assert.deepEqual(r.tagSet.tags[1]!.attributes, []);
  assert.equal((r.tagSet.tags[1] as Record<string, unknown>)['x-future'], 1);
});

test('a bad tag set is reported with field paths', () => {
  const r = parseTagSet(
    JSON.stringify({
      version: 1,
      tags: [
        { id: '1claim', label: 'Claim', color: 'red', attributes: [{ id: 'v', label: 'V', kind: 'enum' }] },
        { id: 'quote', label: 'Quote', color: '#abc', attributes: [{ id: 'a', label: 'A', kind: 'text', values: ['x'] }, { id: 'a', label: 'A', kind: 'list' }] },
        { id: 'quote', label: 'Again', color: '#aabbcc' },
      ],
    }),
    'annotation-tags.json',
  );
  assert.ok(!r.ok);
  const lines = r.problems.map(formatProblem);
  const expected = [
    'annotation-tags.json: tags.0.id: must be a tag id: a letter, then letters, digits, "-" or "_", got the string "1claim"',
    'annotation-tags.json: tags.0.color: must be a theme color id (e.g. "seedAnnotator.tag.claim") or a hex color (#rrggbb or #rrggbbaa), got the string "red"',
    'annotation-tags.json: tags.0.attributes.0.values: an enum attribute needs a non-empty list of values',
    'annotation-tags.json: tags.1.color: must be a theme color id (e.g. "seedAnnotator.tag.claim") or a hex color (#rrggbb or #rrggbbaa), got the string "#abc"',
    'annotation-tags.json: tags.1.attributes.1.kind: must be one of "enum", "text", "url-list"; got the string "list"',
  ];
  for (const line of expected) assert.ok(lines.includes(line), `missing: ${line}\nin: ${lines.join('\n')}`);
  assert.ok(!parseTagSet('{"version": 1, "tags": []}', 't.json').ok);
  const bad = parseTagSet('{"version": 1,', 't.json');
  assert.ok(!bad.ok && bad.problems[0]!.line === 1);
});

test('semantic checks: duplicate ids, values on non-enum, default outside values', () => {
  const r = parseTagSet(
    JSON.stringify({
      version: 1,
      tags: [
        { id: 'a', label: 'A', color: '#aabbcc', attributes: [{ id: 'x', label: 'X', kind: 'text', values: ['q'] }, { id: 'y', label: 'Y', kind: 'enum', values: ['1', '2'], default: '3' }, { id: 'y', label: 'Y2', kind: 'text' }] },
        { id: 'a', label: 'A again', color: '#aabbcc' },
      ],
    }),
    'annotation-tags.json',
  );
  assert.ok(!r.ok);
  assert.deepEqual(r.problems.map(formatProblem), [
    "annotation-tags.json: tags.0.attributes.0.values: values only apply to enum attributes, not to kind 'text'",
    "annotation-tags.json: tags.0.attributes.1.default: '3' is not one of values",
    "annotation-tags.json: tags.0.attributes.2.id: duplicate attribute id 'y'",
    "annotation-tags.json: tags.1.id: duplicate tag id 'a'",
  ]);
});

function sidecarWith(annotations: Array<{ tag: string; attributes: Record<string, unknown> }>): Sidecar {
  const json = {
    version: 1,
    document: { file: 'x.txt', source: null, sha256: '0'.repeat(64), length: 100 },
    annotations: annotations.map((a, i) => ({
      id: `a${i}`,
      tag: a.tag,
      target: { start: i, end: i + 1, exact: 'x' },
      attributes: a.attributes,
      created: '2024-01-01T00:00:00Z',
      modified: '2024-01-01T00:00:00Z',
    })),
  };
  const r = parseSidecar(JSON.stringify(json), 'x.txt.annotations.json');
  assert.ok(r.ok, JSON.stringify(r));
  return r.sidecar;
}

test('attributes are validated against their tag: bad values are errors, unknown attributes warnings', () => {
  const sidecar = sidecarWith([
    { tag: 'claim', attributes: { checkworthy: 'yes', verdict: 'mostly-true', type: 'statistic', evidence: ['https://a.example/x', 'http://b.example'] } },
    { tag: 'claim', attributes: { checkworthy: 'maybe', evidence: ['ftp://x', 'not a url', 3], extra: 'kept' } },
    { tag: 'quote', attributes: { speaker: 'Jane Doe', cue: 7 } },
    { tag: 'source', attributes: { kind: ['anonymous'] } },
    { tag: 'rumour', attributes: {} },
    { tag: 'claim', attributes: { evidence: 'https://a.example' } },
  ]);
  const problems = validateSidecarTags(sidecar, DEFAULT_TAG_SET, 'x.txt.annotations.json');
  assert.deepEqual(
    problems.map((p) => [p.severity, formatProblem(p)]),
    [
      ['error', 'x.txt.annotations.json: annotations.1.attributes.checkworthy: must be one of "yes", "no", "unsure"; got the string "maybe"'],
      ['error', 'x.txt.annotations.json: annotations.1.attributes.evidence.0: must be an http(s) URL, got the string "ftp://x"'],
      ['error', 'x.txt.annotations.json: annotations.1.attributes.evidence.1: must be an http(s) URL, got the string "not a url"'],
      ['error', 'x.txt.annotations.json: annotations.1.attributes.evidence.2: must be an http(s) URL, got the number 3'],
      ['warning', "x.txt.annotations.json: annotations.1.attributes.extra: warning: attribute 'extra' is not defined for tag 'claim' (kept)"],
      ['error', 'x.txt.annotations.json: annotations.2.attributes.cue: must be text (a string), got the number 7'],
      ['error', 'x.txt.annotations.json: annotations.3.attributes.kind: must be one of "named-person", "anonymous", "organisation", "document", "media"; got an array'],
      ['error', "x.txt.annotations.json: annotations.4.tag: unknown tag 'rumour' (the tag set defines: claim, quote, source)"],
      ['error', 'x.txt.annotations.json: annotations.5.attributes.evidence: must be an array of http(s) URLs, got the string "https://a.example"'],
    ],
  );
});

test('default relation types: attributed-to, supports, contradicts, same-as (symmetric); limited to the tags a set defines', () => {
  assert.deepEqual(
    relationTypesOf(DEFAULT_TAG_SET).map((t) => [t.id, t.from.join('|'), t.to.join('|'), t.symmetric]),
    [
      ['attributed-to', 'quote|claim', 'source', false],
      ['supports', 'claim|quote', 'claim', false],
      ['contradicts', 'claim|quote', 'claim', false],
      ['same-as', 'source', 'source', true],
    ],
  );
  const onlyClaims = parseTagSet(JSON.stringify({ version: 1, tags: [{ id: 'claim', label: 'Claim', color: '#ff0000' }] }), 'annotation-tags.json');
  assert.ok(onlyClaims.ok);
  assert.deepEqual(relationTypesOf(onlyClaims.tagSet).map((t) => t.id), ['supports', 'contradicts']);
  assert.deepEqual(relationTypesFor(DEFAULT_TAG_SET, 'quote').map((t) => t.id), ['attributed-to', 'supports', 'contradicts']);
  assert.deepEqual(relationTypesFor(DEFAULT_TAG_SET, 'source', 'source').map((t) => t.id), ['same-as']);
});

test('a tag set with its own relation types: ids unique, endpoint tags defined, attributes like tags', () => {
  const tags = [
    { id: 'quote', label: 'Quote', color: '#ff0000' },
    { id: 'source', label: 'Source', color: '#00ff00' },
  ];
  const ok = parseTagSet(
    JSON.stringify({ version: 1, tags, relations: [{ id: 'said-by', label: 'Said by', from: ['quote'], to: ['source'], attributes: [{ id: 'cue', label: 'Cue', kind: 'text' }] }] }),
    'annotation-tags.json',
  );
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.deepEqual(relationTypesOf(ok.tagSet).map((t) => t.id), ['said-by']);
  const bad = parseTagSet(
    JSON.stringify({
      version: 1,
      tags,
      relations: [
        { id: 'said-by', label: 'Said by', from: ['quote'], to: ['person'] },
        { id: 'said-by', label: 'Again', from: ['quote'], to: ['source'], attributes: [{ id: 'a', label: 'A', kind: 'text' }, { id: 'a', label: 'A', kind: 'text' }] },
      ],
    }),
    'annotation-tags.json',
  );
  assert.ok(!bad.ok);
  assert.deepEqual(bad.problems.map(formatProblem).sort(), [
    "annotation-tags.json: relations.0.to.0: 'person' is not a tag of this tag set",
    "annotation-tags.json: relations.1.attributes.1.id: duplicate attribute id 'a'",
    "annotation-tags.json: relations.1.id: duplicate relation type id 'said-by'",
  ]);
});

test('validate reports relations at the field: unknown type, endpoint tags the type does not allow, bad attributes', () => {
  const at = '2024-05-01T12:00:00Z';
  const ann = (id: string, tag: string, start: number) => ({
    id, tag, target: { start, end: start + 1, exact: 'x', prefix: '', suffix: '' }, attributes: {}, note: '', author: '', created: at, modified: at,
  });
  const rel = (id: string, type: string, from: string, to: string, attributes: Record<string, unknown> = {}) => ({
    id, type, from, to, attributes, note: '', author: '', created: at, modified: at,
  });
  const sidecar = {
    version: 2,
    document: { file: 'd.txt', source: null, sha256: '0'.repeat(64), length: 10 },
    annotations: [ann('q', 'quote', 0), ann('s', 'source', 2), ann('c', 'claim', 4), ann('s2', 'source', 6)],
    relations: [
      rel('r0', 'attributed-to', 'q', 's'),
      rel('r1', 'attributed-to', 's', 'q'),
      rel('r2', 'knows', 'q', 's'),
      rel('r3', 'supports', 'q', 's'),
      rel('r4', 'same-as', 's2', 's', { extra: 1 }),
    ],
  };
  const read = parseSidecar(JSON.stringify(sidecar), 'd.txt.annotations.json');
  assert.ok(read.ok, JSON.stringify(read));
  assert.deepEqual(validateSidecarTags(read.sidecar, DEFAULT_TAG_SET, 'd.txt.annotations.json').map(formatProblem), [
    "d.txt.annotations.json: relations.1.from: 'attributed-to' links quote|claim → source; its start must be quote or claim, got an annotation tagged 'source'",
    "d.txt.annotations.json: relations.2.type: unknown relation type 'knows' (the tag set defines: attributed-to, supports, contradicts, same-as)",
    "d.txt.annotations.json: relations.3.to: 'supports' links claim|quote → claim; its end must be claim, got an annotation tagged 'source'",
    "d.txt.annotations.json: relations.4.attributes.extra: warning: attribute 'extra' is not defined for relation type 'same-as' (kept)",
  ]);
});
