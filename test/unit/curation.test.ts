import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTarget } from '../../src/core/annotations/anchor';
import { sha256Hex } from '../../src/core/annotations/hash';
import { SidecarSchema, type Annotation, type Relation, type Sidecar } from '../../src/core/annotations/schema';
import { createSidecar, newAnnotation, newRelation, parseSidecar, serializeSidecar } from '../../src/core/annotations/sidecar';
import {
  accept, acceptAgreedInSidecar, acceptAllAgreed, acceptRelation, add, addRelation, applyGoldOps, curationStatusOf, edit, rejectAll,
  reviewUnits, selectForExport, unsettled, CurationError,
} from '../../src/core/curation/index';
import { EXPORT_FORMATS } from '../../src/core/exchange/model';
import { run } from './support/cli';

// A document written for these tests.
const TEXT =
  'Source: https://www.tidewater-herald.example/2026/01/05/ferry-fares\n\nFerry fares to rise by a fifth\n\n' +
  '  The council said fares rose 20% in a year. “We had no choice,” said Ines Marlow. Critics called it a tax. The vote is in May.\n';

const at = (s: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = TEXT.indexOf(s, i + 1);
  assert.ok(i >= 0, s);
  return { start: i, end: i + s.length };
};

let n = 0;
function ann(author: string, tag: string, span: { start: number; end: number }, attributes: Record<string, unknown> = {}): Annotation {
  return newAnnotation({ id: `${author || 'anon'}-${++n}`, tag, target: makeTarget(TEXT, span.start, span.end), attributes, author, now: new Date('2026-01-05T10:00:00Z') });
}

async function sidecarOf(annotations: Annotation[], relations: Relation[] = []): Promise<Sidecar> {
  return createSidecar({ file: 'doc.txt', source: null, sha256: await sha256Hex(TEXT), length: TEXT.length }, annotations, relations);
}

const FARES = at('The council said fares rose 20% in a year.');
const QUOTE = at('“We had no choice,”');
const MARLOW = at('Ines Marlow');
const CRITICS = at('Critics called it a tax.');
const VOTE = at('The vote is in May.');

/** Two annotators: agree on the claim and the source, differ on the quote's tag, on a span, and one tags alone. */
function twoAnnotators() {
  const a = {
    fares: ann('ana', 'claim', FARES, { checkworthy: 'yes', verdict: 'unverified' }),
    quote: ann('ana', 'quote', QUOTE, { speaker: 'Ines Marlow' }),
    marlow: ann('ana', 'source', MARLOW, { kind: 'named-person' }),
    critics: ann('ana', 'claim', CRITICS, { checkworthy: 'no', verdict: 'unverified' }),
    vote: ann('ana', 'claim', VOTE, { checkworthy: 'no', verdict: 'unverified' }),
  };
  const b = {
    fares: ann('ben', 'claim', FARES, { checkworthy: 'yes', verdict: 'unverified', evidence: ['https://example.org/b'] }),
    quote: ann('ben', 'claim', QUOTE, { checkworthy: 'yes' }),
    marlow: ann('ben', 'source', MARLOW, { kind: 'named-person' }),
    critics: ann('ben', 'claim', at('called it a tax'), { checkworthy: 'no', verdict: 'unverified' }),
  };
  return { a, b, all: [...Object.values(a), ...Object.values(b)] };
}

test('units: agreed (text attributes and url lists ignored), label differs, span differs, one annotator', () => {
  const { a, b, all } = twoAnnotators();
  const units = reviewUnits(all);
  const kinds = Object.fromEntries(units.map((u) => [u.versions.map((v) => v.id).join('+'), u.kind]));
  assert.deepEqual(kinds, {
    [`${a.fares.id}+${b.fares.id}`]: 'agreed',
    [`${a.quote.id}+${b.quote.id}`]: 'label',
    [`${a.marlow.id}+${b.marlow.id}`]: 'agreed',
    [`${a.critics.id}+${b.critics.id}`]: 'span',
    [a.vote.id]: 'single',
  });
  assert.equal(units.length, 5);
  assert.deepEqual(units.map((u) => u.start), [FARES.start, QUOTE.start, MARLOW.start, CRITICS.start, VOTE.start], 'document order');
  // An enum attribute that differs: label differs.
  const differ = reviewUnits([a.fares, { ...b.fares, attributes: { checkworthy: 'no', verdict: 'unverified' } }]);
  assert.equal(differ[0]!.kind, 'label');
});

test('accept-agreed on two annotators: gold copies of the agreed units with curation.from; annotators untouched; status in progress', async () => {
  const { a, b, all } = twoAnnotators();
  const sidecar = await sidecarOf(all);
  const before = serializeSidecar(sidecar);
  const r = acceptAgreedInSidecar(sidecar, { curator: 'cora', now: new Date('2026-01-06T09:00:00Z') });
  assert.equal(r.accepted, 2);
  assert.ok(SidecarSchema.safeParse(r.sidecar).success);
  const gold = r.sidecar.annotations.filter((x) => x.curation);
  assert.deepEqual(
    gold.map((g) => ({ tag: g.tag, start: g.target.start, from: g.curation!.from, decision: g.curation!.decision, author: g.author })),
    [
      { tag: 'claim', start: FARES.start, from: [a.fares.id, b.fares.id], decision: 'accepted', author: 'cora' },
      { tag: 'source', start: MARLOW.start, from: [a.marlow.id, b.marlow.id], decision: 'accepted', author: 'cora' },
    ],
  );
  assert.deepEqual(gold[0]!.attributes, a.fares.attributes, 'the first version taken as it is');
  assert.equal(serializeSidecar(sidecar), before, 'the input is not changed');
  const annotatorsAfter = r.sidecar.annotations.filter((x) => !x.curation);
  assert.deepEqual(annotatorsAfter, sidecar.annotations, "every annotator's annotation is the same object, unchanged");
  assert.deepEqual(r.left.map((u) => u.kind), ['label', 'span', 'single']);
  assert.deepEqual(r.sidecar.curation, { status: 'in-progress', curator: 'cora', modified: '2026-01-06T09:00:00.000Z' });
  // Round trip through the file format.
  const reread = parseSidecar(serializeSidecar(r.sidecar), 'x.json');
  assert.ok(reread.ok);
  assert.equal(curationStatusOf(reread.sidecar), 'in-progress');
  // Running it again accepts nothing more.
  assert.equal(acceptAgreedInSidecar(r.sidecar, { curator: 'cora' }).accepted, 0);
});

test('accept-agreed on three annotators: all by default; --min-annotators 2 takes two of three', async () => {
  const c = ann('cy', 'claim', FARES, { checkworthy: 'yes', verdict: 'unverified' });
  const a = ann('ana', 'claim', FARES, { checkworthy: 'yes', verdict: 'unverified' });
  const b = ann('ben', 'claim', FARES, { checkworthy: 'yes', verdict: 'unverified' });
  const a2 = ann('ana', 'source', MARLOW, { kind: 'named-person' });
  const b2 = ann('ben', 'source', MARLOW, { kind: 'named-person' });
  const c2 = ann('cy', 'source', MARLOW, { kind: 'organisation' });
  const a3 = ann('ana', 'claim', VOTE, { checkworthy: 'no' });
  const c3 = ann('cy', 'claim', VOTE, { checkworthy: 'no' });
  const sidecar = await sidecarOf([a, b, c, a2, b2, c2, a3, c3]);
  const all = acceptAgreedInSidecar(sidecar, { curator: 'cora' });
  assert.equal(all.accepted, 1, 'only the claim all three tagged alike');
  assert.deepEqual(all.sidecar.annotations.filter((x) => x.curation)[0]!.curation!.from, [a.id, b.id, c.id]);
  assert.deepEqual(all.left.map((u) => u.kind), ['label', 'label']);
  const two = acceptAgreedInSidecar(sidecar, { curator: 'cora', minAnnotators: 2 });
  assert.equal(two.accepted, 2, 'the claim and the vote (two of three agree, the third did not tag it)');
  assert.deepEqual(two.left.map((u) => u.kind), ['label'], 'the source: one of three disagrees');
  assert.equal(two.sidecar.curation?.status, 'in-progress');
});

test('each decision: accept, edit, reject all, add; relations between gold ends; the last decision makes the document curated', async () => {
  const { a, b, all } = twoAnnotators();
  const link = newRelation({ id: 'rel-ana', type: 'attributed-to', from: a.quote.id, to: a.marlow.id, author: 'ana' });
  let sidecar = await sidecarOf(all, [link]);
  const annotatorBytes = JSON.stringify([sidecar.annotations, sidecar.relations]);
  const units = () => reviewUnits(sidecar.annotations);
  const unitOf = (id: string) => units().find((u) => u.versions.some((v) => v.id === id))!;
  const apply = (op: ReturnType<typeof accept>) => (sidecar = applyGoldOps(sidecar, [op], { curator: 'cora', text: TEXT }));

  apply(acceptAllAgreed(units())[0]!);
  apply(acceptAllAgreed(units())[0]!);
  assert.equal(acceptAllAgreed(units()).length, 0, 'settled units are not offered again');
  // Accept one version of the label disagreement: Ana's quote.
  apply(accept(unitOf(a.quote.id), a.quote.id));
  const goldQuote = sidecar.annotations.find((x) => x.curation?.from[0] === a.quote.id)!;
  assert.deepEqual(goldQuote.curation, { from: [a.quote.id, b.quote.id], decision: 'accepted' });
  assert.equal(goldQuote.tag, 'quote');
  // Edit Ben's span of the critics claim to the whole sentence with a verdict.
  apply(edit(unitOf(b.critics.id), b.critics.id, { start: CRITICS.start, end: CRITICS.end, attributes: { checkworthy: 'yes', verdict: 'mixed' } }));
  const edited = sidecar.annotations.find((x) => x.curation?.decision === 'edited')!;
  assert.deepEqual([edited.target.start, edited.target.end, edited.target.exact], [CRITICS.start, CRITICS.end, TEXT.slice(CRITICS.start, CRITICS.end)]);
  assert.deepEqual(edited.curation!.from, [b.critics.id, a.critics.id]);
  assert.equal(edited.attributes.verdict, 'mixed');
  // Reject the lone vote claim.
  apply(rejectAll(unitOf(a.vote.id)));
  assert.deepEqual(sidecar.annotations.find((x) => x.curation?.decision === 'rejected-all')!.curation!.from, [a.vote.id]);
  assert.equal(unsettled(units()).length, 0);
  // Add a gold annotation nobody made.
  const extra = at('20%');
  apply(add({ tag: 'claim', start: extra.start, end: extra.end, attributes: { checkworthy: 'yes' } }));
  const added = sidecar.annotations.find((x) => x.curation?.decision === 'added')!;
  assert.deepEqual(added.curation!.from, []);
  assert.equal(added.target.exact, '20%');
  // The annotator's relation, between the gold annotations made from its ends.
  apply(acceptRelation(link, sidecar.annotations));
  const goldLink = sidecar.relations.find((r) => r.curation)!;
  assert.equal(goldLink.from, goldQuote.id);
  assert.equal(goldLink.to, sidecar.annotations.find((x) => x.curation?.from.includes(a.marlow.id))!.id);
  assert.deepEqual(goldLink.curation, { from: ['rel-ana'], decision: 'accepted' });
  // A relation to a rejected or uncurated end is refused with a reason.
  const toVote = newRelation({ type: 'supports', from: a.fares.id, to: a.vote.id, author: 'ana' });
  assert.throws(() => acceptRelation(toVote, sidecar.annotations), (e: Error) => e instanceof CurationError && /has no gold annotation yet/.test(e.message));
  assert.throws(() => addRelation({ type: 'supports', from: a.fares.id, to: added.id }, sidecar.annotations), /not a gold annotation/);
  apply(addRelation({ type: 'supports', from: added.id, to: edited.id }, sidecar.annotations));
  assert.ok(SidecarSchema.safeParse(sidecar).success);
  // Annotators' items: exactly what they were.
  const annotatorsNow = [sidecar.annotations.filter((x) => !x.curation), sidecar.relations.filter((x) => !x.curation)];
  assert.equal(JSON.stringify(annotatorsNow), annotatorBytes);
  // An id that is not a version of the unit is refused.
  assert.throws(() => accept(unitOf(a.quote.id), a.vote.id), CurationError);
});

test('selection for export: gold of curated documents only (rejections and annotators left out), or one author, or everything', async () => {
  const { a, all } = twoAnnotators();
  let sidecar = await sidecarOf(all);
  sidecar = acceptAgreedInSidecar(sidecar, { curator: 'cora' }).sidecar;
  const reject = rejectAll(reviewUnits(sidecar.annotations).find((u) => u.kind === 'single')!);
  sidecar = applyGoldOps(sidecar, [reject], { curator: 'cora' });
  const skipped = selectForExport(sidecar, { gold: true });
  assert.equal(skipped.ok, false);
  assert.match(!skipped.ok ? skipped.reason : '', /not curated \(in-progress\)/);
  const partial = selectForExport(sidecar, { gold: true, includeUncurated: true });
  assert.ok(partial.ok);
  assert.deepEqual(partial.annotations.map((x) => x.curation?.decision), ['accepted', 'accepted'], 'the rejection is not exported');
  const curated = selectForExport({ ...sidecar, curation: { status: 'curated' } }, { gold: true });
  assert.ok(curated.ok && curated.annotations.length === 2);
  const ana = selectForExport(sidecar, { author: 'ana' });
  assert.ok(ana.ok);
  assert.deepEqual(ana.annotations.map((x) => x.id).sort(), Object.values(a).map((x) => x.id).sort());
  const everything = selectForExport(sidecar, {});
  assert.ok(everything.ok && everything.annotations.length === sidecar.annotations.length);
});

// ---------------------------------------------------------------------------------------------
// CLI

const base = mkdtempSync(path.join(tmpdir(), 'seed-curate-'));
test.after(() => process.env.KEEP ? undefined : rmSync(base, { recursive: true, force: true }));
let folders = 0;

/** A folder with two documents both annotators tagged (same text), their links, and a tag set-less root. */
async function folder(): Promise<{ dir: string; sidecars: string[] }> {
  const dir = path.join(base, `ws${++folders}`);
  mkdirSync(dir, { recursive: true });
  const sidecars: string[] = [];
  for (const name of ['001_fares.txt', '002_fares.txt']) {
    const { all, a, b } = twoAnnotators();
    const relations = [
      newRelation({ id: `ra-${name.slice(0, 3)}`, type: 'attributed-to', from: a.quote.id, to: a.marlow.id, author: 'ana' }),
      newRelation({ id: `rb-${name.slice(0, 3)}`, type: 'attributed-to', from: b.quote.id, to: b.marlow.id, author: 'ben' }),
    ];
    writeFileSync(path.join(dir, name), TEXT);
    const sidecar = { ...(await sidecarOf(all, relations)), document: { file: name, source: null, sha256: await sha256Hex(TEXT), length: TEXT.length } };
    const file = path.join(dir, `${name}.annotations.json`);
    writeFileSync(file, serializeSidecar(sidecar));
    sidecars.push(file);
  }
  return { dir, sidecars };
}

test('CLI curate: reports what is left; --accept-agreed writes the gold annotations and leaves annotators byte-identical', async () => {
  const { dir, sidecars } = await folder();
  const report = await run('curate', dir);
  assert.equal(report.code, 0, report.stderr);
  assert.match(report.stdout, /001_fares\.txt\.annotations\.json: 5 units left \(2 agreed, 1 label, 1 span, 1 single\) — not-started \(annotators: ana, ben\)/);
  assert.equal(readFileSync(sidecars[0]!, 'utf8'), serializeSidecar((parseSidecar(readFileSync(sidecars[0]!, 'utf8'), 'x') as { sidecar: Sidecar }).sidecar), 'a report writes nothing');
  const before = sidecars.map((f) => readFileSync(f, 'utf8'));
  const r = await run('curate', dir, '--accept-agreed', '--curator', 'cora');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /001_fares\.txt\.annotations\.json: 2 accepted; 3 units left \(1 label, 1 span, 1 single\) — in-progress/);
  assert.match(r.stdout, /accepted 4 agreed units; 0 of 2 documents curated\n$/);
  sidecars.forEach((file, i) => {
    const now = JSON.parse(readFileSync(file, 'utf8'));
    const old = JSON.parse(before[i]!);
    const mine = now.annotations.filter((x: Annotation) => !x.curation);
    assert.equal(JSON.stringify(mine), JSON.stringify(old.annotations), 'annotators byte-identical');
    assert.equal(now.annotations.filter((x: Annotation) => x.curation?.decision === 'accepted' && x.author === 'cora').length, 2);
    assert.equal(now.curation.status, 'in-progress');
  });
  const bad = await run('curate', dir, '--accept-agreed', '--min-annotators', '1');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--min-annotators must be a whole number of at least 2/);
});

test('CLI curate: an unreadable sidecar is reported and left untouched', async () => {
  const { dir, sidecars } = await folder();
  writeFileSync(sidecars[1]!, '{ "version": 2, ');
  const r = await run('curate', dir, '--accept-agreed', '--curator', 'cora');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /002_fares\.txt\.annotations\.json: \(root\): left untouched/);
  assert.equal(readFileSync(sidecars[1]!, 'utf8'), '{ "version": 2, ');
});

/** Curates the first document completely (agreed, quote, critics, vote) and its link; the second stays in progress. */
async function curatedFolder() {
  const { dir, sidecars } = await folder();
  return { dir, sidecars, gold: await curateFirst(dir, sidecars) };
}

/** In `dir` (made by folder()): --accept-agreed, then the first document's other decisions and status; its gold. */
async function curateFirst(dir: string, sidecars: string[]): Promise<Annotation[]> {
  const accepted = await run('curate', dir, '--accept-agreed', '--curator', 'cora');
  assert.equal(accepted.code, 0, accepted.stderr);
  const read = (f: string) => (parseSidecar(readFileSync(f, 'utf8'), f) as { sidecar: Sidecar }).sidecar;
  let sidecar = read(sidecars[0]!);
  const unit = (kind: string) => unsettled(reviewUnits(sidecar.annotations)).find((u) => u.kind === kind)!;
  const step = (op: ReturnType<typeof accept>) => (sidecar = applyGoldOps(sidecar, [op], { curator: 'cora', text: TEXT }));
  step(accept(unit('label'), unit('label').versions[0]!.id));
  step(accept(unit('span'), unit('span').versions[0]!.id));
  step(rejectAll(unit('single')));
  step(acceptRelation(sidecar.relations.find((r) => r.author === 'ana')!, sidecar.annotations));
  sidecar = { ...sidecar, curation: { status: 'curated', curator: 'cora' } };
  writeFileSync(sidecars[0]!, serializeSidecar(sidecar));
  return sidecar.annotations.filter((x) => x.curation && x.curation.decision !== 'rejected-all');
}

/** The agreement report without its curated marks. */
const withoutMarks = (report: { documents: Array<{ curated?: boolean }> }) => ({ ...report, documents: report.documents.map(({ curated: _c, ...d }) => d) });

test('agreement after curation (--accept-agreed, then decisions) is unchanged but for the curated mark', async () => {
  const { dir, sidecars } = await folder();
  const measure = async () => {
    const r = await run('agreement', dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const before = await measure();
  assert.deepEqual(before.annotators, ['ana', 'ben']);
  assert.ok(before.documents.every((d: { curated?: boolean }) => !('curated' in d)), 'nothing curated yet');
  const gold = await curateFirst(dir, sidecars);
  assert.equal(gold.length, 4);
  const after = await measure();
  assert.deepEqual(withoutMarks(after), withoutMarks(before), 'every figure identical: the gold annotations are not an annotator\'s');
  assert.deepEqual(after.documents.map((d: { file: string; curated?: boolean }) => [d.file, d.curated === true]).sort(), [['001_fares.txt', true], ['002_fares.txt', false]]);
});

test('CLI agreement marks curated documents: "curated": true in --json, "(curated)" in the text report', async () => {
  const { dir } = await curatedFolder();
  const json = JSON.parse((await run('agreement', dir, '--json')).stdout);
  const first = json.documents.find((d: { file: string }) => d.file === '001_fares.txt');
  const second = json.documents.find((d: { file: string }) => d.file === '002_fares.txt');
  assert.equal(first.curated, true);
  assert.equal('curated' in second, false, 'a document in progress is not marked');
  const text = await run('agreement', dir);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /001_fares\.txt {2}\(curated\)$/m);
  assert.match(text.stdout, /002_fares\.txt$/m);
});

test('CLI export --gold in every format: only the gold annotations and relations of curated documents; the others skipped with a warning', async () => {
  const { dir, gold } = await curatedFolder();
  assert.equal(gold.length, 4);
  for (const format of EXPORT_FORMATS) {
    const out = path.join(dir, `gold.${format}`);
    const r = await run('export', dir, '--format', format, '--out', out, '--gold');
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.match(r.stderr, /002_fares\.txt: curation: warning: not curated \(in-progress\): left out of the gold standard/, format);
    const written = format === 'brat' ? readdirSync(out).filter((f) => f.endsWith('.ann')).map((f) => readFileSync(path.join(out, f), 'utf8')).join('') : readFileSync(out, 'utf8');
    assert.doesNotMatch(written, /002_fares/, `${format}: the uncurated document is not exported`);
    const expected = format === 'claimreview' ? '0 annotations' : format === 'checkthat' ? '2 annotations' : '4 annotations and 1 relation';
    assert.match(r.stdout, new RegExp(`^exported ${expected} from 1 document`), `${format}: the gold items only (everything would be 14 annotations and 2 relations)`);
    if (format === 'checkthat' || format === 'csv') {
      assert.doesNotMatch(written, /\tThe vote is in May\.\t|,The vote is in May\.,/, `${format}: the rejected claim is not exported`);
      assert.match(written, /The council said fares rose 20% in a year\./);
    }
    if (format === 'json') {
      const json = JSON.parse(written);
      const anns = json.documents.flatMap((d: { annotations: Annotation[] }) => d.annotations);
      assert.deepEqual(anns.map((x: Annotation) => x.id).sort(), gold.map((g) => g.id).sort());
      assert.equal(json.documents[0].relations.length, 1, 'the gold relation only');
    }
  }
  // --include-uncurated: the second document's gold so far too.
  const both = JSON.parse((await run('export', dir, '--format', 'json', '--out', '-', '--gold', '--include-uncurated')).stdout);
  assert.equal(both.documents.length, 2);
  assert.equal(both.documents[1].annotations.length, 2);
  // --author: one annotator's work; without a flag, everything.
  const ben = JSON.parse((await run('export', dir, '--format', 'json', '--out', '-', '--author', 'ben')).stdout);
  assert.ok(ben.documents.every((d: { annotations: Annotation[] }) => d.annotations.length === 4 && d.annotations.every((x) => x.author === 'ben')));
  assert.ok(ben.documents.every((d: { relations: Relation[] }) => d.relations.length === 1 && d.relations[0]!.author === 'ben'));
  const everything = JSON.parse((await run('export', dir, '--format', 'json', '--out', '-')).stdout);
  assert.equal(everything.documents[0].annotations.length, 9 + 5);
  const clash = await run('export', dir, '--format', 'json', '--out', '-', '--gold', '--author', 'ben');
  assert.equal(clash.code, 2);
  assert.match(clash.stderr, /--gold and --author exclude each other/);
});

test('panel protocol: review requests are validated (unknown actions and ids refused)', async () => {
  const { parseToHost, ReviewView } = await import('../../src/webview/protocol');
  assert.ok(parseToHost({ type: 'review', requestId: 1, action: 'accept', id: 'ana-1' }).ok);
  assert.ok(parseToHost({ type: 'review', requestId: 2, action: 'add', tag: 'claim' }).ok);
  assert.equal(parseToHost({ type: 'review', requestId: 3, action: 'delete-annotator-work', id: 'ana-1' }).ok, false);
  assert.equal(parseToHost({ type: 'review', requestId: 4, action: 'accept', id: '<img src=x>' }).ok, false);
  assert.equal(parseToHost({ type: 'review', requestId: 5, action: 'accept', id: 'a', extra: 1 }).ok, false);
  const view = { status: 'in-progress', annotators: ['ana'], units: [], added: [], links: [{ id: 'r1', author: 'ana', label: 'Attributed to', from: 'q', to: 's', ready: false }] };
  assert.ok(ReviewView.safeParse(view).success);
  assert.equal(ReviewView.safeParse({ ...view, status: 'done' }).success, false);
});
