// Import (issue #6): export → import is lossless for spans, tags, attributes and notes (json, jsonl, w3c,
// brat); doccano and Label Studio inputs land on the right spans whatever their offsets count; imports merge
// by span and tag; a sidecar that cannot be read is never overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './support/cli';
import { NBSP, RELATIONS, SPECS, comparable, comparableRelations, copyDocuments, documentText, makeWorkspace, readSidecarJson, spanOf } from '../fixtures/exchange/workspace';

const base = mkdtempSync(path.join(tmpdir(), 'seed-import-'));
test.after(() => rmSync(base, { recursive: true, force: true }));
let counter = 0;
const fresh = (label: string) => path.join(base, `${label}${++counter}`);

const DOC_NAMES = [...new Set(SPECS.map((s) => s.doc))];
const sidecarOf = (dir: string, doc: string) => path.join(dir, `${doc}.annotations.json`);
const cp = (text: string, u: number) => [...text.slice(0, u)].length;

const FORMATS = ['json', 'jsonl', 'w3c', 'brat', 'doccano', 'labelstudio'] as const;
const EXTENSION: Record<(typeof FORMATS)[number], string> = { json: 'json', jsonl: 'jsonl', w3c: 'jsonld', brat: '', doccano: 'jsonl', labelstudio: 'json' };

for (const format of FORMATS) {
  test(`${format}: export → import into the bare documents (CRLF, BOM, emoji, NBSP, guillemets) gives back every annotation, relation, attribute and note`, async () => {
    const source = fresh(`src-${format}`);
    await makeWorkspace(source);
    const out = format === 'brat' ? fresh('brat-out') : path.join(fresh('out'), `export.${EXTENSION[format]}`);
    mkdirSync(path.dirname(out), { recursive: true });
    const exported = await run('export', source, '--format', format, '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stderr, '', 'nothing left out');

    const target = fresh(`dst-${format}`);
    copyDocuments(target);
    const imported = await run('import', out, '--format', format, '--docs', target);
    assert.equal(imported.stderr, '', 'no problems');
    assert.equal(imported.code, 0);
    const counts = (a: number, d: number, la: number, ld: number) => `${a} added, 0 filled, ${d} already there; relations: ${la} added, ${ld} already there\\n$`;
    assert.match(imported.stdout, new RegExp(`imported into ${DOC_NAMES.length} documents: ${counts(SPECS.length, 0, RELATIONS.length, 0)}`));
    for (const doc of DOC_NAMES) {
      const original = readSidecarJson(sidecarOf(source, doc));
      const copy = readSidecarJson(sidecarOf(target, doc));
      assert.deepEqual(comparable(copy.annotations), comparable(original.annotations), `${doc}: the same annotations`);
      assert.deepEqual(comparableRelations(copy), comparableRelations(original), `${doc}: the same relations (type, ends, attributes, note)`);
      assert.equal(copy.relations!.length, RELATIONS.filter((r) => r.doc === doc).length);
      const text = documentText(path.join(target, doc));
      for (const a of copy.annotations) assert.equal(text.slice(a.target.start, a.target.end), a.target.exact, 'offsets are UTF-16 units into the text');
      assert.equal(copy.document.length, text.length);
      if (format === 'brat') {
        // brat names annotations T1… and relations R1…, and those ids are what comes back.
        assert.deepEqual(copy.relations!.map((r) => r.id).sort(), copy.relations!.map((_r, i) => `R${i + 1}`).sort());
      } else {
        assert.deepEqual(copy.annotations.map((a) => a.id).sort(), original.annotations.map((a) => a.id).sort(), 'annotation ids kept');
        assert.deepEqual(copy.relations!.map((r) => [r.id, r.from, r.to]).sort(), original.relations!.map((r) => [r.id, r.from, r.to]).sort(), 'relation ids kept');
      }
    }
    // Importing again changes nothing: every annotation and relation is already there.
    const before = DOC_NAMES.map((d) => readFileSync(sidecarOf(target, d)));
    const again = await run('import', out, '--format', format, '--docs', target);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(counts(0, SPECS.length, 0, RELATIONS.length)));
    DOC_NAMES.forEach((d, i) => assert.deepEqual(readFileSync(sidecarOf(target, d)), before[i], `${d} not rewritten`));
  });
}

test('w3c and brat: when the document changed after the export, annotations are found again by their quote', async () => {
  const source = fresh('src');
  await makeWorkspace(source);
  const w3c = path.join(fresh('out'), 'x.jsonld');
  mkdirSync(path.dirname(w3c), { recursive: true });
  const brat = fresh('brat');
  assert.equal((await run('export', source, '--format', 'w3c', '--out', w3c)).code, 0);
  assert.equal((await run('export', source, '--format', 'brat', '--out', brat)).code, 0);
  for (const [format, input] of [['w3c', w3c], ['brat', brat]] as const) {
    const target = fresh(`edited-${format}`);
    copyDocuments(target);
    // Text inserted before every span (an emoji included, so code point and UTF-16 shifts differ).
    for (const doc of DOC_NAMES) {
      const file = path.join(target, doc);
      const bytes = readFileSync(file);
      const bom = bytes[0] === 0xef;
      const text = documentText(file);
      const cut = text.indexOf('\n') + 1;
      writeFileSync(file, `${bom ? '\uFEFF' : ''}${text.slice(0, cut)}An editor’s note 🗞️ was added here.${text.includes('\r\n') ? '\r\n' : '\n'}${text.slice(cut)}`);
    }
    const r = await run('import', input, '--format', format, '--docs', target);
    assert.equal(r.code, 0, r.stderr);
    for (const doc of DOC_NAMES) {
      const text = documentText(path.join(target, doc));
      const copy = readSidecarJson(sidecarOf(target, doc));
      const specs = SPECS.filter((s) => s.doc === doc);
      assert.equal(copy.annotations.length, specs.length, `${format} ${doc}`);
      for (const s of specs) {
        const { start, end } = spanOf(text, s.needle);
        assert.ok(copy.annotations.some((a) => a.tag === s.tag && a.target.start === start && a.target.end === end), `${format} ${doc}: ${s.tag} moved to ${start}–${end}`);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// doccano, Label Studio

const DOC100 = '100_crlf_bom_emoji.txt';
const DOC101 = '101_no_source.txt';
const DOC102 = '102_guillemets.txt';

test('doccano: matched by text (also with CRLF turned into LF) or by a file field; UTF-16 offsets by default; labels map to tags', async () => {
  const target = fresh('doccano');
  copyDocuments(target);
  const t100 = documentText(path.join(target, DOC100));
  const t102 = documentText(path.join(target, DOC102));
  const claim = SPECS[0]!.needle; // after an emoji
  const quote = SPECS[1]!.needle; // across a CRLF, an emoji inside
  const c = spanOf(t100, claim);
  const lfText = t100.replace(/\r\n/g, '\n');
  const q = spanOf(lfText, quote.replace(/\r\n/g, '\n'));
  const g = spanOf(t102, `la dette baisse de 3${NBSP}%`);
  const input = path.join(fresh('in'), 'doccano.jsonl');
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(
    input,
    [
      JSON.stringify({ id: 7, text: t100, label: [[c.start, c.end, 'Claim']] }),
      JSON.stringify({ id: 8, text: lfText, labels: [[q.start, q.end, 'QUOTE']] }),
      JSON.stringify({ id: 9, file: `sub/${DOC102}`, text: t102, entities: [{ id: 1, start_offset: g.start, end_offset: g.end, label: 'claim' }] }),
      JSON.stringify({ id: 10, text: t100, label: [[c.start, c.end, 'PER']] }),
    ].join('\n') + '\n',
  );
  const r = await run('import', input, '--format', 'doccano', '--docs', target);
  assert.equal(r.code, 1, 'the unknown label is a problem');
  assert.match(r.stderr, /doccano\.jsonl:4: label\.0: unknown tag 'PER' \(the tag set defines: claim, quote, source\)/);
  assert.match(r.stderr, /nothing written/);
  assert.equal(existsSync(sidecarOf(target, DOC100)), false, 'all or nothing: a refused record stops the whole import');
  writeFileSync(input, readFileSync(input, 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
  assert.equal((await run('import', input, '--format', 'doccano', '--docs', target)).code, 0);
  const s100 = readSidecarJson(sidecarOf(target, DOC100));
  const crlfQuote = spanOf(t100, quote);
  assert.deepEqual(
    s100.annotations.map((a) => [a.tag, a.target.start, a.target.end]).sort(),
    [['claim', c.start, c.end], ['quote', crlfQuote.start, crlfQuote.end]].sort(),
    'offsets of the LF text were mapped onto the CRLF document',
  );
  const s102 = readSidecarJson(sidecarOf(target, DOC102));
  assert.deepEqual(s102.annotations.map((a) => [a.tag, a.target.exact]), [['claim', `la dette baisse de 3${NBSP}%`]]);
});

test('doccano --offsets codepoints: Python-style offsets land on the same span', async () => {
  const target = fresh('doccano-cp');
  copyDocuments(target);
  const text = documentText(path.join(target, DOC101));
  const span = spanOf(text, 'the plan 𝒊gnores the libraries'); // after 🏛️, with an astral letter inside
  const input = path.join(fresh('in'), 'cp.jsonl');
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(input, `${JSON.stringify({ text, label: [[cp(text, span.start), cp(text, span.end), 'claim']] })}\n`);
  const r = await run('import', input, '--format', 'doccano', '--docs', target, '--offsets', 'codepoints');
  assert.equal(r.code, 0, r.stderr);
  const s = readSidecarJson(sidecarOf(target, DOC101));
  assert.deepEqual(s.annotations.map((a) => [a.target.start, a.target.end]), [[span.start, span.end]]);
});

test('Label Studio: regions with labels, a note (textarea) and a choice per region; offsets in code points detected from value.text', async () => {
  const target = fresh('ls');
  copyDocuments(target);
  const text = documentText(path.join(target, DOC101));
  const a = spanOf(text, 'the plan 𝒊gnores the libraries');
  const b = spanOf(text, 'The city council approved a budget of $4.2 billion on Thursday');
  const region = (id: string, span: { start: number; end: number }, label: string) => ({
    id, from_name: 'label', to_name: 'text', type: 'labels',
    value: { start: cp(text, span.start), end: cp(text, span.end), text: text.slice(span.start, span.end), labels: [label] },
  });
  const tasks = [
    {
      id: 31,
      data: { text },
      annotations: [
        {
          completed_by: { email: 'ls@example.org' },
          result: [
            region('r1', a, 'Claim'),
            region('r2', b, 'Claim'),
            { id: 'r1', from_name: 'note', to_name: 'text', type: 'textarea', value: { text: ['Libraries were funded, see p. 4'] } },
            { id: 'r1', from_name: 'verdict', to_name: 'text', type: 'choices', value: { choices: ['false'] } },
          ],
        },
        { was_cancelled: true, result: [region('r9', a, 'Quote')] },
      ],
      predictions: [{ result: [region('p1', a, 'Source')] }],
    },
  ];
  const input = path.join(fresh('in'), 'ls.json');
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(input, JSON.stringify(tasks));
  const r = await run('import', input, '--format', 'labelstudio', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /ls\.json: 0\.annotations\.1: warning: a cancelled annotation; not imported/);
  const s = readSidecarJson(sidecarOf(target, DOC101));
  assert.equal(s.annotations.length, 3, 'the cancelled annotation is not imported; the prediction is');
  const predicted = s.annotations.filter((x) => (x as { origin?: string }).origin !== undefined);
  assert.deepEqual(predicted.map((x) => [x.tag, x.target.start, (x as { origin?: string }).origin]), [['source', a.start, 'suggested:labelstudio']]);
  const first = s.annotations.find((x) => x.tag === 'claim' && x.target.start === a.start && x.target.end === a.end);
  assert.ok(first, 'the region after the astral characters is on its UTF-16 span');
  assert.equal(first.note, 'Libraries were funded, see p. 4');
  assert.deepEqual(first.attributes, { verdict: 'false' });
  assert.ok(s.annotations.some((x) => x.target.start === b.start && x.target.end === b.end));

  // JSON-MIN export of the same task.
  const target2 = fresh('ls-min');
  copyDocuments(target2);
  const min = path.join(path.dirname(input), 'min.json');
  writeFileSync(min, JSON.stringify([{ id: 31, text, label: [{ start: cp(text, a.start), end: cp(text, a.end), text: text.slice(a.start, a.end), labels: ['claim'] }] }]));
  const r2 = await run('import', min, '--format', 'labelstudio', '--docs', target2);
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(readSidecarJson(sidecarOf(target2, DOC101)).annotations.map((x) => [x.target.start, x.target.end]), [[a.start, a.end]]);
});

// ---------------------------------------------------------------------------------------------
// Merging, unreadable sidecars

test('merge: the same tag on the same span fills in missing attributes and the note, never overwrites, and is not duplicated', async () => {
  const target = fresh('merge');
  const spec = SPECS[5]!; // claim in 101
  await makeWorkspace(target, [{ ...spec, attributes: { verdict: 'unverified' }, note: '' }]);
  const text = documentText(path.join(target, spec.doc));
  const span = spanOf(text, spec.needle);
  const bundle = {
    format: 'seed-annotator-export',
    version: 1,
    documents: [
      {
        file: spec.doc,
        annotations: [
          { tag: 'claim', target: { start: span.start, end: span.end, exact: spec.needle }, attributes: { verdict: 'false', checkworthy: 'yes' }, note: 'Filled in' },
          { tag: 'claim', target: { start: span.start, end: span.end, exact: spec.needle }, attributes: {}, note: '' },
          { tag: 'source', target: { start: span.start, end: span.end, exact: spec.needle }, attributes: {}, note: '' },
        ],
      },
    ],
  };
  const input = path.join(fresh('in'), 'bundle.json');
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(input, JSON.stringify(bundle));
  const r = await run('import', input, '--format', 'json', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 added, 1 filled, 1 already there/);
  const s = readSidecarJson(sidecarOf(target, spec.doc));
  assert.equal(s.annotations.length, 2);
  const claim = s.annotations.find((a) => a.tag === 'claim')!;
  assert.deepEqual(claim.attributes, { verdict: 'unverified', checkworthy: 'yes' }, 'verdict kept, checkworthy filled in');
  assert.equal(claim.note, 'Filled in');
  assert.ok(s.annotations.some((a) => a.tag === 'source' && a.target.start === span.start));
});

test('merge of relations: a link already there (a symmetric one the other way round too) is skipped, a differing note reported; new links join existing annotations; ends that became one annotation are reported', async () => {
  const target = fresh('merge-rel');
  await makeWorkspace(target);
  const doc = '100_crlf_bom_emoji.txt';
  const before = readSidecarJson(sidecarOf(target, doc));
  const text = documentText(path.join(target, doc));
  const annotation = (id: string, tag: string, needle: string) => {
    const { start, end } = spanOf(text, needle);
    return { file: doc, id, tag, target: { start, end, exact: needle }, attributes: {}, note: '' };
  };
  const relation = (id: string, type: string, from: string, to: string, note = '') => ({ file: doc, kind: 'relation', id, type, from, to, attributes: {}, note });
  const lines = [
    annotation('perrin', 'source', 'Aldous Perrin'), // already there (same tag and span)
    annotation('spokesperson', 'source', SPECS[4]!.needle),
    annotation('claim-a', 'claim', SPECS[3]!.needle),
    annotation('claim-b', 'claim', SPECS[3]!.needle), // a second copy of the same span and tag
    annotation('new-claim', 'claim', 'Shares rose'),
    relation('r1', 'same-as', 'spokesperson', 'perrin'), // the existing perrin → spokesperson, the other way round
    relation('r2', 'same-as', 'perrin', 'spokesperson', 'a different note'),
    relation('r3', 'contradicts', 'claim-a', 'claim-b'),
    relation('r4', 'supports', 'new-claim', 'claim-a'),
  ];
  const input = path.join(fresh('in'), 'links.jsonl');
  mkdirSync(path.dirname(input), { recursive: true });
  writeFileSync(input, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const refused = await run('import', input, '--format', 'jsonl', '--docs', target);
  assert.equal(refused.code, 1, 'the relation whose ends became one annotation is an error');
  assert.match(refused.stderr, /links\.jsonl:8:1: relation r3 not imported: both its ends are the annotation [\w-]+ \(the same span and tag\)/);
  assert.deepEqual(readSidecarJson(sidecarOf(target, doc)), before, 'all or nothing: nothing written');
  writeFileSync(input, lines.filter((l) => l.id !== 'r3').map((l) => JSON.stringify(l)).join('\n') + '\n');
  const r = await run('import', input, '--format', 'jsonl', '--docs', target);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 added, 0 filled, 4 already there; relations: 1 added, 2 already there/);
  assert.match(r.stderr, /links\.jsonl:7:1: warning: relation r2 is already there \(same-as [\w-]+ → [\w-]+\); its note and attributes were not merged into it/);
  const after = readSidecarJson(sidecarOf(target, doc));
  const existing = (needle: string) => before.annotations.find((a) => a.target.exact === needle)!.id;
  const added = after.relations!.find((x) => x.id === 'r4');
  assert.ok(added, 'the new relation keeps its id');
  assert.equal(added.to, existing(SPECS[3]!.needle), 'its end is the annotation already there');
  assert.equal(after.annotations.find((a) => a.id === added.from)?.target.exact, 'Shares rose', 'its start is the annotation it added');
  assert.equal(after.relations!.length, before.relations!.length + 1);
});

test('import never overwrites a sidecar it cannot read (broken JSON, newer version): reported with its file, exit 1', async () => {
  const target = fresh('unreadable');
  copyDocuments(target);
  const broken = sidecarOf(target, DOC100);
  const newer = sidecarOf(target, DOC102);
  writeFileSync(broken, '{"version": 1, "document": {');
  writeFileSync(newer, JSON.stringify({ version: 3, document: { file: DOC102 }, annotations: [] }));
  const source = fresh('src');
  await makeWorkspace(source);
  const out = path.join(fresh('out'), 'all.jsonl');
  mkdirSync(path.dirname(out), { recursive: true });
  assert.equal((await run('export', source, '--format', 'jsonl', '--out', out)).code, 0);
  const before = [readFileSync(broken), readFileSync(newer)];
  const mtimes = [statSync(broken).mtimeMs, statSync(newer).mtimeMs];
  const r = await run('import', out, '--format', 'jsonl', '--docs', target);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /100_crlf_bom_emoji\.txt\.annotations\.json: \(root\): left untouched \(it cannot be read\)/);
  assert.match(r.stderr, /102_guillemets\.txt\.annotations\.json: version: format version 3 is newer/);
  assert.deepEqual([readFileSync(broken), readFileSync(newer)], before);
  assert.deepEqual([statSync(broken).mtimeMs, statSync(newer).mtimeMs], mtimes);
  // All or nothing: the readable document got nothing either.
  assert.equal(existsSync(sidecarOf(target, DOC101)), false);
  assert.match(r.stderr, /nothing written/);
});

test('import: a span outside the text, an empty label list and a missing document are reported by file and line', async () => {
  const target = fresh('bad');
  copyDocuments(target);
  const input = path.join(fresh('in'), 'bad.jsonl');
  mkdirSync(path.dirname(input), { recursive: true });
  const text = documentText(path.join(target, DOC101));
  writeFileSync(
    input,
    [
      JSON.stringify({ text, label: [[5, 100000, 'claim']] }),
      '{"text": "x", "label": [[0, 1, "claim"]]}',
      '{not json',
    ].join('\n'),
  );
  const r = await run('import', input, '--format', 'doccano', '--docs', target);
  assert.equal(r.code, 1);
  const lines = r.stderr.trimEnd().split('\n');
  assert.ok(lines.some((l) => /bad\.jsonl:3:\d+: invalid JSON/.test(l)), r.stderr);
  assert.ok(lines.some((l) => /bad\.jsonl:1: label\.0: cannot place the span: span 5–100000 \(UTF-16 code units\) is outside the text/.test(l)), r.stderr);
  assert.ok(lines.some((l) => /bad\.jsonl:2:1: no document of the workspace matches its text; 1 annotation\(s\) not imported/.test(l)), r.stderr);
  const usage = await run('import', input, '--format', 'csv', '--docs', target);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /unknown format 'csv'/);
});
