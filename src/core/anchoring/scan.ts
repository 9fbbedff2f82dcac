/**
 * Finds the occurrences of many needles in one pass over a text, with a rolling hash of every
 * GRAM-character window. Each needle is keyed by one of its GRAM-character pieces (its start,
 * its end and a few between): the pass counts how often each piece occurs in the text and keeps
 * the windows whose hash may be a piece's (a bit filter rules out the others); then those windows
 * are looked up among the rarest piece of each needle and the whole needle compared there. So a
 * long needle that starts with a common phrase is not compared at
 * every occurrence of that phrase. Each needle keeps at most `cap` occurrences and is dropped
 * once it has them, or once it was compared CHECKS_PER_OCCURRENCE × `cap` times in vain (every
 * piece common: a repetitive text); either way it is then `more`. So the work is linear in the
 * text plus the needles, whatever the text. (Few needles in a short text are looked for one by
 * one with indexOf instead.)
 */

export const GRAM = 16;
const BASE = 0x01000193;
/** Pieces of a needle considered as its key, at most. */
const PIECES = 6;
/** Comparisons per needle allowed, per occurrence it may keep, before it is dropped as `more`. */
const CHECKS_PER_OCCURRENCE = 4;
/** Below this many needle × text characters, each needle is looked for with indexOf: faster on small texts. */
const DIRECT = 1 << 21;

export interface Occurrences {
  /** Start offsets, ascending; at most `cap`. */
  at: number[];
  /** True when there were more than `cap`, or when the needle was too common to look for further. */
  more: boolean;
}

function hashAt(text: string, at: number): number {
  let h = 0;
  for (let i = 0; i < GRAM; i++) h = (Math.imul(h, BASE) + text.charCodeAt(at + i)) | 0;
  return h;
}

/** Does `needle` occur at `p`? (Compared from its end: the piece that matched the hash is often its start.) */
function occursAt(text: string, needle: string, p: number): boolean {
  const n = needle.length;
  if (p < 0 || p + n > text.length) return false;
  for (let i = n - 1; i >= 0; i--) if (text.charCodeAt(p + i) !== needle.charCodeAt(i)) return false;
  return true;
}

/** Offsets of the pieces of a needle of length n considered as its key: evenly spread from its start to its end. */
function pieceOffsets(n: number): number[] {
  const last = n - GRAM;
  if (last <= 0) return [0];
  const count = Math.min(PIECES, Math.ceil(last / GRAM) + 1);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const offset = Math.round((i * last) / (count - 1));
    if (out[out.length - 1] !== offset) out.push(offset);
  }
  return out;
}

/** A power of two at least `n` (and 2^10), at most `max` (tables beyond a few MB cost a cache miss per look-up). */
function tableSize(n: number, max = 1 << 22): number {
  let size = 1 << 10;
  while (size < n && size < max) size <<= 1;
  return size;
}

/** Spreads a hash over the bits used to index a table. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** BASE^(GRAM-1): what the character leaving a window weighs in its hash. */
const TOP = (() => {
  let top = 1;
  for (let i = 1; i < GRAM; i++) top = Math.imul(top, BASE);
  return top;
})();

/** The hash of the window after the one at p (hash h). */
function rollOn(text: string, p: number, h: number): number {
  return (Math.imul((h - Math.imul(text.charCodeAt(p), TOP)) | 0, BASE) + text.charCodeAt(p + GRAM)) | 0;
}

/** One bit per hash (modulo its size, 32 bits per key, at most 512 KB): most windows are ruled out by it alone. */
class BitFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;
  constructor(keys: number) {
    this.bits = new Int32Array(tableSize(keys, 1 << 17));
    this.mask = this.bits.length - 1;
  }
  add(h: number): void {
    this.bits[(h >>> 5) & this.mask]! |= 1 << (h & 31);
  }
  mayHave(h: number): boolean {
    return (this.bits[(h >>> 5) & this.mask]! & (1 << (h & 31))) !== 0;
  }
}

/**
 * Needles by the hash of their key piece: open addressing (a slot per hash), each slot the head
 * of a linked list of needles.
 */
class Buckets {
  private readonly mask: number;
  private readonly filter: BitFilter;
  private readonly used: Uint8Array;
  private readonly keys: Int32Array;
  readonly head: Int32Array;
  readonly next: Int32Array;
  constructor(entries: number, needles: number) {
    const size = tableSize(4 * entries);
    this.mask = size - 1;
    this.filter = new BitFilter(entries);
    this.used = new Uint8Array(size);
    this.keys = new Int32Array(size);
    this.head = new Int32Array(size).fill(-1);
    this.next = new Int32Array(needles).fill(-1);
  }
  /** The slot of hash h, or -1 (with `create`, a new empty one). */
  slot(h: number, create = false): number {
    if (create) this.filter.add(h);
    else if (!this.filter.mayHave(h)) return -1;
    for (let s = mix(h) & this.mask; ; s = (s + 1) & this.mask) {
      if (!this.used[s]) {
        if (!create) return -1;
        this.used[s] = 1;
        this.keys[s] = h;
        return s;
      }
      if (this.keys[s] === h) return s;
    }
  }
  add(h: number, needle: number): void {
    const s = this.slot(h, true);
    this.next[needle] = this.head[s]!;
    this.head[s] = needle;
  }
}

/** The occurrences of one needle, by indexOf. */
function direct(text: string, needle: string, cap: number): Occurrences {
  const o: Occurrences = { at: [], more: false };
  if (needle.length < GRAM) return o;
  for (let p = text.indexOf(needle); p >= 0; p = text.indexOf(needle, p + 1)) {
    if (o.at.length === cap) {
      o.more = true;
      break;
    }
    o.at.push(p);
  }
  return o;
}

/** Occurrences of each needle (needles shorter than GRAM are not searched: empty, not `more`). */
export function scanAll(text: string, needles: readonly string[], cap: number): Occurrences[] {
  const find = scan(text, needles, cap);
  return needles.map((_, i) => find(i));
}

/**
 * Occurrences of the needle at an index, for needles known up front: in a short text (few
 * needle × text characters) each is looked for with indexOf when first asked for, so needles
 * never asked for cost nothing; otherwise all are found at once in the two passes.
 */
export function scan(text: string, needles: readonly string[], cap: number): (i: number) => Occurrences {
  if (needles.length * text.length <= DIRECT) {
    const memo: Array<Occurrences | undefined> = new Array(needles.length);
    return (i) => (memo[i] ??= direct(text, needles[i]!, cap));
  }
  // Each distinct needle once (annotations of a repetitive text share context strings).
  const index = new Map<string, number>();
  const distinct: string[] = [];
  const of = needles.map((needle) => {
    let i = index.get(needle);
    if (i === undefined) {
      i = distinct.push(needle) - 1;
      index.set(needle, i);
    }
    return i;
  });
  const found = hashed(text, distinct, cap);
  return (i) => ({ at: [...found[of[i]!]!.at], more: found[of[i]!]!.more });
}

/**
 * How often the pieces' hashes occur in the text, and the windows that may matter, in one pass:
 * a window whose hash is no piece's is ruled out by one bit of a filter; the others are counted
 * (by hash modulo a table size: at worst an over-count, in two bytes per count saturating at
 * 65,535, at most 512 KB, in cache) and kept (start and hash, in text order) for the second step.
 */
class PieceCounts {
  private readonly filter: BitFilter;
  private readonly counts: Uint16Array;
  private readonly countMask: number;
  /** Windows whose hash passed the filter: start, hash, start, hash, … */
  kept = new Int32Array(1024);
  keptLength = 0;
  constructor(hashes: readonly number[]) {
    this.filter = new BitFilter(hashes.length);
    for (const h of hashes) this.filter.add(h);
    this.counts = new Uint16Array(tableSize(8 * hashes.length, 1 << 18));
    this.countMask = this.counts.length - 1;
  }
  count(h: number): number {
    return this.counts[mix(h) & this.countMask]!;
  }
  run(text: string): void {
    const windows = text.length - GRAM + 1;
    const { filter, counts, countMask } = this;
    for (let p = 0, h = windows > 0 ? hashAt(text, 0) : 0; p < windows; h = p + 1 < windows ? rollOn(text, p, h) : h, p++) {
      if (!filter.mayHave(h)) continue;
      const slot = mix(h) & countMask;
      if (counts[slot] !== 0xffff) counts[slot]!++;
      if (this.keptLength + 2 > this.kept.length) {
        const grown = new Int32Array(this.kept.length * 2);
        grown.set(this.kept);
        this.kept = grown;
      }
      this.kept[this.keptLength++] = p;
      this.kept[this.keptLength++] = h;
    }
  }
}

function hashed(text: string, needles: readonly string[], cap: number): Occurrences[] {
  const out: Occurrences[] = needles.map(() => ({ at: [], more: false }));
  // Step 1: how often each needle's pieces occur, in one pass over the text.
  const pieces = needles.map((needle) => (needle.length < GRAM ? [] : pieceOffsets(needle.length).map((offset) => ({ offset, h: hashAt(needle, offset) }))));
  const hashes = pieces.flatMap((list) => list.map((piece) => piece.h));
  if (hashes.length === 0) return out;
  const counts = new PieceCounts(hashes);
  counts.run(text);
  // Step 2: each needle keyed by its rarest piece (one that never occurs: the needle does not either).
  const buckets = new Buckets(needles.length, needles.length);
  const offsetOf = new Int32Array(needles.length);
  let live = 0;
  pieces.forEach((list, i) => {
    if (list.length === 0) return;
    let best = list[0]!;
    for (const piece of list) if (counts.count(piece.h) < counts.count(best.h)) best = piece;
    if (counts.count(best.h) === 0) return;
    offsetOf[i] = best.offset;
    buckets.add(best.h, i);
    live++;
  });
  const { head, next } = buckets;
  const checks = new Int32Array(needles.length).fill(CHECKS_PER_OCCURRENCE * cap);
  // Occurrences in flat arrays until the end (millions of small growing arrays would keep the garbage collector busy).
  const found = new Int32Array(needles.length * cap);
  const foundCount = new Int32Array(needles.length);
  const more = new Uint8Array(needles.length);
  const { kept, keptLength } = counts;
  for (let w = 0; w < keptLength && live > 0; w += 2) {
    const p = kept[w]!;
    const s = buckets.slot(kept[w + 1]!);
    if (s < 0) continue;
    for (let i = head[s]!, prev = -1; i >= 0; ) {
      const start = p - offsetOf[i]!;
      const hit = occursAt(text, needles[i]!, start);
      const following = next[i]!;
      if (hit && foundCount[i]! < cap) found[i * cap + foundCount[i]!++] = start;
      else if (hit || --checks[i]! < 0) {
        more[i] = 1; // dropped from the list
        if (prev < 0) head[s] = following;
        else next[prev] = following;
        live--;
        i = following;
        continue;
      }
      prev = i;
      i = following;
    }
  }
  out.forEach((o, i) => {
    o.at = Array.from(found.subarray(i * cap, i * cap + foundCount[i]!));
    o.more = more[i] === 1;
  });
  return out;
}
