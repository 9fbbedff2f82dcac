/**
 * Whole-document transformations map annotations exactly (no fuzzy matching), and the
 * building blocks of linear-time re-anchoring: the canonical form and the one-pass scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTarget, reanchorAll } from '../../src/core/annotations/anchor';
import fc from 'fast-check';
import { canonical, canonicalIndex, isSpace, originalOffset, originalSpan, plainStretch, readsCanonically } from '../../src/core/anchoring/canonical';
import { scanAll } from '../../src/core/anchoring/scan';
import { makeArticle } from '../../bench/corpus';
import { pickAnnotations, TRANSFORMATIONS, transformed } from '../../bench/anchor/scenarios';
import { Random } from '../../bench/prng';

const DOC = readFileSync(path.join(import.meta.dirname, '../fixtures/sidecars/000_960fc4c8afcb4f95.txt'), 'utf8');

for (const name of Object.keys(TRANSFORMATIONS)) {
  test(`whole-document transformation "${name}": every annotation placed exactly where it went, none orphaned`, () => {
    for (let i = 0; i < 12; i++) {
      const rng = new Random(100 + i);
      const article = makeArticle(rng, i, 2500);
      const s = transformed(name, article, pickAnnotations(rng, article, 8));
      const results = reanchorAll(s.edited, s.targets, { oldLength: s.original.length });
      results.forEach((r, k) => {
        const truth = s.truths[k]!;
        assert.notEqual(r.status, 'orphaned', `${name}: ${JSON.stringify(s.targets[k]!.exact)}`);
        assert.deepEqual([r.target.start, r.target.end], [truth.start, truth.end], `${name}: ${JSON.stringify(s.targets[k]!.exact)}`);
        assert.equal(r.target.exact, s.edited.slice(r.target.start, r.target.end));
      });
    }
  });
}

test('transformations of the sample document: BOM, CRLF, NBSP and straight quotes at once', () => {
  const quotes = ['Council approves new budget', 'Mayor Jane Doe', '“This budget protects every school,”', 'A spokesperson for the council'];
  const targets = quotes.map((q) => makeTarget(DOC, DOC.indexOf(q), DOC.indexOf(q) + q.length));
  const changed = `\uFEFF${DOC.replace(/[“”]/g, '"').replace(/ (?=Jane)/g, '\u00a0').replace(/\n/g, '\r\n')}`;
  const results = reanchorAll(changed, targets, { oldLength: DOC.length });
  const expected = ['Council approves new budget', 'Mayor\u00a0Jane Doe', '"This budget protects every school,"', 'A spokesperson for the council'];
  assert.deepEqual(
    results.map((r) => changed.slice(r.target.start, r.target.end)),
    expected,
  );
  assert.ok(results.every((r) => r.status === 'moved'));
});

test('a quote whose own white space merges with its context (whitespace at its ends) keeps it', () => {
  const text = 'First line of the story.\n\nSecond paragraph starts here and goes on.\n\nThird one.';
  const start = text.indexOf('\n\nSecond');
  const t = makeTarget(text, start, start + 10); // "\n\nSecond p"
  const crlf = text.replace(/\n/g, '\r\n');
  const [r] = reanchorAll(crlf, [t], { oldLength: text.length });
  assert.equal(crlf.slice(r!.target.start, r!.target.end), '\r\n\r\nSecond p');
});

test('repetitive text: 3,000 annotations after a one-character insert at the top are all found, shifted by one', () => {
  const block = 'The council met again. “We will vote,” she said. The council met again.\n\n';
  const text = block.repeat(400);
  const targets = Array.from({ length: 3000 }, (_, i) => {
    const start = (i * 97) % (text.length - 40);
    return makeTarget(text, start, start + 1 + (i % 30));
  });
  const edited = `x${text}`;
  const results = reanchorAll(edited, targets, { oldLength: text.length });
  results.forEach((r, i) => {
    assert.equal(r.status, 'moved');
    assert.equal(r.target.start, targets[i]!.start + 1);
    assert.equal(r.target.exact, targets[i]!.exact);
  });
});

test('canonical form: one space per run of white space, straight quotes, no BOM; offsets map back', () => {
  const text = '\uFEFF“Yes,”\u00a0she  said.\r\n\r\n‘No’ — fine ';
  const c = canonical(text);
  assert.equal(c.text, '"Yes," she said. \'No\' — fine ');
  const at = c.text.indexOf('she said.');
  assert.deepEqual(originalSpan(c, at, at + 'she said.'.length), { start: text.indexOf('she'), end: text.indexOf('said.') + 5 });
  assert.equal(canonical('a\nb').text, canonical('a \t b').text);
});

/** The canonical form spelled out one character at a time: the text and, per canonical character, its original offset. */
function canonicalByHand(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  let inSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfeff) continue;
    if (isSpace(c)) {
      if (!inSpace) {
        out += ' ';
        from.push(i);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    out += c >= 0x2018 && c <= 0x201b ? "'" : c >= 0x201c && c <= 0x201f ? '"' : text[i];
    from.push(i);
  }
  from.push(text.length);
  return { text: out, from };
}

test('canonical form: the same text and offset map as one character at a time, for any mix of white space, BOMs, quotes and surrogates', () => {
  const pieces = ['a', 'é', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2009', '\u3000', '\ufeff', '“', '”', '‘', '’', '„', '"', '😀', '\ud800', '\udc00', '.'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const c = canonical(text);
      const hand = canonicalByHand(text);
      assert.equal(c.text, hand.text);
      for (let ci = 0; ci <= c.text.length; ci++) assert.equal(originalOffset(c, ci), hand.from[ci], `canonical ${ci} of ${JSON.stringify(text)}`);
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const first = hand.from.findIndex((o) => o >= offset);
        assert.equal(canonicalIndex(c, offset), first < 0 ? c.text.length : first, `offset ${offset} of ${JSON.stringify(text)}`);
      }
    }),
    { numRuns: 500 },
  );
});

test('plainStretch: the longest stretch of a canonical text without spaces or quotation marks', () => {
  assert.deepEqual(plainStretch('he said "nevertheless" now'), [9, 21]);
  assert.deepEqual(plainStretch("it's"), [0, 2]);
  assert.deepEqual(plainStretch(' " \''), [0, 0]);
});

test('readsCanonically: around a verbatim plain stretch, true exactly where the canonical form of the text holds the key (no BOM after the start)', () => {
  const pieces = ['a', 'b', 'ab', ' ', '  ', '\n', '\r\n', '\t', '\u00a0', '\u2009', '“', '”', '‘', '’', '"', "'", '😀', '.'];
  // The same text up to normalisation: another white space, another quotation mark of the kind.
  const variant: Record<string, string> = { ' ': '\n', '  ': ' ', '\n': '\r\n', '\r\n': ' ', '\t': '\u00a0', '\u00a0': ' ', '\u2009': '\t', '“': '"', '”': '“', '‘': "'", '’': '‘', '"': '”', "'": '’' };
  let held = 0;
  fc.assert(
    fc.property(
      fc.boolean(),
      fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }),
      fc.nat(),
      fc.nat(),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      (bom, parts, i, j, swap) => {
        const text = (bom ? '\ufeff' : '') + parts.join('');
        // A key from part of the text, some pieces swapped for equivalents (often held), or from the end and the start (rarely).
        const a = i % parts.length;
        const slice = j % 3 === 0 ? [...parts.slice(a), ...parts.slice(0, a)].slice(0, 1 + (j % 12)) : parts.slice(a, a + 1 + (j % 12));
        const key = canonical(slice.map((p, k) => (swap[k] ? (variant[p] ?? p) : p)).join('')).text;
        const [from, to] = plainStretch(key);
        if (to === from) return;
        const whole = canonical(text);
        const stretch = key.slice(from, to);
        for (let at = text.indexOf(stretch); at >= 0; at = text.indexOf(stretch, at + 1)) {
          const c = canonicalIndex(whole, at) - from;
          const holds = c >= 0 && whole.text.startsWith(key, c) && originalOffset(whole, c + from) === at;
          if (holds) held++;
          assert.equal(readsCanonically(text, key, from, to, at), holds, `key ${JSON.stringify(key)} at ${at} of ${JSON.stringify(text)}`);
        }
      },
    ),
    { numRuns: 2000 },
  );
  assert.ok(held > 500, `only ${held} keys held`);
});

test('scan: occurrences of many strings in one pass, capped, the same with the hash and with indexOf', () => {
  const words = ['alpha bravo charlie delta', 'echo foxtrot golf hotel', 'india juliet kilo lima'];
  const rng = new Random(7);
  let text = '';
  while (text.length < 300_000) text += `${rng.pick(words)} ${rng.int(0, 99_999)} `;
  const needles = ['echo foxtrot golf hotel 1', 'alpha bravo charlie delta 4242', 'short', 'india juliet kilo lima 99999 '];
  // Large text × needles: the rolling hash; one needle at a time below the threshold: indexOf.
  const hashed = scanAll(text, [...needles, ...Array.from({ length: 20 }, (_, i) => `not there at all ${i} xx`)], 5);
  for (let i = 0; i < needles.length; i++) {
    const direct = scanAll(text.slice(0, 1_000_000), [needles[i]!], 5)[0]!;
    assert.deepEqual(hashed[i], direct, needles[i]);
    const all: number[] = [];
    for (let p = text.indexOf(needles[i]!); p >= 0 && needles[i]!.length >= 16; p = text.indexOf(needles[i]!, p + 1)) all.push(p);
    assert.deepEqual(hashed[i]!.at, all.slice(0, 5));
    assert.equal(hashed[i]!.more, all.length > 5);
  }
  assert.deepEqual(hashed[2], { at: [], more: false }); // shorter than the gram: not searched
});

test('scan: needles that start with a phrase common in the text are still found exactly (keyed by a rarer piece); duplicate needles share the result', () => {
  const rng = new Random(11);
  const common = 'the minister said that ';
  let text = '';
  while (text.length < 400_000) text += `${common}${rng.int(0, 9_999_999)} and more; `;
  const needles: string[] = [];
  for (let i = 0; i < 40; i++) {
    const p = text.indexOf(common, rng.int(0, text.length - 200));
    needles.push(text.slice(p, p + common.length + 30)); // the common phrase, then a rare continuation
  }
  needles.push(`${common}42424242 never written`, needles[0]!, common);
  const found = scanAll(text, needles, 6);
  needles.forEach((needle, i) => {
    const all: number[] = [];
    for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) all.push(p);
    assert.deepEqual(found[i]!.at, all.slice(0, 6), needle);
    assert.equal(found[i]!.more, all.length > 6, needle);
  });
  assert.deepEqual(found[needles.length - 2], found[0]);
});
