/**
 * Benchmarks: `npm run bench [-- --docs N] [--reps N] [--seed N] [--only NAME] [--keep]`.
 * Writes a synthetic corpus to a temporary folder, runs each bench module, removes the folder.
 * To add a bench, write `bench/<name>.bench.ts` exporting a `Bench` and list it below.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus';
import type { Bench } from './harness';
import { agreementBench } from './agreement.bench';
import { anchorBench } from './anchor.bench';
import { exportBench } from './export.bench';
import { mergeDriverBench } from './mergeDriver.bench';
import { parseBench } from './parse.bench';
import { saveBench } from './save.bench';
import { suggestBench } from './suggest.bench';
import { vscodeBench } from './vscode.bench';

const benches: Bench[] = [suggestBench, parseBench, anchorBench, saveBench, vscodeBench, exportBench, mergeDriverBench, agreementBench];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

async function main(): Promise<void> {
  const docs = option('docs', 10_000);
  const reps = option('reps', 7);
  const seed = option('seed', 20240125);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-bench-'));
  try {
    const corpus = writeCorpus(dir, docs, seed);
    const mb = (corpus.bytes / 1e6).toFixed(1);
    console.log(`corpus: ${docs} documents, ${mb} MB (avg ${Math.round(corpus.bytes / docs)} B) in ${dir}`);
    console.log(`node ${process.version}, ${reps} repetitions after one warm-up\n`);
    for (const bench of benches) {
      if (only !== undefined && bench.name !== only) continue;
      console.log(`## ${bench.name}`);
      await bench.run({ corpus, reps, log: (line) => console.log(line) });
      console.log('');
    }
  } finally {
    if (process.argv.includes('--keep')) console.log(`corpus kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
