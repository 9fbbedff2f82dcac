import type { Annotation } from '../../annotations/schema';
import { newStats, type ExportStats } from '../model';

/** Collapses runs of whitespace (line breaks, tabs, NBSP) into one space, trimmed: claim text on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** An attribute value as one text cell: strings as they are, lists of strings joined by spaces, anything else as JSON. */
export function attributeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return JSON.stringify(value);
}

/** Attribute ids in order of first use. */
export function collectAttributeIds(annotations: Iterable<Annotation>, into: Set<string> = new Set()): Set<string> {
  for (const a of annotations) for (const key of Object.keys(a.attributes)) into.add(key);
  return into;
}

/** Where an exporter counts what it wrote. */
export interface WithStats {
  stats?: ExportStats;
}

export function statsOf(options: WithStats): ExportStats {
  return (options.stats ??= newStats());
}
