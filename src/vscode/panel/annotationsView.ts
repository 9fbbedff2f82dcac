/**
 * The Annotations view (a webview view below Documents): follows the active source document, and the
 * `seedAnnotator.tagNext` command its "Tag next" button also runs.
 */
import * as vscode from 'vscode';
import { registerReportingCommand } from '../reportingCommand';
import { LANGUAGE_ID as SEED_LANGUAGE_ID } from '../languageDetection';
import { tagNext, type PanelDeps } from './actions';
import { AnnotationsPanelController, type FollowedDocument, type PanelInfo } from './controller';
import { panelHtml, webviewOptions } from './html';

export const ANNOTATIONS_VIEW_ID = 'seedAnnotator.annotations';

/**
 * The document the panel follows: the active text editor's when it is a source document; the last one while
 * another kind of editor (or none, or the panel itself) has the focus and it is still open.
 */
export class ActiveSeedDocument implements FollowedDocument, vscode.Disposable {
  private current: vscode.Uri | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.disposables = [
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      // A language change (the first-line detection) closes and reopens the document.
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      vscode.workspace.onDidCloseTextDocument(() => this.update()),
    ];
    this.update();
  }

  get uri(): vscode.Uri | undefined {
    return this.current;
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    let next = this.current;
    if (editor?.document.languageId === SEED_LANGUAGE_ID) next = editor.document.uri;
    else if (next && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === next!.toString() && d.languageId === SEED_LANGUAGE_ID)) next = undefined;
    if (next?.toString() === this.current?.toString()) return;
    this.current = next;
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

class AnnotationsViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private controller: AnnotationsPanelController | undefined;
  private view: vscode.WebviewView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: PanelDeps,
    readonly followed: ActiveSeedDocument,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.controller?.dispose();
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    const controller = new AnnotationsPanelController(view.webview, this.deps, this.followed);
    this.controller = controller;
    // Without retainContextWhenHidden the page is dropped while hidden; it says `ready` again when shown.
    view.onDidChangeVisibility(() => {
      if (!view.visible) controller.suspend();
    });
    view.onDidDispose(() => {
      controller.dispose();
      if (this.controller === controller) {
        this.controller = undefined;
        this.view = undefined;
      }
    });
    view.webview.html = panelHtml(view.webview, this.extensionUri);
  }

  info(): PanelInfo & { resolved: boolean; visible: boolean } {
    const base = this.controller?.info() ?? { ready: false, document: this.followed.uri?.toString() ?? null, annotations: 0, dropped: 0, replies: 0 };
    return { ...base, resolved: this.view !== undefined, visible: this.view?.visible ?? false };
  }

  select(id: string): void {
    this.controller?.select(id);
  }

  dispose(): void {
    this.controller?.dispose();
  }
}

/** Registers the Annotations view and its commands. */
export function registerAnnotationsPanel(deps: PanelDeps & { extensionUri: vscode.Uri }): vscode.Disposable[] {
  const followed = new ActiveSeedDocument();
  const provider = new AnnotationsViewProvider(deps.extensionUri, deps, followed);
  return [
    followed,
    provider,
    vscode.window.registerWebviewViewProvider(ANNOTATIONS_VIEW_ID, provider),
    registerReportingCommand(
      'seedAnnotator.tagNext',
      async () => {
        const editor = vscode.window.activeTextEditor;
        const uri = editor?.document.languageId === SEED_LANGUAGE_ID ? editor.document.uri : followed.uri;
        if (!uri) throw new Error('open a source document first');
        const created = await tagNext(deps, uri);
        provider.select(created.id);
        return created;
      },
      deps.log,
      'undefined',
    ),
    // Not in the palette: the panel's state, for the extension-host tests and bug reports.
    vscode.commands.registerCommand('seedAnnotator.annotationsPanelState', () => provider.info()),
  ];
}
