/** Decisions applied to a sidecar directly (the CLI's path; the extension goes through its store). */
import { makeTarget } from '../annotations/anchor';
import type { Annotation, Relation, Sidecar, TagSet } from '../annotations/schema';
import { compareAnnotations, compareRelations, newAnnotation, newRelation } from '../annotations/sidecar';
import { CurationError, acceptAllAgreed, type GoldOp } from './decisions';
import { curationAfter } from './gold';
import { reviewUnits, unsettled, type ReviewUnit } from './units';

export interface ApplyContext {
  /** The curator, recorded as the gold items' author. */
  curator: string;
  now?: Date;
  /** The document text, for a gold span no version has (an edited or added span). */
  text?: string;
}

/** The sidecar with the gold items of `ops` added; every other item is kept as it is (the same objects). */
export function applyGoldOps(sidecar: Sidecar, ops: readonly GoldOp[], ctx: ApplyContext): Sidecar {
  const annotations: Annotation[] = [...sidecar.annotations];
  const relations: Relation[] = [...sidecar.relations];
  for (const op of ops) {
    if (op.kind === 'add') {
      const { span } = op;
      const same = sidecar.annotations.find((a) => a.target.start === span.start && a.target.end === span.end && a.status !== 'orphaned');
      let target;
      if (same) target = { ...same.target };
      else if (ctx.text !== undefined) target = makeTarget(ctx.text, span.start, span.end);
      else throw new CurationError(`no text to place the gold span ${span.start}–${span.end} on`);
      annotations.push({ ...newAnnotation({ id: span.id, tag: span.tag, target, attributes: span.attributes, note: span.note, author: ctx.curator, ...(ctx.now ? { now: ctx.now } : {}) }), ...span.extra });
    } else {
      const { link } = op;
      relations.push({ ...newRelation({ ...link, author: ctx.curator, ...(ctx.now ? { now: ctx.now } : {}) }), ...link.extra });
    }
  }
  return { ...sidecar, annotations: annotations.sort(compareAnnotations), relations: relations.sort(compareRelations) };
}

export interface AgreedResult {
  sidecar: Sidecar;
  /** Gold annotations made. */
  accepted: number;
  /** The units still to curate, after. */
  left: ReviewUnit[];
  changed: boolean;
}

/**
 * `curate --accept-agreed` on one sidecar: a gold annotation for every unsettled unit on which all (or
 * `minAnnotators`) annotators agree exactly; the curation status follows (curated when nothing is left).
 */
export function acceptAgreedInSidecar(sidecar: Sidecar, options: { curator: string; minAnnotators?: number; tagSet?: TagSet; now?: Date }): AgreedResult {
  const unitOptions = { ...(options.minAnnotators !== undefined ? { minAnnotators: options.minAnnotators } : {}), ...(options.tagSet ? { tagSet: options.tagSet } : {}) };
  const ops = acceptAllAgreed(reviewUnits(sidecar.annotations, unitOptions));
  if (ops.length === 0) return { sidecar, accepted: 0, left: unsettled(reviewUnits(sidecar.annotations, unitOptions)), changed: false };
  const withGold = applyGoldOps(sidecar, ops, { curator: options.curator, ...(options.now ? { now: options.now } : {}) });
  const left = unsettled(reviewUnits(withGold.annotations, unitOptions));
  return { sidecar: { ...withGold, curation: curationAfter(left.length, options.curator, options.now) }, accepted: ops.length, left, changed: true };
}
