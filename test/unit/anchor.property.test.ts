/**
 * Properties: whatever random edits a document goes through, every annotation is either
 * re-anchored onto its true (possibly edited) place, tracked through the edits, or orphaned.
 * Never onto other text. "True place" and the tolerance at edited boundaries are defined by
 * `classify` in bench/anchor/truth.ts, shared with the benchmark. Also: unchanged unique quotes
 * are always found; results are consistent (exact = placed text, score 1 only verbatim); no
 * span ever splits a surrogate pair.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, makeTarget, reanchor, reanchorAll, splitsSurrogatePair, type AnchorTarget } from '../../src/core/annotations/anchor';
import { canonical } from '../../src/core/anchoring/canonical';
import { applyEdit, classify, startTruth, track, type Edit, type Truth } from '../../bench/anchor/truth';
import { Random } from '../../bench/prng';

/** ANCHOR_PROPERTY_RUNS=N raises the number of runs for a longer local hunt. */
const RUNS = Number(process.env.ANCHOR_PROPERTY_RUNS ?? 200);

const WORDS = [
  'the', 'of', 'and', 'to', 'a', 'in', 'said', 'that', 'council', 'budget', 'mayor', 'school', 'vote', 'billion',
  'minister', 'police', 'report', 'year', 'city', 'government', 'official', 'percent', 'million', 'court', 'law',
  'Jane', 'Doe', 'Thursday', 'March', 'spokesperson', 'statement', 'according', 'data', 'new', 'first', 'would',
  'will', 'not', 'was', 'were', 'has', 'have', 'been', 'from', 'by', 'on', 'at', 'with', 'for', 'as',
  'économie', 'naïve', 'Zürich', '«', '»', '“', '”', '—', '😀', '👩‍⚖️', '\u00a0', 'no\u00a0one',
];
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '.\n\n', '.\r\n\r\n', '\n', ' “', '” ', '; '];

const word = fc.constantFrom(...WORDS);
const piece = fc.tuple(word, fc.constantFrom(...SEPARATORS)).map(([w, s]) => w + s);

/**
 * Documents are pseudo-random word sequences from a seed. (Arrays of words shrink towards
 * periodic texts such as "the the the …", where a deleted annotation's exact context recurs
 * a period later: no re-anchoring without the old text can tell those places apart, and news
 * documents do not look like that.)
 */
const documentText = fc.tuple(fc.integer(), fc.integer({ min: 30, max: 400 })).map(([seed, count]) => {
  const random = new Random(seed);
  let text = '';
  for (let i = 0; i < count; i++) text += random.pick(WORDS) + random.pick(SEPARATORS);
  return text;
});

/** A random edit of `text`, chosen from a fraction triple (position, length, content). */
const editSpec = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  size: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 4, max: 20 }), fc.integer({ min: 20, max: 120 })),
  words: fc.array(piece, { minLength: 1, maxLength: 30 }),
  typo: fc.string({ minLength: 1, maxLength: 4 }),
});
type EditSpec = typeof editSpec extends fc.Arbitrary<infer T> ? T : never;

function toEdit(text: string, spec: EditSpec): Edit {
  let start = Math.floor(spec.at * text.length);
  // Edits replace whole code points, as an editor does.
  if (start > 0 && start < text.length && /[\udc00-\udfff]/.test(text[start]!)) start--;
  let end = spec.kind === 'insert' ? start : Math.min(text.length, start + spec.size);
  if (end > 0 && end < text.length && /[\udc00-\udfff]/.test(text[end]!)) end++;
  const inserted = spec.kind === 'delete' ? '' : spec.size <= 4 ? spec.typo : spec.words.join('').slice(0, spec.size);
  return { start, end, text: inserted.replace(/[\ud800-\udfff]/g, 'x') };
}

const spanSpec = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 12, max: 200 })) });

interface Scenario {
  original: string;
  edited: string;
  targets: AnchorTarget[];
  truths: Truth[];
  edits: Edit[];
}

function scenario(text: string, spans: Array<{ at: number; length: number }>, specs: EditSpec[]): Scenario {
  const targets: AnchorTarget[] = [];
  for (const s of spans) {
    let start = Math.floor(s.at * (text.length - 1));
    if (/[\udc00-\udfff]/.test(text[start]!)) start--;
    let end = Math.min(text.length, start + s.length);
    if (end < text.length && /[\udc00-\udfff]/.test(text[end]!)) end++;
    if (end > start) targets.push(makeTarget(text, start, end));
  }
  let edited = text;
  let truths = targets.map(startTruth);
  const edits: Edit[] = [];
  for (const spec of specs) {
    const e = toEdit(edited, spec);
    edits.push(e);
    edited = applyEdit(edited, e);
    truths = truths.map((t) => track(t, e));
  }
  return { original: text, edited, targets, truths, edits };
}

function describe(s: Scenario, i: number, result: ReturnType<typeof reanchor>): string {
  const t = s.targets[i]!;
  const tr = s.truths[i]!;
  return JSON.stringify({
    exact: t.exact,
    prefix: t.prefix,
    suffix: t.suffix,
    old: [t.start, t.end],
    truth: tr,
    trueText: s.edited.slice(tr.start, tr.end),
    got: result.status,
    gotSpan: [result.target.start, result.target.end],
    gotText: s.edited.slice(result.target.start, result.target.end),
    edits: s.edits,
  });
}

test('random edits: every annotation is re-anchored onto its true place or orphaned, never misplaced', () => {
  fc.assert(
    fc.property(documentText, fc.array(spanSpec, { minLength: 1, maxLength: 12 }), fc.array(editSpec, { minLength: 1, maxLength: 8 }), (text, spans, specs) => {
      const s = scenario(text, spans, specs);
      const results = reanchorAll(s.edited, s.targets, { oldLength: s.original.length });
      results.forEach((r, i) => {
        const verdict = classify(s.edited, s.truths[i]!, r, s.targets[i]!);
        assert.notEqual(verdict, 'misplaced', describe(s, i, r));
        if (r.status !== 'orphaned') assert.equal(r.target.exact, s.edited.slice(r.target.start, r.target.end));
      });
    }),
    { numRuns: RUNS },
  );
});

test('random edits, one target at a time (reanchor): never misplaced', () => {
  fc.assert(
    fc.property(documentText, spanSpec, fc.array(editSpec, { minLength: 1, maxLength: 5 }), (text, span, specs) => {
      const s = scenario(text, [span], specs);
      if (s.targets.length === 0) return;
      const r = reanchor(s.edited, s.targets[0]!, { oldLength: s.original.length });
      assert.notEqual(classify(s.edited, s.truths[0]!, r, s.targets[0]!), 'misplaced', describe(s, 0, r));
    }),
    { numRuns: RUNS },
  );
});

test('edits away from the annotations: all found exactly where the edits moved them', () => {
  fc.assert(
    fc.property(documentText, fc.array(spanSpec, { minLength: 1, maxLength: 8 }), fc.array(editSpec, { minLength: 1, maxLength: 6 }), (text, spans, specs) => {
      const s = scenario(text, spans, specs);
      const results = reanchorAll(s.edited, s.targets, { oldLength: s.original.length });
      results.forEach((r, i) => {
        const tr = s.truths[i]!;
        if (tr.nearby > 0) return;
        assert.notEqual(r.status, 'orphaned', describe(s, i, r));
        assert.equal(s.edited.slice(r.target.start, r.target.end), s.edited.slice(tr.start, tr.end), describe(s, i, r));
      });
    }),
    { numRuns: RUNS },
  );
});

test('applyEdits: one call with a change event equals one call per edit, and untouched spans keep their text', () => {
  const cuts = fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 0, max: 30 }), text: fc.string({ maxLength: 12 }) }), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(documentText, fc.array(spanSpec, { minLength: 1, maxLength: 8 }), cuts, (text, spans, raw) => {
      const s = scenario(text, spans, []);
      // Disjoint edits, all in the coordinates of `text`.
      const edits: Edit[] = [];
      let floor = 0;
      for (const c of [...raw].sort((a, b) => a.at - b.at)) {
        const start = Math.max(floor, Math.floor(c.at * text.length));
        const end = Math.min(text.length, start + c.length);
        if (start > text.length) break;
        edits.push({ start, end, text: c.text });
        floor = end + 1;
      }
      let edited = text;
      for (const e of [...edits].reverse()) edited = applyEdit(edited, e);
      const together = applyEdits(s.targets, edits);
      let oneByOne = s.targets.map((t) => ({ start: t.start, end: t.end }));
      for (const e of [...edits].reverse()) oneByOne = applyEdits(oneByOne, [e]).map(({ start, end }) => ({ start, end }));
      together.forEach((m, i) => {
        assert.deepEqual([m.start, m.end], [oneByOne[i]!.start, oneByOne[i]!.end]);
        assert.ok(0 <= m.start && m.start <= m.end && m.end <= edited.length);
        if (m.state === 'unchanged' || m.state === 'shifted') assert.equal(edited.slice(m.start, m.end), s.targets[i]!.exact);
        if (m.state === 'unchanged') assert.deepEqual([m.start, m.end], [s.targets[i]!.start, s.targets[i]!.end]);
      });
    }),
    { numRuns: RUNS },
  );
});

/** Occurrences of `needle` in `text` (overlapping ones too). */
function countOf(text: string, needle: string): number {
  let n = 0;
  for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) n++;
  return n;
}

test('an annotation whose text is unchanged and unique (up to normalisation) is always found, at its true place', () => {
  fc.assert(
    fc.property(documentText, fc.array(spanSpec, { minLength: 1, maxLength: 10 }), fc.array(editSpec, { minLength: 1, maxLength: 8 }), (text, spans, specs) => {
      const s = scenario(text, spans, specs);
      const results = reanchorAll(s.edited, s.targets, { oldLength: s.original.length });
      const canonicalText = canonical(s.edited).text;
      results.forEach((r, i) => {
        const t = s.targets[i]!;
        const tr = s.truths[i]!;
        const unchanged = (tr.state === 'unchanged' || tr.state === 'shifted') && s.edited.slice(tr.start, tr.end) === t.exact;
        const quote = canonical(t.exact).text.trim();
        // Documented: a quote of UNIQUE_QUOTE_LENGTH (32) characters or more that occurs once is found whatever its context.
        if (!unchanged || t.exact.length < 32 || quote.length < 32 || countOf(canonicalText, quote) !== 1) return;
        assert.notEqual(r.status, 'orphaned', describe(s, i, r));
        assert.deepEqual([r.target.start, r.target.end], [tr.start, tr.end], describe(s, i, r));
      });
    }),
    { numRuns: RUNS },
  );
});

test('a placed annotation: its exact is the placed text; score 1 only when that is the old quote verbatim', () => {
  fc.assert(
    fc.property(documentText, fc.array(spanSpec, { minLength: 1, maxLength: 10 }), fc.array(editSpec, { minLength: 1, maxLength: 8 }), (text, spans, specs) => {
      const s = scenario(text, spans, specs);
      reanchorAll(s.edited, s.targets, { oldLength: s.original.length }).forEach((r, i) => {
        if (r.status === 'orphaned') {
          assert.deepEqual(r.target, s.targets[i]);
          return;
        }
        assert.equal(r.target.exact, s.edited.slice(r.target.start, r.target.end));
        assert.ok(r.score > 0 && r.score <= 1);
        if (r.score === 1) assert.equal(r.target.exact, s.targets[i]!.exact, describe(s, i, r));
        if (r.status === 'anchored') assert.deepEqual([r.target.start, r.target.end], [s.targets[i]!.start, s.targets[i]!.end]);
      });
    }),
    { numRuns: RUNS },
  );
});

test('never a span splitting a surrogate pair, even for targets holding a lone surrogate', () => {
  const piece = fc.constantFrom('😀', '👩‍⚖️', '📈', 'ab', ' ', 'the ', 'vote', '\n', '\ud83d', '\ude00');
  const textOf = fc.array(piece, { minLength: 5, maxLength: 120 }).map((p) => p.join(''));
  const cut = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }), context: fc.integer({ min: 0, max: 32 }) });
  fc.assert(
    fc.property(textOf, fc.array(cut, { minLength: 1, maxLength: 6 }), fc.array(editSpec, { maxLength: 4 }), (text, cuts, specs) => {
      // Targets cut anywhere, halves of pairs included (as an import of foreign offsets may).
      const targets: AnchorTarget[] = cuts.map((c) => {
        const start = Math.floor(c.at * (text.length - 1));
        const end = Math.min(text.length, start + c.length);
        return { start, end, exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - c.context), start), suffix: text.slice(end, end + c.context) };
      });
      let edited = text;
      for (const spec of specs) edited = applyEdit(edited, toEdit(edited, spec));
      const results = [...reanchorAll(edited, targets, { oldLength: text.length }), ...targets.map((t) => reanchor(edited, t))];
      for (const r of results) {
        if (r.status === 'orphaned') continue;
        assert.ok(!splitsSurrogatePair(edited, r.target.start) && !splitsSurrogatePair(edited, r.target.end), JSON.stringify({ text, edited, r }));
        assert.ok(r.target.start < r.target.end);
      }
    }),
    { numRuns: RUNS },
  );
});
