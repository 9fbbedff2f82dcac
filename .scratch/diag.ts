import { makeTarget, reanchorAll, reanchor, type AnchorTarget } from '../src/core/annotations/anchor';
import { Random } from '../bench/prng';
import { generateDocument, generateSpans, randomEdit, applyEdit, track, classify, type Truth } from '../bench/anchor.bench';
const SYLLABLES = ['ba', 'con', 'de', 'fi', 'gra', 'hu', 'in', 'jo', 'ka', 'lo', 'men', 'no', 'pre', 'qua', 'ri', 'sta', 'tu', 'vi', 'wor', 'xe', 'yo', 'zel', 'ment', 'tion', 'er', 'ly', 'al', 'ist', 'ous', 'ing'];
const random = new Random(Number(process.argv[2] ?? 20240125));
const words = new Set<string>();
while (words.size < 3000) { let w=''; for (let i = random.int(1,4); i>0; i--) w += random.pick(SYLLABLES); words.add(w); }
const vocab=[...words];
const original = generateDocument(random, 100000, vocab);
const spans = generateSpans(random, original, 1000);
const targets: AnchorTarget[] = spans.map((s) => makeTarget(original, s.start, s.end));
let text = original; let truths: Truth[] = spans.map((s) => ({ ...s, state: 'unchanged', touched: 0 }));
let changed = 0;
while (changed < 10000) { const e = randomEdit(random, text, vocab); text = applyEdit(text, e); truths = truths.map(t => track(t, e)); changed += e.end-e.start+e.text.length; }
const t0 = performance.now();
const results = reanchorAll(text, targets, { oldLength: original.length });
console.log('ms', performance.now()-t0);
const byState: Record<string, number> = {};
results.forEach((r, i) => {
  const v = classify(text, truths[i]!, r);
  const tr = truths[i]!;
  const key = `${v}/${tr.state}`;
  byState[key] = (byState[key] ?? 0) + 1;
  if ((v === 'lost' || v === 'misplaced') && process.argv[3]) {
    const t = targets[i]!;
    console.log(v, tr.state, 'len', t.exact.length, 'touched', tr.touched, 'old', t.start, 'true', tr.start, tr.end, 'got', r.target.start, r.target.end, r.score.toFixed(2));
    console.log('  exact:', JSON.stringify(t.exact.slice(0,80)), '\n  now:  ', JSON.stringify(text.slice(tr.start, tr.end).slice(0,80)));
    console.log('  ctx old:', JSON.stringify(t.prefix), JSON.stringify(t.suffix));
    console.log('  ctx new:', JSON.stringify(text.slice(tr.start-32, tr.start)), JSON.stringify(text.slice(tr.end, tr.end+32)));
    if (v==='misplaced') console.log('  got text:', JSON.stringify(text.slice(r.target.start, r.target.end).slice(0,80)));
  }
});
console.log(byState);
