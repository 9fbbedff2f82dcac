// Agreement coefficients against published worked examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cohenKappa, coincidenceMatrix, fleissKappa, krippendorffAlpha, percentAgreement, type RatedUnit } from '../../src/core/team/agreement/coefficients';
import { joinSpans, unitizingAlpha, type Segment } from '../../src/core/team/agreement/unitizing';

const near = (actual: number | null, expected: number, digits = 3) => {
  assert.notEqual(actual, null);
  assert.ok(Math.abs(actual! - expected) < 0.5 * 10 ** -digits, `${actual} is not ${expected} to ${digits} places`);
};

/** Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers, 12 units, missing values ('.'). */
const reliabilityData = [
  '1 2 3 3 2 1 4 1 2 . . .',
  '1 2 3 3 2 2 4 1 2 5 . 3',
  '. 3 3 3 2 3 4 2 2 5 1 .',
  '1 2 3 3 2 4 4 1 2 5 1 .',
].map((row) => row.split(' '));
const byUnit = (rows: string[][]): RatedUnit[] => rows[0]!.map((_, u) => rows.map((r) => r[u]!).filter((v) => v !== '.'));

test("Krippendorff's α, nominal, with missing values: his own example gives 0.743", () => {
  near(krippendorffAlpha(byUnit(reliabilityData)), 0.743);
});

test('the coincidence matrix of that example matches the published one (n = 40 pairable values)', () => {
  const o = coincidenceMatrix(byUnit(reliabilityData), ['1', '2', '3', '4', '5']);
  const rounded = o.map((row) => row.map((x) => Math.round(x * 1000) / 1000));
  assert.deepEqual(rounded, [
    [7, 4 / 3, 1 / 3, 1 / 3, 0].map((x) => Math.round(x * 1000) / 1000),
    [4 / 3, 10, 4 / 3, 1 / 3, 0].map((x) => Math.round(x * 1000) / 1000),
    [1 / 3, 4 / 3, 8, 1 / 3, 0].map((x) => Math.round(x * 1000) / 1000),
    [1 / 3, 1 / 3, 1 / 3, 4, 0].map((x) => Math.round(x * 1000) / 1000),
    [0, 0, 0, 0, 3],
  ]);
  assert.equal(Math.round(o.flat().reduce((s, x) => s + x, 0) * 1e9) / 1e9, 40);
});

const cohenTable = (yy: number, yn: number, ny: number, nn: number) => [
  ...Array<[string, string]>(yy).fill(['yes', 'yes']), ...Array<[string, string]>(yn).fill(['yes', 'no']),
  ...Array<[string, string]>(ny).fill(['no', 'yes']), ...Array<[string, string]>(nn).fill(['no', 'no']),
];

test("Cohen's κ: the standard 2×2 examples (20/5/10/15 → 0.4; 45/15/25/15 → 0.1304; 25/35/5/35 → 0.2593)", () => {
  near(cohenKappa(cohenTable(20, 5, 10, 15)), 0.4, 4);
  near(cohenKappa(cohenTable(45, 15, 25, 15)), 0.1304, 4);
  near(cohenKappa(cohenTable(25, 35, 5, 35)), 0.2593, 4);
  near(percentAgreement(cohenTable(20, 5, 10, 15).map(([a, b]) => [a, b])), 0.7, 4);
});

test("Cohen's κ is null where undefined: no units, or both annotators always give one same value", () => {
  assert.equal(cohenKappa([]), null);
  assert.equal(cohenKappa([['x', 'x'], ['x', 'x']]), null);
});

test("Fleiss' κ: the 10 subjects × 14 raters × 5 categories example gives 0.210", () => {
  const table = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
  ];
  const units = table.map((counts) => counts.flatMap((c, k) => Array<string>(c).fill(`c${k + 1}`)));
  near(fleissKappa(units), 0.21, 3);
});

test('no variation or no pairable values: every coefficient is null, never NaN', () => {
  const same: RatedUnit[] = [['a', 'a'], ['a', 'a', 'a']];
  assert.equal(fleissKappa(same), null);
  assert.equal(krippendorffAlpha(same), null);
  assert.equal(percentAgreement(same), 1);
  const lonely: RatedUnit[] = [['a'], ['b']];
  assert.equal(fleissKappa(lonely), null);
  assert.equal(krippendorffAlpha(lonely), null);
  assert.equal(percentAgreement(lonely), null);
});

/** Krippendorff (2004), Content Analysis, p. 254 (as DKPro Statistics tests it): continuum 150–450, two observers, categories c and k. */
const at = (start: number, length: number): Segment => ({ start: start - 150, end: start - 150 + length });
const k2004 = {
  c: [[at(225, 70), at(370, 30)], [at(220, 80), at(355, 20), at(400, 20)]],
  k: [[at(180, 60), at(300, 50)], [at(180, 60), at(300, 50)]],
};

test('unitizing α: Krippendorff\'s 2004 example, category c: D_o 0.0144, D_e 0.0532, α 0.7286', () => {
  const r = unitizingAlpha({ length: 300, spans: k2004.c });
  near(r.observed, 0.0144, 4);
  near(r.expected, 0.0532, 4);
  near(r.alpha, 0.7286, 4);
});

test('unitizing α: the same example, category k (identical spans) is 1; both categories together 0.8591', () => {
  const k = unitizingAlpha({ length: 300, spans: k2004.k });
  near(k.observed, 0, 4);
  near(k.expected, 0.049, 4);
  near(k.alpha, 1, 4);
  const c = unitizingAlpha({ length: 300, spans: k2004.c });
  near(1 - (c.observed + k.observed) / (c.expected + k.expected), 0.8591, 3);
});

test("unitizing α: Krippendorff's 1995 example A (24 positions): D_o 0.03125", () => {
  const r = unitizingAlpha({ length: 24, spans: [[{ start: 2, end: 10 }, { start: 14, end: 20 }], [{ start: 4, end: 8 }, { start: 15, end: 17 }]] });
  near(r.observed, 0.03125, 5);
});

test('unitizing α: null with one annotator or no span; overlapping spans of one annotator joined', () => {
  assert.equal(unitizingAlpha({ length: 10, spans: [[{ start: 0, end: 3 }]] }).alpha, null);
  assert.equal(unitizingAlpha({ length: 10, spans: [[], []] }).alpha, null);
  assert.deepEqual(joinSpans([{ start: 5, end: 9 }, { start: 0, end: 3 }, { start: 2, end: 6 }, { start: 9, end: 12 }], 10), [
    { start: 0, end: 9 }, { start: 9, end: 10 },
  ]);
  const same = unitizingAlpha({ length: 50, spans: [[{ start: 2, end: 8 }, { start: 5, end: 9 }], [{ start: 2, end: 9 }]] });
  near(same.alpha, 1, 6);
});
