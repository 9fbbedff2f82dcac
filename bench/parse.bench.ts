/**
 * Parse throughput against a floor: (a) read + decode + split lines, the least any parser
 * must do; (b) read + decodeDocument + parse, the real pipeline. Also (c) parse alone on
 * texts already in memory. Target: (b) ≥ 50 MB/s and within 3× of (a).
 */
import { readFileSync } from 'node:fs';
import { parse } from '../src/core/parse';
import { decodeDocument } from '../src/core/text';
import { formatTiming, measure, type Bench } from './harness';

const TARGET_RATE = 50;
const TARGET_RATIO = 3;

export const parseBench: Bench = {
  name: 'parse',
  run({ corpus, reps, log }) {
    const { files, bytes } = corpus;
    const decoder = new TextDecoder();
    const texts = files.map((f) => decodeDocument(readFileSync(f), f));
    const [floor, pipeline, parseOnly] = measure(
      [
        {
          name: '(a) read + decode + split',
          bytes,
          run: () => {
            let lines = 0;
            for (const f of files) lines += decoder.decode(readFileSync(f)).split(/\r?\n/).length;
            return lines;
          },
        },
        {
          name: '(b) read + decodeDocument + parse',
          bytes,
          run: () => {
            let count = 0;
            for (const f of files) count += parse(decodeDocument(readFileSync(f), f)).paragraphs.length;
            return count;
          },
        },
        {
          name: '(c) parse only (in memory)',
          bytes,
          run: () => {
            let count = 0;
            for (const t of texts) count += parse(t).quotations.length;
            return count;
          },
        },
      ],
      reps,
    );
    for (const t of [floor!, pipeline!, parseOnly!]) log(formatTiming(t));
    const bestRatio = floor!.best / pipeline!.best;
    const medianRatio = floor!.median / pipeline!.median;
    log(`ratio (a)/(b)                      best ${bestRatio.toFixed(2).padStart(7)}×      median ${medianRatio.toFixed(2).padStart(7)}×`);
    const ok = pipeline!.median >= TARGET_RATE && medianRatio <= TARGET_RATIO;
    log(`target ≥ ${TARGET_RATE} MB/s and ≤ ${TARGET_RATIO}× the floor: ${ok ? 'met' : 'NOT met'}`);
  },
};
