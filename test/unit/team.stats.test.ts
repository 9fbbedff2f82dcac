import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Annotation, Relation, Sidecar } from '../../src/core/annotations/schema';
import { serializeSidecar } from '../../src/core/annotations/sidecar';
import { teamStats } from '../../src/core/team/stats';
import { visibleTo } from '../../src/core/team/visibility';
import { run } from './support/cli';

const at = '2025-01-01T00:00:00.000Z';
const TEXT = 'One claim here. Another claim there.';
const doc = { file: 'd.txt', source: null, sha256: 'a'.repeat(64), length: TEXT.length };
const ann = (id: string, author: string, tag: string, attributes: Record<string, unknown> = {}, extra: Partial<Annotation> = {}): Annotation => ({
  id, tag, target: { start: 0, end: 3, exact: 'One', prefix: '', suffix: '' }, attributes, note: '', author, created: at, modified: at, ...extra,
});
const rel = (id: string, from: string, to: string, author: string): Relation => ({ id, type: 'supports', from, to, attributes: {}, note: '', author, created: at, modified: at });
const side = (annotations: Annotation[], relations: Relation[] = [], status?: Sidecar['status']): Sidecar => ({ version: 2, document: doc, annotations, relations, ...(status ? { status } : {}) });

test('stats: documents by status per annotator; annotations per tag, attribute value and annotator', () => {
  const s = teamStats([
    side([ann('1', 'alice', 'claim', { verdict: 'true' }), ann('2', 'bob', 'claim', { verdict: 'false' }), ann('3', 'bob', 'quote')], [rel('r', '1', '2', 'alice')], {
      alice: { status: 'done' }, bob: { status: 'in-progress' },
    }),
    side([ann('4', 'alice', 'claim', { verdict: 'true', evidence: ['https://e.example/'] }, { status: 'orphaned' })], [], { '': { status: 'in-progress' } }),
    null,
  ]);
  assert.equal(s.documents, 3);
  assert.deepEqual(s.annotators, ['alice', 'bob']);
  assert.deepEqual(s.status.alice, { todo: 1, 'in-progress': 1, done: 1 }); // the nameless (v1) status counts for everyone without their own
  assert.deepEqual(s.status.bob, { todo: 1, 'in-progress': 2, done: 0 });
  assert.equal(s.annotations.total, 4);
  assert.equal(s.annotations.orphaned, 1);
  assert.deepEqual(s.annotations.byAnnotator, { alice: 2, bob: 2 });
  assert.deepEqual(s.annotations.byTag.claim, {
    total: 3, byAnnotator: { alice: 2, bob: 1 }, attributes: { verdict: { true: 2, false: 1 }, evidence: { 'https://e.example/': 1 } },
  });
  assert.deepEqual(s.relations.byType.supports!.byAnnotator, { alice: 1 });
});

test('blind mode filter: mine shows only my annotations and my links between them', () => {
  const d = side([ann('1', 'alice', 'claim'), ann('2', 'bob', 'claim'), ann('3', 'alice', 'quote')], [rel('r1', '1', '3', 'alice'), rel('r2', '1', '2', 'alice'), rel('r3', '1', '3', 'bob')]);
  const mine = visibleTo(d, 'alice', 'mine');
  assert.deepEqual(mine.annotations.map((a) => a.id), ['1', '3']);
  assert.deepEqual(mine.relations.map((r) => r.id), ['r1']);
  assert.equal(visibleTo(d, 'alice', 'everyone'), d);
});

test('stats CLI: text and --json over a folder; an unreadable sidecar is reported, exit 1', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-stats-'));
  try {
    writeFileSync(path.join(dir, 'a.txt'), TEXT);
    writeFileSync(path.join(dir, 'a.txt.annotations.json'), serializeSidecar(side([ann('1', 'alice', 'claim', { verdict: 'true' })], [], { alice: { status: 'done' } })));
    writeFileSync(path.join(dir, 'b.txt'), TEXT);
    let r = await run('stats', dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.documents, 2);
    assert.deepEqual(json.status, { alice: { todo: 1, 'in-progress': 0, done: 1 } });
    assert.deepEqual(json.annotations.byTag.claim.attributes, { verdict: { true: 1 } });
    r = await run('stats', dir);
    assert.match(r.stdout, /^2 documents, 1 annotator\n/);
    assert.match(r.stdout, /alice\s+1\s+0\s+1/);
    assert.match(r.stdout, /claim: 1 — alice 1\n    verdict: true 1/);
    writeFileSync(path.join(dir, 'b.txt.annotations.json'), '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> x\n');
    r = await run('stats', dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /b\.txt\.annotations\.json:1:1: merge conflict/);
    assert.equal((await run('stats', path.join(dir, 'missing'))).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
