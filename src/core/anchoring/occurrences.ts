/** Exact occurrences of a string in part of a text. */

/** Start offsets of the exact occurrences of `needle` starting in [from, to), ascending. */
export function occurrences(text: string, needle: string, from = 0, to = text.length): number[] {
  const out: number[] = [];
  from = Math.max(0, from);
  if (needle.length === 0 || from >= to) return out;
  // indexOf would scan on to the end of the text: search a slice that ends where matches must.
  const hay = to + needle.length - 1 < text.length ? text.slice(from, to + needle.length - 1) : text;
  const base = hay === text ? 0 : from;
  let p = hay.indexOf(needle, from - base);
  while (p >= 0 && p + base < to) {
    out.push(p + base);
    p = hay.indexOf(needle, p + 1);
  }
  return out;
}

/** The position nearest to `expected`. */
export function nearest(positions: readonly number[], expected: number): number {
  let best = positions[0]!;
  for (const p of positions) if (Math.abs(p - expected) < Math.abs(best - expected)) best = p;
  return best;
}

/** How many characters of `context` end right before `at` in the text (prefix agreement next to a quote). */
export function agreeingBefore(text: string, context: string, at: number): number {
  let n = 0;
  while (n < context.length && at - n > 0 && text.charCodeAt(at - n - 1) === context.charCodeAt(context.length - n - 1)) n++;
  return n;
}

/** How many characters of `context` start right at `at` in the text (suffix agreement next to a quote). */
export function agreeingAfter(text: string, context: string, at: number): number {
  let n = 0;
  while (n < context.length && at + n < text.length && text.charCodeAt(at + n) === context.charCodeAt(n)) n++;
  return n;
}
