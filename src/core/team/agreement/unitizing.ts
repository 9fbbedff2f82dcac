/**
 * Krippendorff's unitizing α (α_u) for one category on one continuum: how far annotators agree on where the
 * spans of a tag are, counting every character, tagged or not. Krippendorff, "On the reliability of unitizing
 * continuous data", Sociological Methodology 25 (1995), and Content Analysis (2nd ed., 2004, §11.6):
 *
 *   α_u = 1 − D_o / D_e
 *
 * Each annotator divides the continuum [0, L) into their spans of the category and the gaps between them.
 * Observed disagreement sums, over ordered pairs of annotators, the squared differences δ² between their
 * segments that meet: two spans that overlap add (start difference)² + (end difference)²; a span lying inside
 * the other annotator's gap adds its length²; anything else adds nothing. D_o = Σ δ² / (m(m−1)L²).
 * Expected disagreement compares every span with every span and every gap long enough to hold it, over every
 * position (N_c spans of length l, gaps of length g, by all m annotators):
 *
 *   D_e = (2/L) Σ_spans [ (N_c − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g ≥ l} (g − l + 1) ] / [ mL(mL − 1) − Σ_spans l(l − 1) ]
 *
 * Spans of one annotator that overlap each other are joined first (the measure needs them apart). Documents
 * are laid one after another on one continuum. Returns null when undefined (fewer than two annotators, no span,
 * D_e = 0).
 */

export interface Segment {
  start: number;
  end: number;
}

export interface UnitizingData {
  /** Length of the continuum (every document's length added up). */
  length: number;
  /** Each annotator's spans of the category (any order; overlapping ones are joined). */
  spans: ReadonlyArray<readonly Segment[]>;
}

export interface UnitizingResult {
  observed: number;
  expected: number;
  alpha: number | null;
}

/** Sorted, non-overlapping spans inside [0, length). */
export function joinSpans(spans: readonly Segment[], length: number): Segment[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(length, s.end) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

interface Part extends Segment {
  span: boolean;
}

/** The continuum divided into the annotator's spans and the gaps between them. */
function partition(spans: readonly Segment[], length: number): Part[] {
  const parts: Part[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.start > pos) parts.push({ start: pos, end: s.start, span: false });
    parts.push({ start: s.start, end: s.end, span: true });
    pos = s.end;
  }
  if (pos < length) parts.push({ start: pos, end: length, span: false });
  return parts;
}

/** δ² of two segments that meet. */
export function segmentDistance(a: Part, b: Part): number {
  if (a.span && b.span) {
    if (a.start < b.end && b.start < a.end) return (a.start - b.start) ** 2 + (a.end - b.end) ** 2;
    return 0;
  }
  if (a.span && !b.span) return b.start <= a.start && a.end <= b.end ? (a.end - a.start) ** 2 : 0;
  if (!a.span && b.span) return a.start <= b.start && b.end <= a.end ? (b.end - b.start) ** 2 : 0;
  return 0;
}

/** Σ δ² over the segments of two partitions that meet (a sweep along the continuum). */
function pairDisagreement(a: readonly Part[], b: readonly Part[]): number {
  let sum = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    sum += segmentDistance(a[i]!, b[j]!);
    if (a[i]!.end < b[j]!.end) i++;
    else if (b[j]!.end < a[i]!.end) j++;
    else {
      i++;
      j++;
    }
  }
  return sum;
}

export function unitizingAlpha(data: UnitizingData): UnitizingResult {
  const L = data.length;
  const m = data.spans.length;
  const joined = data.spans.map((s) => joinSpans(s, L));
  const parts = joined.map((s) => partition(s, L));
  if (m < 2 || L <= 0) return { observed: 0, expected: 0, alpha: null };

  let observed = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) observed += 2 * pairDisagreement(parts[i]!, parts[j]!);
  observed /= m * (m - 1) * L * L;

  const lengths = joined.flat().map((s) => s.end - s.start);
  const gaps = parts.flat().filter((p) => !p.span).map((p) => p.end - p.start).sort((x, y) => x - y);
  // suffix[k] = Σ_{q ≥ k} (gaps[q] + 1): the gaps at least as long as a span are a suffix of the sorted list.
  const suffix = new Array<number>(gaps.length + 1).fill(0);
  for (let k = gaps.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gaps[k]! + 1;
  const N = lengths.length;
  let numerator = 0;
  let spanPairs = 0;
  for (const l of lengths) {
    const k = firstAtLeast(gaps, l);
    const fitting = suffix[k]! - (gaps.length - k) * l;
    numerator += ((N - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fitting;
    spanPairs += l * (l - 1);
  }
  const denominator = m * L * (m * L - 1) - spanPairs;
  const expected = denominator > 0 ? ((2 / L) * numerator) / denominator : 0;
  const alpha = expected > 0 ? 1 - observed / expected : null;
  return { observed, expected, alpha: alpha !== null && Number.isFinite(alpha) ? alpha : null };
}

function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
