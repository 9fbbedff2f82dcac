/** The exporters by format: text formats stream strings, brat streams files. */
import type { ExportDocument, ExportFormat, ExportOptions } from '../model';
import { exportBrat, type OutputFile } from './brat';
import { exportCheckThat } from './checkthat';
import { exportClaimReview } from './claimreview';
import type { WithStats } from './common';
import { exportCsv } from './csv';
import { exportDoccano } from './doccano';
import { exportJson } from './json';
import { exportJsonl } from './jsonl';
import { exportLabelStudio } from './labelstudio';
import { exportW3c } from './w3c';

export type { OutputFile } from './brat';
export type TextFormat = Exclude<ExportFormat, 'brat'>;

/**
 * The output of a one-file format, as it is produced. `docs` is called once (twice for CSV without
 * `options.attributeIds`); each call must yield the same documents.
 */
export function exportText(format: TextFormat, docs: () => AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<string> {
  switch (format) {
    case 'json':
      return exportJson(docs(), options);
    case 'jsonl':
      return exportJsonl(docs(), options);
    case 'csv':
      return exportCsv(docs, options);
    case 'w3c':
      return exportW3c(docs(), options);
    case 'claimreview':
      return exportClaimReview(docs(), options);
    case 'checkthat':
      return exportCheckThat(docs(), options);
    case 'doccano':
      return exportDoccano(docs(), options);
    case 'labelstudio':
      return exportLabelStudio(docs(), options);
  }
}

/** The files of a folder format (brat). */
export function exportFiles(format: 'brat', docs: AsyncIterable<ExportDocument>, options: ExportOptions & WithStats = {}): AsyncGenerator<OutputFile> {
  return exportBrat(docs, options);
}
