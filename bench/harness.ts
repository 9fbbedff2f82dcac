/** Timing helpers shared by the benches: round-robin repetitions, MB/s, best and median. */
import type { Corpus } from './corpus';

export interface BenchContext {
  corpus: Corpus;
  reps: number;
  log(line: string): void;
}

/** One bench module; list it in bench/run.ts. */
export interface Bench {
  name: string;
  run(context: BenchContext): void | Promise<void>;
}

export interface Workload {
  name: string;
  /** Bytes processed by one run. */
  bytes: number;
  /** Does the work once; returns a number derived from the results so nothing is optimized away. */
  run(): number;
}

export interface Timing {
  name: string;
  /** MB/s (10^6 bytes per second) of each repetition. */
  rates: number[];
  best: number;
  median: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs the workloads in turn, `reps` times each after one warm-up round, and times every run. */
export function measure(workloads: readonly Workload[], reps: number): Timing[] {
  const rates = workloads.map(() => [] as number[]);
  let sink = 0;
  for (let rep = -1; rep < reps; rep++) {
    workloads.forEach((workload, i) => {
      const started = process.hrtime.bigint();
      sink += workload.run();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (rep >= 0) rates[i]!.push(workload.bytes / 1e6 / seconds);
    });
  }
  if (Number.isNaN(sink)) console.log('unreachable');
  return workloads.map((w, i) => ({
    name: w.name,
    rates: rates[i]!,
    best: Math.max(...rates[i]!),
    median: median(rates[i]!),
  }));
}

export function formatTiming(t: Timing): string {
  return `${t.name.padEnd(34)} best ${t.best.toFixed(1).padStart(7)} MB/s   median ${t.median.toFixed(1).padStart(7)} MB/s`;
}
