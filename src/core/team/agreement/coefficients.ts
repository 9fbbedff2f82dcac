/**
 * Agreement coefficients on nominal values. A rating table is a list of units, each a list of the values the
 * annotators gave it (an annotator with no value is simply absent: missing values are allowed wherever the
 * coefficient allows them). Every function returns null where the coefficient is undefined (no data, a single
 * value, no variation) — never NaN.
 *
 * - percentAgreement: agreeing pairs of values over all pairs of values within units (for two annotators: the
 *   share of units they gave the same value).
 * - cohenKappa: two annotators, units both rated; chance from each annotator's own marginals.
 * - fleissKappa: any number of annotators, units with at least two values; for units rated by different numbers
 *   of annotators each unit's agreement is its agreeing pairs over its pairs (Fleiss 1971 when all have n).
 * - krippendorffAlpha: nominal α from the coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 *   Alpha-Reliability"): units with fewer than two values are left out.
 */

/** A unit's values (missing ones left out). */
export type RatedUnit = readonly string[];

/** The distinct values, sorted. */
export function valuesOf(units: readonly RatedUnit[]): string[] {
  return [...new Set(units.flat())].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function percentAgreement(units: readonly RatedUnit[]): number | null {
  let agreeing = 0;
  let pairs = 0;
  for (const unit of units) {
    const counts = countValues(unit);
    for (const c of counts.values()) agreeing += (c * (c - 1)) / 2;
    pairs += (unit.length * (unit.length - 1)) / 2;
  }
  return pairs === 0 ? null : agreeing / pairs;
}

/** Cohen's κ of two annotators' values on the same units: pairs [a's value, b's value]. */
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): number | null {
  const n = pairs.length;
  if (n === 0) return null;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let observed = 0;
  for (const [x, y] of pairs) {
    if (x === y) observed++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  let expected = 0;
  for (const [value, count] of a) expected += (count / n) * ((b.get(value) ?? 0) / n);
  const po = observed / n;
  if (expected === 1) return null;
  return finite((po - expected) / (1 - expected));
}

export function fleissKappa(units: readonly RatedUnit[]): number | null {
  const rated = units.filter((u) => u.length >= 2);
  if (rated.length === 0) return null;
  let total = 0;
  const totals = new Map<string, number>();
  let sumP = 0;
  for (const unit of rated) {
    const counts = countValues(unit);
    let agreeing = 0;
    for (const [value, c] of counts) {
      agreeing += c * (c - 1);
      totals.set(value, (totals.get(value) ?? 0) + c);
    }
    sumP += agreeing / (unit.length * (unit.length - 1));
    total += unit.length;
  }
  const pBar = sumP / rated.length;
  let pe = 0;
  for (const c of totals.values()) pe += (c / total) ** 2;
  if (pe === 1) return null;
  return finite((pBar - pe) / (1 - pe));
}

/** Krippendorff's coincidence matrix over `values` (rows and columns in that order), from units with ≥ 2 values. */
export function coincidenceMatrix(units: readonly RatedUnit[], values: readonly string[] = valuesOf(units)): number[][] {
  const index = new Map(values.map((v, i) => [v, i]));
  const matrix = values.map(() => values.map(() => 0));
  for (const unit of units) {
    const m = unit.length;
    if (m < 2) continue;
    const counts = countValues(unit);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        const i = index.get(c);
        const j = index.get(k);
        if (i !== undefined && j !== undefined) matrix[i]![j]! += pairs / (m - 1);
      }
    }
  }
  return matrix;
}

/** Krippendorff's α for nominal values, missing values allowed. */
export function krippendorffAlpha(units: readonly RatedUnit[]): number | null {
  const values = valuesOf(units);
  const o = coincidenceMatrix(units, values);
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n <= 1) return null;
  let disagreeing = 0;
  let expected = 0;
  for (let c = 0; c < values.length; c++) {
    for (let k = 0; k < values.length; k++) {
      if (c === k) continue;
      disagreeing += o[c]![k]!;
      expected += nc[c]! * nc[k]!;
    }
  }
  if (expected === 0) return null;
  return finite(1 - ((n - 1) * disagreeing) / expected);
}

function countValues(unit: RatedUnit): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of unit) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
