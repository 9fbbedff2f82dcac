import * as vscode from 'vscode';
import type { Problem } from '../../core/annotations/problems';
import { TAG_SET_FILE_NAME, type TagSet } from '../../core/annotations/schema';
import { DEFAULT_TAG_SET, parseTagSet } from '../../core/annotations/tags';

/** The tag set of each workspace folder: its `annotation-tags.json`, or the defaults. */
export class TagSets implements vscode.Disposable {
  private readonly byFolder = new Map<string, TagSet>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly reportProblems: (uri: vscode.Uri, problems: readonly Problem[]) => void) {}

  /** The tag set that applies to a document (defaults until its folder's file was read). */
  for(uri: vscode.Uri): TagSet {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.byFolder.get(folder.uri.toString())) ?? DEFAULT_TAG_SET;
  }

  /** All tag ids in use, for decoration types. */
  all(): TagSet['tags'] {
    const seen = new Map<string, TagSet['tags'][number]>();
    for (const set of [DEFAULT_TAG_SET, ...this.byFolder.values()]) for (const tag of set.tags) if (!seen.has(tag.id)) seen.set(tag.id, tag);
    return [...seen.values()];
  }

  async loadAll(): Promise<void> {
    await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => this.load(vscode.Uri.joinPath(f.uri, TAG_SET_FILE_NAME))));
  }

  /** Reads a folder's `annotation-tags.json`; a bad file keeps the defaults and is reported in Problems. */
  async load(file: vscode.Uri): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(file);
    if (!folder) return;
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      this.byFolder.delete(folder.uri.toString());
      this.reportProblems(file, []);
      this.changeEmitter.fire();
      return;
    }
    const read = parseTagSet(text, vscode.workspace.asRelativePath(file, false));
    if (read.ok) this.byFolder.set(folder.uri.toString(), read.tagSet);
    else this.byFolder.delete(folder.uri.toString());
    this.reportProblems(file, read.ok ? [] : read.problems);
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
