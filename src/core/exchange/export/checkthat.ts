/**
 * `checkthat`: claim sentences for check-worthiness estimation in the layout of the CLEF CheckThat! lab's
 * claim-detection task (task 1, text): a TSV with the header `Sentence_id<TAB>Text<TAB>class_label` and one
 * row per claim annotation whose `checkworthy` is `yes` (→ `Yes`) or `no` (→ `No`); claims marked `unsure`
 * or not marked are left out. Sentence_id is the annotation id; Text is the claim text on one line
 * (whitespace runs collapsed). Written with csv-stringify (tab delimiter, LF records; a field holding a
 * quote is quoted, as pandas and Python's csv module read it).
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Annotation } from '../../annotations/schema';
import type { ExportDocument, ExportOptions } from '../model';
import { oneLine, statsOf, type WithStats } from './common';
import { CLAIM_TAG } from './claimreview';

export const CHECKTHAT_COLUMNS = ['Sentence_id', 'Text', 'class_label'] as const;

export function checkworthyLabel(a: Annotation): 'Yes' | 'No' | null {
  if (a.tag !== CLAIM_TAG) return null;
  const value = a.attributes.checkworthy;
  return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : null;
}

const TSV_OPTIONS = { delimiter: '\t', record_delimiter: 'unix' } as const;

export async function* exportCheckThat(docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  const stats = statsOf(options);
  yield stringify([[...CHECKTHAT_COLUMNS]], TSV_OPTIONS);
  for await (const doc of docs) {
    const rows: string[][] = [];
    for (const a of doc.annotations) {
      const label = checkworthyLabel(a);
      if (label !== null) rows.push([a.id, oneLine(a.target.exact), label]);
    }
    stats.documents++;
    stats.annotations += rows.length;
    options.onDocument?.(doc, rows.length);
    if (rows.length > 0) yield stringify(rows, TSV_OPTIONS);
  }
}
