// Export (issue #6): every format, on documents with CRLF, a BOM, NBSPs and astral characters before and
// inside spans. Expected values are computed here from the fixture texts (code point offsets by spreading
// the string, CSV read back by csv-parse), never taken from the exporter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { run } from './support/cli';
import { CodePointIndex } from '../../src/core/exchange/offsets';
import { exportText } from '../../src/core/exchange/export/index';
import type { ExportDocument } from '../../src/core/exchange/model';
import { newAnnotation } from '../../src/core/annotations/sidecar';
import { makeTarget } from '../../src/core/annotations/anchor';
import { BYLINES, NBSP, RELATIONS, SOURCES, SPECS, documentText, makeWorkspace, readSidecarJson, spanOf } from '../fixtures/exchange/workspace';

const base = mkdtempSync(path.join(tmpdir(), 'seed-export-'));
test.after(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;
async function workspace(): Promise<string> {
  const dir = path.join(base, `ws${++counter}`);
  await makeWorkspace(dir);
  return dir;
}

/** Code points before UTF-16 offset `u`, computed independently of CodePointIndex. */
const cp = (text: string, u: number) => [...text.slice(0, u)].length;

// ---------------------------------------------------------------------------------------------
// Offsets

test('CodePointIndex converts UTF-16 offsets to code points and back, as spreading the string counts them', () => {
  const alphabet = ['a', ' ', '\r\n', NBSP, '📈', '𝒊', '🏛️', 'é', '\uD800', '\uDC00'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (parts) => {
      const text = parts.join('');
      const index = new CodePointIndex(text);
      assert.equal(index.length, [...text].length);
      for (let u = 0; u <= text.length; u++) {
        const inside = u > 0 && u < text.length && /[\uD800-\uDBFF]/.test(text[u - 1]!) && /[\uDC00-\uDFFF]/.test(text[u]!);
        if (inside) continue;
        assert.equal(index.toCodePoints(u), cp(text, u), `toCodePoints(${u}) of ${JSON.stringify(text)}`);
        assert.equal(index.toUtf16(index.toCodePoints(u)), u, `toUtf16 ∘ toCodePoints at ${u}`);
      }
      assert.equal(index.toUtf16(index.length + 1), -1);
    }),
  );
});

// ---------------------------------------------------------------------------------------------
// Streaming

test('exporters are lazy: the first output comes before the second document is read', async () => {
  const text = 'Source: https://a.example/x\n\nTitle\n\n  Body text with a claim.\n';
  let pulled = 0;
  const docs = async function* (): AsyncGenerator<ExportDocument> {
    for (let i = 0; i < 3; i++) {
      pulled++;
      const at = text.indexOf('Body text');
      const a = newAnnotation({ tag: 'claim', target: makeTarget(text, at, at + 'Body text with a claim'.length), attributes: { checkworthy: 'yes', verdict: 'false' } });
      yield { file: `d${i}.txt`, uri: `file:///d${i}.txt`, text, source: 'https://a.example/x', annotations: [a] };
    }
  };
  for (const format of ['json', 'jsonl', 'csv', 'w3c', 'claimreview', 'checkthat'] as const) {
    pulled = 0;
    const out = exportText(format, docs, format === 'csv' ? { attributeIds: ['checkworthy', 'verdict'] } : {});
    let seenAnnotation = false;
    for await (const chunk of out) {
      if (chunk.includes('d0.txt') || chunk.includes('Body text') || chunk.includes('claim')) {
        seenAnnotation = true;
        assert.ok(pulled <= 1, `${format}: the first document's output arrived after ${pulled} documents were read`);
        break;
      }
    }
    assert.ok(seenAnnotation, `${format}: the annotation is in the output`);
  }
});

// ---------------------------------------------------------------------------------------------
// json, jsonl

test('json: one bundle with every document (file, source, title, byline, date), its annotations and its relations', async () => {
  const dir = await workspace();
  const r = await run('export', dir, '--format', 'json', '--out', '-');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^exported 9 annotations and 6 relations from 3 documents\n$/);
  const bundle = JSON.parse(r.stdout);
  assert.equal(bundle.format, 'seed-annotator-export');
  assert.deepEqual(bundle.documents.map((d: { file: string }) => d.file), ['100_crlf_bom_emoji.txt', '101_no_source.txt', '102_guillemets.txt']);
  for (const doc of bundle.documents) {
    const text = documentText(path.join(dir, doc.file));
    assert.equal(doc.source, SOURCES[doc.file]);
    assert.equal(doc.byline, BYLINES[doc.file]);
    assert.equal(doc.length, text.length);
    const specs = SPECS.filter((s) => s.doc === doc.file);
    assert.equal(doc.annotations.length, specs.length);
    for (const s of specs) {
      const { start, end } = spanOf(text, s.needle);
      const a = doc.annotations.find((x: { target: { start: number } ; tag: string }) => x.target.start === start && x.tag === s.tag);
      assert.ok(a, `${doc.file}: ${s.tag} at ${start}`);
      assert.equal(a.target.end, end);
      assert.equal(a.target.exact, s.needle);
      assert.deepEqual(a.attributes, s.attributes);
      assert.equal(a.note, s.note);
    }
    assert.deepEqual(doc.relations, readSidecarJson(path.join(dir, `${doc.file}.annotations.json`)).relations, 'the relations as in the sidecar');
    assert.equal(doc.relations.length, RELATIONS.filter((x) => x.doc === doc.file).length);
  }
  const first = bundle.documents[0];
  assert.equal(first.title, 'Markets rally 📈 as the port reopens');
  assert.equal(first.dateline, '6:14 AM GMT, Sun March 2, 2025');
  assert.equal(first.date, '2025-03-02T06:14:00Z');
});

test('jsonl: one annotation per line with its document file and source, then one line per relation of the document', async () => {
  const dir = await workspace();
  const out = path.join(dir, 'out.jsonl');
  const r = await run('export', dir, '--format', 'jsonl', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `exported 9 annotations and 6 relations from 3 documents to ${out}\n`);
  const lines = readFileSync(out, 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, SPECS.length + RELATIONS.length);
  const records = lines.map((l) => JSON.parse(l));
  for (const [i, rec] of records.entries()) {
    if (rec.kind !== 'relation') continue;
    const sidecar = readSidecarJson(path.join(dir, `${rec.file}.annotations.json`));
    const { file: _f, source: _s, kind: _k, ...relation } = rec;
    assert.deepEqual(relation, sidecar.relations!.find((x) => x.id === rec.id), 'the relation as in the sidecar');
    assert.ok(records.slice(0, i).some((x) => x.kind === undefined && x.file === rec.file && x.id === rec.from), 'after the annotations of its document: its start');
    assert.ok(records.slice(0, i).some((x) => x.kind === undefined && x.file === rec.file && x.id === rec.to), 'its end');
  }
  // Each document's lines are together: its annotations, then its relations.
  const order = records.map((x) => `${x.file} ${x.kind === 'relation' ? 1 : 0}`);
  assert.deepEqual(order.filter((x, i) => x !== order[i - 1]), [...new Set(order)]);
  for (const rec of records.filter((x) => x.kind === undefined)) {
    assert.equal(rec.source, SOURCES[rec.file]);
    const text = documentText(path.join(dir, rec.file));
    assert.equal(text.slice(rec.target.start, rec.target.end), rec.target.exact, 'UTF-16 offsets into the text without BOM');
  }
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
});

// ---------------------------------------------------------------------------------------------
// CSV

test('csv: RFC 4180 with CRLF records, read back by csv-parse: quotes, commas and line breaks in notes; attribute columns', async () => {
  const dir = await workspace();
  const out = path.join(dir, 'out.csv');
  const r = await run('export', dir, '--format', 'csv', '--out', out, '--bom');
  assert.equal(r.code, 0, r.stderr);
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], '--bom writes a UTF-8 BOM');
  const raw = bytes.toString('utf8').slice(1);
  assert.ok(raw.endsWith('\r\n'), 'records end with CRLF');
  const rows: Array<Record<string, string>> = parseCsv(raw, { columns: true });
  const header = raw.slice(0, raw.indexOf('\r\n')).split(',');
  const attributeIds = [...new Set(SPECS.flatMap((s) => Object.keys(s.attributes)))];
  for (const id of attributeIds) assert.ok(header.includes(id), `a column for attribute ${id}`);
  assert.equal(rows.length, SPECS.length);
  for (const s of SPECS) {
    const text = documentText(path.join(dir, s.doc));
    const { start, end } = spanOf(text, s.needle);
    const row = rows.find((x) => x.file === s.doc && Number(x.start) === start && x.tag === s.tag);
    assert.ok(row, `row of ${s.tag} at ${start}`);
    assert.equal(Number(row.end), end);
    assert.equal(row.text, s.needle, 'the span text, line breaks included');
    assert.equal(row.note, s.note, 'the note, quotes, commas and line breaks included');
    assert.equal(row.source, SOURCES[s.doc] ?? '');
    for (const id of attributeIds) {
      const v = s.attributes[id];
      const expected = v === undefined ? '' : typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(' ') : JSON.stringify(v);
      assert.equal(row[id], expected, `${id} of ${s.needle.slice(0, 20)}`);
    }
  }
  // Without --bom there is none.
  const r2 = await run('export', dir, '--format', 'csv', '--out', '-');
  assert.equal(r2.stdout.charCodeAt(0), 'f'.charCodeAt(0));
});

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

const MOTIVATIONS = new Set(['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging']);
const XSD_DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** The MUST requirements of the Web Annotation Data Model that apply to what is exported; returns the violations. */
function checkWebAnnotation(a: Record<string, any>, where: string, embedded: boolean): string[] {
  const errors: string[] = [];
  const must = (ok: boolean, what: string) => {
    if (!ok) errors.push(`${where}: ${what}`);
  };
  if (!embedded) {
    const ctx = a['@context'];
    must(ctx === 'http://www.w3.org/ns/anno.jsonld' || (Array.isArray(ctx) && ctx.includes('http://www.w3.org/ns/anno.jsonld')), '@context is the anno.jsonld context');
  }
  must(typeof a.id === 'string' && IRI.test(a.id), 'id is an IRI');
  const types = [a.type].flat();
  must(types.includes('Annotation'), 'type includes Annotation');
  must(a.target !== undefined, 'has a target');
  if (a.motivation !== undefined) for (const m of [a.motivation].flat()) must(MOTIVATIONS.has(m), `motivation ${m} is from the Motivation vocabulary`);
  for (const key of ['created', 'modified']) if (a[key] !== undefined) must(typeof a[key] === 'string' && XSD_DATETIME.test(a[key]), `${key} is an xsd:dateTime with a timezone`);
  if (a.creator !== undefined) for (const c of [a.creator].flat()) must(typeof c === 'string' ? IRI.test(c) : typeof c.name === 'string' || typeof c.id === 'string', 'creator has a name or is an IRI');
  for (const t of [a.target].flat()) {
    if (typeof t === 'string') {
      must(IRI.test(t), 'a target given as a string is an IRI');
      continue;
    }
    must(typeof t.source === 'string' && IRI.test(t.source), 'target.source is an IRI');
    for (const s of [t.selector ?? []].flat()) {
      must(typeof s.type === 'string', 'a selector has a type');
      if (s.type === 'TextPositionSelector') {
        must(Number.isInteger(s.start) && s.start >= 0, 'TextPositionSelector start is a non-negative integer');
        must(Number.isInteger(s.end) && s.end >= 0, 'TextPositionSelector end is a non-negative integer');
        must(s.start <= s.end, 'TextPositionSelector start ≤ end');
      }
      if (s.type === 'TextQuoteSelector') must(typeof s.exact === 'string', 'TextQuoteSelector has exact');
    }
  }
  for (const b of [a.body ?? []].flat()) {
    if (typeof b === 'string') {
      must(IRI.test(b), 'a body given as a string is an IRI');
      continue;
    }
    if ([b.type].flat().includes('TextualBody')) must(typeof b.value === 'string', 'a TextualBody has a value');
    if (b.purpose !== undefined) for (const p of [b.purpose].flat()) must(MOTIVATIONS.has(p), `body purpose ${p} is from the Motivation vocabulary`);
  }
  return errors;
}

test('w3c: a valid AnnotationCollection; TextPositionSelector in code points; quote, tag, note and attributes kept', async () => {
  const dir = await workspace();
  const r = await run('export', dir, '--format', 'w3c', '--out', '-');
  assert.equal(r.code, 0, r.stderr);
  const collection = JSON.parse(r.stdout);
  assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
  assert.deepEqual([collection.type].flat(), ['AnnotationCollection']);
  assert.match(collection.id, IRI);
  assert.equal(collection.total, SPECS.length + RELATIONS.length);
  assert.equal(collection.first.type, 'AnnotationPage');
  const all: Array<Record<string, any>> = collection.first.items;
  assert.equal(all.length, SPECS.length + RELATIONS.length);
  const errors = all.flatMap((a, i) => checkWebAnnotation(a, `items.${i}`, false));
  assert.deepEqual(errors, []);
  const ids = new Set(all.map((a) => a.id));
  assert.equal(ids.size, all.length, 'ids are unique');
  const items = all.filter((a) => a.motivation === 'tagging');
  // Relations: motivation linking, target = the IRI of the annotation it starts at, body = the one it points to.
  for (const rel of RELATIONS) {
    const sidecar = readSidecarJson(path.join(dir, `${rel.doc}.annotations.json`));
    const r = sidecar.relations!.find((x) => x.type === rel.type && x.note === rel.note)!;
    const iriOf = (id: string) => `urn:uuid:${id}`;
    const link = all.find((a) => a.id === iriOf(r.id));
    assert.ok(link, `the relation ${r.id}`);
    assert.equal(link.motivation, 'linking');
    assert.equal(link.target, iriOf(r.from));
    assert.equal(link.body[0], iriOf(r.to));
    assert.deepEqual(link.body[1], { type: 'TextualBody', purpose: 'tagging', value: rel.type });
    for (const end of [r.from, r.to]) assert.ok(items.some((a) => a.id === iriOf(end)), 'both ends are annotations of the page');
  }
  for (const s of SPECS) {
    const file = path.join(dir, s.doc);
    const text = documentText(file);
    const { start, end } = spanOf(text, s.needle);
    const source = pathToFileURL(file).href;
    const cpStart = cp(text, start);
    const cpEnd = cp(text, end);
    const a = items.find((x) => x.target.source === source && x.target.scope === (SOURCES[s.doc] ?? undefined) && x.target.selector.some((sel: any) => sel.type === 'TextPositionSelector' && sel.start === cpStart && sel.end === cpEnd) && x.body.some((b: any) => b.purpose === 'tagging' && b.value === s.tag));
    assert.ok(a, `${s.doc}: ${s.tag} at code points ${cpStart}–${cpEnd} (UTF-16 ${start}–${end})`);
    assert.equal([...text].slice(cpStart, cpEnd).join(''), s.needle, 'the code point span is the quote');
    const quote = a.target.selector.find((sel: any) => sel.type === 'TextQuoteSelector');
    assert.equal(quote.exact, s.needle);
    assert.ok(text.slice(0, start).endsWith(quote.prefix) && text.slice(end).startsWith(quote.suffix), 'prefix and suffix surround the quote');
    const note = a.body.find((b: any) => b.purpose === 'commenting');
    assert.equal(note?.value ?? '', s.note);
    const described = a.body.find((b: any) => b.purpose === 'describing');
    assert.deepEqual(JSON.parse(described.value), s.attributes);
    assert.deepEqual(a.creator, { type: 'Person', name: 'tester' });
  }
  // The emoji before the first claim makes code points and UTF-16 differ there.
  const text0 = documentText(path.join(dir, SPECS[0]!.doc));
  const s0 = spanOf(text0, SPECS[0]!.needle).start;
  assert.notEqual(cp(text0, s0), s0);
});

// ---------------------------------------------------------------------------------------------
// brat

test('brat: X.txt is the decoded text, X.ann has code point offsets, discontinuous spans around line breaks, attributes and notes', async () => {
  const dir = await workspace();
  const out = path.join(dir, 'brat');
  const r = await run('export', dir, '--format', 'brat', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(out).sort(), [
    '100_crlf_bom_emoji.ann', '100_crlf_bom_emoji.txt', '101_no_source.ann', '101_no_source.txt', '102_guillemets.ann', '102_guillemets.txt', 'annotation.conf',
  ]);
  for (const doc of Object.keys(SOURCES)) {
    const text = documentText(path.join(dir, doc));
    const txt = readFileSync(path.join(out, doc)).toString('utf8');
    assert.equal(txt, text, `${doc}: the brat text is the document text without BOM, CRLF kept`);
    const points = [...txt];
    const ann = readFileSync(path.join(out, doc.replace(/\.txt$/, '.ann')), 'utf8');
    const lines = ann.trimEnd().split('\n');
    const tLines = lines.filter((l) => l.startsWith('T'));
    const specs = SPECS.filter((s) => s.doc === doc);
    assert.equal(tLines.length, specs.length);
    for (const s of specs) {
      const { start, end } = spanOf(text, s.needle);
      const line = tLines.find((l) => {
        const [, head] = l.split('\t');
        const frags = head!.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
        return head!.startsWith(`${s.tag} `) && frags[0]![0] === cp(text, start) && frags.at(-1)![1] === cp(text, end);
      });
      assert.ok(line, `${doc}: T line for ${s.tag} at code points ${cp(text, start)}–${cp(text, end)}`);
      const [id, head, shown] = line.split('\t');
      const frags = head!.slice(s.tag.length + 1).split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      for (const [a, b] of frags) assert.doesNotMatch(points.slice(a, b).join(''), /[\r\n]/, 'no fragment crosses a line break');
      assert.equal(shown, frags.map(([a, b]) => points.slice(a, b).join('')).join(' '), 'the text field is the fragments joined by a space');
      assert.equal(frags.length, s.needle.split(/\r\n|\r|\n/).filter((p) => p !== '').length, 'one fragment per line of the span');
      // Enum attributes are A lines; the rest is in AnnotatorNotes.
      for (const [key, value] of Object.entries(s.attributes)) {
        const enumValue = ['checkworthy', 'type', 'verdict', 'kind'].includes(key);
        if (enumValue) assert.ok(lines.some((l) => /^A\d+$/.test(l.split('\t')[0]!) && l.split('\t')[1] === `${key} ${id} ${value}`), `A line ${key} ${id} ${value}`);
        else assert.ok(lines.some((l) => l.startsWith('#') && l.split('\t')[1] === `AnnotatorNotes ${id}` && l.split('\t')[2]!.startsWith(key)), `note line for ${key}`);
      }
      if (s.note) assert.ok(lines.some((l) => l.startsWith('#') && l.split('\t')[1] === `AnnotatorNotes ${id}` && !l.includes('\r') && l.split('\t').length === 3), 'the note is one AnnotatorNotes line');
    }
  }
  const conf = readFileSync(path.join(out, 'annotation.conf'), 'utf8');
  assert.match(conf, /^\[entities\]\nclaim\nquote\nsource$/m);
  assert.match(conf, /^verdict\tArg:claim, Value:unverified\|true\|mostly-true\|mixed\|misleading\|false\|unverifiable$/m);
  const quote = readFileSync(path.join(out, '100_crlf_bom_emoji.ann'), 'utf8');
  assert.match(quote, /\tquote \d+ \d+;\d+ \d+\t/, 'the quote across a CRLF is discontinuous');
  assert.equal((await run('export', dir, '--format', 'brat', '--out', '-')).code, 2, 'brat needs a folder');
});

// ---------------------------------------------------------------------------------------------
// ClaimReview, CheckThat!

test('claimreview: one ClaimReview per claim with a verdict other than unverified, naming the claim, its source URL and the verdict', async () => {
  const dir = await workspace();
  const r = await run('export', dir, '--format', 'claimreview', '--out', '-');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json['@context'], 'https://schema.org');
  const reviews: Array<Record<string, any>> = json['@graph'];
  const expected = SPECS.filter((s) => s.tag === 'claim' && s.attributes.verdict !== 'unverified');
  assert.equal(reviews.length, expected.length);
  for (const s of expected) {
    const claim = s.needle.replace(/\s+/g, ' ').trim();
    const review = reviews.find((x) => x.claimReviewed === claim);
    assert.ok(review, `a review of ${JSON.stringify(claim)}`);
    assert.equal(review['@type'], 'ClaimReview');
    assert.equal(review.reviewRating['@type'], 'Rating');
    assert.equal(review.reviewRating.alternateName, s.attributes.verdict);
    assert.equal(review.itemReviewed['@type'], 'Claim');
    const appearance = review.itemReviewed.appearance;
    assert.equal(appearance['@type'], 'CreativeWork');
    assert.equal(appearance.url, SOURCES[s.doc] ?? undefined);
    assert.equal(appearance.author.name, BYLINES[s.doc]);
  }
  const withDate = reviews.find((x) => x.itemReviewed.appearance.url === SOURCES['100_crlf_bom_emoji.txt']);
  assert.equal(withDate?.itemReviewed.appearance.datePublished, '2025-03-02T06:14:00Z', 'datePublished from the dateline');
  assert.ok(!reviews.some((x) => x.claimReviewed.startsWith('the silt')), 'an unverified claim has no review');
});

// ---------------------------------------------------------------------------------------------
// Problems

test('export: an unreadable sidecar is reported with its file and stops the export; with --skip-invalid the rest is exported (exit 1)', async () => {
  const dir = await workspace();
  const broken = path.join(dir, '101_no_source.txt.annotations.json');
  writeFileSync(broken, '{"version": 1, "document": ');
  const refused = await run('export', dir, '--format', 'jsonl', '--out', '-');
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /101_no_source\.txt\.annotations\.json:\d+:\d+: invalid JSON/);
  assert.match(refused.stderr, /1 sidecar failed validation \(listed above\); nothing exported \(--skip-invalid to export the others\)/);
  const r = await run('export', dir, '--format', 'jsonl', '--out', '-', '--skip-invalid');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /101_no_source\.txt\.annotations\.json:\d+:\d+: invalid JSON/);
  assert.equal(r.stdout.trimEnd().split('\n').length, [...SPECS, ...RELATIONS].filter((s) => s.doc !== '101_no_source.txt').length);
  // CSV reads the documents again for relations.csv: each problem is still reported once.
  const csv = await run('export', dir, '--format', 'csv', '--out', path.join(dir, 'out.csv'), '--skip-invalid');
  assert.equal(csv.code, 1);
  assert.equal(csv.stderr.split('\n').filter((l) => l.includes('101_no_source.txt.annotations.json')).length, 1, csv.stderr);
  assert.equal(parseCsv(readFileSync(path.join(dir, 'relations.csv'), 'utf8'), { columns: true }).length, RELATIONS.filter((x) => x.doc !== '101_no_source.txt').length);
  const bad = await run('export', dir, '--format', 'xml', '--out', '-');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown format 'xml'/);
});

test('export: an annotation whose text was deleted is orphaned: kept in json with its status and its relation, left out of brat with its relation (reported)', async () => {
  const dir = await workspace();
  const file = path.join(dir, '102_guillemets.txt');
  writeFileSync(file, readFileSync(file, 'utf8').replace(`la dette baisse de 3${NBSP}%`, 'rien ne change'));
  const json = JSON.parse((await run('export', dir, '--format', 'json', '--out', '-')).stdout);
  const doc = json.documents.find((d: { file: string }) => d.file === '102_guillemets.txt');
  assert.deepEqual(doc.annotations.map((a: { status?: string }) => a.status ?? 'anchored').sort(), ['anchored', 'orphaned']);
  const orphan = doc.annotations.find((a: { status?: string }) => a.status === 'orphaned');
  assert.deepEqual(doc.relations.map((x: { to: string }) => x.to), [orphan.id], 'the relation to the orphan is kept');
  for (const format of ['brat', 'doccano', 'labelstudio']) {
    const r = await run('export', dir, '--format', format, '--out', path.join(dir, `b.${format}`));
    assert.match(r.stdout, /exported 8 annotations and 5 relations from 3 documents .*\(1 left out: orphaned, or only line breaks\)/);
    assert.match(r.stderr, new RegExp(`102_guillemets\\.txt: relations\\.${doc.relations[0].id}: warning: left out of (brat|doccano|Label Studio): its end ${orphan.id} is not in the export`));
  }
});
