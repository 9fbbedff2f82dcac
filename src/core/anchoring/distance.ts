/**
 * The fewest edits (insertions, deletions, substitutions of UTF-16 code units) turning one
 * pattern into some substring of a text region: Myers' bit-parallel algorithm in blocks of 32
 * pattern characters (Myers 1999; the block form of Hyyrö 2003). approx-string-match computes
 * the same columns, but rebuilds its tables on every call and then finds the start of every best
 * match by a second, reversed search; re-anchoring needs only the count, for one pattern against
 * several regions.
 */
const WORD = 32;

export class PatternDistance {
  private readonly blocks: number;
  /** Char code (128 and above) → row of `peq`; row 0 is for characters absent from the pattern. */
  private readonly rows = new Map<number, number>();
  /** The same for codes below 128, without hashing (most characters of a text). */
  private readonly asciiRows = new Int32Array(128);
  /** Per row, one 32-bit mask per block: where the pattern holds that character. */
  private readonly peq: Int32Array;
  /** The bit of the pattern's last character in the last block. */
  private readonly lastBit: number;
  private readonly pv: Int32Array;
  private readonly mv: Int32Array;

  constructor(private readonly pattern: string) {
    const n = pattern.length;
    this.blocks = Math.max(1, Math.ceil(n / WORD));
    const codes = new Int32Array(n); // each pattern character's row
    let next = 1;
    for (let i = 0; i < n; i++) {
      const c = pattern.charCodeAt(i);
      let row = c < 128 ? this.asciiRows[c]! : (this.rows.get(c) ?? 0);
      if (row === 0) {
        row = next++;
        if (c < 128) this.asciiRows[c] = row;
        else this.rows.set(c, row);
      }
      codes[i] = row;
    }
    this.peq = new Int32Array(next * this.blocks);
    for (let i = 0; i < n; i++) this.peq[codes[i]! * this.blocks + Math.floor(i / WORD)]! |= 1 << i % WORD;
    this.lastBit = 1 << (n - 1) % WORD;
    this.pv = new Int32Array(this.blocks);
    this.mv = new Int32Array(this.blocks);
  }

  /** The fewest edits turning the pattern into a substring of text[from, to) (the empty one included). */
  least(text: string, from: number, to: number): number {
    return this.sweep(text, from, to, 0);
  }

  /** The fewest edits turning the pattern into text[from, to) exactly (Levenshtein distance). */
  edits(text: string, from: number, to: number): number {
    return this.sweep(text, from, to, 1);
  }

  /**
   * For each i in [0, to - from): the fewest edits turning the pattern into a substring of
   * text[from, to) that ends at from + i + 1 — or, `backwards` (for a pattern made reversed),
   * that starts at from + i. Into `out`.
   */
  scores(text: string, from: number, to: number, out: Int32Array, backwards = false): void {
    this.sweep(text, from, to, 0, out, backwards);
  }

  /**
   * One pass over text[from, to) (from its end, `backwards`), each column's score into `out` if
   * given. `top`, the horizontal delta entering row 0: 0 lets a match start anywhere (returns the
   * least score over the columns); 1 makes every skipped text character an edit (returns the last
   * column's score, the distance to the whole region).
   */
  private sweep(text: string, from: number, to: number, top: 0 | 1, out?: Int32Array, backwards = false): number {
    const { blocks, rows, asciiRows, peq, pv, mv } = this;
    pv.fill(-1);
    mv.fill(0);
    let score = this.pattern.length;
    let best = score;
    const last = blocks - 1;
    const step = backwards ? -1 : 1;
    for (let i = 0, j = backwards ? to - 1 : from; i < to - from; i++, j += step) {
      const c = text.charCodeAt(j);
      const base = (c < 128 ? asciiRows[c]! : (rows.get(c) ?? 0)) * blocks;
      let hin: number = top;
      for (let b = 0; b <= last; b++) {
        const p = pv[b]!;
        const m = mv[b]!;
        const negative = hin < 0 ? 1 : 0;
        const eq = peq[base + b]! | negative;
        const xv = eq | m;
        const xh = (((eq & p) + p) ^ p) | eq;
        let ph = m | ~(xh | p);
        let mh = p & xh;
        const high = b === last ? this.lastBit : 1 << (WORD - 1);
        const hout = (ph & high) !== 0 ? 1 : (mh & high) !== 0 ? -1 : 0;
        ph = (ph << 1) | (hin > 0 ? 1 : 0);
        mh = (mh << 1) | negative;
        pv[b] = mh | ~(xv | ph);
        mv[b] = ph & xv;
        hin = hout;
      }
      score += hin;
      if (score < best) best = score;
      if (out) out[j - from] = score;
    }
    return top === 0 ? best : score;
  }
}
