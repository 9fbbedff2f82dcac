// The built-in suggestion provider (src/core/suggest): each heuristic on its hard cases, offsets in UTF-16 code units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadAll } from '../../bench/suggest/labelled';
import { measure, precision, recall } from '../../bench/suggest/quality';
import { parse } from '../../src/core/parse';
import { builtinSuggestions, claimSignals, proposalKeyAt, type Suggestion } from '../../src/core/suggest';

/** A document of the given body paragraphs (headline first, no header), with `eol` line endings. */
function article(paragraphs: string[], eol = '\n'): string {
  return ['Headline of the day', '', ...paragraphs.flatMap((p) => [`  ${p}`, ' ']), ''].join(eol);
}

function suggest(text: string, options?: Parameters<typeof builtinSuggestions>[2]) {
  const { suggestions } = builtinSuggestions(text, parse(text), options);
  const slice = (s: Suggestion) => text.slice(s.start, s.end);
  return {
    suggestions,
    quotes: suggestions.filter((s) => s.tag === 'quote').map((s) => [slice(s), s.attributes.speaker ?? null]),
    sources: suggestions.filter((s) => s.tag === 'source').map(slice),
    claims: suggestions.filter((s) => s.tag === 'claim').map(slice),
  };
}

test('quotes: speaker after, before, inside a split quote, after an apposition; the name tagged as a source and linked', () => {
  const text = article([
    '“We will reopen the bridge in May,” said Anselm Quaye, the chief engineer.',
    'Delphine Arroway told reporters: “Half my trade comes over that bridge.”',
    '“We are ready,” Quaye said, “to start on Monday.”',
    '“Nine months is too long,” Gideon Marchetti, who lives on Quay Street, said.',
  ]);
  const { quotes, sources, suggestions } = suggest(text);
  assert.deepEqual(quotes, [
    ['“We will reopen the bridge in May,”', 'Anselm Quaye'],
    ['“Half my trade comes over that bridge.”', 'Delphine Arroway'],
    ['“We are ready,”', 'Quaye'],
    ['“to start on Monday.”', 'Quaye'],
    ['“Nine months is too long,”', 'Gideon Marchetti'],
  ]);
  assert.deepEqual(sources, ['Anselm Quaye', 'Delphine Arroway', 'Quaye', 'Gideon Marchetti']);
  const first = suggestions.find((s) => s.tag === 'quote')!;
  const source = suggestions.find((s) => s.id === first.links[0]?.to)!;
  assert.deepEqual(first.links.map((l) => l.type), ['attributed-to']);
  assert.equal(text.slice(source.start, source.end), 'Anselm Quaye');
  assert.equal(first.attributes.cue, 'said');
  // The two halves of the split quote link to the one mention between them.
  const halves = suggestions.filter((s) => s.tag === 'quote' && s.attributes.speaker === 'Quaye');
  assert.equal(halves[0]!.links[0]!.to, halves[1]!.links[0]!.to);
});

test('quotes: a pronoun speaker is the name it stands for, a title is dropped, a description names no source', () => {
  const text = article([
    'The medical director, Dr. Emeka Lindqvist, apologised. “Nobody should wait that long,” he said.',
    '“We are opening a unit in July,” Mayor Ana Ruiz said. “It will help,” she added.',
    '“The figures are wrong,” a spokesperson said.',
  ]);
  const { quotes, sources } = suggest(text);
  assert.deepEqual(quotes, [
    ['“Nobody should wait that long,”', 'Emeka Lindqvist'],
    ['“We are opening a unit in July,”', 'Ana Ruiz'],
    ['“It will help,”', 'Ana Ruiz'],
    ['“The figures are wrong,”', 'a spokesperson'],
  ]);
  assert.deepEqual(sources, ['Emeka Lindqvist', 'Ana Ruiz'], 'a resolved pronoun links to the named mention; a description is not tagged');
});

test('quotes: nested quotes stay inside the outer one; a quote over paragraphs is one span; unbalanced and scare quotes propose nothing', () => {
  const text = article([
    '“They called it ‘a modest change’ in the letter,” said Tobiah Renwick.',
    '“We have offered talks three times.',
    '“Each time they walked away,” said Aldous Perrin.',
    'The council called the plan a “disaster” and a “mistake”.',
    '“This quote never closes, said nobody.',
  ]);
  const { quotes } = suggest(text);
  const over = text.slice(text.indexOf('“We have offered'), text.indexOf('away,”') + 'away,”'.length);
  assert.ok(over.includes('\n'), 'the joined quote runs over the paragraph break');
  assert.deepEqual(quotes, [
    ['“They called it ‘a modest change’ in the letter,”', 'Tobiah Renwick'],
    [over, 'Aldous Perrin'],
  ]);
});

test('quotes: guillemets with no-break spaces, French inversion, straight quotes, CRLF and an astral character before', () => {
  const text = article(
    [
      '📈 Les prix montent. «\u00A0Nous recruterons dix agents à la rentrée\u00A0», a déclaré Odile Fontanet.',
      '«\u00A0La ville a déjà recruté quinze agents\u00A0», a-t-elle affirmé.',
      '"It will power every home twice over," said Imogen Adeleke.',
    ],
    '\r\n',
  );
  const { quotes, suggestions } = suggest(text);
  assert.deepEqual(quotes, [
    ['«\u00A0Nous recruterons dix agents à la rentrée\u00A0»', 'Odile Fontanet'],
    ['«\u00A0La ville a déjà recruté quinze agents\u00A0»', 'Odile Fontanet'],
    ['"It will power every home twice over,"', 'Imogen Adeleke'],
  ]);
  const first = suggestions.find((s) => s.tag === 'quote')!;
  assert.equal(first.start, text.indexOf('«'), 'UTF-16 offsets: the emoji counts two, CRLF two');
});

test('claims: whole sentences with a checkable signal; trivial ones, fragments and sentences around quotes are not proposed', () => {
  const text = article([
    'Freight operators were less patient. Fares rose by 14% in June… and then fell again in July.',
    'The company blamed the delay on the weather. “Costs rose 40%,” said Oriel Madsen.',
    'According to the regulator, spills doubled last year. The mayor will open a new school in 2027.',
    'It was a sunny day in the harbour.',
  ]);
  const { claims } = suggest(text);
  assert.deepEqual(claims, [
    'Fares rose by 14% in June… and then fell again in July.',
    'According to the regulator, spills doubled last year.',
    'The mayor will open a new school in 2027.',
  ]);
  assert.deepEqual(claimSignals('Freight operators were less patient.'), []);
  assert.deepEqual(claimSignals('Sales fell because prices rose more than wages.'), ['comparison', 'causal']);
  assert.deepEqual(claimSignals('The line is expected to open next year.'), ['prediction']);
  assert.deepEqual(claimSignals('Figures published by the ministry show a drop.'), ['source']);
});

test('nothing overlapping an annotation of the same kind, no claim overlapping any annotation, nothing rejected before; a selection limits them', () => {
  const text = article(['“We will reopen in May,” said Anselm Quaye. Fares rose by 14% in June. Costs fell 3% last year.']);
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const all = suggest(text);
  assert.equal(all.suggestions.length, 4);
  const quote = at('“We will reopen in May,”');
  const fares = at('Fares rose by 14% in June.');
  const some = suggest(text, {
    annotations: [{ tag: 'quote', target: quote }, { tag: 'source', target: at('Quaye') }, { tag: 'claim', target: { start: fares.start + 2, end: fares.start + 5 } }],
  });
  assert.deepEqual(some.quotes, []);
  assert.deepEqual(some.sources, []);
  assert.deepEqual(some.claims, ['Costs fell 3% last year.']);
  const prefix = (span: { start: number }) => text.slice(Math.max(0, span.start - 32), span.start);
  const rejected = suggest(text, { rejected: [{ tag: 'claim', exact: 'Costs fell 3% last year.', prefix: prefix(at('Costs fell 3% last year.')) }] });
  assert.deepEqual(rejected.claims, ['Fares rose by 14% in June.']);
  assert.equal(proposalKeyAt(text, 'claim', fares), proposalKeyAt(`x${text}`, 'claim', { start: fares.start + 1, end: fares.end + 1 }), 'the key survives a shift');
  assert.deepEqual(suggest(text, { within: fares }).claims, ['Fares rose by 14% in June.']);
  assert.deepEqual(suggest(text, { within: fares }).quotes, []);
});

test('the labelled set: at least 30 original documents, a held-out test split, every label on a parsed quotation or sentence', () => {
  const docs = loadAll();
  assert.ok(docs.length >= 30, `${docs.length} documents`);
  const test = docs.filter((d) => d.split === 'test');
  assert.ok(test.length >= 10, 'a test split held out');
  for (const d of docs) {
    const model = parse(d.text);
    assert.ok(model.paragraphs.length >= 3, `${d.name}: body paragraphs`);
    for (const q of d.quotes) assert.match(d.text.slice(q.start, q.end), /^[“«"‘][\s\S]*[”»"’]$/u, `${d.name}: a quote label spans its marks`);
    for (const c of d.claims) assert.match(d.text.slice(c.start, c.end), /^\S[\s\S]*[.!?…]$/u, `${d.name}: a claim label is a whole sentence`);
  }
  // The figures the bench prints are measured, not assumed: a doctored label counts as a miss.
  const q = measure(docs);
  assert.ok(precision(q.quotes) > 0 && recall(q.claims) > 0);
  const doctored = docs.map((d) => ({ ...d, quotes: d.quotes.map((x) => ({ ...x, end: x.end - 1 })) }));
  assert.equal(measure(doctored).quotes.tp, 0);
});

test('rejected suggestions: kept in the sidecar under suggestions.rejected, merged as a union, round-tripped byte for byte', async () => {
  const { parseSidecar, serializeSidecar, createSidecar } = await import('../../src/core/annotations/sidecar');
  const { mergeSidecars } = await import('../../src/core/annotations/merge');
  const base = createSidecar({ file: 'a.txt', source: null, sha256: 'a'.repeat(64), length: 10 });
  const reject = (exact: string, author: string, created: string) => ({ tag: 'claim', exact, prefix: '', provider: 'builtin', author, created });
  const ours = { ...base, suggestions: { rejected: [reject('One.', 'alice', '2026-12-01T10:00:00.000Z')] } };
  const theirs = { ...base, suggestions: { rejected: [reject('Two.', 'bob', '2026-12-01T09:00:00.000Z'), reject('One.', 'alice', '2026-12-01T10:00:00.000Z')] } };
  const merged = mergeSidecars(base, ours, theirs, () => 'x').sidecar;
  assert.deepEqual(merged.suggestions?.rejected.map((r) => r.exact), ['Two.', 'One.']);
  const text = serializeSidecar(merged);
  const read = parseSidecar(text, 'a.txt.annotations.json');
  assert.ok(read.ok, JSON.stringify(read));
  assert.equal(serializeSidecar(read.sidecar), text);
  assert.ok(!('suggestions' in mergeSidecars(base, base, base, () => 'x').sidecar), 'absent when nothing was rejected');
});
