// Property tests of the exchange formats: any note and attribute values survive brat's line-based
// AnnotatorNotes; W3C and brat offsets (code points) come back to the same UTF-16 span on any text with
// astral characters, CRLF and NBSP. The expected span is the one the test generated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeTarget } from '../../src/core/annotations/anchor';
import { newAnnotation } from '../../src/core/annotations/sidecar';
import { DEFAULT_TAG_SET } from '../../src/core/annotations/tags';
import { bratAnn } from '../../src/core/exchange/export/brat';
import { w3cAnnotation } from '../../src/core/exchange/export/w3c';
import { parseBratAnn } from '../../src/core/exchange/import/brat';
import { SpanPlacer } from '../../src/core/exchange/import/place';
import { parseW3c } from '../../src/core/exchange/import/w3c';
import { CodePointIndex } from '../../src/core/exchange/offsets';
import type { ExportDocument } from '../../src/core/exchange/model';

const PIECES = ['a', 'b', ' ', '\r\n', '\n', '\u00a0', '📈', '𝒊', '🗳️', 'é', '«', '»', '\t'];
const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 2, maxLength: 60 }).map((p) => p.join(''));

/** A text and a span of it that does not cut a surrogate pair. */
const textAndSpan = textArb.chain((text) => {
  const stops = [...text].reduce<number[]>((acc, ch) => [...acc, acc[acc.length - 1]! + ch.length], [0]);
  return fc.tuple(fc.integer({ min: 0, max: stops.length - 2 }), fc.integer({ min: 1, max: stops.length - 1 })).filter(([a, b]) => a < b).map(([a, b]) => ({ text, start: stops[a]!, end: stops[b]! }));
});

const noteArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', 'note: x', 'speaker: fake', '=: {}', 'evidence[]: a b', 'a\\nb', 'tab\there', 'line\r\nbreak', 'x=: 1'),
);
const valueArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.array(fc.webUrl(), { minLength: 1, maxLength: 3 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const keyArb = fc.oneof(fc.constantFrom('verdict', 'checkworthy', 'speaker', 'evidence', 'note', 'kind', 'Odd Name', 'x:y'), fc.string({ minLength: 1, maxLength: 8 }));

function doc(text: string, annotations: ExportDocument['annotations']): ExportDocument {
  return { file: 'p.txt', uri: 'file:///p.txt', text, source: 'https://example.org/p', annotations };
}

test('brat: every note and attribute value (any key, any JSON value) comes back from the .ann', () => {
  fc.assert(
    fc.property(textAndSpan, noteArb, fc.dictionary(keyArb, valueArb, { maxKeys: 5 }), fc.constantFrom('claim', 'quote', 'source'), ({ text, start, end }, note, raw, tag) => {
      fc.pre(/[^\r\n]/.test(text.slice(start, end))); // a span of line breaks only is left out of brat (tested below)
      // JSON round trip: what a sidecar can hold (no undefined, no -0).
      const attributes = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
      const a = newAnnotation({ tag, target: makeTarget(text, start, end), attributes, note });
      const ann = bratAnn(doc(text, [a]), DEFAULT_TAG_SET).content;
      const parsed = parseBratAnn(ann, 'p.ann', 'p.txt', text);
      assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
      const span = parsed.records[0]!.spans[0]!;
      assert.equal(span.label, tag);
      assert.equal(span.note, note);
      assert.deepEqual(span.attributes, attributes);
      const placed = new SpanPlacer(text, text).place(span);
      assert.deepEqual(placed, { start, end });
    }),
    { numRuns: 400 },
  );
});

test('brat: a span of line breaks only is left out and counted', () => {
  const text = 'one\r\n\r\ntwo';
  const a = newAnnotation({ tag: 'claim', target: makeTarget(text, 3, 7) });
  const b = newAnnotation({ tag: 'claim', target: makeTarget(text, 7, 10) });
  const out = bratAnn(doc(text, [a, b]), DEFAULT_TAG_SET);
  assert.equal(out.written, 1);
  assert.equal(out.skipped, 1);
  assert.equal(out.content, 'T1\tclaim 7 10\ttwo\n');
});

test('w3c: TextPositionSelector is in code points and brings the span back to its UTF-16 offsets', async () => {
  await fc.assert(
    fc.asyncProperty(textAndSpan, async ({ text, start, end }) => {
      const a = newAnnotation({ tag: 'claim', target: makeTarget(text, start, end) });
      const w = await w3cAnnotation(doc(text, [a]), a, new CodePointIndex(text));
      const position = (w.target as { selector: Array<{ type: string; start?: number; end?: number }> }).selector.find((s) => s.type === 'TextPositionSelector')!;
      assert.equal(position.start, [...text.slice(0, start)].length);
      assert.equal(position.end, [...text.slice(0, end)].length);
      const parsed = parseW3c(JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', ...w }), 'p.jsonld');
      assert.deepEqual(parsed.problems, []);
      const span = parsed.records[0]!.spans[0]!;
      assert.deepEqual(new SpanPlacer(text).place(span), { start, end });
    }),
    { numRuns: 300 },
  );
});

test('import: offsets of an LF copy of a CRLF text land on the CRLF text', () => {
  fc.assert(
    fc.property(textAndSpan, ({ text, start, end }) => {
      const crlf = text.replace(/\r?\n/g, '\r\n');
      // The span in the CRLF text that covers the same characters.
      const before = text.slice(0, start).replace(/\r?\n/g, '\r\n').length;
      const inside = text.slice(start, end).replace(/\r?\n/g, '\r\n');
      if (inside.startsWith('\n') || text.slice(0, start).endsWith('\r')) return; // a span that starts between CR and LF has no LF counterpart
      const lf = crlf.replace(/\r\n/g, '\n');
      const lfStart = crlf.slice(0, before).replace(/\r\n/g, '\n').length;
      const lfEnd = lfStart + inside.replace(/\r\n/g, '\n').length;
      if (lfEnd <= lfStart) return;
      const placed = new SpanPlacer(crlf, lf).place({ label: 'claim', start: lfStart, end: lfEnd, unit: 'utf16', attributes: {}, note: '', where: 'x' });
      assert.ok(!('error' in placed), JSON.stringify(placed));
      assert.equal(crlf.slice(placed.start, placed.end).replace(/\r\n/g, '\n'), lf.slice(lfStart, lfEnd));
    }),
    { numRuns: 300 },
  );
});
