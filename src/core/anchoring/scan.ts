/**
 * Finds the occurrences of many needles in one pass over a text: a rolling hash of every
 * GRAM-character window is looked up among the needles' first GRAM characters, then the whole
 * needle is compared. Each needle keeps at most `cap` occurrences and is dropped from the scan
 * once it has them, so a repetitive text costs no more than a varied one: linear in the text
 * plus the needles. (Few needles in a short text are looked for one by one instead.)
 */

export const GRAM = 16;
const BASE = 0x01000193;
/** Size of the hash filter in 32-bit words (2^21 bits, 256 KB). */
const FILTER_WORDS = 1 << 16;

function hashAt(text: string, at: number): number {
  let h = 0;
  for (let i = 0; i < GRAM; i++) h = (Math.imul(h, BASE) + text.charCodeAt(at + i)) | 0;
  return h;
}

export interface Occurrences {
  /** Start offsets, ascending; at most `cap`. */
  at: number[];
  /** True when there were more than `cap`. */
  more: boolean;
}

/** Below this many needle × text characters, each needle is looked for with indexOf: faster on small texts. */
const DIRECT = 1 << 21;

/** Occurrences of each needle (needles shorter than GRAM are not searched: empty, not `more`). */
export function scanAll(text: string, needles: readonly string[], cap: number): Occurrences[] {
  const out: Occurrences[] = needles.map(() => ({ at: [], more: false }));
  if (needles.length * text.length <= DIRECT) {
    needles.forEach((needle, i) => {
      if (needle.length < GRAM) return;
      const o = out[i]!;
      for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) {
        if (o.at.length === cap) {
          o.more = true;
          break;
        }
        o.at.push(p);
      }
    });
    return out;
  }
  const buckets = new Map<number, number[]>();
  // One bit per hash value (modulo the filter's size): most windows are ruled out without the map.
  const filter = new Uint32Array(FILTER_WORDS);
  needles.forEach((needle, i) => {
    if (needle.length < GRAM) return;
    const h = hashAt(needle, 0);
    filter[(h >>> 5) & (FILTER_WORDS - 1)]! |= 1 << (h & 31);
    const bucket = buckets.get(h);
    if (bucket) bucket.push(i);
    else buckets.set(h, [i]);
  });
  if (buckets.size === 0 || text.length < GRAM) return out;
  let top = 1; // BASE^(GRAM-1)
  for (let i = 1; i < GRAM; i++) top = Math.imul(top, BASE);
  let h = hashAt(text, 0);
  for (let p = 0; ; p++) {
    const bucket = filter[(h >>> 5) & (FILTER_WORDS - 1)]! & (1 << (h & 31)) ? buckets.get(h) : undefined;
    if (bucket) {
      for (let b = bucket.length - 1; b >= 0; b--) {
        const i = bucket[b]!;
        if (!text.startsWith(needles[i]!, p)) continue;
        const o = out[i]!;
        if (o.at.length < cap) {
          o.at.push(p);
        } else {
          o.more = true;
          bucket[b] = bucket[bucket.length - 1]!;
          bucket.pop();
        }
      }
      if (bucket.length === 0) buckets.delete(h);
      if (buckets.size === 0) break;
    }
    if (p + GRAM >= text.length) break;
    h = (Math.imul(h - Math.imul(text.charCodeAt(p), top), BASE) + text.charCodeAt(p + GRAM)) | 0;
  }
  return out;
}
