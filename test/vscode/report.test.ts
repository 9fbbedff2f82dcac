// The Agreement Report (issue #12, item 7) in a real VS Code: *Show Agreement Report* opens the webview, whose
// script (report.js under the CSP) says ready and gets a report measured from the workspace's sidecars; the host
// side, on a real webview, measures two annotators' documents through the store, opens a listed document on
// request and drops every invalid message. Documents are new files written into `report-tests/`.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/vscode/annotations/store';
import { TagSets } from '../../src/vscode/annotations/tagSets';
import { webviewOptions } from '../../src/vscode/panel/html';
import { ReportController, type ReportInfo } from '../../src/vscode/report/controller';
import { reportHtml } from '../../src/vscode/report/reportPanel';
import type { ToWebview } from '../../src/webview/report/protocol';
import { POLL_MS, annotationJson, article, removeTestFolder, sidecarJson, sidecarUriOf, spanOf, utf8 } from './annotationHelpers';
import { activatedApi, extension, waitFor, workspaceFolder } from './helpers';

const DIR = 'report-tests';
const PARAGRAPHS = [
  'The port will not finish dredging until September. “We had no choice but to halt the work,” said Aldous Perrin.',
  'Shippers were less patient. The delay will cost £9,000 per call.',
];

suite('Agreement report', function () {
  this.timeout(120_000);
  const suffix = Math.random().toString(16).slice(2, 8);
  const [ann, bob] = [`ann-${suffix}`, `bob-${suffix}`];
  const docs: Array<{ uri: vscode.Uri; file: string }> = [];

  /** Two documents: the first tagged alike by both (one verdict differs), the second by ann only, bob done with it, curated. */
  suiteSetup(async () => {
    const api = await activatedApi();
    await removeTestFolder(api, DIR);
    for (const [i, label] of ['agree', 'differ'].entries()) {
      const { text } = article(`report-${label}-${suffix}`, `Report test ${label}`, PARAGRAPHS);
      const uri = vscode.Uri.joinPath(workspaceFolder().uri, DIR, `00${i}_report${label}${suffix}.txt`);
      await vscode.workspace.fs.writeFile(uri, utf8(text));
      const claim = spanOf(text, 'The delay will cost £9,000 per call.');
      const quote = spanOf(text, '“We had no choice but to halt the work,”');
      const a = (id: string, author: string, tag: string, s: { start: number; end: number }, verdict?: string) => ({
        ...annotationJson(`${id}-${suffix}`, tag, text, s.start, s.end), author, ...(verdict ? { attributes: { verdict } } : {}),
      });
      const annotations =
        i === 0
          ? [a('c1', ann, 'claim', claim, 'false'), a('c2', bob, 'claim', claim, 'mixed'), a('q1', ann, 'quote', quote), a('q2', bob, 'quote', { start: quote.start + 1, end: quote.end - 1 })]
          : [a('c3', ann, 'claim', claim, 'false')];
      const sidecar = { ...sidecarJson(uri, text, null, annotations), version: 2, relations: [], ...(i === 1 ? { status: { [bob]: { status: 'done' } }, curation: { status: 'curated', curator: 'cora' } } : {}) };
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(sidecar)));
      docs.push({ uri, file: `${DIR}/00${i}_report${label}${suffix}.txt` });
    }
    await waitFor('the test documents to be listed', async () => {
      const listed = (await api.listDocuments()).map((d) => d.relativePath);
      return docs.every((d) => listed.includes(d.file)) ? true : undefined;
    }, POLL_MS);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestFolder(await activatedApi(), DIR);
  });

  const reportState = () => vscode.commands.executeCommand<ReportInfo & { open: boolean }>('seedAnnotator.agreementReportState');

  test('Show Agreement Report opens the webview; its script says ready and receives the measured report', async () => {
    await vscode.commands.executeCommand('seedAnnotator.showAgreementReport');
    const state = await waitFor('a report sent to the webview', async () => {
      const s = await reportState();
      return s.ready && s.reports > 0 && s.report?.annotators.includes(bob) ? s : undefined;
    }, 60_000, reportState);
    assert.equal(state.open, true);
    const claim = state.report!.tags.find((t) => t.id === 'claim')!;
    const pair = claim.pairs.find((p) => p.a === ann && p.b === bob)!;
    assert.deepEqual({ tp: pair.exact.tp, fp: pair.exact.fp, fn: pair.exact.fn }, { tp: 1, fp: 0, fn: 1 });
    assert.ok(state.report!.documents.some((d) => d.file === docs[0]!.file));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the report to close', async () => ((await reportState()).open ? undefined : true), POLL_MS);
  });

  test('the report bundle stays within its 150 KB budget', async () => {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, 'dist', 'webview', 'report.js'));
    assert.ok(stat.size > 1000 && stat.size <= 150 * 1024, `dist/webview/report.js is ${stat.size} bytes`);
  });

  suite('host side on a real webview', () => {
    let store: AnnotationStore;
    let tagSets: TagSets;
    let log: vscode.LogOutputChannel;
    let panel: vscode.WebviewPanel;
    let controller: ReportController;
    let posted: ToWebview[];

    setup(() => {
      log = vscode.window.createOutputChannel('Seed Annotator report test', { log: true });
      store = new AnnotationStore(log, () => undefined);
      tagSets = new TagSets(() => undefined);
      const extensionUri = extension().extensionUri;
      panel = vscode.window.createWebviewPanel('seedAnnotatorReportTest', 'Report test', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
      controller = new ReportController(panel.webview, { store, tagSets, log, documents: async () => docs.map((d) => d.uri) });
      posted = [];
      controller.onDidPost((m) => posted.push(m));
      panel.webview.html = reportHtml(panel.webview, extensionUri);
    });

    teardown(() => {
      controller.dispose();
      panel.dispose();
      store.dispose();
      tagSets.dispose();
      log.dispose();
    });

    test('measures the documents through the store: pairs, αᵤ, attributes, ranking, progress', async () => {
      await waitFor('the test webview to say ready and get a report', () => posted.find((m) => m.type === 'report'), POLL_MS * 3, () => controller.info());
      assert.deepEqual(posted[0], { type: 'loading' });
      const report = controller.info().report!;
      assert.deepEqual(report.annotators, [ann, bob]);
      const claim = report.tags.find((t) => t.id === 'claim')!;
      assert.equal(claim.label, 'Claim');
      assert.deepEqual(claim.pairs.map((p) => [p.exact.tp, p.exact.fp, p.exact.fn, p.exact.f1]), [[1, 0, 1, 2 / 3]]);
      const quote = report.tags.find((t) => t.id === 'quote')!;
      assert.deepEqual(quote.pairs.map((p) => [p.exact.f1, p.overlap.f1]), [[0, 1]]);
      assert.equal(typeof claim.alphaU, 'number');
      const verdict = claim.attributes.find((a) => a.id === 'verdict')!;
      assert.deepEqual([verdict.units, verdict.percent, verdict.cohenKappa], [1, 0, 0]);
      assert.deepEqual(report.documents.map((d) => d.file), [docs[1]!.file, docs[0]!.file]);
      assert.deepEqual(report.documents.map((d) => d.curated === true), [true, false], 'the curated document is marked');
      assert.deepEqual(report.progress.map((p) => [p.annotator, p.done, p.todo, p.annotations]), [[ann, 0, 2, 3], [bob, 1, 1, 2]]);
    });

    test('opens a document the report lists; invalid messages and unlisted files are dropped', async () => {
      await controller.receive({ type: 'ready' });
      await controller.receive({ type: 'open', file: docs[1]!.file });
      await waitFor('the document to be the active editor', () => (vscode.window.activeTextEditor?.document.uri.toString() === docs[1]!.uri.toString() ? true : undefined), POLL_MS);
      assert.deepEqual(controller.info().opened, [docs[1]!.file]);
      const before = controller.info().dropped;
      for (const m of [undefined, 'ready', { type: 'open' }, { type: 'open', file: '../../etc/passwd' }, { type: 'open', file: docs[0]!.file, extra: 1 }, { type: 'eval', code: 'x' }]) {
        await controller.receive(m);
      }
      assert.equal(controller.info().dropped - before, 6);
      assert.deepEqual(controller.info().opened, [docs[1]!.file]);
    });
  });
});
