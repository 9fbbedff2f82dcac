import * as vscode from 'vscode';
import { validateSidecarTags } from '../../core/annotations/tags';
import { ProblemsReporter } from './problemsReporter';
import type { AnnotationStore, DocumentAnnotations } from './store';
import type { TagSets } from './tagSets';

/**
 * What `seed-annotator validate` reports about a readable sidecar against its tag set (unknown tags, values that
 * are not allowed, evidence that is not an http(s) URL, relations the tag set does not allow) shown in the Problems
 * panel at the field, kept apart from the sidecar's own read errors (which the store reports).
 */
export function registerTagProblems(store: AnnotationStore, tagSets: TagSets, documentsChanged: vscode.Event<unknown>): vscode.Disposable[] {
  const reporter = new ProblemsReporter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Sidecars loaded without a change event (the Documents view's counts, an editor opening): checked in a batch. */
  const checkLoadedSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => store.loaded().forEach(check), 250);
  };
  const check = (doc: DocumentAnnotations) => {
    if (doc.state !== 'ready') {
      reporter.report(doc.sidecarUri, [], false);
      return;
    }
    const file = vscode.workspace.asRelativePath(doc.sidecarUri, false);
    const problems = validateSidecarTags(
      { annotations: [...doc.annotations], relations: [...doc.relations] } as unknown as Parameters<typeof validateSidecarTags>[0],
      tagSets.for(doc.docUri),
      file,
    );
    reporter.report(doc.sidecarUri, problems, false);
  };
  return [
    reporter,
    store.onDidChange(check),
    tagSets.onDidChange(checkLoadedSoon),
    documentsChanged(checkLoadedSoon),
    vscode.window.onDidChangeActiveTextEditor(checkLoadedSoon),
    { dispose: () => timer && clearTimeout(timer) },
  ];
}
