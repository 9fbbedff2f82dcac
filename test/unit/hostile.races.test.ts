// Races between writers of one folder, run through the real CLI in separate processes: two imports of disjoint
// annotation sets at once, and a hand edit made while an import runs. Every annotation must survive (lost = 0).
// The figures (trials, lost) are printed for the release note. SEED_RACE_TRIALS sets the number of trials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliBundle, root } from './support/cli';

const TRIALS = Number(process.env.SEED_RACE_TRIALS ?? 10);
const DOCS = 3;
const base = mkdtempSync(path.join(tmpdir(), 'seed-races-'));
test.after(() => rmSync(base, { recursive: true, force: true }));

/** A made-up document of numbered sentences (no article text). */
function documentText(n: number): string {
  const lines = [`Source: https://example.org/race/${n}`, '', `Race document ${n}`, ''];
  for (let i = 0; i < 24; i++) lines.push(`Sentence ${i} of document ${n} says that figure ${i * 7 + n} went up.`);
  return `${lines.join('\n')}\n`;
}

function sentence(n: number, i: number): string {
  return `Sentence ${i} of document ${n} says that figure ${i * 7 + n} went up.`;
}

/** jsonl import lines: one claim per sentence index in `which`, for every document. */
function inputLines(prefix: string, which: (i: number) => boolean): string {
  const out: string[] = [];
  for (let n = 0; n < DOCS; n++) {
    const text = documentText(n);
    for (let i = 0; i < 24; i++) {
      if (!which(i)) continue;
      const exact = sentence(n, i);
      const start = text.indexOf(exact);
      out.push(JSON.stringify({ file: `doc${n}.txt`, id: `${prefix}-${n}-${i}`, tag: 'claim', target: { start, end: start + exact.length, exact }, attributes: {}, note: '' }));
    }
  }
  return `${out.join('\n')}\n`;
}

interface Running {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves when the import has read every sidecar and printed its counts (it then waits for the gate). */
  planned: Promise<void>;
}

let cliPath = '';
test.before(async () => {
  cliPath = await cliBundle();
});

function startImport(input: string, docs: string, gate: string | null): Running {
  const child = spawn(process.execPath, [cliPath, 'import', input, '--format', 'jsonl', '--docs', docs], {
    cwd: root,
    env: { ...process.env, ...(gate ? { SEED_IMPORT_TEST_GATE: gate } : {}) },
  });
  let stdout = '';
  let stderr = '';
  let markPlanned: () => void;
  const planned = new Promise<void>((r) => (markPlanned = r));
  child.stdout.on('data', (d) => {
    stdout += d;
    if (stdout.includes('\n')) markPlanned();
  });
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      markPlanned();
      resolve({ code, stdout, stderr });
    }),
  );
  return { done, planned };
}

function workspace(name: string): string {
  const dir = path.join(base, name);
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < DOCS; n++) writeFileSync(path.join(dir, `doc${n}.txt`), documentText(n));
  return dir;
}

function exactsIn(docs: string, n: number): Set<string> {
  const json = JSON.parse(readFileSync(path.join(docs, `doc${n}.txt.annotations.json`), 'utf8'));
  return new Set(json.annotations.map((a: { target: { exact: string } }) => a.target.exact));
}

/** A hand edit as an editor makes it: read, add one annotation, write a temp file, rename it over the sidecar. */
function handEdit(docs: string, n: number, i: number): void {
  const file = path.join(docs, `doc${n}.txt.annotations.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const text = documentText(n);
  const exact = sentence(n, i);
  const start = text.indexOf(exact);
  const now = new Date().toISOString();
  json.annotations.push({ id: `hand-${n}-${i}`, tag: 'source', target: { start, end: start + exact.length, exact }, attributes: {}, note: 'by hand', author: 'editor', created: now, modified: now });
  writeFileSync(`${file}.editor-tmp`, JSON.stringify(json, null, 2));
  renameSync(`${file}.editor-tmp`, file);
}

function leftovers(docs: string): string[] {
  return readdirSync(docs).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'));
}

test(`two concurrent imports of disjoint sets into one folder keep every annotation (${TRIALS} trials)`, { timeout: 600_000 }, async () => {
  const a = path.join(base, 'a.jsonl');
  const b = path.join(base, 'b.jsonl');
  const seed = path.join(base, 'seed.jsonl');
  writeFileSync(a, inputLines('a', (i) => i % 2 === 0 && i > 1));
  writeFileSync(b, inputLines('b', (i) => i % 2 === 1 && i > 1));
  writeFileSync(seed, inputLines('s', (i) => i <= 1));
  let lost = 0;
  let merged = 0;
  let failed = 0;
  for (let t = 0; t < TRIALS; t++) {
    const docs = workspace(`concurrent${t}`);
    // Half the trials start from existing sidecars, half from none (both create the file).
    if (t % 2 === 0) {
      const first = startImport(seed, docs, null);
      assert.equal((await first.done).code, 0);
    }
    // Most trials hold both runs after their reads (both read the same state, then write at once); some run free.
    const gate = t % 4 === 3 ? null : path.join(base, `gate${t}`);
    const runA = startImport(a, docs, gate);
    const runB = startImport(b, docs, gate);
    await Promise.all([runA.planned, runB.planned]);
    if (gate) writeFileSync(gate, '');
    const [ra, rb] = await Promise.all([runA.done, runB.done]);
    if (ra.code !== 0 || rb.code !== 0) failed++;
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    merged += (ra.stderr.match(/merged by id/g) ?? []).length + (rb.stderr.match(/merged by id/g) ?? []).length;
    for (let n = 0; n < DOCS; n++) {
      const have = exactsIn(docs, n);
      for (let i = t % 2 === 0 ? 0 : 2; i < 24; i++) if (!have.has(sentence(n, i))) lost++;
    }
    assert.deepEqual(leftovers(docs), [], 'no temp or lock file left');
  }
  console.log(`# race: concurrent imports: ${TRIALS} trials, ${TRIALS * 2} runs, ${merged} sidecar writes merged a change made meanwhile, ${failed} failed, ${lost} annotations lost`);
  assert.equal(lost, 0);
  assert.ok(merged > 0, 'the race was exercised');
});

test(`a hand edit made while an import runs survives (${TRIALS} trials)`, { timeout: 600_000 }, async () => {
  const seed = path.join(base, 'seed2.jsonl');
  const a = path.join(base, 'a2.jsonl');
  writeFileSync(seed, inputLines('s', (i) => i <= 1));
  writeFileSync(a, inputLines('a', (i) => i >= 4));
  let lost = 0;
  let merged = 0;
  for (let t = 0; t < TRIALS; t++) {
    const docs = workspace(`hand${t}`);
    assert.equal((await startImport(seed, docs, null).done).code, 0);
    const gate = path.join(base, `hand-gate${t}`);
    const run = startImport(a, docs, gate);
    await run.planned;
    // The import has read every sidecar; the editor changes two of them, then the import goes on.
    handEdit(docs, 0, 2);
    handEdit(docs, t % DOCS, 3);
    writeFileSync(gate, '');
    const r = await run.done;
    assert.equal(r.code, 0, r.stderr);
    merged += (r.stderr.match(/merged by id/g) ?? []).length;
    const expected: Array<[number, number]> = [[0, 2], [t % DOCS, 3]];
    for (let n = 0; n < DOCS; n++) for (let i = 4; i < 24; i++) expected.push([n, i]);
    for (let n = 0; n < DOCS; n++) for (let i = 0; i <= 1; i++) expected.push([n, i]);
    for (const [n, i] of expected) if (!exactsIn(docs, n).has(sentence(n, i))) lost++;
    assert.ok(existsSync(path.join(docs, 'doc0.txt.annotations.json')));
  }
  console.log(`# race: hand edit during import: ${TRIALS} trials, ${merged} merges, ${lost} annotations lost`);
  assert.equal(lost, 0);
  assert.ok(merged >= TRIALS, 'every trial merged the hand edit');
});
