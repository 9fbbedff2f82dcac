// Exports the real tools accept, imports of what the real tools write (issue #14), and the format items of
// issue #9 (safe CSV cells and JSON-LD, control characters in brat, W3C document identity, malformed IRIs).
// Each output is checked by a reader of its own format: the W3C Web Annotation test suite's MUST schemas
// with ajv, Python's csv module, a CheckThat! format check written from the lab's published description,
// Google's fact-check markup fields. Expected values are computed here from the fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './support/cli';
import { mustFailures } from './support/webAnnotationSuite';
import { NBSP, RELATIONS, SOURCES, SPECS, comparable, copyDocuments, documentText, makeWorkspace, readSidecarJson, spanOf, type SpanSpec } from '../fixtures/exchange/workspace';

const base = mkdtempSync(path.join(tmpdir(), 'seed-formats-'));
test.after(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;
const fresh = (label: string) => {
  const dir = path.join(base, `${label}${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const DOC100 = '100_crlf_bom_emoji.txt';
const sidecarOf = (dir: string, doc: string) => path.join(dir, `${doc}.annotations.json`);

function python(script: string, input: string): string {
  const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

test('w3c: every annotation and relation, the page and the collection pass the MUST assertions of the W3C test suite on their own', async () => {
  const dir = fresh('w3c');
  await makeWorkspace(dir);
  const r = await run('export', dir, '--format', 'w3c', '--out', '-');
  assert.equal(r.code, 0, r.stderr);
  const collection = JSON.parse(r.stdout);
  const page = collection.first;
  assert.equal(page.items.length, SPECS.length + RELATIONS.length);
  assert.equal(page.items.filter((a: { motivation: string }) => a.motivation === 'linking').length, RELATIONS.length);
  assert.deepEqual(mustFailures('collection', collection), []);
  assert.deepEqual(mustFailures('page', page), [], 'the page taken out of the collection');
  page.items.forEach((a: unknown, i: number) => assert.deepEqual(mustFailures('annotation', a), [], `items.${i} taken out of the page`));
  // The suite does fail what it should: an annotation without its @context.
  const { '@context': _context, ...bare } = page.items[0];
  assert.ok(mustFailures('annotation', bare).some((f) => f.includes('3.1-annotationContextValidated')));
});

test('w3c: target.source names the document file, target.scope its Source URL; --document-base gives an http IRI', async () => {
  const dir = fresh('w3c-id');
  await makeWorkspace(dir);
  const text = (r: { stdout: string }): Array<Record<string, any>> => JSON.parse(r.stdout).first.items.filter((a: { motivation: string }) => a.motivation === 'tagging');
  const items = text(await run('export', dir, '--format', 'w3c', '--out', '-'));
  for (const doc of Object.keys(SOURCES)) {
    const mine = items.filter((a) => a.target.source === pathToFileURL(path.join(dir, doc)).href);
    assert.equal(mine.length, SPECS.filter((s) => s.doc === doc).length, doc);
    for (const a of mine) assert.equal(a.target.scope, SOURCES[doc] ?? undefined);
  }
  const r = await run('export', dir, '--format', 'w3c', '--out', '-', '--document-base', 'https://corpus.example/news');
  const published = text(r);
  assert.deepEqual([...new Set(published.map((a) => a.target.source))].sort(), Object.keys(SOURCES).map((d) => `https://corpus.example/news/${d}`).sort());
  for (const a of published) assert.deepEqual(mustFailures('annotation', a), []);
  assert.equal((await run('export', dir, '--format', 'w3c', '--out', '-', '--document-base', 'corpus/')).code, 2, 'a relative base is refused');
});

test('w3c: two documents with one Source URL (a CRLF+BOM copy and an LF copy) round-trip to their own files, every annotation', async () => {
  const dir = fresh('twins');
  copyDocuments(dir);
  const twin = '103_same_source_lf.txt';
  writeFileSync(path.join(dir, twin), documentText(path.join(dir, DOC100)).replace(/\r\n/g, '\n'));
  const specs: SpanSpec[] = [
    ...SPECS.filter((s) => s.doc === DOC100),
    { doc: twin, tag: 'claim', needle: 'the silt was twice as dense as expected', attributes: { verdict: 'false' }, note: 'in the LF copy' },
    { doc: twin, tag: 'source', needle: 'Aldous Perrin', attributes: { kind: 'organisation' }, note: '' },
  ];
  await makeWorkspace(dir, specs);
  const out = path.join(fresh('out'), 'twins.jsonld');
  assert.equal((await run('export', dir, '--format', 'w3c', '--out', out)).code, 0);
  for (const moved of [false, true]) {
    // Imported into a fresh copy of the folder, also at another place (the file: URIs differ: matched by path).
    const target = fresh(moved ? 'moved/deeper/twins' : 'twins-copy');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) copyFileSync(path.join(dir, name), path.join(target, name));
    const r = await run('import', out, '--format', 'w3c', '--docs', target);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    for (const doc of [DOC100, twin]) {
      assert.deepEqual(comparable(readSidecarJson(sidecarOf(target, doc)).annotations), comparable(readSidecarJson(sidecarOf(dir, doc)).annotations), `${doc} got its own annotations back`);
    }
  }
});

test('w3c: a malformed file: IRI is a problem naming the file and the record; nothing is written (all or nothing)', async () => {
  const dir = fresh('bad-iri');
  await makeWorkspace(dir);
  const collection = JSON.parse((await run('export', dir, '--format', 'w3c', '--out', '-')).stdout);
  const items: Array<Record<string, any>> = collection.first.items;
  const broken = items.findIndex((a) => a.target.source?.endsWith('101_no_source.txt'));
  items[broken]!.target.source = 'file:///tmp/%E0%A4%A/101_no_source.txt';
  const input = path.join(fresh('in'), 'broken.jsonld');
  writeFileSync(input, JSON.stringify(collection));
  const target = fresh('bad-iri-dst');
  copyDocuments(target);
  const r = await run('import', input, '--format', 'w3c', '--docs', target);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.match(r.stderr, new RegExp(`broken\\.jsonld: first\\.items\\.${broken}: malformed IRI "file:///tmp/%E0%A4%A/101_no_source\\.txt"`));
  assert.match(r.stderr, /broken\.jsonld: first\.items\.\d+: relation not imported: urn:uuid:[0-9a-f-]+ is not an annotation of the same document in this input/, 'the relation to the annotation left out is reported');
  assert.match(r.stderr, /nothing written/);
  assert.equal(existsSync(sidecarOf(target, DOC100)), false, 'all or nothing');
});

test('JSON-LD outputs escape <, > and & so they can sit in a <script> block; readers get the text back', async () => {
  const dir = fresh('script');
  const note = 'See </script><script>alert(1)</script> & more';
  await makeWorkspace(dir, [{ ...SPECS[0]!, note }]);
  for (const format of ['w3c', 'claimreview'] as const) {
    const r = await run('export', dir, '--format', format, '--out', '-');
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /[<>&]/, `${format}: no raw < > &`);
    assert.ok(r.stdout.includes('\\u003c/script\\u003e'));
    assert.ok(JSON.stringify(JSON.parse(r.stdout)).includes(note), `${format}: the note reads back unchanged`);
  }
});

// ---------------------------------------------------------------------------------------------
// CheckThat!

/** The checks of the lab's format description: header, three tab-separated fields, numeric unique ids (≥ 10, no leading 0), Yes/No. */
function checkThatProblems(tsv: string): string[] {
  const problems: string[] = [];
  const lines = tsv.split('\n');
  if (lines.pop() !== '') problems.push('the file must end with a line break');
  if (lines[0] !== 'Sentence_id\tText\tclass_label') problems.push(`header ${JSON.stringify(lines[0])}`);
  const ids = new Set<string>();
  lines.slice(1).forEach((line, i) => {
    const fields = line.split('\t');
    if (fields.length !== 3) problems.push(`line ${i + 2}: ${fields.length} fields`);
    if (!/^[1-9][0-9]{1,22}$/.test(fields[0]!)) problems.push(`line ${i + 2}: Sentence_id ${fields[0]} is not numeric`);
    if (ids.has(fields[0]!)) problems.push(`line ${i + 2}: duplicate id`);
    ids.add(fields[0]!);
    if (fields[2] !== 'Yes' && fields[2] !== 'No') problems.push(`line ${i + 2}: class_label ${fields[2]}`);
  });
  return problems;
}

test('checkthat: numeric Sentence_ids stable across exports, an id file mapping them to the annotations, Text exactly as the lab writes it', async () => {
  const dir = fresh('ct');
  const quoted = `"Exports rose 12${NBSP}per cent"`;
  const specs: SpanSpec[] = [
    ...SPECS,
    { doc: DOC100, tag: 'claim', needle: 'adding that\r\n  the backlog', attributes: { checkworthy: 'no' }, note: '' },
    { doc: DOC100, tag: 'claim', needle: quoted, attributes: { checkworthy: 'yes' }, note: '' },
  ];
  await makeWorkspace(dir, specs, (name, content) => (name === DOC100 ? content.replace('  A spokesperson', `  ${quoted} A spokesperson`) : content));
  const out = path.join(fresh('out'), 'claims.tsv');
  const r = await run('export', dir, '--format', 'checkthat', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  const tsv = readFileSync(out, 'utf8');
  assert.deepEqual(checkThatProblems(tsv), []);
  // Python's csv module, as the lab's scripts read the files (tab-separated, no quoting): three fields a row.
  const rows: string[][] = JSON.parse(python('import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin, delimiter="\\t", quoting=csv.QUOTE_NONE))))', tsv));
  assert.deepEqual(rows[0], ['Sentence_id', 'Text', 'class_label']);
  const ids = readFileSync(path.join(path.dirname(out), 'claims.ids.tsv'), 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
  assert.deepEqual(ids[0], ['Sentence_id', 'file', 'id', 'start', 'end']);
  const expected = specs.filter((s) => s.tag === 'claim' && ['yes', 'no'].includes(s.attributes.checkworthy as string));
  assert.equal(rows.length - 1, expected.length);
  assert.equal(ids.length - 1, expected.length);
  const documents = Object.keys(SOURCES);
  for (const s of expected) {
    const text = documentText(path.join(dir, s.doc));
    const { start, end } = spanOf(text, s.needle);
    const mapping = ids.find((m) => m[1] === s.doc && Number(m[3]) === start && Number(m[4]) === end);
    assert.ok(mapping, `${s.doc}: ${s.needle}`);
    const row = rows.find((x) => x[0] === mapping[0])!;
    assert.equal(row[1], s.needle.replace(/\r\n|[\r\n\t]/g, ' '), 'the text as it is: NBSP and quotes kept, each line break one space');
    assert.equal(row[2], s.attributes.checkworthy === 'yes' ? 'Yes' : 'No');
    const order = expected.filter((x) => x.doc === s.doc).map((x) => spanOf(documentText(path.join(dir, x.doc)), x.needle).start).sort((a, b) => a - b);
    assert.equal(Number(mapping[0]), (documents.indexOf(s.doc) + 1) * 10_000 + order.indexOf(start) + 1, 'document number × 10,000 + claim number');
    assert.equal(readSidecarJson(sidecarOf(dir, s.doc)).annotations.find((a) => a.target.start === start)!.id, mapping[2]);
  }
  assert.ok(tsv.includes(`\t${quoted}\tYes\n`), 'a text starting with a quote is not quoted');
  assert.match(r.stderr, /101_no_source\.txt: annotations\.[\w-]+: warning: claim left out of the CheckThat! TSV: checkworthy is "unsure", not yes or no/);
  // Stable: the same export again gives the same file.
  const again = path.join(path.dirname(out), 'again.tsv');
  await run('export', dir, '--format', 'checkthat', '--out', again);
  assert.equal(readFileSync(again, 'utf8'), tsv);
});

// ---------------------------------------------------------------------------------------------
// ClaimReview

test('claimreview: url, the organisation as author, Claim author/date/appearance, Rating.name; long and left-out claims reported', async () => {
  const dir = fresh('cr');
  await makeWorkspace(dir);
  const r = await run('export', dir, '--format', 'claimreview', '--out', '-', '--review-url-base', 'https://factcheck.example/reviews/', '--organization', 'Harbour Checks', '--organization-url', 'https://factcheck.example/');
  assert.equal(r.code, 0, r.stderr);
  const reviews: Array<Record<string, any>> = JSON.parse(r.stdout)['@graph'];
  const claims = SPECS.filter((s) => s.tag === 'claim');
  const reviewed = claims.filter((s) => s.attributes.verdict !== 'unverified');
  assert.equal(reviews.length, reviewed.length);
  for (const review of reviews) {
    const annotationId = review.url.slice('https://factcheck.example/reviews/'.length);
    const doc = Object.keys(SOURCES).find((d) => readSidecarJson(sidecarOf(dir, d)).annotations.some((a) => a.id === annotationId));
    assert.ok(doc, `url ${review.url} names an annotation`);
    assert.deepEqual(review.author, { '@type': 'Organization', name: 'Harbour Checks', url: 'https://factcheck.example/' });
    assert.deepEqual(review.contributor, { '@type': 'Person', name: 'tester' });
    assert.equal(review.reviewRating.name, review.reviewRating.alternateName.charAt(0).toUpperCase() + review.reviewRating.alternateName.slice(1).replace(/-/g, ' '));
    const claim = review.itemReviewed;
    assert.equal(claim['@type'], 'Claim');
    assert.ok(claim.author?.name, 'Claim.author');
    assert.deepEqual(claim.firstAppearance, claim.appearance);
    if (doc === DOC100) assert.equal(claim.datePublished, '2025-03-02T06:14:00Z');
    if (SOURCES[doc]) assert.equal(claim.firstAppearance.url, SOURCES[doc]);
  }
  // Over-long claims are exported and reported; unverified ones are reported as left out.
  for (const s of reviewed) {
    const long = [...s.needle.replace(/\s+/g, ' ').trim()].length > 75;
    const line = new RegExp(`${s.doc.replace(/\./g, '\\.')}: annotations\\.[\\w-]+: warning: claimReviewed is \\d+ characters; Google recommends at most 75`);
    if (long) assert.match(r.stderr, line);
  }
  assert.match(r.stderr, /100_crlf_bom_emoji\.txt: annotations\.[\w-]+: warning: claim left out of ClaimReview: its verdict is unverified/);
  // Without url base and organisation, the export says what Google will miss; without an annotator there is still an author.
  const bare = await run('export', dir, '--format', 'claimreview', '--out', '-');
  assert.match(bare.stderr, /warning: ClaimReview without url \(give the review URL base\) and author as the fact-checking organisation/);
  assert.equal((await run('export', dir, '--format', 'claimreview', '--out', '-', '--review-url-base', 'javascript:alert(1)')).code, 2);
});

// ---------------------------------------------------------------------------------------------
// CSV

test('csv: formula cells get a leading quote (values, notes, attribute keys in the header, span text); --raw-cells writes them raw', async () => {
  const dir = fresh('csv');
  await makeWorkspace(dir, [{ ...SPECS[2]!, attributes: { kind: 'named-person', '=cmd': '+cmd|\' /C calc\'!A0', link: '=HYPERLINK("http://x.example","y")', tab: '\tx', cr: '\rx', at: '@SUM(A1)', minus: '-2+3' }, note: '=1+1' }]);
  const read = (csv: string): string[][] => JSON.parse(python('import csv,sys,json; print(json.dumps(list(csv.reader(sys.stdin))))', csv));
  const safe = await run('export', dir, '--format', 'csv', '--out', '-');
  const [header, row] = read(safe.stdout);
  const cell = (name: string, rows = [header!, row!]) => rows[1]![rows[0]!.indexOf(name)]!;
  assert.ok(header!.includes("'=cmd"), 'a header from an attribute key is neutralised too');
  assert.equal(cell("'=cmd"), "'+cmd|' /C calc'!A0");
  assert.equal(cell('link'), `'=HYPERLINK("http://x.example","y")`);
  assert.equal(cell('tab'), "'\tx");
  assert.equal(cell('cr'), "'\rx");
  assert.equal(cell('at'), "'@SUM(A1)");
  assert.equal(cell('minus'), "'-2+3");
  assert.equal(cell('note'), "'=1+1");
  assert.equal(cell('kind'), 'named-person', 'other cells unchanged');
  const raw = read((await run('export', dir, '--format', 'csv', '--out', '-', '--raw-cells')).stdout);
  assert.equal(cell('=cmd', raw), "+cmd|' /C calc'!A0");
  assert.equal(cell('note', raw), '=1+1');
});

// ---------------------------------------------------------------------------------------------
// brat

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/exchange/brat-corpus');

test('brat: a corpus round-trips byte for byte in its T lines: type names, ids, spans across lines; attributes, normalizations, notes and relations kept; the rest reported by line', async () => {
  const docs = fresh('corpus-docs');
  copyFileSync(path.join(CORPUS, 'doc01.txt'), path.join(docs, 'doc01.txt'));
  const input = fresh('corpus-in');
  cpSync(CORPUS, input, { recursive: true });
  const r = await run('import', input, '--format', 'brat', '--docs', docs, '--keep-unknown-tags');
  assert.equal(r.code, 1, 'the equivalence the tag set cannot type is an error');
  const problems = r.stderr.trimEnd().split('\n');
  const ann = path.join(input, 'doc01.ann');
  assert.ok(problems.some((w) => w.startsWith(`${ann}:8:1: warning: an event with 2 arguments (only a trigger and one argument map to a relation) not imported`)), r.stderr);
  assert.ok(problems.some((w) => w.startsWith(`${ann}:16:1: relation not imported: the tag set has no symmetric relation type linking 'Gene_or_gene_product' and 'Gene_or_gene_product'`)), r.stderr);
  assert.ok(problems.some((w) => /AnnotatorNotes of E1/.test(w)), 'the note on an event is reported');
  assert.ok(problems.some((w) => /doc01\.ann:12:1: warning: an attribute of E1/.test(w)), 'the M line on an event is reported');
  assert.equal(problems.length, 5, r.stderr);
  assert.match(problems[4]!, /1 problem \(listed above\); nothing written/);
  assert.equal(existsSync(sidecarOf(docs, 'doc01.txt')), false, 'all or nothing');
  // Without the equivalence, the import goes through; the labels kept are added to the tag set, so the result validates.
  writeFileSync(ann, readFileSync(ann, 'utf8').split('\n').filter((_, i) => i !== 15).join('\n'));
  const r2 = await run('import', input, '--format', 'brat', '--docs', docs, '--keep-unknown-tags');
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /annotation-tags\.json: added tag DNA_methylation, .*relation type coreference \(kept by --keep-unknown-tags\)/);
  assert.match(r2.stdout, /imported into 1 document: 7 added, 0 filled, 0 already there; relations: 1 added, 0 already there/);
  assert.equal((await run('validate', docs)).code, 0, 'what --keep-unknown-tags wrote validates');
  const sidecar = readSidecarJson(sidecarOf(docs, 'doc01.txt'));
  const byId = new Map(sidecar.annotations.map((a) => [a.id, a]));
  assert.equal(byId.get('T1')?.tag, 'DNA_methylation');
  assert.deepEqual(byId.get('T1')?.attributes, { Negation: true });
  assert.equal(byId.get('T1')?.note, 'promoter CpG island, see figure 2');
  assert.deepEqual(byId.get('T5')?.attributes, { Confidence: 'High', normalizations: [{ type: 'Reference', ref: 'UniProt:P00001', text: 'RUVA1' }] });
  assert.deepEqual(sidecar.relations?.map((x) => [x.id, x.type, x.from, x.to]), [['R1', 'coreference', 'T2', 'T3']], 'the R line, its type kept as a relation type id (lower case)');

  const out = fresh('corpus-out');
  const e = await run('export', docs, '--format', 'brat', '--out', out);
  assert.equal(e.code, 0, e.stderr);
  const tLines = (ann: string) => ann.split('\n').filter((l) => l.startsWith('T'));
  const original = readFileSync(path.join(CORPUS, 'doc01.ann'), 'utf8');
  const again = readFileSync(path.join(out, 'doc01.ann'), 'utf8');
  assert.deepEqual(tLines(again), tLines(original), 'T lines byte for byte');
  assert.ok(again.split('\n').includes('A1\tNegation T1'));
  assert.ok(again.split('\n').some((l) => /^A\d+\tConfidence T5 High$/.test(l)));
  assert.ok(again.split('\n').includes('N1\tReference T5 UniProt:P00001\tRUVA1'));
  assert.ok(again.split('\n').some((l) => /^#\d+\tAnnotatorNotes T1\tpromoter CpG island, see figure 2$/.test(l)));
  assert.ok(again.split('\n').includes('R1\tcoreference Arg1:T2 Arg2:T3'));
  assert.equal(readFileSync(path.join(out, 'doc01.txt'), 'utf8'), readFileSync(path.join(CORPUS, 'doc01.txt'), 'utf8'));
  assert.match(readFileSync(path.join(out, 'annotation.conf'), 'utf8'), /^Negation\tArg:DNA_methylation$/m);
});

test('brat: control characters in notes and attributes are escaped (one line each) and read back; a NUL round-trips', async () => {
  const dir = fresh('ctrl');
  const note = 'NUL\u0000 bell\u0007 vt\u000b ff\u000c esc\u001b del\u007f c1\u0085 ls\u2028 ps\u2029 tab\t cr\r lf\n \\u0041 literal';
  await makeWorkspace(dir, [{ ...SPECS[2]!, attributes: { kind: 'named-person', speaker: 'A\u0000B', other: 'x\u0001y' }, note }]);
  const out = fresh('ctrl-out');
  assert.equal((await run('export', dir, '--format', 'brat', '--out', out)).code, 0);
  const ann = readFileSync(path.join(out, `${DOC100.slice(0, -4)}.ann`), 'utf8');
  assert.doesNotMatch(ann, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\r]/, 'no raw control character in the .ann');
  assert.equal(ann.split('\n').filter((l) => l !== '').every((l) => /^[TA#N]\d+\t/.test(l)), true, 'every line is one record');
  const target = fresh('ctrl-dst');
  copyDocuments(target);
  const r = await run('import', out, '--format', 'brat', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  const [a] = readSidecarJson(sidecarOf(target, DOC100)).annotations;
  assert.equal(a!.note, note);
  assert.deepEqual(a!.attributes, { kind: 'named-person', speaker: 'A\u0000B', other: 'x\u0001y' });
});

// ---------------------------------------------------------------------------------------------
// Label Studio, doccano

async function labelStudioInput(): Promise<{ target: string; input: string; span: { start: number; end: number } }> {
  const target = fresh('ls');
  copyDocuments(target);
  const text = documentText(path.join(target, '102_guillemets.txt'));
  const span = spanOf(text, `«${NBSP}Nous avons tenu nos promesses${NBSP}»`);
  const region = { id: 'p1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: span.start, end: span.end, text: text.slice(span.start, span.end), labels: ['Quote'] } };
  const input = path.join(fresh('in'), 'predictions.json');
  writeFileSync(input, JSON.stringify([{ id: 1, data: { text }, annotations: [], predictions: [{ model_version: 'ner-v2', score: 0.9, result: [region] }] }]));
  return { target, input, span };
}

test('Label Studio: predictions are imported, flagged with their origin; --predictions skip reports them and fails when nothing is left', async () => {
  const { target, input, span } = await labelStudioInput();
  const r = await run('import', input, '--format', 'labelstudio', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /imported into 1 document: 1 added/);
  const [a] = readSidecarJson(sidecarOf(target, '102_guillemets.txt')).annotations as Array<{ tag: string; origin?: string; target: { start: number } }>;
  assert.deepEqual([a!.tag, a!.target.start, a!.origin], ['quote', span.start, 'suggested:labelstudio:ner-v2']);

  const skipped = await labelStudioInput();
  const s = await run('import', skipped.input, '--format', 'labelstudio', '--docs', skipped.target, '--predictions', 'skip');
  assert.equal(s.code, 1, 'never success for input that was skipped');
  assert.match(s.stderr, /predictions\.json: 0\.predictions: warning: 1 prediction\(s\) not imported \(--predictions skip\)/);
  assert.match(s.stderr, /predictions\.json: \(root\): nothing imported: no annotated span found in this labelstudio input/);
  assert.equal((await run('import', skipped.input, '--format', 'labelstudio', '--docs', skipped.target, '--predictions', 'maybe')).code, 2);
});

test("doccano: the shape of doccano's own import example (column_data / column_label JSONL) is read", async () => {
  const target = fresh('doccano');
  copyDocuments(target);
  const text = documentText(path.join(target, '101_no_source.txt'));
  const span = spanOf(text, 'The city council approved a budget of $4.2 billion on Thursday');
  const input = path.join(fresh('in'), 'example.jsonl');
  writeFileSync(input, `${JSON.stringify({ column_data: text, column_label: [[span.start, span.end, 'claim']] })}\n`);
  const r = await run('import', input, '--format', 'doccano', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readSidecarJson(sidecarOf(target, '101_no_source.txt')).annotations.map((a) => [a.tag, a.target.start, a.target.end]), [['claim', span.start, span.end]]);
});

// ---------------------------------------------------------------------------------------------
// Relations (issue #11 item 5)

const RELATIONS_CORPUS = path.resolve(import.meta.dirname, '../fixtures/exchange/brat-relations');

test('brat: a corpus with relations imports every R line (ids, types, ends, attribute, note), a binary event and equivalences; exports back the same R lines', async () => {
  const docs = fresh('rel-docs');
  copyFileSync(path.join(RELATIONS_CORPUS, 'news01.txt'), path.join(docs, 'news01.txt'));
  const ann = readFileSync(path.join(RELATIONS_CORPUS, 'news01.ann'), 'utf8');
  const r = await run('import', RELATIONS_CORPUS, '--format', 'brat', '--docs', docs);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^[^\n]*news01\.ann:19:1: warning: an event with 2 arguments \(only a trigger and one argument map to a relation\) not imported[^\n]*\n$/, 'the one line reported: E2');
  const sidecar = readSidecarJson(sidecarOf(docs, 'news01.txt'));
  const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
  assert.equal(sidecar.annotations.length, tLines.length);
  const rLines = ann.split('\n').filter((l) => l.startsWith('R'));
  const relation = (id: string) => sidecar.relations!.find((x) => x.id === id);
  for (const line of rLines) {
    const [id, head] = line.split('\t') as [string, string];
    const [type, arg1, arg2] = head.split(' ');
    assert.deepEqual([relation(id)?.type, relation(id)?.from, relation(id)?.to], [type, arg1!.slice('Arg1:'.length), arg2!.slice('Arg2:'.length)], line);
  }
  assert.deepEqual(relation('R4')?.attributes, { confidence: 'high' }, 'the A line on a relation');
  assert.equal(relation('R5')?.note, "Reyes's quote backs the doubt", 'the AnnotatorNotes on a relation');
  assert.deepEqual([relation('E1')?.type, relation('E1')?.from, relation('E1')?.to], ['attributed-to', 'T3', 'T2'], 'the binary event: trigger → argument, typed by its role');
  const sameAs = sidecar.relations!.filter((x) => x.type === 'same-as').map((x) => [x.from, x.to]);
  assert.deepEqual(sameAs.sort(), [['T2', 'T4'], ['T5', 'T10']], 'each equivalence is a same-as link');
  assert.equal(sidecar.relations!.length, rLines.length + 3);
  assert.equal((await run('validate', docs)).code, 0, 'the sidecar is valid against the default tag set');

  const out = fresh('rel-out');
  const e = await run('export', docs, '--format', 'brat', '--out', out);
  assert.equal(e.code, 0, e.stderr);
  const again = readFileSync(path.join(out, 'news01.ann'), 'utf8').split('\n');
  assert.deepEqual(again.filter((l) => l.startsWith('T')), tLines, 'T lines byte for byte');
  assert.deepEqual(again.filter((l) => /^R[1-6]\t/.test(l)), rLines, 'R lines byte for byte');
  const added = again.filter((l) => /^R\d+\t/.test(l)).slice(rLines.length);
  assert.deepEqual(added.map((l) => l.split('\t')[0]), ['R7', 'R8', 'R9'], 'the other relations numbered after');
  assert.deepEqual(added.map((l) => l.split('\t')[1]).sort(), ['attributed-to Arg1:T3 Arg2:T2', 'same-as Arg1:T2 Arg2:T4', 'same-as Arg1:T5 Arg2:T10']);
  assert.ok(again.some((l) => /^A\d+\tconfidence R4 high$/.test(l)));
  assert.ok(again.some((l) => /^#\d+\tAnnotatorNotes R5\tReyes's quote backs the doubt$/.test(l)));
  const conf = readFileSync(path.join(out, 'annotation.conf'), 'utf8');
  assert.match(conf, /^attributed-to\tArg1:quote\|claim, Arg2:source$/m);
  assert.match(conf, /^same-as\tArg1:source, Arg2:source, <REL-TYPE>:symmetric$/m);
  assert.match(conf, /^confidence\tArg:contradicts, Value:high$/m);
  // Exported again into a fresh folder: the same relations come back.
  const docs2 = fresh('rel-docs2');
  copyFileSync(path.join(RELATIONS_CORPUS, 'news01.txt'), path.join(docs2, 'news01.txt'));
  assert.equal((await run('import', out, '--format', 'brat', '--docs', docs2)).code, 0);
  const back = readSidecarJson(sidecarOf(docs2, 'news01.txt'));
  const links = (s: typeof sidecar) => s.relations!.map((x) => JSON.stringify([x.type, x.from, x.to, x.attributes, x.note])).sort();
  assert.deepEqual(links(back), links(sidecar));
});

test('brat import: what a relation cannot keep is reported by line (unknown type, ends the type does not allow, an end that is not imported, an end that is an event)', async () => {
  const docs = fresh('rel-bad-docs');
  copyFileSync(path.join(RELATIONS_CORPUS, 'news01.txt'), path.join(docs, 'news01.txt'));
  const input = fresh('rel-bad-in');
  copyFileSync(path.join(RELATIONS_CORPUS, 'news01.txt'), path.join(input, 'news01.txt'));
  writeFileSync(
    path.join(input, 'news01.ann'),
    [
      'T1\tclaim 40 91\tThe council approved the dredging budget on Tuesday',
      'T2\tsource 98 109\tMira Okafor',
      'T3\tsource 9000 9005\tnowhere',
      'T4\tPerson 177 183\tOkafor',
      'R1\tquoted-by Arg1:T1 Arg2:T2',
      'R2\tattributed-to Arg1:T2 Arg2:T1',
      'R3\tattributed-to Arg1:T1 Arg2:T3',
      'R4\tattributed-to Arg1:T1 Arg2:T4',
      'E1\tclaim:T1 Theme:T2',
      'R5\tsupports Arg1:E1 Arg2:T1',
      'R6\tattributed-to Arg1:T1 Arg2:T2',
      'R7\tattributed-to Arg1:T1',
      '',
    ].join('\n'),
  );
  const r = await run('import', input, '--format', 'brat', '--docs', docs);
  assert.equal(r.code, 1);
  const ann = path.join(input, 'news01.ann');
  const line = (n: number, text: string) => assert.ok(r.stderr.split('\n').some((l) => l.startsWith(`${ann}:${n}:1: `) && l.includes(text)), `line ${n}: ${text}\n${r.stderr}`);
  line(5, "relation R1 not imported: unknown relation type 'quoted-by' (the tag set defines: attributed-to, supports, contradicts, same-as)");
  line(6, "relation R2 not imported: 'attributed-to' links quote|claim → source, not 'source' → 'claim'");
  line(7, "relation R3 not imported: its end 'T3': it was not imported");
  line(8, "relation R4 not imported: its end 'T4': it was not imported");
  line(9, "relation E1 not imported: unknown relation type 'claim' or 'Theme'");
  line(10, "relation R5 not imported: its start 'E1' is not an annotation of the same document in this input");
  line(12, "expected 'R7<TAB>TYPE Arg1:T<n> Arg2:T<m>'");
  assert.equal(existsSync(sidecarOf(docs, 'news01.txt')), false, 'all or nothing: refusals stop the import');
});

test('csv: relations.csv beside the annotations file, one row per relation with both ends (id, tag, text), formula-safe; --relations names another file', async () => {
  const dir = fresh('csv-rel');
  await makeWorkspace(dir);
  const outDir = fresh('csv-rel-out');
  const out = path.join(outDir, 'annotations.csv');
  const r = await run('export', dir, '--format', 'csv', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `exported 9 annotations and 6 relations from 3 documents to ${out}\n`);
  const read = (csv: string): Array<Record<string, string>> => JSON.parse(python('import csv,sys,json; print(json.dumps(list(csv.DictReader(sys.stdin))))', csv));
  const rows = read(readFileSync(path.join(outDir, 'relations.csv'), 'utf8'));
  assert.deepEqual(Object.keys(rows[0]!).slice(0, 14), ['file', 'source', 'id', 'type', 'from', 'from_tag', 'from_text', 'to', 'to_tag', 'to_text', 'note', 'author', 'created', 'modified']);
  assert.equal(rows.length, RELATIONS.length);
  for (const rel of RELATIONS) {
    const sidecar = readSidecarJson(sidecarOf(dir, rel.doc));
    const r2 = sidecar.relations!.find((x) => x.type === rel.type && x.note === rel.note)!;
    const row = rows.find((x) => x.id === r2.id)!;
    const from = sidecar.annotations.find((a) => a.id === r2.from)!;
    const to = sidecar.annotations.find((a) => a.id === r2.to)!;
    assert.deepEqual([row.file, row.type, row.from, row.from_tag, row.from_text, row.to, row.to_tag, row.to_text], [rel.doc, rel.type, from.id, from.tag, from.target.exact, to.id, to.tag, to.target.exact]);
    assert.equal(row.note, /^[=+\-@\t\r]/.test(rel.note) ? `'${rel.note}` : rel.note, 'the note, neutralised when it would run as a formula');
    for (const [k, v] of Object.entries(rel.attributes)) assert.equal(row[k === 'note' ? 'attributes.note' : k], Array.isArray(v) ? v.join(' ') : v);
  }
  const other = path.join(outDir, 'links.csv');
  const r2 = await run('export', dir, '--format', 'csv', '--out', '-', '--relations', other, '--raw-cells');
  assert.equal(r2.code, 0, r2.stderr);
  assert.ok(read(readFileSync(other, 'utf8')).some((x) => x.note === '=1+1 is not a formula'), '--raw-cells applies to the relations file too');
  const r3 = await run('export', dir, '--format', 'csv', '--out', '-');
  assert.match(r3.stderr, /warning: 6 relation\(s\) not written: with --out - give --relations FILE/);
  assert.equal((await run('export', dir, '--format', 'json', '--out', '-', '--relations', other)).code, 2, '--relations is for csv');
  assert.equal((await run('export', dir, '--format', 'csv', '--out', other, '--relations', other)).code, 2, 'not the annotations file itself');
});

test('doccano: the export is the relation-extraction JSONL (numeric entity ids, relations by from_id/to_id/type, UTF-16 offsets); its own example shape imports with relations', async () => {
  const dir = fresh('doccano-rel');
  await makeWorkspace(dir);
  const r = await run('export', dir, '--format', 'doccano', '--out', '-');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  for (const line of lines) {
    const text = documentText(path.join(dir, line.file));
    assert.equal(line.text, text);
    for (const e of line.entities) {
      assert.ok(Number.isInteger(e.id) && Number.isInteger(e.start_offset) && Number.isInteger(e.end_offset) && typeof e.label === 'string');
      assert.equal(text.slice(e.start_offset, e.end_offset), readSidecarJson(sidecarOf(dir, line.file)).annotations.find((a) => a.id === e.annotation_id)!.target.exact);
    }
    const ids = new Set(line.entities.map((e: { id: number }) => e.id));
    assert.equal(ids.size, line.entities.length, 'entity ids are unique in the line');
    assert.equal(line.relations.length, RELATIONS.filter((x) => x.doc === line.file).length);
    for (const rel of line.relations) assert.ok(ids.has(rel.from_id) && ids.has(rel.to_id) && typeof rel.type === 'string');
  }
  // An input shaped like doccano's relation extraction example (ids from 0, no Seed Annotator fields).
  const target = fresh('doccano-rel-in');
  copyDocuments(target);
  const text = documentText(path.join(target, '102_guillemets.txt'));
  const quote = spanOf(text, `«${NBSP}Nous avons tenu nos promesses${NBSP}»`);
  const claim = spanOf(text, `la dette baisse de 3${NBSP}%`);
  const input = path.join(fresh('in'), 'relations.jsonl');
  writeFileSync(
    input,
    `${JSON.stringify({
      text,
      entities: [
        { id: 0, start_offset: quote.start, end_offset: quote.end, label: 'quote' },
        { id: 1, start_offset: claim.start, end_offset: claim.end, label: 'claim' },
      ],
      relations: [{ id: 0, from_id: 0, to_id: 1, type: 'supports' }, { id: 1, from_id: 1, to_id: 7, type: 'supports' }],
    })}\n`,
  );
  const i = await run('import', input, '--format', 'doccano', '--docs', target);
  assert.equal(i.code, 1);
  assert.match(i.stderr, /relations\.jsonl: relations\.1: relation not imported: its end '7' is not an annotation of the same document in this input/);
  assert.equal(existsSync(sidecarOf(target, '102_guillemets.txt')), false, 'all or nothing');
  const fixed = JSON.parse(readFileSync(input, 'utf8'));
  fixed.relations.pop();
  writeFileSync(input, `${JSON.stringify(fixed)}\n`);
  const i2 = await run('import', input, '--format', 'doccano', '--docs', target);
  assert.equal(i2.code, 0, i2.stderr);
  const sidecar = readSidecarJson(sidecarOf(target, '102_guillemets.txt'));
  const byStart = (s: number) => sidecar.annotations.find((a) => a.target.start === s)!.id;
  assert.deepEqual(sidecar.relations!.map((x) => [x.type, x.from, x.to]), [['supports', byStart(quote.start), byStart(claim.start)]]);
});

test('Label Studio: relation results (from_id/to_id/labels, direction) are imported between the regions of the same annotation; one without a label is reported', async () => {
  const target = fresh('ls-rel');
  copyDocuments(target);
  const text = documentText(path.join(target, '100_crlf_bom_emoji.txt'));
  const region = (id: string, needle: string, label: string) => {
    const { start, end } = spanOf(text, needle);
    return { id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: needle, labels: [label] } };
  };
  const input = path.join(fresh('in'), 'tasks.json');
  writeFileSync(
    input,
    JSON.stringify([
      {
        data: { text },
        annotations: [
          {
            result: [
              region('q', SPECS[1]!.needle, 'Quote'),
              region('s', 'Aldous Perrin', 'Source'),
              region('c', SPECS[0]!.needle, 'Claim'),
              { type: 'relation', from_id: 's', to_id: 'q', direction: 'left', labels: ['Attributed to'] },
              { type: 'relation', from_id: 'q', to_id: 'c', direction: 'right', labels: ['supports'], meta: { text: ['backs the figure'] } },
              { type: 'relation', from_id: 'q', to_id: 's', direction: 'right', labels: [] },
            ],
          },
          // Region ids are per annotation: this relation names regions of its own annotation only.
          { result: [{ type: 'relation', from_id: 'q', to_id: 'c', labels: ['contradicts'] }] },
        ],
      },
    ]),
  );
  const r = await run('import', input, '--format', 'labelstudio', '--docs', target);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /tasks\.json: 0\.annotations\.0\.result\.5: warning: a relation without a label \(its type\); not imported/);
  assert.match(r.stderr, /tasks\.json: 0\.annotations\.1\.result\.0: relation not imported: its start 'annotations\.1:q' is not an annotation of the same document in this input/);
  assert.equal(existsSync(sidecarOf(target, '100_crlf_bom_emoji.txt')), false, 'all or nothing');
  const tasks = JSON.parse(readFileSync(input, 'utf8'));
  tasks[0].annotations.pop();
  writeFileSync(input, JSON.stringify(tasks));
  const r2 = await run('import', input, '--format', 'labelstudio', '--docs', target);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /tasks\.json: 0\.annotations\.0\.result\.5: warning: a relation without a label/);
  const sidecar = readSidecarJson(sidecarOf(target, '100_crlf_bom_emoji.txt'));
  const idOf = (tag: string) => sidecar.annotations.find((a) => a.tag === tag)!.id;
  assert.deepEqual(sidecar.relations!.map((x) => [x.type, x.from, x.to, x.note]).sort(), [
    ['attributed-to', idOf('quote'), idOf('source'), ''],
    ['supports', idOf('quote'), idOf('claim'), 'backs the figure'],
  ].sort());
});
