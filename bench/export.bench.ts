/**
 * Export: 100,000 annotations over 10,000 documents, in every format, written to a file (brat: a folder).
 * Reports annotations/s, the ratio to a plain `JSON.stringify` + write of the same annotation objects (one
 * per line, through the same writer), and peak memory (max RSS, and the largest heap seen) of a fresh process
 * exporting N and 2N documents: a streaming export stays flat as the corpus doubles.
 * Documents are produced one at a time from a pool of 500 generated ones (new file names), so the source
 * itself holds no corpus. Targets (jsonl): ≥ 200,000 annotations/s, ≤ 3× the plain write.
 * Standalone: `node --import tsx bench/export.bench.ts [--docs N] [--reps N]`.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTarget } from '../src/core/annotations/anchor';
import type { Annotation } from '../src/core/annotations/schema';
import { newAnnotation } from '../src/core/annotations/sidecar';
import { exportFiles, exportText, type TextFormat } from '../src/core/exchange/export/index';
import { EXPORT_FORMATS, newStats, sourceOf, type ExportDocument, type ExportFormat } from '../src/core/exchange/model';
import { makeDocument } from './corpus';
import type { Bench } from './harness';
import { Random } from './prng';

export const TARGET_JSONL_PER_SECOND = 200_000;
export const TARGET_RATIO = 3;
const POOL = 500;
const TAGS = ['claim', 'quote', 'source'] as const;

interface PoolDoc {
  text: string;
  source: string | null;
  annotations: Annotation[];
}

function isSurrogateSplit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff;
}

function buildPool(perDoc: number, seed: number): PoolDoc[] {
  const rng = new Random(seed);
  const pool: PoolDoc[] = [];
  for (let d = 0; d < POOL; d++) {
    let text = makeDocument(rng, d, rng.int(2000, 3400));
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const annotations: Annotation[] = [];
    for (let i = 0; i < perDoc; i++) {
      let start = rng.int(200, text.length - 200);
      let end = Math.min(text.length, start + rng.int(20, 140));
      if (isSurrogateSplit(text, start)) start++;
      if (isSurrogateSplit(text, end)) end++;
      const tag = TAGS[i % 3]!;
      const attributes: Record<string, unknown> =
        tag === 'claim'
          ? { checkworthy: rng.pick(['yes', 'no', 'unsure']), type: 'statistic', verdict: rng.pick(['unverified', 'true', 'false', 'mixed']), evidence: [`https://example.org/evidence/${d}/${i}`] }
          : tag === 'quote'
            ? { speaker: 'Jane Doe', cue: 'said' }
            : { kind: 'named-person' };
      annotations.push(
        newAnnotation({
          tag,
          target: makeTarget(text, start, end),
          attributes,
          note: rng.chance(0.3) ? 'Checked against the original report, "figures match"; see the 2023 budget.' : '',
          author: 'bench',
          id: `${d.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
          now: new Date(Date.UTC(2024, 4, 1, 12, 0, i % 60)),
        }),
      );
    }
    pool.push({ text, source: sourceOf(text), annotations });
  }
  return pool;
}

/** `docs` documents, made one at a time from the pool. */
function source(pool: readonly PoolDoc[], docs: number): () => AsyncIterable<ExportDocument> {
  return async function* () {
    for (let i = 0; i < docs; i++) {
      const p = pool[i % pool.length]!;
      const file = `${String(i).padStart(6, '0')}_${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}.txt`;
      yield { file, uri: `file:///bench/${file}`, text: p.text, source: p.source, annotations: p.annotations };
    }
  };
}

/** Blocks of ~64 KB written synchronously to a file. */
class Sink {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  private readonly fd: number;

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 65536) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    this.bytes += writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

let heapPeak = 0;
function sampleHeap(): void {
  const h = process.memoryUsage().heapUsed;
  if (h > heapPeak) heapPeak = h;
}

/** One export; returns the annotations written and the seconds taken. */
async function exportOnce(format: ExportFormat, docs: () => AsyncIterable<ExportDocument>, out: string, sample = false): Promise<{ annotations: number; seconds: number }> {
  const stats = newStats();
  const started = process.hrtime.bigint();
  const onDocument = sample ? (_: ExportDocument) => void (stats.documents % 200 === 0 && sampleHeap()) : undefined;
  if (format === 'brat') {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for await (const file of exportFiles('brat', docs(), { stats, ...(onDocument ? { onDocument } : {}) })) writeFileSync(path.join(out, file.path), file.content);
  } else {
    const sink = new Sink(out);
    const options = { stats, ...(onDocument ? { onDocument } : {}), ...(format === 'csv' ? { attributeIds: ['checkworthy', 'type', 'verdict', 'evidence', 'speaker', 'cue', 'kind'] } : {}) };
    for await (const chunk of exportText(format as TextFormat, docs, options)) sink.write(chunk);
    sink.close();
  }
  return { annotations: stats.annotations, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The baseline: JSON.stringify of each annotation object with its file and source, one per line, same writer. */
async function plainOnce(docs: () => AsyncIterable<ExportDocument>, out: string): Promise<{ annotations: number; seconds: number }> {
  const started = process.hrtime.bigint();
  const sink = new Sink(out);
  let n = 0;
  for await (const doc of docs()) {
    for (const a of doc.annotations) {
      sink.write(`${JSON.stringify({ file: doc.file, source: doc.source, ...a })}\n`);
      n++;
    }
  }
  sink.close();
  return { annotations: n, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export interface ExportBenchResult {
  docs: number;
  annotations: number;
  /** Best annotations/s of each format. */
  rates: Record<string, number>;
  plainRate: number;
  /** Best time of each format over the best plain time. */
  ratios: Record<string, number>;
  /** Peak memory (MB) exporting N and 2N documents in a fresh process. */
  memory: Record<string, { rss: [number, number]; heap: [number, number] }>;
  ok: boolean;
}

const SELF = fileURLToPath(import.meta.url);

/** Peak RSS and heap of a fresh process exporting `docs` documents. */
function measureChild(format: ExportFormat, docs: number, perDoc: number): { rss: number; heap: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', format, String(docs), String(perDoc)], { encoding: 'utf8', cwd: path.dirname(SELF) });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as { rss: number; heap: number };
  } catch {
    throw new Error(`memory probe for ${format} failed: ${r.stderr.slice(0, 400)}`);
  }
}

async function child(format: ExportFormat, docs: number, perDoc: number): Promise<void> {
  const pool = buildPool(perDoc, 20240601);
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-export-mem-'));
  try {
    heapPeak = 0;
    sampleHeap();
    await exportOnce(format, source(pool, docs), path.join(dir, 'out'), true);
    sampleHeap();
    const rss = process.resourceUsage().maxRSS / 1024; // KB → MB
    console.log(JSON.stringify({ rss, heap: heapPeak / 2 ** 20 }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(options: { docs?: number; perDoc?: number; reps?: number; memory?: boolean; log?: (line: string) => void } = {}): Promise<ExportBenchResult> {
  const docs = options.docs ?? 10_000;
  const perDoc = options.perDoc ?? 10;
  const reps = Math.max(1, Math.min(options.reps ?? 3, 5));
  const log = options.log ?? ((line: string) => console.log(line));
  const pool = buildPool(perDoc, 20240601);
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-export-bench-'));
  const result: ExportBenchResult = { docs, annotations: docs * perDoc, rates: {}, plainRate: 0, ratios: {}, memory: {}, ok: false };
  try {
    const docsOf = source(pool, docs);
    let plainBest = Infinity;
    const best: Record<string, number> = {};
    const counts: Record<string, number> = {};
    for (let rep = -1; rep < reps; rep++) {
      const plain = await plainOnce(docsOf, path.join(dir, 'plain.jsonl'));
      if (rep >= 0) plainBest = Math.min(plainBest, plain.seconds);
      for (const format of EXPORT_FORMATS) {
        const r = await exportOnce(format, docsOf, path.join(dir, `out.${format}`));
        counts[format] = r.annotations;
        if (rep >= 0) best[format] = Math.min(best[format] ?? Infinity, r.seconds);
      }
    }
    result.plainRate = result.annotations / plainBest;
    log(`plain JSON.stringify + write: ${Math.round(result.plainRate).toLocaleString('en')} annotations/s (${(plainBest * 1000).toFixed(0)} ms for ${result.annotations.toLocaleString('en')})`);
    for (const format of EXPORT_FORMATS) {
      const seconds = best[format]!;
      result.rates[format] = counts[format]! / seconds;
      result.ratios[format] = seconds / plainBest;
      const written = counts[format] === result.annotations ? '' : ` (${counts[format]!.toLocaleString('en')} written: only what the format carries)`;
      log(
        `${format.padEnd(12)} ${(seconds * 1000).toFixed(0).padStart(6)} ms  ${Math.round(result.annotations / seconds).toLocaleString('en').padStart(10)} annotations/s  ` +
          `${result.ratios[format]!.toFixed(2)}× plain${written}`,
      );
    }
    if (options.memory !== false) {
      for (const format of EXPORT_FORMATS) {
        const a = measureChild(format, docs, perDoc);
        const b = measureChild(format, docs * 2, perDoc);
        result.memory[format] = { rss: [a.rss, b.rss], heap: [a.heap, b.heap] };
        log(
          `memory ${format.padEnd(12)} max RSS ${a.rss.toFixed(0)} → ${b.rss.toFixed(0)} MB, heap peak ${a.heap.toFixed(1)} → ${b.heap.toFixed(1)} MB ` +
            `(${docs.toLocaleString('en')} → ${(docs * 2).toLocaleString('en')} documents)`,
        );
      }
    }
    const jsonlRate = result.annotations / best.jsonl!;
    result.ok = jsonlRate >= TARGET_JSONL_PER_SECOND && result.ratios.jsonl! <= TARGET_RATIO;
    log(`jsonl: ${Math.round(jsonlRate).toLocaleString('en')}/s (target ≥ ${TARGET_JSONL_PER_SECOND.toLocaleString('en')}), ${result.ratios.jsonl!.toFixed(2)}× plain (target ≤ ${TARGET_RATIO}): ${result.ok ? 'PASS' : 'FAIL'}`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const exportBench: Bench = {
  name: 'export',
  async run({ reps, log }) {
    await run({ reps: Math.min(reps, 3), log });
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  if (process.argv.includes('--child')) {
    const i = process.argv.indexOf('--child');
    void child(process.argv[i + 1] as ExportFormat, Number(process.argv[i + 2]), Number(process.argv[i + 3]));
  } else {
    void run({ docs: Number(arg('--docs') ?? 10_000), reps: Number(arg('--reps') ?? 3), memory: !process.argv.includes('--no-memory') }).then((r) => {
      process.exitCode = r.ok ? 0 : 1;
    });
  }
}
