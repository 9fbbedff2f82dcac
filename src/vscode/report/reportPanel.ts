/** *Show Agreement Report*: one webview panel in the editor area (revealed again when already open). */
import * as vscode from 'vscode';
import type { DocumentIndex } from '../documentIndex';
import { makeNonce, webviewOptions, webviewPage } from '../panel/html';
import { registerReportingCommand } from '../reportingCommand';
import { ReportController, type ReportInfo } from './controller';
import type { MeasureDeps } from './measure';

export const REPORT_VIEW_TYPE = 'seedAnnotator.agreementReport';

/** The report's page: no data in it; everything arrives as a validated `report` message. */
export function reportHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = makeNonce()): string {
  return webviewPage(webview, extensionUri, { title: 'Agreement Report', stylesheet: 'report.css', root: '<main id="seed-report" class="report"></main>', script: 'report.js' }, nonce);
}

export function registerAgreementReport(deps: Omit<MeasureDeps, 'documents'> & { index: DocumentIndex; log: vscode.LogOutputChannel; extensionUri: vscode.Uri }): vscode.Disposable[] {
  let panel: vscode.WebviewPanel | undefined;
  let controller: ReportController | undefined;
  const documents = async () => {
    await deps.index.whenIdle();
    return deps.index.list().map((e) => vscode.Uri.parse(e.uri));
  };
  return [
    registerReportingCommand(
      'seedAnnotator.showAgreementReport',
      async () => {
        if (panel) {
          panel.reveal();
          await controller?.refresh();
          return;
        }
        const created = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Agreement Report', vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
        created.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'seed-annotator.svg');
        const c = new ReportController(created.webview, { ...deps, documents });
        panel = created;
        controller = c;
        created.onDidDispose(() => {
          c.dispose();
          if (panel === created) {
            panel = undefined;
            controller = undefined;
          }
        });
        created.webview.html = reportHtml(created.webview, deps.extensionUri);
      },
      deps.log,
    ),
    // Not in the palette: the report's state, for the extension-host tests and bug reports.
    vscode.commands.registerCommand('seedAnnotator.agreementReportState', (): (ReportInfo & { open: boolean }) => ({
      ...(controller?.info() ?? { ready: false, reports: 0, dropped: 0, opened: [], report: null }),
      open: panel !== undefined,
    })),
  ];
}
