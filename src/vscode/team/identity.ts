/**
 * Who is annotating: `seedAnnotator.author`, else git's `user.name` for the document's folder (where git can run),
 * else asked once (and saved to the setting). Annotations made before an answer carry no name.
 */
import * as vscode from 'vscode';
import { runGit } from './git';

const ASKED_KEY = 'seedAnnotator.askedAuthor';

export class AnnotatorIdentity {
  /** Workspace folder URI → git's user.name there ('' when none). */
  private readonly gitNames = new Map<string, Promise<string>>();
  private readonly resolvedGit = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a name was found (git) or set: views that filter by author refresh. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The name recorded on what is made in `docUri` now. */
  author(docUri?: vscode.Uri): string {
    const configured = configuredAuthor();
    if (configured) return configured;
    const folder = docUri && vscode.workspace.getWorkspaceFolder(docUri);
    return folder ? (this.resolvedGit.get(folder.uri.toString()) ?? '') : '';
  }

  /** Before an edit: look git's name up for the folder (once); when there is no name at all, ask (once). */
  async prepare(docUri: vscode.Uri): Promise<void> {
    if (configuredAuthor()) return;
    const folder = vscode.workspace.getWorkspaceFolder(docUri);
    if (folder && (await this.lookUp(folder.uri))) return;
    if (!this.state.get<boolean>(ASKED_KEY)) {
      void this.state.update(ASKED_KEY, true);
      void this.ask();
    }
  }

  /** Looks git's user.name up for every open folder (never asks). */
  async warmUp(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.lookUp(f.uri)));
  }

  private async lookUp(folder: vscode.Uri): Promise<string> {
    const key = folder.toString();
    let pending = this.gitNames.get(key);
    if (!pending) {
      pending = gitUserName(folder).then((name) => {
        this.resolvedGit.set(key, name);
        if (name && !configuredAuthor()) this.changed.fire();
        return name;
      });
      this.gitNames.set(key, pending);
    }
    return pending;
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Does not block the edit under way: a notification, then an input box when the user accepts. */
  private async ask(): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      'Seed Annotator records who made each annotation, link and status. Set your name (saved as the setting seedAnnotator.author)?',
      'Set Name…',
    );
    if (choice !== 'Set Name…') return;
    const name = await vscode.window.showInputBox({ title: 'Seed Annotator: your name', prompt: 'Recorded as the author of your annotations', ignoreFocusOut: true });
    if (name?.trim()) {
      await vscode.workspace.getConfiguration('seedAnnotator').update('author', name.trim(), vscode.ConfigurationTarget.Global);
      this.log.info(`author set to ${name.trim()}`);
    }
  }
}

export function configuredAuthor(): string {
  return vscode.workspace.getConfiguration('seedAnnotator').get<string>('author', '').trim();
}

async function gitUserName(folder: vscode.Uri): Promise<string> {
  const r = await runGit(folder, ['config', 'user.name']);
  return r && r.code === 0 ? r.stdout.trim() : '';
}
