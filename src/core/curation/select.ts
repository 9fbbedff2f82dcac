/**
 * Which items an export carries: everything (the default), the gold standard (`--gold`: gold items of curated
 * documents, rejections left out) or one annotator's work (`--author NAME`).
 */
import type { Annotation, DocumentCuration, Relation } from '../annotations/schema';
import { isGold, isGoldKept } from './gold';

export interface ExportSelection {
  gold?: boolean;
  author?: string;
  /** With `gold`: also documents whose curation is not finished (their gold items so far). */
  includeUncurated?: boolean;
}

export interface Selectable {
  annotations: readonly Annotation[];
  relations?: readonly Relation[];
  curation?: DocumentCuration;
}

export type Selected = { ok: true; annotations: Annotation[]; relations: Relation[] } | { ok: false; reason: string };

/** True when the selection exports everything (no filter to apply). */
export function selectsEverything(sel: ExportSelection): boolean {
  return !sel.gold && sel.author === undefined;
}

/** The message for a selection that makes no sense, else null. */
export function selectionError(sel: ExportSelection): string | null {
  if (sel.gold && sel.author !== undefined) return '--gold and --author exclude each other (the gold standard is the curator\'s, not an annotator\'s work)';
  if (sel.includeUncurated && !sel.gold) return '--include-uncurated goes with --gold';
  return null;
}

/** The document's items an export with `sel` carries, or why the document is skipped. */
export function selectForExport(doc: Selectable, sel: ExportSelection): Selected {
  const relations = doc.relations ?? [];
  if (sel.gold) {
    const status = doc.curation?.status ?? (doc.annotations.some(isGold) ? 'in-progress' : 'not-started');
    if (status !== 'curated' && !sel.includeUncurated) return { ok: false, reason: `not curated (${status}): left out of the gold standard (--include-uncurated exports its gold items so far)` };
    return keep(doc.annotations.filter(isGoldKept), relations.filter(isGoldKept));
  }
  if (sel.author !== undefined) {
    const mine = (i: Annotation | Relation) => !isGold(i) && i.author === sel.author;
    return keep(doc.annotations.filter(mine), relations.filter(mine));
  }
  return { ok: true, annotations: [...doc.annotations], relations: [...relations] };
}

/** Relations only between kept annotations. */
function keep(annotations: Annotation[], relations: readonly Relation[]): Selected {
  const ids = new Set(annotations.map((a) => a.id));
  return { ok: true, annotations, relations: relations.filter((r) => ids.has(r.from) && ids.has(r.to)) };
}
