/**
 * The one message protocol between the Agreement Report webview (`src/webview/report/main.ts`) and the extension
 * host (`src/vscode/report/`), described once with zod/mini and imported by both sides; each side validates every
 * message it receives and drops anything else.
 *
 *   webview → host  `ready` once its script runs; `refresh` to measure again; `open` a document of the report;
 *   host → webview  `loading` while measuring, then `report` (everything the page shows) or `failed` (why not).
 */
import * as z from 'zod/mini';

const name = z.string().check(z.maxLength(256));
const label = z.string().check(z.maxLength(4096));
const file = z.string().check(z.minLength(1), z.maxLength(4096));
const count = z.int().check(z.nonnegative());
const measure = z.nullable(z.number().check(z.gte(-1_000_000), z.lte(1)));
const tagId = z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/));

export const ScoresView = z.strictObject({ tp: count, fp: count, fn: count, precision: measure, recall: measure, f1: measure });

export const PairView = z.strictObject({ a: name, b: name, exact: ScoresView, overlap: ScoresView });

export const AttributeView = z.strictObject({
  id: name,
  label,
  /** Matched spans with at least one value. */
  units: count,
  percent: measure,
  cohenKappa: measure,
  fleissKappa: measure,
  krippendorffAlpha: measure,
  /** Rows and columns of the coincidence matrix. */
  values: z.array(label).check(z.maxLength(200)),
  coincidence: z.array(z.array(z.number().check(z.nonnegative()))),
});

export const TagReportView = z.strictObject({
  id: tagId,
  label,
  alphaU: measure,
  pairs: z.array(PairView),
  attributes: z.array(AttributeView),
});

export const DocumentRowView = z.strictObject({
  file,
  f1: measure,
  overlapF1: measure,
  units: count,
  disagreements: count,
  annotators: z.array(name),
  curated: z.optional(z.boolean()),
});

export const ProgressView = z.strictObject({ annotator: name, todo: count, inProgress: count, done: count, annotations: count });

export const ReportView = z.strictObject({
  /** The workspace folder(s) measured, as shown. */
  scope: label,
  annotators: z.array(name).check(z.maxLength(1000)),
  tags: z.array(TagReportView),
  /** Least agreement first. */
  documents: z.array(DocumentRowView).check(z.maxLength(1_000_000)),
  progress: z.array(ProgressView),
  /** Documents whose sidecar could not be read (left out). */
  unreadable: count,
});
export type ReportView = z.infer<typeof ReportView>;
export type TagReportView = z.infer<typeof TagReportView>;
export type AttributeView = z.infer<typeof AttributeView>;
export type DocumentRowView = z.infer<typeof DocumentRowView>;

export const ToHost = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('open'), file }),
]);
export type ToHost = z.infer<typeof ToHost>;

export const ToWebview = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('loading') }),
  z.strictObject({ type: z.literal('report'), report: ReportView }),
  z.strictObject({ type: z.literal('failed'), message: label }),
]);
export type ToWebview = z.infer<typeof ToWebview>;

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

export function parseToHost(raw: unknown): Parsed<ToHost> {
  return toParsed(ToHost.safeParse(raw));
}

export function parseToWebview(raw: unknown): Parsed<ToWebview> {
  return toParsed(ToWebview.safeParse(raw));
}

function toParsed<T>(result: { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; code: string }> } }): Parsed<T> {
  if (result.success) return { ok: true, message: result.data };
  return { ok: false, error: result.error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(message)'}: ${i.code}`).join('; ') };
}
