// Links as an annotator sees them (src/core/relations/): the ways an annotation can be linked, the annotations a
// link may reach, an annotation's links from its side, how a link reads; and where a quote's speaker is linked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_TAG_SET, relationTypesOf } from '../../src/core/annotations/tags';
import { describeLink, findLink, indexLinks, linkChoices, linkEnds, linkPhrase, linkTargets, otherEndTags, shortText } from '../../src/core/relations/links';
import { isSpeakerName, planSpeakerSource } from '../../src/core/relations/speakerSource';

const types = relationTypesOf(DEFAULT_TAG_SET);
const choiceIds = (tag: string) => linkChoices(types, tag).map((c) => `${c.type.id}:${c.direction}`);

test('linkChoices: the types an annotation may start, then those it may end; a symmetric type once', () => {
  assert.deepEqual(choiceIds('quote'), ['attributed-to:out', 'supports:out', 'contradicts:out']);
  assert.deepEqual(choiceIds('claim'), ['attributed-to:out', 'supports:out', 'contradicts:out', 'supports:in', 'contradicts:in']);
  assert.deepEqual(choiceIds('source'), ['same-as:out', 'attributed-to:in']);
  assert.deepEqual(choiceIds('person'), [], 'a tag no type names');
  const custom = [{ id: 'pair', label: 'Pair', from: ['a'], to: ['b'], symmetric: true }];
  assert.deepEqual(linkChoices(custom, 'b').map((c) => c.direction), ['out'], 'a symmetric type is offered from either end');
});

test('otherEndTags and linkEnds follow the direction', () => {
  const [attributedFromQuote] = linkChoices(types, 'quote');
  assert.deepEqual(otherEndTags(attributedFromQuote!, 'quote'), ['source']);
  assert.deepEqual(linkEnds(attributedFromQuote!, 'q', 's'), { from: 'q', to: 's' });
  const attributedToSource = linkChoices(types, 'source').find((c) => c.direction === 'in')!;
  assert.deepEqual(otherEndTags(attributedToSource, 'source'), ['quote', 'claim']);
  assert.deepEqual(linkEnds(attributedToSource, 's', 'q'), { from: 'q', to: 's' }, 'the source is the end');
  const pair = { type: { id: 'pair', label: 'Pair', from: ['a'], to: ['b'], symmetric: true }, direction: 'out' as const };
  assert.deepEqual(otherEndTags(pair, 'b'), ['a']);
  assert.deepEqual(otherEndTags(pair, 'a'), ['b']);
});

const annotations = [
  { id: 'q1', tag: 'quote' },
  { id: 's1', tag: 'source' },
  { id: 's2', tag: 'source' },
  { id: 'c1', tag: 'claim' },
  { id: 'c2', tag: 'claim' },
];
const relations = [
  { id: 'r1', type: 'attributed-to', from: 'q1', to: 's1' },
  { id: 'r2', type: 'same-as', from: 's2', to: 's1' },
  { id: 'r3', type: 'supports', from: 'q1', to: 'c1' },
];

test('linkTargets: allowed tags only, never itself, never a link already there (either way round when symmetric)', () => {
  const [attributed, supports] = linkChoices(types, 'quote');
  assert.deepEqual(linkTargets(attributed!, annotations[0]!, annotations, relations).map((a) => a.id), ['s2'], 's1 is linked already');
  assert.deepEqual(linkTargets(supports!, annotations[0]!, annotations, relations).map((a) => a.id), ['c2']);
  const sameAs = linkChoices(types, 'source')[0]!;
  assert.deepEqual(linkTargets(sameAs, annotations[1]!, annotations, relations).map((a) => a.id), [], 's2 → s1 counts for s1 → s2');
  const supportsThisClaim = linkChoices(types, 'claim').find((c) => c.type.id === 'supports' && c.direction === 'in')!;
  assert.deepEqual(linkTargets(supportsThisClaim, annotations[3]!, annotations, relations).map((a) => a.id), ['c2'], 'q1 supports c1 already; c1 is itself');
});

test('findLink: the same type and ends; reversed ends only for a symmetric type', () => {
  assert.equal(findLink(relations, { id: 'attributed-to' }, 'q1', 's1')?.id, 'r1');
  assert.equal(findLink(relations, { id: 'attributed-to' }, 's1', 'q1'), undefined);
  assert.equal(findLink(relations, { id: 'same-as', symmetric: true }, 's1', 's2')?.id, 'r2');
  assert.equal(findLink(relations, { id: 'supports' }, 'q1', 's1'), undefined);
});

test('indexLinks: outgoing first, then incoming; a symmetric link reads as outgoing from both ends', () => {
  const of = indexLinks(annotations, [...relations, { id: 'r4', type: 'unknown-type', from: 'c2', to: 'q1' }, { id: 'r5', type: 'supports', from: 'c2', to: 'gone' }], types);
  const view = (id: string) => of(id).map((l) => `${l.relation.id}:${l.direction}:${l.other?.id ?? '-'}`);
  assert.deepEqual(view('q1'), ['r1:out:s1', 'r3:out:c1', 'r4:in:c2']);
  assert.deepEqual(view('s1'), ['r2:out:s2', 'r1:in:q1']);
  assert.deepEqual(view('s2'), ['r2:out:s1']);
  assert.deepEqual(view('c2'), ['r4:out:q1', 'r5:out:-'], 'a missing end is kept, shown as missing');
  assert.deepEqual(view('nothing'), []);
  assert.equal(of('c2')[0]!.type, undefined, 'a type the tag set lacks');
});

test('linkPhrase and describeLink: `attributed to: Aldous Perrin`; incoming marked ←; orphans and missing ends said', () => {
  const texts: Record<string, string> = { q1: '“We had no choice but to halt the work,”', s1: 'Aldous Perrin', c1: 'The port will not finish.' };
  const orphans = new Set(['c1']);
  const of = indexLinks(annotations, [...relations, { id: 'r9', type: 'other', from: 'c2', to: 'q1' }], types);
  const lines = (id: string) => of(id).map((l) => describeLink(l, (a) => texts[a.id] ?? a.id, (a) => orphans.has(a.id), 30));
  assert.deepEqual(lines('q1'), ['attributed to: Aldous Perrin', 'supports: The port will not finish. (orphaned)', '← other: c2']);
  assert.deepEqual(lines('s1'), ['same as: s2', '← attributed to: “We had no choice but to halt…']);
  assert.equal(linkPhrase({ direction: 'out', type: { label: 'EU member of' }, relation: { type: 'x' } }), 'EU member of', 'an acronym stays');
  const missing = indexLinks(annotations, [{ id: 'r', type: 'supports', from: 'c2', to: 'gone' }], types)('c2')[0]!;
  assert.equal(describeLink(missing, () => '', () => false), 'supports: (missing annotation)');
});

test('shortText: white space folded, cut with an ellipsis, never inside a surrogate pair', () => {
  assert.equal(shortText('  a\r\n b\u00A0 c  '), 'a b c');
  assert.equal(shortText('abcdef', 4), 'abc…');
  assert.equal(shortText('ab📈cd', 4), 'ab…', 'the emoji is not split');
  assert.equal(shortText('abc', 3), 'abc');
});

test('planSpeakerSource: reuses the source annotation on the name (the same span first), else tags the name', () => {
  const name = { speaker: 'Aldous Perrin', mention: { start: 100, end: 113 } };
  const at = (id: string, tag: string, start: number, end: number, status?: 'orphaned') => ({ id, tag, target: { start, end }, ...(status ? { status } : {}) });
  assert.deepEqual(planSpeakerSource(types, 'quote', name, []), { type: 'attributed-to', source: { tag: 'source', start: 100, end: 113 } });
  assert.deepEqual(planSpeakerSource(types, 'quote', name, [at('x', 'source', 107, 113), at('y', 'source', 100, 113), at('z', 'source', 90, 120)]), { type: 'attributed-to', source: { reuse: 'y' } }, 'exact span first');
  assert.deepEqual(planSpeakerSource(types, 'quote', name, [at('x', 'source', 107, 113), at('z', 'source', 90, 110)]), { type: 'attributed-to', source: { reuse: 'z' } }, 'the largest overlap');
  assert.deepEqual(planSpeakerSource(types, 'quote', name, [at('c', 'claim', 100, 113), at('o', 'source', 100, 113, 'orphaned'), at('n', 'source', 113, 120)])?.source, { tag: 'source', start: 100, end: 113 }, 'other tags, orphans and mere neighbours are not reused');
  assert.equal(planSpeakerSource([], 'quote', name, []), null, 'no attributed-to type');
  assert.equal(planSpeakerSource(types, 'source', name, []), null, 'a tag attributed-to does not start at');
  assert.equal(planSpeakerSource(types, 'quote', { speaker: '', mention: { start: 5, end: 5 } }, []), null, 'an empty mention');
  for (const notAName of ['she', 'He', 'Il', 'the official', 'de', 'a spokesperson']) {
    assert.equal(planSpeakerSource(types, 'quote', { ...name, speaker: notAName }, []), null, `${notAName} is not a name to tag`);
  }
  const people = [{ id: 'attributed-to', from: ['quote'], to: ['speaker', 'outlet'] }];
  assert.deepEqual(planSpeakerSource(people, 'quote', name, [])?.source, { tag: 'speaker', start: 100, end: 113 }, 'no `source` tag: the type\'s first end tag');
});

test('isSpeakerName: a capitalised name; not a pronoun, not a lower-case description', () => {
  for (const yes of ['Aldous Perrin', 'Ángela Ruiz', 'Dr. Hollis Grayden', 'Local 418']) assert.equal(isSpeakerName(yes), true, yes);
  for (const no of ['she', 'She', 'HE', 'Elle', 'Sie', 'the official', 'de', '']) assert.equal(isSpeakerName(no), false, no);
});
