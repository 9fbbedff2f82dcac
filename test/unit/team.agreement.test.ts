import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Annotation, DocumentStatuses } from '../../src/core/annotations/schema';
import { createSidecar, describeDocument, serializeSidecar } from '../../src/core/annotations/sidecar';
import { computeAgreement, unitizingAlpha, type AgreementDocument } from '../../src/core/team/agreement/index';
import { run } from './support/cli';

const at = '2025-01-01T00:00:00.000Z';
let n = 0;
const ann = (author: string, tag: string, start: number, end: number, attributes: Record<string, unknown> = {}, text?: string): Annotation => ({
  id: `${author}-${++n}`, tag, target: { start, end, exact: text ? text.slice(start, end) : 'x'.repeat(end - start), prefix: '', suffix: '' },
  attributes, note: '', author, created: at, modified: at,
});
const done = (...who: string[]): DocumentStatuses => Object.fromEntries(who.map((w) => [w, { status: 'done' as const }]));

const docA: AgreementDocument = {
  file: 'a.txt', length: 100,
  annotations: [
    ann('ann', 'claim', 0, 10, { verdict: 'false' }), ann('ann', 'claim', 20, 30, { verdict: 'true' }), ann('ann', 'quote', 40, 50),
    ann('bob', 'claim', 0, 10, { verdict: 'false' }), ann('bob', 'claim', 22, 30, { verdict: 'false' }), ann('bob', 'source', 60, 70),
  ],
};
const docB: AgreementDocument = { file: 'b.txt', length: 50, annotations: [ann('ann', 'claim', 0, 5)] };
const docC: AgreementDocument = { file: 'c.txt', length: 50, annotations: [], statuses: done('ann', 'bob') };

test('span scores per tag and pair, exact and overlapping, only on documents both took part in', () => {
  const r = computeAgreement([docA, docB, docC]);
  assert.deepEqual(r.annotators, ['ann', 'bob']);
  assert.deepEqual(Object.keys(r.tags), ['claim', 'quote', 'source']);
  const [claim] = r.tags.claim!.pairs;
  assert.deepEqual({ a: claim!.a, b: claim!.b }, { a: 'ann', b: 'bob' });
  assert.deepEqual(claim!.exact, { tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
  assert.deepEqual(claim!.overlap, { tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  assert.deepEqual(r.tags.quote!.pairs[0]!.exact, { tp: 0, fp: 0, fn: 1, precision: null, recall: 0, f1: 0 });
  assert.deepEqual(r.tags.source!.pairs[0]!.exact, { tp: 0, fp: 1, fn: 0, precision: 0, recall: null, f1: 0 });
});

test('attribute agreement over matched spans: percent, Cohen, Fleiss, Krippendorff (worked by hand)', () => {
  const r = computeAgreement([docA, docB, docC], { enumAttributes: (tag) => (tag === 'claim' ? ['verdict', 'checkworthy'] : []) });
  const verdict = r.tags.claim!.attributes.verdict!;
  assert.deepEqual(verdict.units, [
    { document: 'a.txt', start: 0, end: 10, values: { ann: 'false', bob: 'false' } },
    { document: 'a.txt', start: 20, end: 30, values: { ann: 'true', bob: 'false' } },
  ]);
  assert.equal(verdict.percent, 0.5);
  assert.equal(verdict.cohenKappa, 0); // p_o = .5, p_e = .5·1 + .5·0
  assert.ok(Math.abs(verdict.fleissKappa! - -1 / 3) < 1e-12); // P̄ = .5, P_e = (3/4)² + (1/4)²
  assert.equal(verdict.krippendorffAlpha, 0); // 1 − 3·2 / (3·1·2)
  assert.deepEqual(verdict.values, ['false', 'true']);
  assert.deepEqual(verdict.coincidence, [[2, 1], [1, 0]]);
  assert.deepEqual(r.tags.claim!.attributes.checkworthy, {
    units: [], percent: null, cohenKappa: null, fleissKappa: null, krippendorffAlpha: null, values: [], coincidence: [],
  });
  assert.deepEqual(Object.keys(r.tags.quote!.attributes), []);
});

test('alpha_u lays the documents every annotator took part in end to end', () => {
  const r = computeAgreement([docA, docB, docC]);
  const expected = unitizingAlpha({ length: 150, spans: [[{ start: 0, end: 10 }, { start: 20, end: 30 }], [{ start: 0, end: 10 }, { start: 22, end: 30 }]] }).alpha;
  assert.equal(r.tags.claim!.alphaU, expected);
  assert.ok(expected! > 0.8 && expected! < 1);
  assert.equal(computeAgreement([docB]).tags.claim!.alphaU, null);
});

test('documents ranked by agreement, undefined last; progress per annotator', () => {
  const perfect: AgreementDocument = { file: 'd.txt', length: 20, annotations: [ann('ann', 'claim', 0, 5), ann('bob', 'claim', 0, 5)], curated: true };
  const r = computeAgreement([docC, perfect, docB, docA]);
  assert.deepEqual(r.documents.map((d) => [d.file, d.f1 === null ? null : Math.round(d.f1 * 1000) / 1000, d.annotators.join('+')]), [
    ['a.txt', 0.333, 'ann+bob'], ['d.txt', 1, 'ann+bob'], ['b.txt', null, 'ann'], ['c.txt', null, 'ann+bob'],
  ]);
  const a = r.documents[0]!;
  assert.equal(a.overlapF1, 2 * 2 / (2 * 2 + 1 + 1));
  assert.deepEqual([a.units, a.disagreements], [4, 3]); // claim agreed, claim span differs, quote single, source single
  assert.equal(r.documents[1]!.curated, true);
  assert.equal('curated' in a, false);
  assert.deepEqual(r.progress, {
    ann: { todo: 3, 'in-progress': 0, done: 1, annotations: 5 },
    bob: { todo: 3, 'in-progress': 0, done: 1, annotations: 4 },
  });
});

test('one annotator: nothing to compare, every coefficient null (never NaN)', () => {
  const r = computeAgreement([docA], { annotators: ['ann'] });
  assert.deepEqual(r.annotators, ['ann']);
  assert.deepEqual(r.tags.claim!.pairs, []);
  assert.equal(r.tags.claim!.alphaU, null);
  assert.equal(r.documents[0]!.f1, null);
  const verdict = r.tags.claim!.attributes;
  assert.deepEqual(verdict, {});
  assert.doesNotMatch(JSON.stringify(r), /NaN/);
});

test('three annotators: Cohen is null, Fleiss and Krippendorff computed; tag filter', () => {
  const three: AgreementDocument = {
    file: 't.txt', length: 40,
    annotations: [
      ann('a', 'claim', 0, 10, { v: 'x' }), ann('b', 'claim', 0, 10, { v: 'x' }), ann('c', 'claim', 1, 10, { v: 'y' }),
      ann('a', 'claim', 20, 30, { v: 'y' }), ann('b', 'claim', 20, 30, { v: 'y' }), ann('c', 'quote', 20, 30),
    ],
  };
  const r = computeAgreement([three], { tags: ['claim'] });
  assert.deepEqual(Object.keys(r.tags), ['claim']);
  assert.deepEqual(r.tags.claim!.pairs.map((p) => `${p.a}/${p.b} ${p.exact.f1} ${p.overlap.f1}`), ['a/b 1 1', 'a/c 0 0.6666666666666666', 'b/c 0 0.6666666666666666']);
  const v = r.tags.claim!.attributes.v!;
  assert.equal(v.cohenKappa, null);
  assert.notEqual(v.fleissKappa, null);
  assert.notEqual(v.krippendorffAlpha, null);
  assert.deepEqual(v.units.map((u) => u.values), [{ a: 'x', b: 'x', c: 'y' }, { a: 'y', b: 'y' }]);
});

// ---------------------------------------------------------------------------------------------
// CLI

const text = 'Source: https://example.org/a\n\nThe mayor said the port will open in May. Critics disagree. “It will not,” said Ann Lee.\n';
async function folder(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-agree-'));
  mkdirSync(path.join(dir, 'sub'));
  const write = async (file: string, annotations: Annotation[], statuses?: DocumentStatuses) => {
    writeFileSync(path.join(dir, file), text);
    const sidecar = { ...createSidecar(await describeDocument(path.basename(file), text), annotations), ...(statuses ? { status: statuses } : {}) };
    writeFileSync(path.join(dir, `${file}.annotations.json`), serializeSidecar(sidecar));
  };
  const claim = text.indexOf('The mayor');
  const claimEnd = text.indexOf('May.') + 4;
  await write('001_a.txt', [
    ann('ann', 'claim', claim, claimEnd, { verdict: 'false' }, text), ann('bob', 'claim', claim, claimEnd, { verdict: 'mixed' }, text),
    ann('ann', 'quote', text.indexOf('“'), text.indexOf('”') + 1, {}, text), ann('bob', 'quote', text.indexOf('“') + 1, text.indexOf('”'), {}, text),
  ]);
  await write('sub/002_b.txt', [ann('ann', 'claim', claim, claimEnd, {}, text)], done('ann', 'bob'));
  return dir;
}

test('CLI: agreement --json prints the shape of the issue', async () => {
  const dir = await folder();
  const r = await run('agreement', dir, '--json');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.annotators, ['ann', 'bob']);
  assert.deepEqual(Object.keys(report.tags), ['claim', 'quote']);
  assert.deepEqual(report.tags.claim.pairs[0].exact, { tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5, f1: 2 / 3 });
  assert.deepEqual(report.tags.quote.pairs[0].overlap, { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
  assert.equal(typeof report.tags.claim.alphaU, 'number');
  // Enum attributes come from the tag set (the default tags here): verdict and the others of claim.
  assert.deepEqual(Object.keys(report.tags.claim.attributes), ['checkworthy', 'type', 'verdict']);
  const verdict = report.tags.claim.attributes.verdict;
  assert.deepEqual(verdict.units, [{ document: '001_a.txt', start: text.indexOf('The mayor'), end: text.indexOf('May.') + 4, values: { ann: 'false', bob: 'mixed' } }]);
  assert.equal(verdict.percent, 0);
  assert.equal(verdict.cohenKappa, 0); // one unit, values differ: p_o = 0, p_e = 1·0 + 0·1
  assert.deepEqual(report.documents.map((d: { file: string }) => d.file), ['sub/002_b.txt', '001_a.txt']);
  assert.deepEqual(report.progress.bob, { todo: 1, 'in-progress': 0, done: 1, annotations: 2 });
});

test('CLI: --tag, --annotators and the text report', async () => {
  const dir = await folder();
  const only = JSON.parse((await run('agreement', dir, '--json', '--tag', 'quote', '--annotators=ann')).stdout);
  assert.deepEqual(only.annotators, ['ann']);
  assert.deepEqual(Object.keys(only.tags), ['quote']);
  assert.deepEqual(only.tags.quote.pairs, []);
  const r = await run('agreement', dir);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /annotators ann, bob/);
  assert.match(r.stdout, /^claim {2}alpha_u \d\.\d{3}$/m);
  assert.match(r.stdout, /ann \/ bob\s+1\.000 0\.500 0\.667 {2}\(1\/0\/1\)/);
  assert.match(r.stdout, /verdict: 1 unit\(s\), percent 0\.000, Cohen's kappa 0\.000/);
  assert.match(r.stdout, /^ +0\.50 {2}1\.00 +2\/2 {2}001_a\.txt$/m);
});

test('CLI: bad usage exits 2; an unreadable sidecar is named, the rest measured, exit 1', async () => {
  const dir = await folder();
  assert.equal((await run('agreement')).code, 2);
  assert.equal((await run('agreement', dir, '--tag')).code, 2);
  assert.equal((await run('agreement', dir, '--bogus')).code, 2);
  const missing = await run('agreement', path.join(dir, 'nope'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such folder or file/);
  writeFileSync(path.join(dir, '003_c.txt'), text);
  writeFileSync(path.join(dir, '003_c.txt.annotations.json'), '{"version": 2, "annotations": [');
  const r = await run('agreement', dir, '--json');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /003_c\.txt\.annotations\.json/);
  assert.deepEqual(JSON.parse(r.stdout).documents.length, 2);
});
