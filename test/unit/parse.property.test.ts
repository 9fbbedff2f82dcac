import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse, type ParsedDocument, type Span } from '../../src/core/parse';
import { decodeDocument } from '../../src/core/text';

const PAIRS: Record<string, [string, string]> = {
  double: ['“', '”'],
  single: ['‘', '’'],
  straight: ['"', '"'],
  guillemet: ['«', '»'],
};

/** Pieces that document-shaped texts are made of. */
const PIECES = [
  'Source: https://www.news.example/a/b.html', '  Source: CNN', 'By Ann Lee, CNN', '  By the time', 'Updated: ',
  '        10:27 PM EST, Thu January 25, 2024', '25 janvier 2024', ' See Full Web Article ', 'Go to the full CNN experience',
  '\n', '\n', '\r\n', '\r\n', '\r', ' ', ' ', '\u00a0', '\t', '\uFEFF', '\u2028', '😀', '🎈',
  '“', '”', '‘', '’', '"', '«', '»', '‹', '›', '«\u00a0', '\u00a0»', '…', "'",
  'word', 'Iran’s', 'officials’', '’90s', 'said', 'x', '7', '.', ',', '(', ')', '—',
];
const piece = fc.constantFrom(...PIECES);
const documentShaped = fc
  .tuple(fc.boolean(), fc.array(piece, { maxLength: 80 }))
  .map(([bom, pieces]) => (bom ? '\uFEFF' : '') + pieces.join(''));
/** Dense in quotation marks, to exercise matching and nesting. */
const markHeavy = fc
  .array(fc.constantFrom('“', '”', '‘', '’', '"', '«', '»', '‹', '›', 'a', 'b', ' ', ' ', '\u00a0', '\n', ',', '😀'), { maxLength: 40 })
  .map((units) => `Title\n\n${units.join('')}`);
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
const anyText = fc.oneof(documentShaped, markHeavy, fc.string({ unit: 'binary', maxLength: 200 }), anyUnits, fc.string({ maxLength: 100 }));

const inside = (inner: Span, outer: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;

/** Checks every structural promise of the model against `text` (the input without its BOM). */
function checkInvariants(text: string, doc: ParsedDocument): void {
  const n = text.length;
  const spans = [doc.sourceSpan, doc.titleSpan, doc.bylineSpan, doc.updatedSpan, doc.creditSpan, doc.boilerplate];
  for (const span of [...spans, ...doc.paragraphs, ...doc.quotations]) {
    if (span === null) continue;
    assert.ok(0 <= span.start && span.start <= span.end && span.end <= n, `span in bounds: ${JSON.stringify(span)}`);
  }
  assert.equal(doc.title, doc.titleSpan ? text.slice(doc.titleSpan.start, doc.titleSpan.end) : '');
  if (doc.byline !== null) assert.equal(doc.byline, text.slice(doc.bylineSpan!.start, doc.bylineSpan!.end));
  if (doc.credit !== null) assert.equal(doc.credit, text.slice(doc.creditSpan!.start, doc.creditSpan!.end));
  if (doc.updated !== null) assert.equal(doc.updated.text, text.slice(doc.updatedSpan!.start, doc.updatedSpan!.end));

  // Paragraphs: non-empty, trimmed, sorted, disjoint, after the header, before the boilerplate.
  const headerEnd = Math.max(0, ...spans.slice(0, 5).map((s) => (s ? s.end : 0)));
  let previousEnd = headerEnd;
  for (const p of doc.paragraphs) {
    const value = text.slice(p.start, p.end);
    assert.ok(p.start < p.end && value.trim() === value, `paragraph trimmed: ${JSON.stringify(value)}`);
    assert.ok(p.start > previousEnd || (previousEnd === 0 && p.start === 0), 'paragraphs ordered and disjoint');
    previousEnd = p.end;
    if (doc.boilerplate) assert.ok(p.end <= doc.boilerplate.start, 'paragraph before boilerplate');
  }
  if (doc.boilerplate) {
    assert.ok(doc.boilerplate.start >= headerEnd);
    assert.ok(text.startsWith('See Full Web Article', doc.boilerplate.start));
  }

  // Quotations: sorted, inside the headline or one paragraph, framed by a matching pair of marks,
  // laminar (nested or disjoint) with depth = number of enclosing quotations.
  const blocks = doc.titleSpan ? [doc.titleSpan, ...doc.paragraphs] : doc.paragraphs;
  doc.quotations.forEach((q, i) => {
    const value = text.slice(q.start, q.end);
    const [open, close] = PAIRS[q.kind] ?? ['‹', '›'];
    const framed = value.length >= 2 && value.startsWith(open) && value.endsWith(close);
    const singleGuillemet = q.kind === 'guillemet' && value.startsWith('‹') && value.endsWith('›');
    assert.ok(framed || singleGuillemet, `quotation framed by its marks: ${JSON.stringify(value)} ${q.kind}`);
    assert.ok(blocks.some((b) => inside(q, b)), 'quotation inside one block');
    const previous = doc.quotations[i - 1];
    if (previous) assert.ok(previous.start < q.start, 'quotations sorted');
    let depth = 0;
    for (const other of doc.quotations) {
      if (other === q) continue;
      const disjoint = other.end <= q.start || q.end <= other.start;
      assert.ok(disjoint || inside(q, other) || inside(other, q), 'quotations nested or disjoint');
      if (inside(q, other)) depth++;
    }
    assert.equal(q.depth, depth, 'depth counts the enclosing quotations');
  });
}

test('parse never throws and keeps its invariants on arbitrary text', () => {
  fc.assert(
    fc.property(anyText, (input) => {
      const doc = parse(input);
      checkInvariants(input.startsWith('\uFEFF') ? input.slice(1) : input, doc);
    }),
    { numRuns: 3000 },
  );
});

test('a leading BOM changes nothing', () => {
  fc.assert(
    fc.property(documentShaped, (text) => {
      fc.pre(!text.startsWith('\uFEFF'));
      assert.deepEqual(parse(`\uFEFF${text}`), parse(text));
    }),
    { numRuns: 1000 },
  );
});

test('LF → CRLF keeps the same model, up to the line endings', () => {
  const texts = (text: string, doc: ParsedDocument): unknown =>
    JSON.stringify({
      ...doc,
      spans: undefined,
      sourceSpan: null,
      titleSpan: null,
      bylineSpan: null,
      updatedSpan: null,
      creditSpan: null,
      paragraphs: doc.paragraphs.map((p) => text.slice(p.start, p.end)),
      quotations: doc.quotations.map((q) => [q.depth, q.kind, text.slice(q.start, q.end)]),
      boilerplate: doc.boilerplate && text.slice(doc.boilerplate.start, doc.boilerplate.end),
    }).replaceAll('\\r\\n', '\\n');
  fc.assert(
    fc.property(documentShaped, (text) => {
      fc.pre(!text.includes('\r'));
      const crlf = text.replaceAll('\n', '\r\n');
      assert.equal(texts(crlf, parse(crlf)), texts(text, parse(text)));
    }),
    { numRuns: 1000 },
  );
});

test('sample documents (seeds/, ../shared/seeds/ when present) keep the invariants', () => {
  const root = path.resolve(import.meta.dirname, '../..');
  const dirs = [path.join(root, 'seeds'), path.join(root, '../shared/seeds')].filter((d) => existsSync(d));
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const text = decodeDocument(readFileSync(path.join(dir, name)), name);
      const doc = parse(text);
      checkInvariants(text, doc);
      assert.ok(doc.title.length > 0 && doc.paragraphs.length > 0, `${name}: headline and paragraphs`);
    }
  }
});
