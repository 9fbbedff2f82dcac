/**
 * Scaling of `reanchorAll`: documents (news articles one after another) from 10 KB with 100
 * annotations to 10 MB with 100,000,
 * after 2 % random typo/word edits (all generated at once on the original, then applied in one
 * pass), and the stress case of 100,000 annotations in 1 MB after a one-character insert at the
 * top, on news text and on a repetitive text. Each case runs in a child process so that its
 * peak memory (max RSS) is its own: `node --import tsx bench/anchor/scale.ts CASE`.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeTarget, reanchorAll, type AnchorResult, type AnchorTarget } from '../../src/core/annotations/anchor';
import { makeArticle } from '../corpus';
import { Random } from '../prng';
import { classify, startTruth, track, type Edit, type Truth } from './truth';

export interface ScaleCase {
  name: string;
  length: number;
  annotations: number;
  /** `edits`: 2 % random edits; `top`: one character inserted at offset 0. */
  change: 'edits' | 'top';
  repetitive?: boolean;
}

export const SERIES: ScaleCase[] = [
  { name: '10 KB, 100 annotations', length: 10_000, annotations: 100, change: 'edits' },
  { name: '100 KB, 1,000 annotations', length: 100_000, annotations: 1_000, change: 'edits' },
  { name: '1 MB, 10,000 annotations', length: 1_000_000, annotations: 10_000, change: 'edits' },
  { name: '10 MB, 100,000 annotations', length: 10_000_000, annotations: 100_000, change: 'edits' },
];
export const STRESS: ScaleCase[] = [
  { name: '1 MB, 100,000 annotations, one character inserted at the top', length: 1_000_000, annotations: 100_000, change: 'top' },
  { name: 'the same on a repetitive text (one 3 KB article repeated)', length: 1_000_000, annotations: 100_000, change: 'top', repetitive: true },
];

export interface ScaleResult {
  name: string;
  /** CPU time of reanchorAll (wall-clock time in `wallMs`). */
  ms: number;
  wallMs: number;
  usPerAnnotation: number;
  maxRssMB: number;
  correct: number;
  misplaced: number;
  lost: number;
}

function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Word-aligned spans of 1–30 words at random places (overlaps and duplicates allowed). */
export function randomSpans(rng: Random, text: string, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (out.length < count) {
    let s = rng.int(0, text.length - 2);
    while (s > 0 && isWord(text.charCodeAt(s - 1))) s--;
    while (s < text.length && !isWord(text.charCodeAt(s))) s++;
    let e = s;
    for (let w = rng.pick([1, 2, 3, 5, 8, 12, 18, 30]); w > 0 && e < text.length; w--) {
      while (e < text.length && !isWord(text.charCodeAt(e))) e++;
      while (e < text.length && isWord(text.charCodeAt(e))) e++;
    }
    if (e > s) out.push([s, e]);
  }
  return out;
}

/** Non-overlapping random edits of `share` of the text, ascending, in the original's offsets. */
function batchEdits(rng: Random, text: string, share: number): Edit[] {
  const count = Math.max(1, Math.round((share * text.length) / 6));
  const starts = Array.from({ length: count }, () => rng.int(0, text.length - 1)).sort((a, b) => a - b);
  const out: Edit[] = [];
  let floor = 0;
  for (const at of starts) {
    if (at < floor) continue;
    const size = rng.int(1, 8);
    const kind = rng.int(0, 2);
    const end = kind === 0 ? at : Math.min(text.length, at + size);
    const typed = kind === 1 ? '' : 'etaoin shrdlu'.slice(0, size);
    out.push({ start: at, end, text: typed });
    floor = end + 1;
  }
  return out;
}

/** Applies ascending, non-overlapping edits at once; tracks each span through the edits near it. */
function applyBatch(text: string, edits: Edit[], spans: Array<[number, number]>): { text: string; truths: Truth[] } {
  const parts: string[] = [];
  let at = 0;
  const before: number[] = [0]; // before[i]: total length change of edits[0, i)
  for (const e of edits) {
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
    before.push(before[before.length - 1]! + e.text.length - (e.end - e.start));
  }
  parts.push(text.slice(at));
  const firstEnding = (x: number): number => {
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edits[mid]!.end < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const truths = spans.map(([s, e]) => {
    const lo = firstEnding(s - 40);
    let t = startTruth({ start: s, end: e });
    // Edits near the span, from the last, in the original's offsets; then the shift of all before.
    let hi = lo;
    while (hi < edits.length && edits[hi]!.start <= e + 40) hi++;
    for (let i = hi - 1; i >= lo; i--) t = track(t, edits[i]!);
    return { ...t, start: t.start + before[lo]!, end: t.end + before[lo]! };
  });
  return { text: parts.join(''), truths };
}

/** News text of about `length` characters: articles of 3–30 KB one after another (an archive), or one repeated. */
function documentFor(c: ScaleCase, rng: Random): string {
  if (!c.repetitive) {
    const parts: string[] = [];
    for (let size = 0, i = 0; size < c.length; i++) {
      const a = makeArticle(rng, i, Math.min(c.length - size, rng.int(3_000, 30_000))).text;
      parts.push(a);
      size += a.length;
    }
    return parts.join('\n').slice(0, c.length);
  }
  const block = makeArticle(rng, 0, 3000).text;
  return block.repeat(Math.ceil(c.length / block.length)).slice(0, c.length);
}

/** Runs one case in this process (after a small warm-up case, so that the code is compiled). */
/** Short cases are repeated until this much CPU time has been measured (at most MAX_RUNS runs). */
const MIN_TIMED_MS = 300;
const MAX_RUNS = 200;

export function runCase(c: ScaleCase, seed = 20240125, warm = true): ScaleResult {
  if (warm) runCase(SERIES[1]!, seed + 1, false);
  const rng = new Random(seed);
  const original = documentFor(c, rng);
  const spans = randomSpans(rng, original, c.annotations);
  const targets: AnchorTarget[] = spans.map(([s, e]) => makeTarget(original, s, e));
  const edits = c.change === 'top' ? [{ start: 0, end: 0, text: 'x' }] : batchEdits(rng, original, 0.02);
  const { text, truths } = applyBatch(original, edits, spans);
  // Every case is timed warm (after a 100 KB case) and, when one run is short, over repeated runs until
  // MIN_TIMED_MS of CPU time: the mean per run counts, garbage collection included as in the long runs.
  let cpuTotal = 0;
  let wallTotal = 0;
  let runs = 0;
  let results: AnchorResult[] = [];
  while (runs === 0 || (cpuTotal < MIN_TIMED_MS && runs < MAX_RUNS)) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    results = reanchorAll(text, targets, { oldLength: original.length });
    wallTotal += performance.now() - started;
    const used = process.cpuUsage(cpu);
    cpuTotal += (used.user + used.system) / 1000;
    runs++;
  }
  const ms = cpuTotal / runs;
  const wallMs = wallTotal / runs;
  let correct = 0;
  let misplaced = 0;
  let lost = 0;
  results.forEach((r, i) => {
    const v = classify(text, truths[i]!, r, targets[i]!);
    if (v === 'correct' || v === 'partial' || v === 'recreated') correct++;
    else if (v === 'misplaced') misplaced++;
    else lost++;
  });
  const pct = (n: number): number => (100 * n) / results.length;
  return {
    name: c.name,
    ms,
    wallMs,
    usPerAnnotation: (1000 * ms) / c.annotations,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    correct: pct(correct),
    misplaced: pct(misplaced),
    lost: pct(lost),
  };
}

/** Runs one case in a child process (its own heap and peak memory). */
export function runCaseIsolated(c: ScaleCase): ScaleResult {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', self, JSON.stringify(c)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as ScaleResult;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(runCase(JSON.parse(process.argv[2]!) as ScaleCase)));
}
