/**
 * The Annotations view (a webview view below Documents): follows the active source document, and the
 * `seedAnnotator.tagNext` command its "Tag next" button also runs.
 */
import * as vscode from 'vscode';
import { registerReportingCommand } from '../reportingCommand';
import { LANGUAGE_ID as SEED_LANGUAGE_ID } from '../languageDetection';
import { END_OF_DOCUMENT, skipNext, tagNext, type PanelDeps } from './actions';
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
    if (!this.current) void this.adoptFromTabs();
  }

  get uri(): vscode.Uri | undefined {
    return this.current;
  }

  /**
   * After a reload with another kind of tab active (say a sidecar's JSON), the source document tabs are open but their
   * documents are not loaded: load the active group's seed-document tab (else any) so the panel shows it.
   */
  private async adoptFromTabs(): Promise<void> {
    const groups = [vscode.window.tabGroups.activeTabGroup, ...vscode.window.tabGroups.all];
    const tabs = groups.flatMap((g) => [g.activeTab, ...g.tabs]).filter((t): t is vscode.Tab => t !== undefined);
    for (const tab of tabs) {
      if (this.current) return;
      if (!(tab.input instanceof vscode.TabInputText) || !tab.input.uri.path.endsWith('.txt')) continue;
      const doc = await vscode.workspace.openTextDocument(tab.input.uri).then(undefined, () => undefined);
      if (doc?.languageId === SEED_LANGUAGE_ID && !this.current) {
        this.current = doc.uri;
        this.emitter.fire();
        return;
      }
    }
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
    const base = this.controller?.info() ?? { ready: false, document: this.followed.uri?.toString() ?? null, annotations: 0, dropped: 0, replies: 0, selected: null, notice: null, suggestions: 0 };
    return { ...base, resolved: this.view !== undefined, visible: this.view?.visible ?? false };
  }

  /** Selects (and reveals) an annotation in the panel, when the panel shows its document. */
  select(uri: vscode.Uri, id: string): void {
    if (this.followed.uri?.toString() === uri.toString()) this.controller?.select(id);
  }

  /** Clears the panel's selection (after Skip: the next Tag next starts from the editor's selection). */
  deselect(uri: vscode.Uri): void {
    if (this.followed.uri?.toString() === uri.toString()) this.controller?.deselect();
  }

  /** Information shown in the panel's notice line. */
  notify(text: string): void {
    this.controller?.notify(text);
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
        const uri = followedOrActive(followed);
        if (!uri) return hint('open a source document first.');
        const created = await tagNext(deps, uri);
        if (!created) return endOfDocument(provider);
        provider.select(uri, created.id);
        return created;
      },
      deps.log,
      'undefined',
    ),
    registerReportingCommand(
      'seedAnnotator.skipNext',
      async () => {
        const uri = followedOrActive(followed);
        if (!uri) return hint('open a source document first.');
        const skipped = await skipNext(deps, uri);
        if (!skipped) return endOfDocument(provider);
        provider.deselect(uri);
        return skipped;
      },
      deps.log,
      'undefined',
    ),
    // Not in the palette: the tag commands select what they created in the panel (and scroll it into view).
    vscode.commands.registerCommand('seedAnnotator.selectInPanel', (uri: string, id: string) => provider.select(vscode.Uri.parse(uri), id)),
    // Not in the palette: the panel's state, for the extension-host tests and bug reports.
    vscode.commands.registerCommand('seedAnnotator.annotationsPanelState', () => provider.info()),
  ];
}

function followedOrActive(followed: ActiveSeedDocument): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === SEED_LANGUAGE_ID ? editor.document.uri : followed.uri;
}

function hint(message: string): undefined {
  void vscode.window.showInformationMessage(`Seed Annotator: ${message}`);
  return undefined;
}

/** The end of the document, said as information where the user looks: a notification and the panel's notice line. */
function endOfDocument(provider: AnnotationsViewProvider): undefined {
  provider.notify(END_OF_DOCUMENT);
  void vscode.window.showInformationMessage(`Seed Annotator: ${END_OF_DOCUMENT}`, 'Next Document').then((choice) => {
    if (choice) void vscode.commands.executeCommand('seedAnnotator.nextDocument');
  });
  return undefined;
}
