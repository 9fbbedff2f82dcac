/**
 * `checkthat`: claim sentences for check-worthiness estimation, laid out as the CLEF CheckThat! lab's own
 * data files for its claim-detection task (task 1, text): UTF-8, LF line ends, the header
 * `Sentence_id<TAB>Text<TAB>class_label`, then one line per claim annotation whose `checkworthy` is `yes`
 * (→ `Yes`) or `no` (→ `No`); claims marked `unsure` or not marked are left out (reported).
 *
 * - `Sentence_id` is numeric, as the lab's format checker requires: document number × 10,000 + claim number,
 *   both counted from 1 — the document's place among the exported documents (in path order) and the claim's
 *   place among that document's exported claims (in text order). The same export of the same folder gives
 *   the same ids. `checkThatIds` writes the mapping to the annotations (`Sentence_id`, file, id, start, end).
 * - `Text` is the claim's text as it is (NBSP, quotes, repeated spaces kept), except that each line break
 *   (CRLF, LF or CR) and each tab becomes one space, since a record is one line. Nothing is quoted or escaped:
 *   a `"` is an ordinary character, as in the lab's files.
 */
import type { Annotation } from '../../annotations/schema';
import { isAnchored, type ExportDocument, type ExportOptions } from '../model';
import { annotationWarning, statsOf, type WithStats } from './common';
import { CLAIM_TAG } from './claimreview';

export const CHECKTHAT_COLUMNS = ['Sentence_id', 'Text', 'class_label'] as const;
export const CHECKTHAT_ID_COLUMNS = ['Sentence_id', 'file', 'id', 'start', 'end'] as const;
/** Claims per document: Sentence_id = document number × this + claim number. */
export const CHECKTHAT_CLAIMS_PER_DOCUMENT = 10_000;

export function checkworthyLabel(a: Annotation): 'Yes' | 'No' | null {
  if (a.tag !== CLAIM_TAG) return null;
  const value = a.attributes.checkworthy;
  return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : null;
}

/** The claim text on one line: line breaks and tabs become one space each; nothing else changes. */
export function checkThatText(text: string): string {
  return text.replace(/\r\n|[\r\n\t]/g, ' ');
}

interface Row {
  sentenceId: number;
  text: string;
  label: 'Yes' | 'No';
  annotation: Annotation;
}

/** The rows of one document (`number`: its place in the export, from 1); what is left out is reported. */
function rowsOf(doc: ExportDocument, number: number, options: ExportOptions): Row[] {
  const rows: Row[] = [];
  const claims = doc.annotations.filter((a) => a.tag === CLAIM_TAG).sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : 1));
  for (const a of claims) {
    const label = checkworthyLabel(a);
    const why = label === null ? `checkworthy is ${JSON.stringify(a.attributes.checkworthy ?? null)}, not yes or no` : !isAnchored(a) ? 'orphaned (its text is no longer in the document)' : rows.length === CHECKTHAT_CLAIMS_PER_DOCUMENT - 1 ? `more than ${CHECKTHAT_CLAIMS_PER_DOCUMENT - 1} claims in one document` : null;
    if (why !== null) {
      options.onProblem?.(annotationWarning(doc.file, a.id, `claim left out of the CheckThat! TSV: ${why}`));
      continue;
    }
    rows.push({ sentenceId: number * CHECKTHAT_CLAIMS_PER_DOCUMENT + rows.length + 1, text: checkThatText(a.target.exact), label: label!, annotation: a });
  }
  return rows;
}

export async function* exportCheckThat(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  yield `${CHECKTHAT_COLUMNS.join('\t')}\n`;
  let number = 0;
  for await (const doc of docs) {
    const rows = rowsOf(doc, ++number, options);
    stats.documents++;
    stats.annotations += rows.length;
    options.onDocument?.(doc, rows.length);
    if (rows.length > 0) yield rows.map((r) => `${r.sentenceId}\t${r.text}\t${r.label}\n`).join('');
  }
}

/** The companion file: which annotation each Sentence_id is (`file`, `id`, and its UTF-16 `start`/`end`). */
export async function* checkThatIds(docs: AsyncIterable<ExportDocument>): AsyncGenerator<string> {
  yield `${CHECKTHAT_ID_COLUMNS.join('\t')}\n`;
  let number = 0;
  for await (const doc of docs) {
    const rows = rowsOf(doc, ++number, {});
    // A file name holds no tab or line break in practice; if one does, it is written as a space, like Text.
    const file = checkThatText(doc.file);
    if (rows.length > 0) yield rows.map((r) => `${r.sentenceId}\t${file}\t${r.annotation.id}\t${r.annotation.target.start}\t${r.annotation.target.end}\n`).join('');
  }
}

/** Where the id mapping of a CheckThat! export to `out` goes: `claims.tsv` → `claims.ids.tsv`. */
export function checkThatIdsPath(out: string): string {
  return out.endsWith('.tsv') ? `${out.slice(0, -4)}.ids.tsv` : `${out}.ids.tsv`;
}
