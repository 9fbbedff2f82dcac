/**
 * Measures agreement over the workspace's source documents for the Agreement Report: each document's annotations
 * through the store (file → core → store), its length from its current text, then core/team/agreement. The result
 * is the report's view (src/webview/report/protocol.ts), plus where each listed file is.
 */
import * as vscode from 'vscode';
import { computeAgreement, type AgreementDocument } from '../../core/team/agreement/index';
import type { ReportView } from '../../webview/report/protocol';
import { currentText } from '../annotations/documentText';
import type { AnnotationStore } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import { toView } from './view';

export interface MeasureDeps {
  store: AnnotationStore;
  tagSets: TagSets;
  /** The source documents to measure. */
  documents(): Promise<readonly vscode.Uri[]>;
}

export interface Measured {
  view: ReportView;
  /** The documents listed in the view, by their `file`. */
  files: Map<string, vscode.Uri>;
}

/** Loads sidecars a few at a time: many small reads, without holding every one open at once. */
const PARALLEL = 8;

export async function measureWorkspace(deps: MeasureDeps): Promise<Measured> {
  const uris = await deps.documents();
  const documents: AgreementDocument[] = [];
  const files = new Map<string, vscode.Uri>();
  let unreadable = 0;
  let next = 0;
  const worker = async () => {
    while (next < uris.length) {
      const uri = uris[next++]!;
      const doc = await deps.store.get(uri);
      if (doc.state === 'unreadable') {
        unreadable++;
        continue;
      }
      if (doc.annotations.length === 0 && Object.keys(doc.statuses).length === 0) continue;
      const file = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      const length = (await currentText(uri)).length;
      files.set(file, uri);
      documents.push({
        file, length, annotations: doc.annotations, relations: doc.relations, statuses: { ...doc.statuses },
        ...(doc.curation?.status === 'curated' ? { curated: true } : {}),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, uris.length) }, worker));
  documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const tagSet = uris.length ? deps.tagSets.for(uris[0]!) : undefined;
  const report = computeAgreement(documents, {
    ...(tagSet ? { tagOrder: tagSet.tags.map((t) => t.id) } : {}),
    enumAttributes: (tag) => tagSet?.tags.find((t) => t.id === tag)?.attributes.filter((a) => a.kind === 'enum').map((a) => a.id),
  });
  const scope = (vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(', ') || 'this window';
  return { view: toView(report, tagSet, scope, unreadable), files };
}
