import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineOf, matchesQuery, parseQuery, type Searchable } from '../../src/core/search/annotationQuery';

const quote: Searchable = { tag: 'quote', tagLabel: 'Quote', text: 'We had no choice', note: '', attributes: { speaker: 'Aldous Perrin', cue: 'said' } };
const claim: Searchable = { tag: 'claim', tagLabel: 'Claim', text: 'Perrin halted the work', note: 'check the minutes', attributes: { verdict: 'false', evidence: ['https://example.org/a'] } };
const other: Searchable = { tag: 'claim', tagLabel: 'Claim', text: 'Costs rose 4%', note: '', attributes: { verdict: 'true' } };
const find = (q: string) => [quote, claim, other].filter((x) => matchesQuery(x, parseQuery(q))).map((x) => x.text);

test('free words match the text, the note, the tag and every attribute value', () => {
  assert.deepEqual(find('Perrin'), ['We had no choice', 'Perrin halted the work']);
  assert.deepEqual(find('minutes'), ['Perrin halted the work']);
  assert.deepEqual(find('example.org'), ['Perrin halted the work']);
  assert.deepEqual(find('quote'), ['We had no choice']);
});

test('key:value filters: tag, attributes, note, text; all terms must match', () => {
  assert.deepEqual(find('tag:quote speaker:Perrin'), ['We had no choice']);
  assert.deepEqual(find('verdict:false'), ['Perrin halted the work']);
  assert.deepEqual(find('tag:claim verdict:true'), ['Costs rose 4%']);
  assert.deepEqual(find('tag:Claim perrin'), ['Perrin halted the work']);
  assert.deepEqual(find('speaker:"aldous perrin"'), ['We had no choice']);
  assert.deepEqual(find('speaker:Nobody'), []);
  assert.deepEqual(find('note:minutes text:halted'), ['Perrin halted the work']);
  assert.deepEqual(find(''), ['We had no choice', 'Perrin halted the work', 'Costs rose 4%']);
});

test('lineOf counts lines from 1 (CRLF too)', () => {
  assert.equal(lineOf('a\nb\nc', 0), 1);
  assert.equal(lineOf('a\nb\nc', 2), 2);
  assert.equal(lineOf('a\r\nb\r\nc', 6), 3);
});
