/**
 * Re-anchoring after the document changed on disk: 1,000 annotations in a generated 100 KB
 * document, then random edits amounting to ~10 % of its characters (typo fixes, words and
 * sentences inserted, deleted or replaced), then `reanchorAll` against the new text.
 * The true place of every annotation is tracked through the edits (`mapSpan`), and each result
 * is classed as correct, misplaced or orphaned (see `classify`).
 * Targets: ≤ 200 ms, ≥ 97 % correct, ≤ 0.5 % misplaced.
 * Standalone: `node --import tsx bench/anchor.bench.ts [--seed N] [--rounds N]`.
 */
import { makeTarget, mapSpan, maxErrors, reanchorAll, type AnchorResult, type AnchorTarget, type EditedSpan } from '../src/core/annotations/anchor';
import type { Bench } from './harness';
import { Random } from './prng';

export const TARGET_MS = 200;
export const TARGET_CORRECT = 97;
export const TARGET_MISPLACED = 0.5;

const FUNCTION_WORDS = ['the', 'of', 'and', 'to', 'a', 'in', 'that', 'is', 'for', 'on', 'said', 'with', 'was', 'as', 'it', 'by', 'at', 'from', 'he', 'she', 'they', 'has', 'have', 'not', 'but', 'be', 'an', 'are', 'this', 'which'];
const SYLLABLES = ['ba', 'con', 'de', 'fi', 'gra', 'hu', 'in', 'jo', 'ka', 'lo', 'men', 'no', 'pre', 'qua', 'ri', 'sta', 'tu', 'vi', 'wor', 'xe', 'yo', 'zel', 'ment', 'tion', 'er', 'ly', 'al', 'ist', 'ous', 'ing'];

function vocabulary(random: Random, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    let w = '';
    for (let i = random.int(1, 4); i > 0; i--) w += random.pick(SYLLABLES);
    words.add(w);
  }
  return [...words];
}

/** A word: function words half the time, else Zipf-like over the vocabulary. */
function word(random: Random, vocab: readonly string[]): string {
  if (random.chance(0.45)) return random.pick(FUNCTION_WORDS);
  const r = random.next();
  return vocab[Math.floor(vocab.length * r * r * r)]!;
}

function sentence(random: Random, vocab: readonly string[]): string {
  const n = random.int(6, 28);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(word(random, vocab));
  let s = words.join(' ');
  s = s[0]!.toUpperCase() + s.slice(1);
  if (random.chance(0.2)) s = `“${s},” ${random.pick(['he', 'she', 'they'])} said`;
  if (random.chance(0.1)) s = s.replace(' ', ', ');
  return `${s}${random.pick(['.', '.', '.', '?', '!'])}`;
}

export function generateDocument(random: Random, length: number, vocab: readonly string[]): string {
  const parts: string[] = ['Source: https://news.example/a/b.html\n\nA generated headline\n\n'];
  let size = parts[0]!.length;
  while (size < length) {
    const paragraph: string[] = [];
    for (let i = random.int(1, 6); i > 0; i--) paragraph.push(sentence(random, vocab));
    const p = `${paragraph.join(' ')}\n\n`;
    parts.push(p);
    size += p.length;
  }
  return parts.join('').slice(0, length);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Random word-aligned spans: a third short (1–2 words), a third phrases, a third sentences. */
export function generateSpans(random: Random, text: string, count: number): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  while (spans.length < count) {
    let start = random.int(0, text.length - 2);
    while (start > 0 && isWordChar(text[start - 1])) start--;
    while (start < text.length && !isWordChar(text[start])) start++;
    const words = random.pick([1, 1, 2, 3, 4, 6, 8, 10, 14, 18, 24, 30]);
    let end = start;
    for (let w = 0; w < words && end < text.length; w++) {
      while (end < text.length && !isWordChar(text[end])) end++;
      while (end < text.length && isWordChar(text[end])) end++;
    }
    if (end > start && end <= text.length) spans.push({ start, end });
  }
  return spans;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One random edit of `text`: typo-sized, word-sized or sentence-sized insert/delete/replace. */
export function randomEdit(random: Random, text: string, vocab: readonly string[]): Edit {
  const r = random.next();
  const size = r < 0.6 ? random.int(1, 4) : r < 0.9 ? random.int(4, 16) : random.int(30, 150);
  const kind = random.pick(['insert', 'delete', 'replace'] as const);
  const start = random.int(0, text.length);
  const end = kind === 'insert' ? start : Math.min(text.length, start + size);
  let inserted = '';
  if (kind !== 'delete') {
    if (size < 4) {
      for (let i = 0; i < size; i++) inserted += random.pick([...'abcdefghijklmnopqrstuvwxyz ,.']);
    } else {
      while (inserted.length < size) inserted += `${word(random, vocab)} `;
    }
  }
  return { start, end, text: inserted };
}

export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** The true place of an annotation after the edits, and how much editing touched it. */
export interface Truth extends EditedSpan {
  /** Characters deleted + inserted by edits that changed the span's text. */
  touched: number;
  /** Characters deleted + inserted by edits within 32 characters of the span (inside included). */
  nearby: number;
}

export function startTruth(span: { start: number; end: number }): Truth {
  return { start: span.start, end: span.end, state: 'unchanged', touched: 0, nearby: 0 };
}

const NEAR = 32;

/**
 * The true place after one more edit. Text typed where an annotation's text was deleted (at
 * or next to the gap) counts as its replacement: the deleted region grows to cover it, so
 * that "delete a word, type another" is judged like one replacement.
 */
export function track(truth: Truth, edit: Edit): Truth {
  let next: EditedSpan;
  if (truth.state === 'deleted' && edit.start <= truth.end && edit.end >= truth.start) {
    const delta = edit.text.length - (edit.end - edit.start);
    const mappedEnd = edit.end <= truth.end ? truth.end + delta : edit.start + edit.text.length;
    next = { start: Math.min(truth.start, edit.start), end: Math.max(mappedEnd, edit.start + edit.text.length), state: 'deleted' };
  } else {
    next = mapSpan(truth, edit);
  }
  const size = edit.end - edit.start + edit.text.length;
  const inside =
    edit.start === edit.end ? edit.start > truth.start && edit.start < truth.end : edit.start < truth.end && edit.end > truth.start;
  const near = edit.end >= truth.start - NEAR && edit.start <= truth.end + NEAR;
  return { ...next, touched: truth.touched + (inside ? size : 0), nearby: truth.nearby + (near ? size : 0) };
}

export type Verdict = 'correct' | 'partial' | 'recreated' | 'misplaced' | 'lost';

/**
 * How a re-anchoring result compares with the true place of the annotation:
 * `correct`: an annotation whose text and surroundings were not edited placed exactly on it
 * (or on equal text overlapping it); one edited in or near placed overlapping it, reaching
 * past it by at most maxErrors + the size of the nearby edits (where an edited boundary lies
 * is a matter of opinion) and leaving out at most that plus what the edits inside touched;
 * or an annotation whose text was wholly deleted orphaned (or placed on what replaced it);
 * `partial`: placed overlapping, not past it, but leaving out more: e.g. only the part
 * before a long insertion — on the right text, narrower;
 * `recreated`: placed elsewhere, but on the annotation's exact words with one whole context
 * side verbatim next to them — the edits wrote the annotated passage anew (say, deleted a
 * sentence and typed it again elsewhere); from the text alone no one can tell, so this is not
 * counted as an error;
 * `misplaced`: placed on text that is not the annotation's;
 * `lost`: orphaned though its text is still there (a miss, not an error).
 */
export function classify(text: string, truth: Truth, result: AnchorResult, original: AnchorTarget): Verdict {
  const r = result.target;
  const exactLength = original.exact.length;
  const recreated = (): boolean =>
    text.slice(r.start, r.end) === original.exact &&
    ((original.prefix.length >= 16 && text.slice(0, r.start).endsWith(original.prefix)) ||
      (original.suffix.length >= 16 && text.startsWith(original.suffix, r.end)));
  if (truth.state === 'deleted') {
    if (result.status === 'orphaned') return 'correct';
    if (truth.end > truth.start && r.start < truth.end && truth.start < r.end) return 'correct';
    return recreated() ? 'recreated' : 'misplaced';
  }
  if (result.status === 'orphaned') return 'lost';
  const overlap = r.start < truth.end && truth.start < r.end;
  if (!overlap) return recreated() ? 'recreated' : 'misplaced';
  const exact = (r.start === truth.start && r.end === truth.end) || text.slice(r.start, r.end) === text.slice(truth.start, truth.end);
  if (truth.nearby === 0) return exact ? 'correct' : 'misplaced';
  if (exact) return 'correct';
  const slack = maxErrors(exactLength) + truth.nearby;
  const spill = Math.max(0, truth.start - r.start) + Math.max(0, r.end - truth.end);
  const uncovered = Math.max(0, r.start - truth.start) + Math.max(0, truth.end - r.end);
  if (spill > slack) return 'misplaced';
  return uncovered <= slack + truth.touched ? 'correct' : 'partial';
}

export interface AnchorBenchResult {
  /** Wall-clock time of reanchorAll. */
  ms: number;
  /** CPU time of the process meanwhile (less disturbed by other load on the machine). */
  cpuMs: number;
  annotations: number;
  edits: number;
  editedShare: number;
  /** Percentages of all annotations, by verdict of `classify`. */
  correct: number;
  partial: number;
  recreated: number;
  misplaced: number;
  orphaned: number;
  lost: number;
  anchored: number;
  moved: number;
}

/** One round: generate, edit, re-anchor, classify. Percentages are of all annotations. */
export function runRound(seed: number, options: { length?: number; annotations?: number; editShare?: number } = {}): AnchorBenchResult {
  const random = new Random(seed);
  const vocab = vocabulary(random, 3000);
  const length = options.length ?? 100_000;
  const original = generateDocument(random, length, vocab);
  const spans = generateSpans(random, original, options.annotations ?? 1000);
  const targets: AnchorTarget[] = spans.map((s) => makeTarget(original, s.start, s.end));
  let text = original;
  let truths: Truth[] = spans.map(startTruth);
  let changed = 0;
  let edits = 0;
  const budget = (options.editShare ?? 0.1) * length;
  while (changed < budget) {
    const edit = randomEdit(random, text, vocab);
    text = applyEdit(text, edit);
    truths = truths.map((t) => track(t, edit));
    changed += edit.end - edit.start + edit.text.length;
    edits++;
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const results = reanchorAll(text, targets, { oldLength: original.length });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const counts = { correct: 0, partial: 0, recreated: 0, misplaced: 0, lost: 0, orphaned: 0, anchored: 0, moved: 0 };
  results.forEach((result, i) => {
    counts[classify(text, truths[i]!, result, targets[i]!)]++;
    counts[result.status]++;
  });
  const pct = (n: number): number => (100 * n) / results.length;
  return {
    ms,
    cpuMs,
    annotations: results.length,
    edits,
    editedShare: changed / length,
    correct: pct(counts.correct),
    partial: pct(counts.partial),
    recreated: pct(counts.recreated),
    misplaced: pct(counts.misplaced),
    orphaned: pct(counts.orphaned),
    lost: pct(counts.lost),
    anchored: pct(counts.anchored),
    moved: pct(counts.moved),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
}

export interface AnchorBenchSummary {
  rounds: AnchorBenchResult[];
  /** Median time of the rounds (the first, warm-up round excluded). */
  medianMs: number;
  maxMs: number;
  /** correct + partial: on the right text. */
  correct: number;
  partial: number;
  misplaced: number;
  orphaned: number;
  lost: number;
  ok: boolean;
}

/** Runs `rounds` independent rounds (different documents and edits) after a warm-up round. */
export function run(options: { seed?: number; rounds?: number; log?: (line: string) => void } = {}): AnchorBenchSummary {
  const seed = options.seed ?? 20240125;
  const roundsCount = options.rounds ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  runRound(seed - 1); // warm-up
  const rounds: AnchorBenchResult[] = [];
  for (let i = 0; i < roundsCount; i++) {
    const r = runRound(seed + i);
    rounds.push(r);
    log(
      `round ${i + 1}: ${r.annotations} annotations, ${r.edits} edits (${(100 * r.editedShare).toFixed(1)} % of the text), ` +
        `${r.ms.toFixed(1)} ms (cpu ${r.cpuMs.toFixed(0)} ms): correct ${r.correct.toFixed(1)} %, partial ${r.partial.toFixed(1)} %, recreated ${r.recreated.toFixed(1)} %, misplaced ${r.misplaced.toFixed(1)} %, ` +
        `orphaned ${r.orphaned.toFixed(1)} % (of which lost ${r.lost.toFixed(1)} %), anchored ${r.anchored.toFixed(1)} %, moved ${r.moved.toFixed(1)} %`,
    );
  }
  const mean = (f: (r: AnchorBenchResult) => number): number => rounds.reduce((s, r) => s + f(r), 0) / rounds.length;
  const summary: AnchorBenchSummary = {
    rounds,
    medianMs: median(rounds.map((r) => r.ms)),
    maxMs: Math.max(...rounds.map((r) => r.ms)),
    correct: mean((r) => r.correct + r.partial),
    partial: mean((r) => r.partial),
    misplaced: mean((r) => r.misplaced),
    orphaned: mean((r) => r.orphaned),
    lost: mean((r) => r.lost),
    ok: false,
  };
  summary.ok = summary.medianMs <= TARGET_MS && summary.correct >= TARGET_CORRECT && summary.misplaced <= TARGET_MISPLACED;
  log(
    `anchor: median ${summary.medianMs.toFixed(1)} ms (max ${summary.maxMs.toFixed(1)}, target ≤ ${TARGET_MS}), ` +
      `correct ${summary.correct.toFixed(2)} % (≥ ${TARGET_CORRECT}; of which partial ${summary.partial.toFixed(2)} %), misplaced ${summary.misplaced.toFixed(2)} % (≤ ${TARGET_MISPLACED}), ` +
      `orphaned ${summary.orphaned.toFixed(2)} %, lost ${summary.lost.toFixed(2)} %: ${summary.ok ? 'PASS' : 'FAIL'}`,
  );
  return summary;
}

export const anchorBench: Bench = {
  name: 'anchor',
  run({ log }) {
    run({ log });
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const summary = run({ seed: arg('seed'), rounds: arg('rounds') });
  process.exitCode = summary.ok ? 0 : 1;
}
