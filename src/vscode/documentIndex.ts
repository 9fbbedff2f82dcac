import * as vscode from 'vscode';
import { documentPathForSidecar, SIDECAR_SUFFIX } from '../core/annotations/paths';
import { parse } from '../core/parse';
import { decodeDocument } from '../core/text';
import type { AnnotationStore } from './annotations/store';
import type { DocumentRowInfo } from './api';

/** What a document file looks like before its header is read. */
const DOCUMENT_NAME = /^\d{3}_[0-9A-Za-z]+\.txt$/;
export const DOCUMENT_GLOB = '**/*.txt';
/** Folders never searched for documents. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.vscode-test']);
/** How many folders are listed at once during the scan. */
const LIST_CONCURRENCY = 16;
/** How many files are read at once while headlines are filled in. */
const READ_CONCURRENCY = 32;
/** Headline refreshes are batched so 10,000 rows cause a handful of tree refreshes, not 10,000. */
const REFRESH_DELAY_MS = 60;

/** `rows`: the rows whose header changed; null when rows were added or removed (refresh the whole list). */
export interface DocumentIndexChange {
  rows: DocumentEntry[] | null;
}

export interface DocumentEntry extends DocumentRowInfo {
  /** The file name, the sort key. */
  name: string;
  /** False until the header was read; a document named like one is listed before that. */
  headerRead: boolean;
  /** Why the file could not be read, if it could not. */
  error: string | null;
}

/**
 * Every source document in the open folders, sorted by file name.
 * Files named like documents are listed at once; headers are read lazily in the background.
 * A `.txt` with another name is listed once its first line proves it is a source document.
 */
export class DocumentIndex implements vscode.Disposable {
  private readonly entries = new Map<string, DocumentEntry>();
  private readonly candidates = new Set<string>();
  private readonly readQueue: vscode.Uri[] = [];
  private readonly queued = new Set<string>();
  private activeReads = 0;
  private sorted: DocumentEntry[] | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<DocumentIndexChange>();
  /** What changed since the last event: rows whose header was read, or (null) the list itself. */
  private pendingRows: Set<DocumentEntry> | null = new Set();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private scan: Promise<void> | null = null;
  /** Documents that had a sidecar at the last scan: their annotation counts are loaded with the header. */
  private withSidecar = new Set<string>();
  private idleWaiters: Array<() => void> = [];

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly store: AnnotationStore,
  ) {
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
  }

  /** A `.txt` file was created, changed or deleted (events of the extension's one file watcher). */
  onFileEvent(kind: 'create' | 'change' | 'delete', uri: vscode.Uri): void {
    if (kind === 'create') this.add(uri);
    else if (kind === 'change') this.enqueueRead(uri);
    else this.remove(uri);
  }

  /** Starts (or restarts) the scan of the workspace folders; does not wait for it. */
  rescan(): Promise<void> {
    this.entries.clear();
    this.candidates.clear();
    this.sorted = null;
    this.scan = this.scanFolders();
    return this.scan;
  }

  /** The rows in display order; starts the first scan if none ran. */
  list(): DocumentEntry[] {
    if (!this.scan) void this.rescan();
    this.sorted ??= [...this.entries.values()].sort(compareEntries);
    return this.sorted;
  }

  /** The row of a document, if listed. */
  find(uri: string): DocumentEntry | undefined {
    return this.entries.get(uri);
  }

  /** Resolves once the scan and every pending header read are done. */
  async whenIdle(): Promise<void> {
    if (!this.scan) void this.rescan();
    await this.scan;
    if (this.activeReads === 0 && this.readQueue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async scanFolders(): Promise<void> {
    const started = performance.now();
    const { uris, sidecars } = await listFolders(vscode.workspace.workspaceFolders ?? []);
    uris.sort((a, b) => compareText(a.path, b.path));
    for (const uri of uris) this.track(uri);
    this.withSidecar = new Set(sidecars.map((s) => documentPathForSidecar(s.toString())).filter((d): d is string => d !== null));
    this.changed(true);
    this.log.info(`found ${this.entries.size} documents (${uris.length} .txt files) in ${(performance.now() - started).toFixed(1)} ms`);
    for (const uri of uris) this.enqueueRead(uri);
  }

  private add(uri: vscode.Uri): void {
    if (this.track(uri)) this.changed(true);
    this.enqueueRead(uri);
  }

  /** Forgets a deleted document, or every document under a deleted folder. */
  private remove(uri: vscode.Uri): void {
    const key = uri.toString();
    const folder = `${key}/`;
    let removed = false;
    for (const k of [...this.entries.keys()]) if (k === key || k.startsWith(folder)) removed = this.entries.delete(k) || removed;
    for (const k of [...this.candidates]) if (k === key || k.startsWith(folder)) this.candidates.delete(k);
    if (removed) this.changed(true);
  }

  /** Lists a file named like a document at once (true); keeps any other `.txt` as a candidate until read. */
  private track(uri: vscode.Uri): boolean {
    const key = uri.toString();
    if (this.entries.has(key)) return false;
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (!DOCUMENT_NAME.test(name)) {
      this.candidates.add(key);
      return false;
    }
    this.entries.set(key, placeholderEntry(uri));
    return true;
  }

  private enqueueRead(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.readQueue.push(uri);
    this.pump();
  }

  private pump(): void {
    while (this.activeReads < READ_CONCURRENCY && this.readQueue.length > 0) {
      const uri = this.readQueue.shift()!;
      this.queued.delete(uri.toString());
      this.activeReads++;
      void this.readHeader(uri).finally(() => {
        this.activeReads--;
        this.pump();
        if (this.activeReads === 0 && this.readQueue.length === 0) this.settle();
      });
    }
  }

  private settle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async readHeader(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.remove(uri); // deleted meanwhile
      return;
    }
    const listed = this.entries.get(key);
    if (!listed && !this.candidates.has(key) && !isInWorkspace(uri)) return;
    const entry = listed ?? placeholderEntry(uri);
    try {
      const doc = parse(decodeDocument(bytes, entry.relativePath));
      if (!listed && !doc.source) return; // an ordinary .txt file
      entry.title = doc.title || fileName(uri);
      entry.site = doc.source?.site ?? null;
      entry.url = doc.source?.url ?? null;
      entry.byline = doc.byline;
      entry.updated = doc.updated?.text ?? null;
      entry.error = null;
    } catch (error) {
      if (!listed) return;
      entry.error = error instanceof Error ? error.message : String(error);
      this.log.warn(entry.error);
    }
    entry.headerRead = true;
    this.candidates.delete(key);
    if (this.withSidecar.has(key)) await this.store.get(uri).catch((e) => this.log.warn(String(e)));
    if (listed) {
      this.changed(false, entry);
    } else {
      this.entries.set(key, entry);
      this.changed(true);
    }
  }

  /**
   * Signals a change, batched: rows added or removed re-sort the list and refresh it whole; header updates
   * refresh just their rows (so filling 10,000 headlines never re-sends the whole list).
   */
  private changed(structural: boolean, row?: DocumentEntry): void {
    if (structural) {
      this.sorted = null;
      this.pendingRows = null;
    } else if (row) {
      this.pendingRows?.add(row);
    }
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      const rows = this.pendingRows;
      this.pendingRows = new Set();
      this.changeEmitter.fire({ rows: rows ? [...rows] : null });
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const d of this.disposables) d.dispose();
  }
}

function placeholderEntry(uri: vscode.Uri): DocumentEntry {
  return {
    uri: uri.toString(),
    name: fileName(uri),
    relativePath: vscode.workspace.asRelativePath(uri, false),
    title: fileName(uri),
    site: null,
    url: null,
    byline: null,
    updated: null,
    headerRead: false,
    error: null,
  };
}

function isInWorkspace(uri: vscode.Uri): boolean {
  return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function compareEntries(a: DocumentEntry, b: DocumentEntry): number {
  return compareText(a.name, b.name) || compareText(a.uri, b.uri);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `.txt` files and their sidecars under the workspace folders, by listing the folders (vscode.workspace.fs):
 * a few milliseconds for a small corpus, where a search-service query (findFiles) takes a second or more to start.
 * node_modules, .git and .vscode-test are skipped; symbolic links to folders are not followed.
 */
async function listFolders(folders: readonly vscode.WorkspaceFolder[]): Promise<{ uris: vscode.Uri[]; sidecars: vscode.Uri[] }> {
  const uris: vscode.Uri[] = [];
  const sidecars: vscode.Uri[] = [];
  const queue = folders.map((f) => f.uri);
  const worker = async () => {
    for (let dir = queue.shift(); dir; dir = queue.shift()) {
      let children: Array<[string, vscode.FileType]>;
      try {
        children = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue; // gone, or not readable
      }
      for (const [name, type] of children) {
        const child = vscode.Uri.joinPath(dir, name);
        if (type === vscode.FileType.Directory) {
          if (!SKIPPED_FOLDERS.has(name)) queue.push(child);
        } else if (type & vscode.FileType.File) {
          if (name.endsWith('.txt')) uris.push(child);
          else if (name.endsWith(`.txt${SIDECAR_SUFFIX}`)) sidecars.push(child);
        }
      }
    }
  };
  // Workers take folders as they are found; one that finds the queue empty stops, so start them in waves.
  while (queue.length > 0) await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, queue.length) }, worker));
  return { uris, sidecars };
}
