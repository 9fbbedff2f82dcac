/**
 * `claimreview`: schema.org ClaimReview (https://schema.org/ClaimReview) in JSON-LD, laid out for Google's
 * fact-check markup: `{ "@context": "https://schema.org", "@graph": [ClaimReview…] }`, one per claim whose
 * `verdict` is set and is not `unverified`. Claims left out (no verdict, `unverified`) are reported, each
 * by file and id.
 *
 *   url             the review's page: <review URL base><annotation id> (required by Google; reported when
 *                   no base is given)
 *   claimReviewed   the claim text (whitespace runs collapsed to one space); longer than Google's 75
 *                   characters is reported, never cut
 *   itemReviewed    a Claim: author (the byline as a Person, else the site as an Organization),
 *                   datePublished (the dateline's ISO form), appearance and firstAppearance (the
 *                   CreativeWork at the document's Source URL: url, headline, author, datePublished)
 *   reviewRating    a Rating: alternateName = the verdict, name = the verdict in words ("Mostly true");
 *                   verdicts on the default scale also get ratingValue 1 (false) … 5 (true), worstRating 1,
 *                   bestRating 5
 *   author          the fact-checking organisation (an Organization, when set), else the annotator (a
 *                   Person); with an organisation, the annotator is the `contributor`
 *   datePublished   the day the annotation was last modified; reviewBody: the note; citation: the http(s)
 *                   evidence URLs; identifier: the annotation's urn:uuid
 * `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, so the output can be pasted into a
 * `<script type="application/ld+json">` block as it is.
 */
import type { Annotation } from '../../annotations/schema';
import { documentMeta, type DocumentMeta, type ExportDocument, type ExportOptions } from '../model';
import { annotationUrn } from '../uuid';
import { annotationWarning, oneLine, scriptSafeJson, statsOf, type WithStats } from './common';

export const CLAIM_TAG = 'claim';
export const UNVERIFIED = 'unverified';
/** Google's guidance for `claimReviewed`. */
export const CLAIM_REVIEWED_MAX = 75;

/** Rating values of the default verdicts (worst 1 … best 5); others carry only alternateName and name. */
export const VERDICT_RATING: Readonly<Record<string, number>> = { false: 1, misleading: 2, mixed: 3, 'mostly-true': 4, true: 5 };

/** The verdict of a claim annotation that gets a ClaimReview, else null. */
export function reviewedVerdict(a: Annotation): string | null {
  const verdict = a.attributes.verdict;
  return a.tag === CLAIM_TAG && typeof verdict === 'string' && verdict !== '' && verdict !== UNVERIFIED ? verdict : null;
}

/** `mostly-true` → `Mostly true`. */
export function verdictName(verdict: string): string {
  const words = verdict.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The review's URL: `base` + the annotation id (a base without a trailing `/`, `#` or `=` gets a `/`). */
export function reviewUrl(base: string, id: string): string {
  return `${/[/#=]$/.test(base) ? base : `${base}/`}${encodeURIComponent(id)}`;
}

function claimOf(meta: DocumentMeta, url: string | null): Record<string, unknown> {
  const claim: Record<string, unknown> = { '@type': 'Claim' };
  if (meta.byline) claim.author = { '@type': 'Person', name: meta.byline };
  else if (meta.site) claim.author = { '@type': 'Organization', name: meta.site };
  if (meta.date) claim.datePublished = meta.date;
  const appearance: Record<string, unknown> = { '@type': 'CreativeWork' };
  if (url) appearance.url = url;
  if (meta.title) appearance.headline = meta.title;
  if (claim.author) appearance.author = claim.author;
  if (meta.date) appearance.datePublished = meta.date;
  claim.appearance = appearance;
  claim.firstAppearance = appearance;
  return claim;
}

export async function claimReview(doc: ExportDocument, meta: DocumentMeta, a: Annotation, verdict: string, options: ExportOptions = {}): Promise<Record<string, unknown>> {
  const rating: Record<string, unknown> = { '@type': 'Rating', alternateName: verdict, name: verdictName(verdict) };
  const value = Object.hasOwn(VERDICT_RATING, verdict) ? VERDICT_RATING[verdict] : undefined;
  if (value !== undefined) Object.assign(rating, { ratingValue: value, worstRating: 1, bestRating: 5 });
  const review: Record<string, unknown> = { '@type': 'ClaimReview' };
  if (options.reviewUrlBase) review.url = reviewUrl(options.reviewUrlBase, a.id);
  review.identifier = await annotationUrn(a.id, doc.file);
  review.claimReviewed = oneLine(a.target.exact);
  review.itemReviewed = claimOf(meta, doc.source ?? meta.source);
  review.reviewRating = rating;
  const annotator = a.author ? { '@type': 'Person', name: a.author } : null;
  if (options.organization) {
    review.author = { '@type': 'Organization', name: options.organization.name, ...(options.organization.url ? { url: options.organization.url } : {}) };
    if (annotator) review.contributor = annotator;
  } else if (annotator) review.author = annotator;
  if (a.modified) review.datePublished = a.modified.slice(0, 10);
  if (a.note) review.reviewBody = a.note;
  const evidence = a.attributes.evidence;
  if (Array.isArray(evidence)) {
    const links = evidence.filter((e): e is string => typeof e === 'string' && /^https?:\/\/\S+$/i.test(e));
    if (links.length < evidence.length) options.onProblem?.(annotationWarning(doc.file, a.id, `${evidence.length - links.length} evidence value(s) that are not http(s) URLs left out of citation`));
    if (links.length > 0) review.citation = links;
  }
  return review;
}

export async function* exportClaimReview(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  const missing = [!options.reviewUrlBase && 'url (give the review URL base)', !options.organization && 'author as the fact-checking organisation (give the organisation)'].filter(Boolean);
  if (missing.length > 0) options.onProblem?.({ file: '(export)', path: '(root)', severity: 'warning', message: `ClaimReview without ${missing.join(' and ')}: Google's fact-check markup requires a url and recommends an organisation as author` });
  yield '{\n  "@context": "https://schema.org",\n  "@graph": [';
  let first = true;
  for await (const doc of docs) {
    let meta: DocumentMeta | null = null;
    let chunk = '';
    let written = 0;
    for (const a of doc.annotations) {
      if (a.tag !== CLAIM_TAG) continue;
      const verdict = reviewedVerdict(a);
      if (verdict === null) {
        const v = a.attributes.verdict;
        options.onProblem?.(annotationWarning(doc.file, a.id, `claim left out of ClaimReview: ${v === UNVERIFIED ? 'its verdict is unverified' : 'it has no verdict'} (a ClaimReview needs a rating)`));
        continue;
      }
      meta ??= documentMeta(doc.text);
      const review = await claimReview(doc, meta, a, verdict, options);
      const length = [...(review.claimReviewed as string)].length;
      if (length > CLAIM_REVIEWED_MAX) options.onProblem?.(annotationWarning(doc.file, a.id, `claimReviewed is ${length} characters; Google recommends at most ${CLAIM_REVIEWED_MAX}`));
      const json = scriptSafeJson(review, 2).replace(/\n/g, '\n    ');
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
