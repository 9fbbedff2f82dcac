/**
 * Suggestion quality on the labelled set (bench/suggest/labelled/), beside the targets of issue #17, and the time the
 * built-in provider takes per document. Run alone: `node --import tsx bench/suggest.bench.ts [--misses]`.
 */
import { parse } from '../src/core/parse';
import { builtinSuggestions } from '../src/core/suggest';
import type { Bench } from './harness';
import { loadAll } from './suggest/labelled';
import { measure, report } from './suggest/quality';

export const suggestBench: Bench = {
  name: 'suggest',
  run({ log }) {
    const docs = loadAll();
    for (const split of ['dev', 'test'] as const) {
      for (const line of report(`${split} split`, measure(docs.filter((d) => d.split === split)))) log(line);
    }
    const all = measure(docs);
    for (const line of report('all', all)) log(line);
    if (process.argv.includes('--misses')) for (const line of all.misses) log(`  - ${line}`);
    const started = performance.now();
    let n = 0;
    for (let rep = 0; rep < 20; rep++) for (const d of docs) n += builtinSuggestions(d.text, parse(d.text)).suggestions.length;
    log(`  built-in provider: ${((performance.now() - started) / (20 * docs.length)).toFixed(2)} ms per document (parse included; ${n / 20} suggestions)`);
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  void suggestBench.run({ corpus: undefined as never, reps: 1, log: (line) => console.log(line) });
}
