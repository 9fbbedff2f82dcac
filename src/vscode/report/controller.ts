/**
 * The host side of the Agreement Report webview: on the webview's `ready` (and `refresh`) measures the workspace
 * and sends the report; opens a document the page asks for, only one the report listed. Every message from the
 * webview is validated with the shared protocol (src/webview/report/protocol.ts); anything invalid is dropped
 * and logged.
 */
import * as vscode from 'vscode';
import { ToWebview, parseToHost, type ReportView } from '../../webview/report/protocol';
import { measureWorkspace, type MeasureDeps } from './measure';

export interface ReportInfo {
  ready: boolean;
  /** Reports sent. */
  reports: number;
  /** Messages from the webview dropped as invalid. */
  dropped: number;
  /** Documents opened from the report. */
  opened: string[];
  /** The last report sent, if any. */
  report: ReportView | null;
}

export class ReportController implements vscode.Disposable {
  private ready = false;
  private reports = 0;
  private dropped = 0;
  private readonly opened: string[] = [];
  private last: ReportView | null = null;
  private files = new Map<string, vscode.Uri>();
  private measuring: Promise<void> | null = null;
  /** After dispose a measurement still running ends quietly: its webview and log may be gone. */
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly postEmitter = new vscode.EventEmitter<ToWebview>();
  /** Every message sent to the webview. */
  readonly onDidPost = this.postEmitter.event;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: MeasureDeps & { log: vscode.LogOutputChannel },
  ) {
    this.disposables.push(this.postEmitter, webview.onDidReceiveMessage((raw) => void this.receive(raw)));
  }

  info(): ReportInfo {
    return { ready: this.ready, reports: this.reports, dropped: this.dropped, opened: [...this.opened], report: this.last };
  }

  async receive(raw: unknown): Promise<void> {
    const parsed = parseToHost(raw);
    if (!parsed.ok) {
      this.dropped++;
      this.deps.log.warn(`agreement report: dropped an invalid message from the webview (${parsed.error})`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready' || message.type === 'refresh') {
      this.ready = true;
      await this.refresh();
    } else {
      const uri = this.files.get(message.file);
      if (!uri) {
        this.dropped++;
        this.deps.log.warn('agreement report: asked to open a document the report does not list');
        return;
      }
      this.opened.push(message.file);
      await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.One });
    }
  }

  /** Measures again and sends the report (one measurement at a time; a request during one waits for it). */
  refresh(): Promise<void> {
    this.measuring ??= this.measure().finally(() => (this.measuring = null));
    return this.measuring;
  }

  private async measure(): Promise<void> {
    await this.post({ type: 'loading' });
    const started = performance.now();
    try {
      const { view, files } = await measureWorkspace(this.deps);
      this.files = files;
      this.last = view;
      this.reports++;
      await this.post({ type: 'report', report: view });
      this.deps.log.info(`agreement report: ${view.documents.length} documents measured in ${(performance.now() - started).toFixed(0)} ms`);
    } catch (error) {
      if (this.disposed) return;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.error(`agreement report: ${message}`);
      await this.post({ type: 'failed', message: `The agreement could not be measured: ${message}` });
    }
  }

  private async post(message: ToWebview): Promise<void> {
    if (this.disposed) return;
    const checked = ToWebview.safeParse(message);
    if (!checked.success) throw new Error(`agreement report: refusing to send an invalid ${message.type} message`);
    this.postEmitter.fire(checked.data);
    await this.webview.postMessage(checked.data);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }
}
