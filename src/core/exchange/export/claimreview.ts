/**
 * `claimreview`: schema.org ClaimReview (https://schema.org/ClaimReview) in JSON-LD, one per claim whose
 * `verdict` is set and is not `unverified`: `{ "@context": "https://schema.org", "@graph": [ClaimReview…] }`.
 *
 *   claimReviewed   the claim text (whitespace runs collapsed to one space)
 *   itemReviewed    a Claim whose `appearance` is the CreativeWork at the document's Source URL
 *                   (headline, author from the byline, datePublished from the dateline's ISO form)
 *   reviewRating    a Rating with alternateName = the verdict; verdicts on the default scale also get
 *                   ratingValue 1 (false) … 5 (true), worstRating 1, bestRating 5
 *   author          the annotator (when recorded); datePublished: the day the annotation was last modified
 *   reviewBody      the note; citation: the evidence URLs; identifier: the annotation's urn:uuid
 */
import type { Annotation } from '../../annotations/schema';
import { documentMeta, type DocumentMeta, type ExportDocument, type ExportOptions } from '../model';
import { annotationUrn } from '../uuid';
import { oneLine, statsOf, type WithStats } from './common';

export const CLAIM_TAG = 'claim';
export const UNVERIFIED = 'unverified';

/** Rating values of the default verdicts (worst 1 … best 5); others carry only alternateName. */
export const VERDICT_RATING: Readonly<Record<string, number>> = { false: 1, misleading: 2, mixed: 3, 'mostly-true': 4, true: 5 };

/** The verdict of a claim annotation that gets a ClaimReview, else null. */
export function reviewedVerdict(a: Annotation): string | null {
  const verdict = a.attributes.verdict;
  return a.tag === CLAIM_TAG && typeof verdict === 'string' && verdict !== '' && verdict !== UNVERIFIED ? verdict : null;
}

export async function claimReview(doc: ExportDocument, meta: DocumentMeta, a: Annotation, verdict: string): Promise<Record<string, unknown>> {
  const appearance: Record<string, unknown> = { '@type': 'CreativeWork' };
  const url = doc.source ?? meta.source;
  if (url) appearance.url = url;
  if (meta.title) appearance.headline = meta.title;
  if (meta.byline) appearance.author = { '@type': 'Person', name: meta.byline };
  if (meta.date) appearance.datePublished = meta.date;
  const rating: Record<string, unknown> = { '@type': 'Rating', alternateName: verdict };
  const value = Object.hasOwn(VERDICT_RATING, verdict) ? VERDICT_RATING[verdict] : undefined;
  if (value !== undefined) Object.assign(rating, { ratingValue: value, worstRating: 1, bestRating: 5 });
  const review: Record<string, unknown> = {
    '@type': 'ClaimReview',
    identifier: await annotationUrn(a.id, doc.source ?? doc.file),
    claimReviewed: oneLine(a.target.exact),
    itemReviewed: { '@type': 'Claim', appearance },
    reviewRating: rating,
  };
  if (a.author) review.author = { '@type': 'Person', name: a.author };
  if (a.modified) review.datePublished = a.modified.slice(0, 10);
  if (a.note) review.reviewBody = a.note;
  const evidence = a.attributes.evidence;
  if (Array.isArray(evidence) && evidence.length > 0) review.citation = evidence.filter((e) => typeof e === 'string');
  return review;
}

export async function* exportClaimReview(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  yield '{\n  "@context": "https://schema.org",\n  "@graph": [';
  let first = true;
  for await (const doc of docs) {
    let meta: DocumentMeta | null = null;
    let chunk = '';
    let written = 0;
    for (const a of doc.annotations) {
      const verdict = reviewedVerdict(a);
      if (verdict === null) continue;
      meta ??= documentMeta(doc.text);
      const json = JSON.stringify(await claimReview(doc, meta, a, verdict), null, 2).replace(/\n/g, '\n    ');
      chunk += `${first ? '\n' : ',\n'}    ${json}`;
      first = false;
      written++;
    }
    stats.documents++;
    stats.annotations += written;
    options.onDocument?.(doc, written);
    if (chunk) yield chunk;
  }
  yield `${first ? '' : '\n  '}]\n}\n`;
}
