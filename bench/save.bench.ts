/**
 * Saving a sidecar: serialise (stable JSON) + atomic write (temp file, fsync, rename) of a
 * sidecar with 1,000 annotations, one annotation changed before each save, 200+ saves.
 * Target: p95 ≤ 20 ms. Standalone: `node --import tsx bench/save.bench.ts [--saves N]`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNodeSidecarFs } from '../src/cli/node-fs';
import { makeTarget } from '../src/core/annotations/anchor';
import { writeFileAtomic } from '../src/core/annotations/atomic';
import { createSidecar, describeDocument, encodeSidecar, newAnnotation } from '../src/core/annotations/sidecar';
import type { Sidecar } from '../src/core/annotations/schema';
import { generateDocument, generateSpans } from './anchor.bench';
import type { Bench } from './harness';
import { Random } from './prng';

export const TARGET_P95_MS = 20;

export interface SaveBenchResult {
  saves: number;
  annotations: number;
  bytes: number;
  /** Serialise + write, per save. */
  p50: number;
  p95: number;
  max: number;
  /** Serialisation alone (p50), to tell CPU from disk. */
  serializeP50: number;
  ok: boolean;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const TAGS = ['claim', 'quote', 'source'] as const;

export async function sampleSidecar(random: Random, annotations: number): Promise<Sidecar> {
  const vocab = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36)}`);
  const text = generateDocument(random, 100_000, vocab);
  const spans = generateSpans(random, text, annotations);
  const document = await describeDocument('000_960fc4c8afcb4f95.txt', text, 'https://news.example/a/b.html');
  return createSidecar(
    document,
    spans.map((s, i) => {
      const tag = TAGS[i % 3]!;
      const attributes: Record<string, unknown> =
        tag === 'claim'
          ? { checkworthy: 'yes', type: 'statistic', verdict: 'mostly-true', evidence: [`https://example.org/evidence/${i}`] }
          : tag === 'quote'
            ? { speaker: 'Jane Doe', cue: 'said' }
            : { kind: 'named-person' };
      return newAnnotation({
        tag,
        target: makeTarget(text, s.start, s.end),
        attributes,
        note: random.chance(0.3) ? 'Checked against the original report; figures match the 2023 budget.' : '',
        author: 'bench',
        now: new Date(Date.UTC(2024, 4, 1, 12, 0, i % 60)),
      });
    }),
  );
}

export async function run(options: { saves?: number; log?: (line: string) => void } = {}): Promise<SaveBenchResult> {
  const saves = Math.max(200, options.saves ?? 300);
  const log = options.log ?? ((line: string) => console.log(line));
  const random = new Random(20240501);
  const sidecar = await sampleSidecar(random, 1000);
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-save-bench-'));
  const file = path.join(dir, '000_960fc4c8afcb4f95.txt.annotations.json');
  const fs = createNodeSidecarFs();
  const times: number[] = [];
  const serializeTimes: number[] = [];
  try {
    for (let i = -10; i < saves; i++) {
      // An edit between saves, as in use: change one annotation's note.
      const a = sidecar.annotations[random.int(0, sidecar.annotations.length - 1)]!;
      a.note = `edited ${i}`;
      a.modified = new Date(Date.UTC(2024, 4, 2, 0, 0, 0, i + 10)).toISOString();
      const t0 = performance.now();
      const data = encodeSidecar(sidecar);
      const t1 = performance.now();
      await writeFileAtomic(fs, file, data);
      const t2 = performance.now();
      if (i >= 0) {
        times.push(t2 - t0);
        serializeTimes.push(t1 - t0);
      }
    }
    const bytes = statSync(file).size;
    times.sort((x, y) => x - y);
    serializeTimes.sort((x, y) => x - y);
    const result: SaveBenchResult = {
      saves,
      annotations: sidecar.annotations.length,
      bytes,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1]!,
      serializeP50: percentile(serializeTimes, 50),
      ok: false,
    };
    result.ok = result.p95 <= TARGET_P95_MS;
    log(
      `save: ${result.annotations} annotations (${(bytes / 1024).toFixed(0)} KiB), ${saves} saves: ` +
        `p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms (target ≤ ${TARGET_P95_MS}), max ${result.max.toFixed(2)} ms; ` +
        `serialise alone p50 ${result.serializeP50.toFixed(2)} ms: ${result.ok ? 'PASS' : 'FAIL'}`,
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const saveBench: Bench = {
  name: 'save',
  async run({ log }) {
    await run({ log });
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--saves');
  void run({ saves: i >= 0 ? Number(process.argv[i + 1]) : undefined }).then((result) => {
    process.exitCode = result.ok ? 0 : 1;
  });
}
