/**
 * Claim candidates: whole body sentences with a checkable signal — a number or amount, a comparison, a named
 * source of a figure or finding, a causal or predictive statement. "Freight operators were less patient." has
 * none; "Fares rose 12% in 2024." has one.
 */
import type { ParsedDocument, Span } from '../document';
import { bodySentences } from './sentences';

export type ClaimSignal = 'number' | 'comparison' | 'source' | 'causal' | 'prediction';

const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|third|thirds|quarter|quarters|fifth|double|twice|triple|percent|per cent';

const SIGNALS: ReadonlyArray<[ClaimSignal, RegExp]> = [
  // 3, 12%, £9,000, 1979 (a bare day of the month counts too: dates are checkable).
  ['number', new RegExp(String.raw`\d|\b(?:${NUMBER_WORDS})\b`, 'iu')],
  [
    'comparison',
    /\b(?:than|compared (?:with|to)|(?:the )?(?:highest|lowest|largest|smallest|biggest|fastest|slowest|most|least|worst|best|first|only)\b(?! of all)|record|doubled|tripled|halved|(?:rose|risen|rise|rises|rising|fell|fallen|falls|dropped|drops|declined|declines|increased|increases|decreased|decreases|grew|grown|shrank|surged|soared|plunged|climbed|jumped) (?:by|to|from|since|for)|more (?:\w+ )?than|outnumber\w*|exceed\w*|overtook|surpass\w*)\b/iu,
  ],
  [
    'source',
    /\b(?:according to|figures|data|statistics|survey|study|studies|report(?:ed|s)?|census|audit|analysis|poll|records show|estimates?|estimated|found that|shows? that|showed that|published|documents show|inspectors?|regulator)\b/iu,
  ],
  ['causal', /\b(?:because|caused|causes|cause of|due to|led to|leads to|lead to|resulted in|result of|as a result|responsible for|linked to|triggered|thanks to|contributed to)\b/iu],
  [
    'prediction',
    /\b(?:will (?!not be able)|won[’']t|is expected to|are expected to|was expected to|were expected to|expects?|forecasts?|projected|predicts?|predicted|is set to|are set to|is due to|are due to|by (?:the end of )?(?:19|20)\d\d|next (?:year|month|week|decade|spring|summer|autumn|winter))\b/iu,
  ],
];

/** The checkable signals of a sentence, in the order above (empty: nothing to check). */
export function claimSignals(sentence: string): ClaimSignal[] {
  return SIGNALS.filter(([, re]) => re.test(sentence)).map(([signal]) => signal);
}

export interface ClaimCandidate extends Span {
  signals: ClaimSignal[];
}

/** Whether two spans share at least one code unit. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The body sentences with a checkable signal that overlap none of `taken` (annotations already there, quotes
 * proposed), in document order. A sentence is taken whole or not at all.
 */
export function claimCandidates(text: string, doc: ParsedDocument, taken: readonly Span[] = []): ClaimCandidate[] {
  const out: ClaimCandidate[] = [];
  for (const s of bodySentences(text, doc)) {
    if (taken.some((t) => overlaps(t, s))) continue;
    const signals = claimSignals(text.slice(s.start, s.end));
    if (signals.length > 0) out.push({ ...s, signals });
  }
  return out;
}
