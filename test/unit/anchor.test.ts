import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  applyEdits,
  makeTarget,
  reanchor,
  reanchorAll,
  splitsSurrogatePair,
  type AnchorTarget,
  type TextEdit,
} from '../../src/core/annotations/anchor';
import { decodeDocument } from '../../src/core/text';

const DOC = readFileSync(path.join(import.meta.dirname, '../fixtures/sidecars/000_960fc4c8afcb4f95.txt'), 'utf8');

/** Target of the first occurrence of `quote` in `text` (its `nth` occurrence, 0-based). */
function targetOf(text: string, quote: string, nth = 0): AnchorTarget {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(quote, at + 1);
    assert.ok(at >= 0, `'${quote}' #${nth} not in text`);
  }
  return makeTarget(text, at, at + quote.length);
}

function edit(text: string, e: TextEdit & { text: string }): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

function placedText(text: string, r: ReturnType<typeof reanchor>): string {
  return text.slice(r.target.start, r.target.end);
}

test('makeTarget: quote and up to 32 characters of context', () => {
  const t = makeTarget(DOC, 222, 236);
  assert.equal(t.exact, 'Mayor Jane Doe');
  assert.equal(t.prefix, ' budget protects every school,” ');
  assert.equal(t.suffix, ' said at a news conference.\n\nA s');
  const first = makeTarget('Hello world', 0, 5);
  assert.deepEqual(first, { start: 0, end: 5, exact: 'Hello', prefix: '', suffix: ' world' });
  assert.throws(() => makeTarget('abc', 2, 2), RangeError);
  assert.throws(() => makeTarget('abc', 1, 4), RangeError);
  assert.throws(() => makeTarget('abc', -1, 1), RangeError);
});

test('makeTarget never cuts a surrogate pair in the context', () => {
  const text = `${'😀'.repeat(20)}QUOTE${'😀'.repeat(20)}`;
  const start = 40;
  const t = makeTarget(text, start, start + 5);
  assert.equal(t.exact, 'QUOTE');
  assert.equal(t.prefix, '😀'.repeat(16));
  assert.equal(t.suffix, '😀'.repeat(16));
  const odd = `x${text}`;
  const u = makeTarget(odd, start + 1, start + 6);
  assert.equal(u.prefix.length, 32);
  assert.equal(u.suffix.length, 32);
  const v = makeTarget(`${'😀'.repeat(20)}ab${'😀'.repeat(20)}`, 40, 41);
  assert.equal(v.prefix, '😀'.repeat(16));
  assert.equal(v.suffix, `b${'😀'.repeat(15)}`);
  assert.ok(!splitsSurrogatePair('a😀', 1) && splitsSurrogatePair('a😀', 2));
});

test('applyEdits: insertions before shift, at the start shift, at the end and after leave alone', () => {
  const span = { start: 10, end: 20 };
  const one = (e: TextEdit) => applyEdits([span], [e])[0];
  assert.deepEqual(one({ start: 2, end: 2, text: 'abc' }), { start: 13, end: 23, state: 'shifted' });
  assert.deepEqual(one({ start: 10, end: 10, text: 'abc' }), { start: 13, end: 23, state: 'shifted' });
  assert.deepEqual(one({ start: 20, end: 20, text: 'abc' }), { start: 10, end: 20, state: 'unchanged' });
  assert.deepEqual(one({ start: 25, end: 30, text: '' }), { start: 10, end: 20, state: 'unchanged' });
  assert.deepEqual(one({ start: 0, end: 10, newLength: 4 }), { start: 4, end: 14, state: 'shifted' });
  assert.deepEqual(one({ start: 3, end: 5, text: 'xy' }), { start: 10, end: 20, state: 'unchanged' });
});

test('applyEdits: edits inside grow or shrink the span; covering deletions make orphan candidates', () => {
  const span = { start: 10, end: 20 };
  const one = (e: TextEdit) => applyEdits([span], [e])[0];
  assert.deepEqual(one({ start: 15, end: 15, text: 'abc' }), { start: 10, end: 23, state: 'changed' });
  assert.deepEqual(one({ start: 12, end: 18, text: '' }), { start: 10, end: 14, state: 'changed' });
  assert.deepEqual(one({ start: 10, end: 12, text: 'X' }), { start: 10, end: 19, state: 'changed' });
  assert.deepEqual(one({ start: 5, end: 15, text: 'ab' }), { start: 5, end: 12, state: 'changed' });
  assert.deepEqual(one({ start: 15, end: 25, text: 'ab' }), { start: 10, end: 17, state: 'changed' });
  assert.deepEqual(one({ start: 10, end: 20, text: '' }), { start: 10, end: 10, state: 'deleted' });
  assert.deepEqual(one({ start: 5, end: 25, text: '' }), { start: 5, end: 5, state: 'deleted' });
  assert.deepEqual(one({ start: 5, end: 25, text: 'replacement' }), { start: 5, end: 16, state: 'deleted' });
  assert.deepEqual(one({ start: 10, end: 20, newLength: 3 }), { start: 10, end: 13, state: 'deleted' });
});

test('applyEdits: several edits of one change event, in any order, refer to the old text', () => {
  const spans = [
    { start: 0, end: 5 },
    { start: 10, end: 20 },
    { start: 30, end: 40 },
  ];
  const edits: TextEdit[] = [
    { start: 2, end: 2, text: '++' }, // inside the first
    { start: 8, end: 9, text: '' }, // before the second
    { start: 25, end: 25, text: 'xxxx' }, // before the third
    { start: 35, end: 45, text: '' }, // the third's tail
  ];
  const expected = [
    { start: 0, end: 7, state: 'changed' },
    { start: 11, end: 21, state: 'shifted' },
    { start: 35, end: 40, state: 'changed' },
  ];
  assert.deepEqual(applyEdits(spans, edits), expected);
  assert.deepEqual(applyEdits(spans, [...edits].reverse()), expected);
  // Applied one by one from the last (VS Code's order), the text agrees.
  let text = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const before = spans.map((s) => text.slice(s.start, s.end));
  for (const e of [...edits].sort((a, b) => b.start - a.start)) text = edit(text, e as TextEdit & { text: string });
  const after = applyEdits(spans, edits).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(before, ['abcde', 'klmnopqrst', 'EFGHIJKLMN']);
  assert.deepEqual(after, ['ab++cde', 'klmnopqrst', 'EFGHI']);
});

test('reanchor: unchanged text → anchored at the same offsets', () => {
  const t = targetOf(DOC, 'Mayor Jane Doe');
  const r = reanchor(DOC, t);
  assert.equal(r.status, 'anchored');
  assert.deepEqual(r.target, t);
  assert.equal(r.score, 1);
});

test('reanchor: after insertions and deletions elsewhere → moved, same quote', () => {
  const t = targetOf(DOC, 'Mayor Jane Doe');
  let text = edit(DOC, { start: 60, end: 60, text: 'An added line of text.\n\n' });
  text = edit(text, { start: 10, end: 20, text: '' });
  const r = reanchor(text, t, { oldLength: DOC.length });
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, t.start + 24 - 10);
  assert.equal(r.target.exact, 'Mayor Jane Doe');
  // Context right before the quote edited too: still found by the quote and the other side.
  const text2 = edit(text, { start: r.target.start - 3, end: r.target.start - 1, text: 'ZZZZ' });
  const r2 = reanchor(text2, t);
  assert.equal(r2.status, 'moved');
  assert.equal(placedText(text2, r2), 'Mayor Jane Doe');
});

test('reanchor: small edits inside the quote → moved onto the edited quote', () => {
  const t = targetOf(DOC, 'The city council approved a budget of $4.2 billion on Thursday');
  const cases: Array<[string, string]> = [
    ['$4.2 billion', '$4.3 billion'],
    ['approved', 'passed'],
    ['The city council', 'The City Council'],
    [' on Thursday', ' on last Thursday'],
  ];
  for (const [from, to] of cases) {
    const text = DOC.replace(from, to);
    const r = reanchor(text, t);
    assert.equal(r.status, 'moved', `${from} → ${to}`);
    assert.equal(placedText(text, r), t.exact.replace(from, to), `${from} → ${to}`);
    assert.equal(r.target.exact, placedText(text, r));
    assert.ok(r.score > 0.8 && r.score < 1);
  }
});

test('reanchor: the quote deleted → orphaned, old target kept', () => {
  const t = targetOf(DOC, 'A spokesperson for the council, who asked not to be named');
  const text = DOC.replace('A spokesperson for the council, who asked not to be named, said the vote was 7 to 2.\n', '');
  const r = reanchor(text, t);
  assert.equal(r.status, 'orphaned');
  assert.deepEqual(r.target, t);
  assert.equal(r.score, 0);
  // Also when the whole paragraph is replaced by unrelated text.
  const text2 = DOC.replace('A spokesperson for the council, who asked not to be named, said the vote was 7 to 2.', 'Weather: sunny with a light breeze from the west all afternoon and evening.');
  assert.equal(reanchor(text2, t).status, 'orphaned');
});

test('reanchor: a short quote whose text is gone is not moved to another occurrence', () => {
  // "said" occurs three times; the annotated one (in the last paragraph) is deleted.
  const t = targetOf(DOC, 'said', 2);
  assert.equal(t.start, DOC.indexOf('said the vote'));
  const text = DOC.replace(', said the vote was 7 to 2.', '.');
  const r = reanchor(text, t);
  assert.equal(r.status, 'orphaned');
});

test('reanchor: duplicates are told apart by context, and the right one is kept when the other moves', () => {
  const para = 'The minister said the figures were wrong.';
  const text = `Intro.\n\nIn March, ${para}\n\nLater, in May, ${para}\n\nEnd.`;
  const second = targetOf(text, para, 1);
  // Insert before both: the second one moves; the first, with the same quote, is not taken.
  const text2 = `New first line.\n${text}`;
  const r = reanchor(text2, second);
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, second.start + 16);
  // Swap the two paragraphs' lead-ins: the context now points at the other place.
  const text3 = text.replace('In March, ', 'Xx Xxxxx, ');
  const r3 = reanchor(text3, second);
  assert.equal(r3.target.start, text3.lastIndexOf(para));
});

test('reanchor: identical quote and context twice → the one nearest the old position', () => {
  const block = 'He said: "We will appeal the decision." Nothing more was said.';
  const text = `${block}\n${'filler '.repeat(20)}\n${block}\n${'more '.repeat(40)}\n${block}`;
  const t = targetOf(text, 'We will appeal the decision.', 1);
  const shifted = `0123456789${text}`;
  const r = reanchor(shifted, t);
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, t.start + 10);
});

test('reanchor: ambiguous fuzzy candidates without context support → orphaned, not guessed', () => {
  // The quote is edited and its context destroyed; two equally similar places remain.
  const text = 'aaa the budget was cut bbb\nccc the budget was cut ddd\n';
  const t: AnchorTarget = { start: 100, end: 120, exact: 'the budget was slashed', prefix: 'zzzzzzzzzzzzzzzzzzzzzzzz', suffix: 'yyyyyyyyyyyyyyyyyyyyyyy' };
  const r = reanchor(text, { ...t, end: t.start + t.exact.length });
  assert.equal(r.status, 'orphaned');
});

test('reanchor: a short quote deleted at the start is not moved to a look-alike whose context agrees only in its first words', () => {
  const text = 'Thursday; the minister spoke at length about the budget.\n\nOther news followed.\n\nNothing else happened on Thursday; the minister left.';
  const t = makeTarget(text, 0, 'Thursday;'.length);
  const edited = text.replace('Thursday; the minister spoke at length', 'The talk went on');
  const r = reanchor(edited, t, { oldLength: text.length });
  assert.equal(r.status, 'orphaned', `placed on ${JSON.stringify(placedText(edited, r))} at ${r.target.start}`);
});

test('reanchor: a verbatim quote whose two contexts were both edited, right up to it, is found between them', () => {
  const text = 'The council met again on Monday. Some voters called the decision “a wake-up call”, while others said it was overdue. The plan goes ahead.';
  const t = targetOf(text, '“a wake-up call”');
  // Neither side alone agrees well enough next to the quote; together they still do.
  const edited = text.replace('voters called', 'ufpers').replace(', while', ', plan');
  const r = reanchor(edited, t, { oldLength: text.length });
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, edited.indexOf('“a wake-up call”'));
  assert.equal(placedText(edited, r), '“a wake-up call”');
});

test('reanchor: a long quote moved far away, with a typo made near each end and in the middle, is found again', () => {
  const quote = 'About 16,696 households in Wexdale signed the petition, while the investigation into the contract continues.';
  const filler = (word: string) => Array.from({ length: 120 }, (_, i) => `${word} ${i}.`).join(' ');
  const text = `Intro line.\n\nEarlier context sentence. ${quote} Later context sentence.\n\n${filler('alpha')}\n\n${filler('beta')}\nEnd.`;
  const t = targetOf(text, quote);
  // Three typos, spread along the quote: no long verbatim stretch at either end.
  const typed = quote.replace('households', 'housholds').replace('petition', 'petitoin').replace('investigation', 'investigaton');
  const moved = `Intro line.\n\n${filler('alpha')}\n\n${filler('beta')}\n\nA new lead-in. ${typed} A new ending.\nEnd.`;
  const r = reanchor(moved, { ...t, exact: quote }, { oldLength: text.length });
  assert.equal(r.status, 'moved');
  assert.equal(placedText(moved, r), typed);
});

/** Paragraphs joined as in a saved news page: a whitespace-only line between them. */
function article(paragraphs: string[]): string {
  return paragraphs.join('\n \n  ');
}

const filler = (word: string, n: number): string => Array.from({ length: n }, (_, i) => `The ${word} report number ${i} was filed on time by the clerk.`).join(' ');

test('reanchor: a one-paragraph quote whose paragraph moved elsewhere is found, both its contexts changed beyond the line breaks', () => {
  const quote = 'Some officials called the decision reckless, while others said it was a fair compromise.';
  const paras = ['Source: https://example.com/x', 'Headline', filler('first', 6), 'The board met on Tuesday to vote on the levy.', quote, 'A levy on holiday lets was approved last year.', filler('second', 10), 'The mayor spoke after the vote.', filler('third', 6)];
  const text = article(paras);
  const t = targetOf(text, quote);
  const moved = article([...paras.slice(0, 4), ...paras.slice(5, 8), quote, paras[8]!]);
  const r = reanchor(moved, t, { oldLength: text.length });
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, moved.indexOf(quote));
});

test('reanchor: a paragraph edited in place is not moved to a verbatim copy of it elsewhere', () => {
  const quote = 'Some officials called the decision reckless, while others said it was a fair compromise.';
  const paras = ['Source: https://example.com/x', 'Headline', filler('first', 6), 'The board met on Tuesday to vote on the levy.', quote, 'A levy on holiday lets was approved last year.', filler('second', 10), 'The mayor spoke after the vote, taking questions.', quote, 'Nobody else spoke about the plan.', filler('third', 6)];
  const text = article(paras);
  const t = targetOf(text, quote);
  const typed = quote.replace('it was a fair', 'it waetao fair');
  const edited = text.slice(0, t.start) + typed + text.slice(t.end);
  const r = reanchor(edited, t, { oldLength: text.length });
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, t.start, `placed on ${JSON.stringify(placedText(edited, r))} at ${r.target.start}`);
  assert.equal(placedText(edited, r), typed);
});

test('reanchor: a sentence inserted between an edited quote and its prefix stays outside the quote', () => {
  const quote = 'A contract to dredge the harbour, promised in the manifesto of 2016, was funded after inspectors found cracks in the concrete.';
  const text = article(['Source: https://example.com/x', 'Headline', filler('first', 4), `The plan was approved to the surprise of many observers. ${quote}`, 'The budget for road repairs is expected to rise.', filler('second', 4)]);
  const t = targetOf(text, quote);
  const typed = quote.replace('A contract', 'A tract');
  const inserted = 'About 42,165 tonnes of waste in Larkthorpe were surveyed, citing rising construction costs. ';
  const edited = text.replace(quote, inserted + typed);
  const r = reanchor(edited, t, { oldLength: text.length });
  assert.equal(r.status, 'moved');
  const at = edited.indexOf(typed);
  // The edited first words may be left out; the inserted sentence is not taken in.
  assert.ok(r.target.start >= at && r.target.start <= at + 'A '.length, `placed on ${JSON.stringify(placedText(edited, r))}`);
  assert.equal(r.target.end, at + typed.length);
});

test('reanchor: a paragraph deleted with the line break before it is not moved to a look-alike paragraph nearby', () => {
  const quote = 'The mayor said the plan to widen the ring road would go ahead in spring.';
  const paras = ['Source: https://example.com/a', 'Headline', 'The council met on Monday to discuss the budget for the coming year.', 'Officials said the new bus line would open in March, two months late.', quote, 'Critics said the figures in the report had not been checked by anyone.', 'The mayor said the plan to widen the ring road would go ahead in summer.', 'A spokesperson declined to comment on the timing of the announcement.'];
  const text = article(paras);
  const t = targetOf(text, quote);
  const edited = text.replace(`\n \n  ${quote}`, '');
  assert.equal(reanchor(edited, t, { oldLength: text.length }).status, 'orphaned');
});

test('reanchor: a context cut short by the start of the document is evidence: a look-alike up to normalisation elsewhere is not taken', () => {
  const text = 'as.\r\n\r\nThursday, March 3.\n\nThe mayor spoke to the council.\n';
  const t = makeTarget(text, 0, 1); // "a", with no prefix: the document starts there
  // Text inserted right after the quote's word repeats it, followed by the old context with other line breaks.
  const edited = `${text.slice(0, 3)}has.\n\n${text.slice(3)}`;
  const r = reanchor(edited, t, { oldLength: text.length });
  assert.ok(r.status === 'orphaned' || r.target.start === 0, `placed at ${r.target.start}`);
  // The same context at the document's start, up to normalisation, is still found.
  const crlf = text.replace(/\r?\n/g, '\n');
  const moved = reanchor(crlf, makeTarget(text, 0, 3), { oldLength: text.length });
  assert.equal(moved.status, 'anchored');
});

test('CRLF: a document converted from LF to CRLF keeps its annotations', () => {
  const targets = ['Council approves new budget', 'Mayor Jane Doe', 'A spokesperson for the council'].map((q) => targetOf(DOC, q));
  const crlf = DOC.replace(/\n/g, '\r\n');
  const results = reanchorAll(crlf, targets, { oldLength: DOC.length });
  results.forEach((r, i) => {
    assert.equal(r.status, 'moved');
    assert.equal(placedText(crlf, r), targets[i]!.exact);
  });
  // A quote spanning a line break is found approximately (\n → \r\n is one edit).
  const multi = makeTarget(DOC, DOC.indexOf('officials said.'), DOC.indexOf('This budget') + 4);
  const r = reanchor(crlf, multi);
  assert.equal(r.status, 'moved');
  assert.equal(placedText(crlf, r), 'officials said.\r\n\r\n“This');
});

test('BOM: offsets refer to the text without BOM, as decodeDocument returns it', () => {
  const bytes = new TextEncoder().encode(`\uFEFF${DOC}`);
  const text = decodeDocument(bytes, 'x.txt');
  assert.equal(text, DOC);
  const t = targetOf(DOC, 'Mayor Jane Doe');
  assert.equal(reanchor(text, t).status, 'anchored');
  // Text that still carries the BOM (a reader that kept it) is one unit off: moved, found.
  const r = reanchor(`\uFEFF${DOC}`, t);
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, t.start + 1);
});

test('NBSP: a quote with non-breaking spaces survives their normalisation to spaces', () => {
  const text = DOC.replace('Mayor Jane Doe', 'Mayor\u00a0Jane\u00a0Doe');
  const t = targetOf(text, 'Mayor\u00a0Jane\u00a0Doe');
  const normalised = text.replace(/\u00a0/g, ' ');
  const r = reanchor(normalised, t);
  assert.equal(r.status, 'moved');
  assert.equal(placedText(normalised, r), 'Mayor Jane Doe');
});

test('astral characters: offsets are UTF-16, spans never split a surrogate pair', () => {
  const text = DOC.replace('Mayor Jane Doe', 'Mayor 👩‍⚖️ Jane Doe 🎉');
  const t = targetOf(text, 'Jane Doe 🎉');
  const text2 = `😀😀${text}`;
  const r = reanchor(text2, t);
  assert.equal(r.status, 'moved');
  assert.equal(r.target.start, t.start + 4);
  assert.equal(placedText(text2, r), 'Jane Doe 🎉');
  // The emoji in the quote replaced by another: fuzzy, whole code points.
  const text3 = text.replace('🎉', '🎊');
  const r3 = reanchor(text3, t);
  assert.equal(r3.status, 'moved');
  assert.equal(placedText(text3, r3), 'Jane Doe 🎊');
  assert.ok(!splitsSurrogatePair(text3, r3.target.start) && !splitsSurrogatePair(text3, r3.target.end));
});

test('reanchorAll: results in input order, mixed outcomes', () => {
  const quotes = ['A spokesperson for the council', 'Mayor Jane Doe', 'Council approves new budget', '$4.2 billion'];
  const targets = quotes.map((q) => targetOf(DOC, q));
  let text = DOC.replace('A spokesperson for the council, who asked not to be named, ', '');
  text = text.replace('$4.2 billion', '$4.25 billion');
  text = `Updated.\n${text}`;
  const results = reanchorAll(text, targets, { oldLength: DOC.length });
  assert.deepEqual(
    results.map((r) => r.status),
    ['orphaned', 'moved', 'moved', 'moved'],
  );
  assert.equal(placedText(text, results[1]!), 'Mayor Jane Doe');
  assert.equal(placedText(text, results[2]!), 'Council approves new budget');
  assert.equal(placedText(text, results[3]!), '$4.25 billion');
  assert.deepEqual(reanchorAll(DOC, targets).map((r) => r.status), ['anchored', 'anchored', 'anchored', 'anchored']);
  assert.deepEqual(reanchorAll(DOC, []), []);
});

test('reanchor: text typed right at a quote boundary stays outside the quote', () => {
  const t = targetOf(DOC, 'Mayor Jane Doe');
  const after = DOC.replace('Mayor Jane Doe', 'Mayor Jane Doe Jr.');
  const r = reanchor(after, t);
  assert.equal(r.status, 'anchored');
  assert.equal(placedText(after, r), 'Mayor Jane Doe');
  const before = DOC.replace('Mayor Jane Doe', 'Former Mayor Jane Doe');
  const r2 = reanchor(before, t);
  assert.equal(r2.status, 'moved');
  assert.equal(placedText(before, r2), 'Mayor Jane Doe');
});

test('reanchor never throws on odd targets or texts', () => {
  const odd: AnchorTarget[] = [
    { start: 500, end: 510, exact: 'Mayor Jane', prefix: '', suffix: '' },
    { start: 5, end: 3, exact: 'xy', prefix: 'p', suffix: 's' },
    { start: 0, end: 0, exact: '', prefix: '', suffix: '' },
    { start: -4, end: 2, exact: 'So', prefix: '', suffix: 'urce' },
  ];
  for (const t of odd) {
    for (const text of ['', 'S', DOC]) {
      const r = reanchor(text, t);
      assert.ok(['anchored', 'moved', 'orphaned'].includes(r.status));
      if (r.status !== 'orphaned') assert.equal(text.slice(r.target.start, r.target.end), r.target.exact);
    }
  }
  assert.equal(reanchorAll('', odd).length, 4);
});
