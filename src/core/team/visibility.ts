/**
 * Blind annotation: with `seedAnnotator.show` = "mine", every view sees only the current annotator's annotations
 * and links; the others' stay untouched in the sidecar. One filter, used by the store's read side.
 */
import type { Annotation, Relation } from '../annotations/schema';

export const SHOW_MODES = ['everyone', 'mine'] as const;
export type ShowMode = (typeof SHOW_MODES)[number];

export function isShowMode(value: unknown): value is ShowMode {
  return typeof value === 'string' && (SHOW_MODES as readonly string[]).includes(value);
}

export interface Visible {
  annotations: readonly Annotation[];
  relations: readonly Relation[];
}

/** What `me` sees: everything, or (mode "mine") their own annotations and their own links between them. */
export function visibleTo(doc: Visible, me: string, mode: ShowMode): Visible {
  if (mode === 'everyone') return doc;
  const annotations = doc.annotations.filter((a) => a.author === me);
  const ids = new Set(annotations.map((a) => a.id));
  const relations = doc.relations.filter((r) => r.author === me && ids.has(r.from) && ids.has(r.to));
  return { annotations, relations };
}
