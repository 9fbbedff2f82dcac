/** The agreement report as the report's webview shows it (no `vscode` import: unit-tested). */
import type { TagSet } from '../../core/annotations/schema';
import type { AgreementReport } from '../../core/team/agreement/index';
import type { ReportView } from '../../webview/report/protocol';

/** The report as the webview shows it: labels from the tag set, attribute units counted instead of listed. */
export function toView(report: AgreementReport, tagSet: TagSet | undefined, scope: string, unreadable: number): ReportView {
  const tagDef = (id: string) => tagSet?.tags.find((t) => t.id === id);
  return {
    scope,
    annotators: report.annotators,
    tags: Object.entries(report.tags).map(([id, t]) => ({
      id,
      label: tagDef(id)?.label ?? id,
      alphaU: t.alphaU,
      pairs: t.pairs,
      attributes: Object.entries(t.attributes).map(([attr, a]) => ({
        id: attr,
        label: tagDef(id)?.attributes.find((d) => d.id === attr)?.label ?? attr,
        units: a.units.length,
        percent: a.percent,
        cohenKappa: a.cohenKappa,
        fleissKappa: a.fleissKappa,
        krippendorffAlpha: a.krippendorffAlpha,
        values: a.values,
        coincidence: a.coincidence,
      })),
    })),
    documents: report.documents,
    progress: Object.entries(report.progress).map(([annotator, p]) => ({
      annotator,
      todo: p.todo,
      inProgress: p['in-progress'],
      done: p.done,
      annotations: p.annotations,
    })),
    unreadable,
  };
}
