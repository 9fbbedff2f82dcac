/**
 * The git merge driver on a 1,000-annotation sidecar: both sides changed 100 annotations each (10 of them the same
 * field, kept in two versions) and added 50. Timed in process (read the three texts, merge by id, validate,
 * serialise; CPU time, so a loaded machine does not inflate it) and, when dist/cli.js is built, as git runs it (a process per file, writing OURS).
 * Standalone: `node --import tsx bench/mergeDriver.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serializeSidecar, newAnnotation } from '../src/core/annotations/sidecar';
import type { Annotation, Sidecar } from '../src/core/annotations/schema';
import { mergeSidecarTexts } from '../src/core/team/mergeDriver';
import type { Bench } from './harness';
import { Random } from './prng';
import { sampleSidecar } from './save.bench';

/** Target for one driver run on a 1,000-annotation sidecar, process start included. */
export const TARGET_PROCESS_MS = 1000;

function edited(base: Sidecar, random: Random, from: number, author: string, change: (a: Annotation, i: number) => Annotation): Sidecar {
  const annotations = base.annotations.map((a, i) => (i >= from && i < from + 100 ? change(a, i) : a));
  for (let k = 0; k < 50; k++) {
    const model = base.annotations[random.int(0, base.annotations.length - 1)]!;
    annotations.push(newAnnotation({ tag: 'claim', target: model.target, author }));
  }
  return { ...base, annotations };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function run(log: (line: string) => void = console.log, reps = 30): Promise<{ p50: number; p95: number; processMs: number | null }> {
  const random = new Random(20261205);
  const base = await sampleSidecar(random, 1000);
  const later = '2026-12-05T00:00:00.000Z';
  const ours = edited(base, random, 0, 'alice', (a) => ({ ...a, note: `ours ${a.id.slice(0, 4)}`, modified: later }));
  const theirs = edited(base, random, 90, 'bob', (a, i) => ({ ...a, attributes: { ...a.attributes, reviewed: 'yes' }, ...(i < 100 ? { note: 'theirs' } : {}), modified: later }));
  const texts = { base: serializeSidecar(base), ours: serializeSidecar(ours), theirs: serializeSidecar(theirs) };
  const times: number[] = [];
  let conflicts = 0;
  for (let i = -3; i < reps; i++) {
    const started = process.cpuUsage();
    const r = mergeSidecarTexts(texts, 'bench.annotations.json');
    const used = process.cpuUsage(started);
    const ms = (used.user + used.system) / 1000;
    if (!r.ok) throw new Error('merge failed');
    conflicts = r.conflicts.length;
    if (i >= 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  log(`1,000-annotation sidecar (${(texts.ours.length / 1e3).toFixed(0)} kB), 2×100 changed + 2×50 added, ${conflicts} conflicts`);
  log(`  in process, CPU time (parse ×3, merge, validate, serialise): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  const cli = path.resolve(import.meta.dirname ?? __dirname, '../dist/cli.js');
  let processMs: number | null = null;
  if (existsSync(cli)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-driver-bench-'));
    try {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
        const started = performance.now();
        const r = spawnSync(process.execPath, [cli, 'merge-driver', path.join(dir, 'base'), path.join(dir, 'ours'), path.join(dir, 'theirs')]);
        runs.push(performance.now() - started);
        if (r.status !== 1) throw new Error(`merge-driver exited ${r.status}: ${r.stderr}`);
      }
      processMs = Math.min(...runs);
      log(`  as git runs it (node dist/cli.js merge-driver, wall clock, best of 5): ${processMs.toFixed(0)} ms (target ≤ ${TARGET_PROCESS_MS} ms)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    log('  (npm run build first to time the driver as a process)');
  }
  return { p50, p95, processMs };
}

export const mergeDriverBench: Bench = {
  name: 'merge-driver',
  async run({ log }) {
    await run(log);
  },
};

if (process.argv[1]?.endsWith('mergeDriver.bench.ts')) void run();
