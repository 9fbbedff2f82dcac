/**
 * Agreement: `seed-annotator agreement` over 1,000 documents (3,000 UTF-16 units each) annotated by two and by
 * three annotators (~20 spans each per document, a share of them shifted, relabelled, dropped or given another
 * verdict). Times the computation alone (computeAgreement on documents in memory) and the whole command (sidecars
 * written to a temporary folder, read, re-anchored where needed, measured), best and median of the repetitions.
 * Standalone: `node --import tsx bench/agreement.bench.ts [--docs N] [--reps N]`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTarget } from '../src/core/annotations/anchor';
import type { Annotation } from '../src/core/annotations/schema';
import { createSidecar, describeDocument, newAnnotation, serializeSidecar } from '../src/core/annotations/sidecar';
import { runCli } from '../src/cli/cli';
import { computeAgreement, type AgreementDocument } from '../src/core/team/agreement/index';
import { makeDocument } from './corpus';
import type { Bench } from './harness';
import { Random } from './prng';

const DOCS = 1_000;
const SPANS = 20;
const TAGS = ['claim', 'quote', 'source'] as const;
const VERDICTS = ['true', 'false', 'mixed', 'unverified'];

interface GeneratedDocument extends AgreementDocument {
  text: string;
}

/** Documents with the annotations of `annotators`: each annotator's version of a common set of spans, varied. */
export function generateTeamDocuments(count: number, annotators: readonly string[], seed = 7): GeneratedDocument[] {
  const rng = new Random(seed);
  const docs: GeneratedDocument[] = [];
  for (let d = 0; d < count; d++) {
    let text = makeDocument(rng, d, 3000);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const annotations: Annotation[] = [];
    const step = Math.floor((text.length - 200) / SPANS);
    for (let i = 0; i < SPANS; i++) {
      const start = 100 + i * step + rng.int(0, 20);
      const end = Math.min(text.length, start + rng.int(20, Math.max(21, step - 30)));
      const tag = TAGS[i % 3]!;
      const verdict = rng.pick(VERDICTS);
      for (const who of annotators) {
        if (rng.chance(0.1)) continue; // missed
        const shift = rng.chance(0.2) ? rng.int(1, 8) : 0;
        const label = rng.chance(0.05) ? TAGS[(i + 1) % 3]! : tag;
        const attributes = label === 'claim' ? { verdict: rng.chance(0.2) ? rng.pick(VERDICTS) : verdict } : {};
        annotations.push(newAnnotation({ tag: label, target: makeTarget(text, start + shift, end), attributes, author: who, id: `${who}-${d}-${i}`, now: new Date(Date.UTC(2025, 0, 1)) }));
      }
    }
    docs.push({ file: `${String(d).padStart(3, '0')}_${(d * 2654435761 >>> 0).toString(16).padStart(8, '0')}.txt`, length: text.length, annotations, text });
  }
  return docs;
}

function time(reps: number, run: () => unknown): { best: number; median: number } {
  const ms: number[] = [];
  run();
  for (let r = 0; r < reps; r++) {
    const started = process.hrtime.bigint();
    run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0]!, median: ms[ms.length >> 1]! };
}

async function timeAsync(reps: number, run: () => Promise<unknown>): Promise<{ best: number; median: number }> {
  const ms: number[] = [];
  await run();
  for (let r = 0; r < reps; r++) {
    const started = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0]!, median: ms[ms.length >> 1]! };
}

export async function runAgreementBench(docs: number, reps: number, log: (line: string) => void): Promise<void> {
  const claimEnums = () => ['verdict'];
  for (const annotators of [['ann', 'bob'], ['ann', 'bob', 'cyd']]) {
    const generated = generateTeamDocuments(docs, annotators);
    const annotations = generated.reduce((s, d) => s + d.annotations.length, 0);
    const core = time(reps, () => computeAgreement(generated, { enumAttributes: (tag) => (tag === 'claim' ? claimEnums() : []) }));
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-agree-bench-'));
    try {
      for (const doc of generated) {
        writeFileSync(path.join(dir, doc.file), doc.text);
        writeFileSync(path.join(dir, `${doc.file}.annotations.json`), serializeSidecar(createSidecar(await describeDocument(doc.file, doc.text), [...doc.annotations])));
      }
      const io = { out: () => {}, err: (t: string) => log(`  stderr: ${t.trim()}`) };
      const cli = await timeAsync(reps, () => runCli(['agreement', dir, '--json'], io));
      const report = computeAgreement(generated);
      log(
        `${annotators.length} annotators, ${docs} documents, ${annotations} annotations: computation ${core.best.toFixed(0)} ms best / ${core.median.toFixed(0)} ms median; ` +
          `seed-annotator agreement --json (read + measure) ${cli.best.toFixed(0)} ms best / ${cli.median.toFixed(0)} ms median; claim exact F1 ${report.tags.claim!.pairs[0]!.exact.f1!.toFixed(3)}, alpha_u ${report.tags.claim!.alphaU!.toFixed(3)}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

export const agreementBench: Bench = {
  name: 'agreement',
  run: ({ reps, log }) => runAgreementBench(DOCS, Math.min(reps, 5), log),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
  void runAgreementBench(arg('docs', DOCS), arg('reps', 3), (line) => console.log(line));
}
