import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../src/core/parse';
import { attributionFor, quotationAt, sentenceAt } from '../../src/core/selection';

const doc = (body: string) =>
  `Source: https://news.example/a\n\nHeadline here\n\n  By A Writer, News\n \nUpdated: \n        January 2, 2025\n \n  Source: News\n \n${body}\n See Full Web Article \n`;

const text = doc(
  [
    '  “The plan was ‘never funded,’ and we said so,” Mayor Ana Ruiz said on Monday. Dr. Lee disagreed. Costs rose 3.5% in 2024.',
    ' ',
    '  The council chair, according to Tomás Vidal, “will resign.”',
    ' ',
    '  “We lost 96,000 jobs,” said Jane Okafor, the union’s head.',
    ' ',
    '  «\u00A0Nous ne céderons pas\u00A0», a déclaré Marie Dupont.',
    ' ',
    '  “No one expected it,” the official said.',
  ].join('\n'),
);
const model = parse(text);
const at = (needle: string, delta = 0) => {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + delta;
};
const slice = (s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

test('quotationAt picks the innermost quotation, marks included', () => {
  assert.equal(slice(quotationAt(model, at('never funded'))), '‘never funded,’');
  assert.equal(slice(quotationAt(model, at('we said so'))), '“The plan was ‘never funded,’ and we said so,”');
  assert.equal(slice(quotationAt(model, at('Nous'))), '«\u00A0Nous ne céderons pas\u00A0»');
  assert.equal(quotationAt(model, at('Costs rose')), null);
});

test('sentenceAt ends at the sentence mark, skips abbreviations, decimals and ends inside quotes', () => {
  assert.equal(slice(sentenceAt(text, model, at('Monday'))), '“The plan was ‘never funded,’ and we said so,” Mayor Ana Ruiz said on Monday.');
  assert.equal(slice(sentenceAt(text, model, at('disagreed'))), 'Dr. Lee disagreed.');
  assert.equal(slice(sentenceAt(text, model, at('Costs'))), 'Costs rose 3.5% in 2024.');
  assert.equal(slice(sentenceAt(text, model, at('resign'))), 'The council chair, according to Tomás Vidal, “will resign.”');
  assert.equal(sentenceAt(text, model, at('Headline')), null);
});

test('attributionFor finds the speaker after or before the quotation', () => {
  const speaker = (needle: string) => {
    const found = attributionFor(text, model, quotationAt(model, at(needle))!);
    return found && { speaker: found.speaker, cue: found.cue };
  };
  assert.deepEqual(speaker('we said so'), { speaker: 'Mayor Ana Ruiz', cue: 'said' });
  assert.deepEqual(speaker('We lost'), { speaker: 'Jane Okafor', cue: 'said' });
  assert.deepEqual(speaker('Nous'), { speaker: 'Marie Dupont', cue: 'a déclaré' });
  assert.deepEqual(speaker('will resign'), { speaker: 'Tomás Vidal', cue: 'according to' });
  assert.deepEqual(speaker('No one expected'), { speaker: 'the official', cue: 'said' });
  assert.equal(speaker('never funded'), null, 'a nested quotation is attributed through its parent only');
});

test('attributionFor gives where the speaker is named: the name in the attribution, in UTF-16 offsets', () => {
  const mention = (needle: string) => attributionFor(text, model, quotationAt(model, at(needle))!)!.mention;
  assert.deepEqual(mention('we said so'), { start: at('Mayor Ana Ruiz'), end: at('Mayor Ana Ruiz') + 'Mayor Ana Ruiz'.length });
  assert.deepEqual(mention('We lost'), { start: at('Jane Okafor'), end: at('Jane Okafor') + 'Jane Okafor'.length });
  assert.deepEqual(mention('Nous'), { start: at('Marie Dupont'), end: at('Marie Dupont') + 'Marie Dupont'.length }, 'the trailing full stop is not part of it');
  assert.deepEqual(mention('will resign'), { start: at('Tomás Vidal'), end: at('Tomás Vidal') + 'Tomás Vidal'.length }, 'before the quotation');
  assert.deepEqual(mention('No one expected'), { start: at('the official'), end: at('the official') + 'the official'.length });

  // CRLF line ends, a BOM-less astral character before the quotation, a speaker before it with a colon.
  const other = doc([
    '  Prices 📈 rose again.\r',
    '  Ines Castell\u00A0said: “It will pass.”',
    '  “Wait and see,” said Orla Ní Bhriain.',
    ' ',
    '  “The silt is dense,” said Aldous Perrin. Shippers were less patient.',
    ' ',
    '  “It was expected,” Dr. J. Hollis said.',
  ].join('\n'));
  const otherModel = parse(other);
  const cases = [['It will pass', 'Ines Castell'], ['Wait and see', 'Orla Ní Bhriain'], ['silt', 'Aldous Perrin'], ['expected', 'Dr. J. Hollis']] as const;
  for (const [needle, name] of cases) {
    const found = attributionFor(other, otherModel, quotationAt(otherModel, other.indexOf(needle))!);
    assert.ok(found, needle);
    assert.equal(found.speaker, name);
    assert.equal(other.slice(found.mention.start, found.mention.end), name, `${needle}: the mention is the name in the text`);
    assert.equal(found.mention.start, other.indexOf(name));
  }
});
