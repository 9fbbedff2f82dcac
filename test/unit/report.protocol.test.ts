// The Agreement Report's protocol and view: what the host sends is what the webview accepts; anything else is dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Annotation } from '../../src/core/annotations/schema';
import { DEFAULT_TAG_SET } from '../../src/core/annotations/tags';
import { computeAgreement } from '../../src/core/team/agreement/index';
import { toView } from '../../src/vscode/report/view';
import { parseToHost, parseToWebview } from '../../src/webview/report/protocol';

const at = '2025-01-01T00:00:00.000Z';
let n = 0;
const ann = (author: string, tag: string, start: number, end: number, attributes: Record<string, unknown> = {}): Annotation => ({
  id: `a${++n}`, tag, target: { start, end, exact: 'x'.repeat(end - start), prefix: '', suffix: '' }, attributes, note: '', author, created: at, modified: at,
});

const report = computeAgreement(
  [
    { file: 'one.txt', length: 100, annotations: [ann('ann', 'claim', 0, 10, { verdict: 'false' }), ann('bob', 'claim', 0, 10, { verdict: 'true' }), ann('bob', 'quote', 20, 30)] },
    { file: 'two.txt', length: 100, annotations: [ann('ann', 'claim', 5, 10)], curated: true },
  ],
  { enumAttributes: (tag) => DEFAULT_TAG_SET.tags.find((t) => t.id === tag)?.attributes.filter((a) => a.kind === 'enum').map((a) => a.id) },
);

test('the view of a report has the tag set\'s labels and passes the protocol', () => {
  const view = toView(report, DEFAULT_TAG_SET, 'workspace', 1);
  assert.deepEqual(view.tags.map((t) => t.label), ['Claim', 'Quote']);
  const verdict = view.tags[0]!.attributes.find((a) => a.id === 'verdict')!;
  assert.equal(verdict.label, 'Verdict');
  assert.equal(verdict.units, 1);
  assert.deepEqual(verdict.coincidence, [[0, 1], [1, 0]]);
  assert.deepEqual(view.progress.map((p) => [p.annotator, p.todo, p.annotations]), [['ann', 2, 2], ['bob', 2, 2]]);
  const parsed = parseToWebview({ type: 'report', report: view });
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.ok && parsed.message, { type: 'report', report: view });
});

test('invalid messages are refused either way: unknown types, extra fields, NaN, bad tag ids', () => {
  const view = toView(report, DEFAULT_TAG_SET, 'workspace', 0);
  assert.equal(parseToWebview({ type: 'report', report: { ...view, extra: 1 } }).ok, false);
  assert.equal(parseToWebview({ type: 'report', report: { ...view, tags: [{ ...view.tags[0]!, alphaU: Number.NaN }] } }).ok, false);
  assert.equal(parseToWebview({ type: 'report', report: { ...view, tags: [{ ...view.tags[0]!, id: '<img>' }] } }).ok, false);
  assert.equal(parseToWebview({ type: 'html', html: '<b>' }).ok, false);
  assert.deepEqual(parseToHost({ type: 'open', file: 'one.txt' }), { ok: true, message: { type: 'open', file: 'one.txt' } });
  assert.equal(parseToHost({ type: 'open', file: '' }).ok, false);
  assert.equal(parseToHost({ type: 'open' }).ok, false);
  assert.equal(parseToHost({ type: 'ready', extra: true }).ok, false);
  assert.equal(parseToHost('ready').ok, false);
});
