// SIGKILL trials during export: the output is the former complete export or none, never a part, and the next run
// removes what the killed one left. The figures (trials, kills, outputs found partial) are printed for the note.
// SEED_KILL_TRIALS sets the number of trials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeTarget } from '../../src/core/annotations/anchor';
import { createSidecar, describeDocument, newAnnotation, serializeSidecar } from '../../src/core/annotations/sidecar';
import { cliBundle } from './support/cli';

const TRIALS = Number(process.env.SEED_KILL_TRIALS ?? 12);
const base = mkdtempSync(path.join(tmpdir(), 'seed-kill-'));
test.after(() => rmSync(base, { recursive: true, force: true }));

/** A folder of made-up documents (numbered sentences), each with a sidecar of one claim per sentence. */
async function corpus(dir: string, documents: number, sentences: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < documents; n++) {
    const lines = [`Source: https://example.org/kill/${n}`, '', `Document ${n}`, ''];
    for (let i = 0; i < sentences; i++) lines.push(`Line ${i} of document ${n}: the count was ${i * 13 + n}, a note says "${'x'.repeat(i % 7)}".`);
    const text = `${lines.join('\n')}\n`;
    const name = `doc${String(n).padStart(3, '0')}.txt`;
    writeFileSync(path.join(dir, name), text);
    const annotations = [];
    for (let i = 0; i < sentences; i++) {
      const needle = `Line ${i} of document ${n}:`;
      const start = text.indexOf(needle);
      annotations.push(newAnnotation({ tag: 'claim', target: makeTarget(text, start, start + needle.length), note: `note ${i}\twith a tab`, now: new Date(Date.UTC(2025, 0, 1, 0, 0, i % 60)) }));
    }
    writeFileSync(path.join(dir, `${name}.annotations.json`), serializeSidecar(createSidecar(await describeDocument(name, text, `https://example.org/kill/${n}`), annotations)));
  }
}

/** Runs the CLI; with `kill`, SIGKILLs it `kill.afterMs` after `kill.started()` first holds (polled every 2 ms). */
function runCli(cli: string, args: string[], kill: { started: () => boolean; afterMs: number } | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let timer: NodeJS.Timeout | null = null;
    const poll = kill
      ? setInterval(() => {
          if (!kill.started()) return;
          clearInterval(poll!);
          timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
        }, 2)
      : null;
    child.on('close', (code, signal) => {
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

/** Every file under `dir`, relative path → content. */
function snapshot(dir: string, rel = '', out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, entry.name);
    if (entry.isDirectory()) snapshot(dir, name, out);
    else out.set(name, readFileSync(path.join(dir, name), 'utf8'));
  }
  return out;
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.export-\d+-[0-9a-f]+\.(tmp|old)$/.test(f));
}

function sameExport(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    // brat and csv outputs are deterministic except nothing; compare whole files.
    if (b.get(k) !== v) return false;
  }
  return true;
}

test(`SIGKILL during export (brat folder, csv file): the output is complete or absent, never partial (${TRIALS} trials per format)`, { timeout: 900_000 }, async () => {
  const cli = await cliBundle();
  const docs = path.join(base, 'docs');
  await corpus(docs, 40, 120);
  const outs = path.join(base, 'out');
  mkdirSync(outs);
  // Reference outputs, and how long an export takes here.
  const t0 = Date.now();
  assert.equal((await runCli(cli, ['export', docs, '--format', 'brat', '--out', path.join(outs, 'ref-brat')], null)).code, 0);
  const bratMs = Date.now() - t0;
  assert.equal((await runCli(cli, ['export', docs, '--format', 'csv', '--out', path.join(outs, 'ref.csv')], null)).code, 0);
  const t1 = Date.now();
  await runCli(cli, ['--version'], null);
  const startMs = Date.now() - t1;
  const refBrat = snapshot(path.join(outs, 'ref-brat'));
  const refCsv = readFileSync(path.join(outs, 'ref.csv'), 'utf8');
  let formerKept = 0;
  let leftBehind = 0;
  let kills = 0;
  let partial = 0;
  let complete = 0;
  let absent = 0;
  for (let t = 0; t < TRIALS * 2; t++) {
    const brat = t % 2 === 0;
    const out = path.join(outs, brat ? 'brat' : 'out.csv');
    // Half the trials replace a former export, half write a new one.
    rmSync(out, { recursive: true, force: true });
    if (t % 4 < 2) cpSync(path.join(outs, brat ? 'ref-brat' : 'ref.csv'), out, { recursive: true });
    // Killed once it has started writing (its temp is there), somewhere in the writing.
    const afterMs = Math.round(Math.max(0, bratMs - startMs) * (((t * 7919) % 100) / 100) * 0.5);
    const r = await runCli(cli, ['export', docs, '--format', brat ? 'brat' : 'csv', '--out', out], { started: () => leftovers(outs).length > 0, afterMs });
    if (r.signal === 'SIGKILL') kills++;
    if (t % 4 < 2 && existsSync(out)) formerKept++;
    leftBehind += leftovers(outs).length; // removed by the next run
    if (!existsSync(out)) absent++;
    else if (brat ? sameExport(snapshot(out), refBrat) : readFileSync(out, 'utf8') === refCsv) complete++;
    else partial++;
  }
  // The next run cleans up after the killed ones.
  for (const format of ['brat', 'csv']) {
    const r = await runCli(cli, ['export', docs, '--format', format, '--out', path.join(outs, format === 'brat' ? 'brat' : 'out.csv')], null);
    assert.equal(r.code, 0, r.stderr);
  }
  assert.deepEqual(leftovers(outs), [], 'the temps of killed runs are removed');
  assert.ok(sameExport(snapshot(path.join(outs, 'brat')), refBrat));
  assert.equal(statSync(path.join(outs, 'out.csv')).isFile(), true);
  console.log(`# kill: export: ${TRIALS * 2} trials (brat and csv), ${kills} killed mid-run, ${partial} partial outputs, ${complete} complete, ${absent} absent (${formerKept} of ${TRIALS} replacing a former export found it or the new one complete); ${leftBehind} temps left by killed runs, each removed by the next run`);
  assert.equal(partial, 0);
  assert.ok(kills > 0, 'some runs were killed mid-way');
});
