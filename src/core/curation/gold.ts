/**
 * Gold items and the document's curation status. Gold annotations and relations are ordinary items made by a
 * curator and marked with `curation`; annotators' own items never carry it and curation never changes them.
 */
import type { Annotation, CurationStatus, DocumentCuration, Relation, Sidecar } from '../annotations/schema';

type Item = Pick<Annotation | Relation, 'curation'>;

/** Made by a curator (whatever the decision, a rejection included). */
export function isGold(item: Item): boolean {
  return item.curation !== undefined;
}

/** A gold item that is part of the gold standard: every decision but "rejected-all". */
export function isGoldKept(item: Item): boolean {
  return item.curation !== undefined && item.curation.decision !== 'rejected-all';
}

/** The annotators' own items (everything a curator did not make). */
export function annotatorItems<T extends Item>(items: readonly T[]): T[] {
  return items.filter((i) => !isGold(i));
}

/** The annotators of a document: the authors of its non-gold annotations, sorted. */
export function annotatorsOf(annotations: readonly Annotation[]): string[] {
  return [...new Set(annotatorItems(annotations).map((a) => a.author))].sort();
}

/** The document's curation status: the one recorded, else "in-progress" when it holds gold items, else "not-started". */
export function curationStatusOf(sidecar: Pick<Sidecar, 'curation' | 'annotations' | 'relations'>): CurationStatus {
  if (sidecar.curation) return sidecar.curation.status;
  return sidecar.annotations.some(isGold) || (sidecar.relations ?? []).some(isGold) ? 'in-progress' : 'not-started';
}

/** The `curation` block after a decision: curated once nothing is left to curate, else in progress. */
export function curationAfter(left: number, curator: string, now = new Date()): DocumentCuration {
  return { status: left === 0 ? 'curated' : 'in-progress', ...(curator ? { curator } : {}), modified: now.toISOString() };
}

export const CURATION_STATUS_LABELS: Record<CurationStatus, string> = {
  'not-started': 'not curated',
  'in-progress': 'curation in progress',
  curated: 'curated',
};
