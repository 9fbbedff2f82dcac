/** Dev helper: one corpus, every row, ours vs reference time and accuracy. `node --import tsx bench/anchor/quick.ts [docs] [seedIndex]` */
import { corpus, measureRow, ROWS, SEEDS } from '../anchor.bench';
const docs = Number(process.argv[2] ?? 240);
const si = Number(process.argv[3] ?? 0);
const seed = SEEDS[si]!;
const articles = corpus(seed, docs);
measureRow(articles.slice(0, 40), 1, ROWS[1]!.make);
let o = 0, r = 0;
for (const row of ROWS) {
  const { ours, ref } = measureRow(articles, seed + ROWS.indexOf(row), row.make);
  o += ours.ms; r += ref.ms;
  const p = (n: number) => ((100 * n) / ours.total).toFixed(2);
  console.log(`${row.name.padEnd(22)} correct ${p(ours.correct)} mis ${p(ours.misplaced)} lost ${p(ours.lost)}  ours ${ours.ms.toFixed(0)} ms ref ${ref.ms.toFixed(0)} ms ratio ${(ours.ms / ref.ms).toFixed(2)}`);
}
console.log(`total ratio ${(o / r).toFixed(2)}`);
