import * as vscode from 'vscode';
import type { Annotation } from '../core/annotations/schema';
import type { AnnotationStore, DocumentAnnotations, DocumentStatus } from './annotations/store';
import type { DocumentEntry, DocumentIndex } from './documentIndex';
import { curationBadge } from './curation/status';

export const DOCUMENTS_VIEW_ID = 'seedAnnotator.documents';

/** An annotation that could not be placed, listed under its document. */
export interface OrphanRow {
  kind: 'orphan';
  docUri: string;
  annotation: Annotation;
}

type Row = DocumentEntry | OrphanRow;

/**
 * The Documents view: one row per source document, in file-name order. The label starts with the status and the
 * counts (so they stay visible in a narrow side bar), then the headline; the description is the source site.
 * The view can be limited to one status; its description shows the progress (`3/10 done`).
 */
export class DocumentsTreeProvider implements vscode.TreeDataProvider<Row> {
  private readonly changeEmitter = new vscode.EventEmitter<Row | Row[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private statusFilter: DocumentStatus | null = null;
  private view: vscode.TreeView<Row> | undefined;

  constructor(
    private readonly index: DocumentIndex,
    private readonly store: AnnotationStore,
  ) {}

  /** The view this provider fills: its description shows the progress and the filter. */
  attach(view: vscode.TreeView<Row>): void {
    this.view = view;
    this.updateTitle();
  }

  /** Refreshes the given rows, or the whole list (always the whole list while a status filter is on). */
  refresh(rows?: Row[] | null): void {
    this.changeEmitter.fire(rows && rows.length > 0 && !this.statusFilter ? rows : undefined);
    this.updateTitle();
  }

  /** Shows only the documents with this status (null: all). */
  setStatusFilter(status: DocumentStatus | null): void {
    this.statusFilter = status;
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.documentsFiltered', status !== null);
    this.refresh(null);
  }

  get filter(): DocumentStatus | null {
    return this.statusFilter;
  }

  /** The current author's status of a listed document (to do while its sidecar is not loaded or absent). */
  statusOf(entry: DocumentEntry): DocumentStatus {
    return this.store.peek(vscode.Uri.parse(entry.uri))?.documentStatus ?? 'todo';
  }

  /** `done` of `total` over every listed document, whatever the filter. */
  progress(): { done: number; total: number } {
    const all = this.index.list();
    return { done: all.filter((e) => this.statusOf(e) === 'done').length, total: all.length };
  }

  private updateTitle(): void {
    if (!this.view) return;
    const { done, total } = this.progress();
    const parts = total > 0 ? [`${done}/${total} done`] : [];
    if (this.statusFilter) parts.push(`showing ${STATUS_LABELS[this.statusFilter]}`);
    this.view.description = parts.join(' · ') || undefined;
  }

  getChildren(element?: Row): Row[] {
    if (!element) {
      const all = this.index.list();
      return this.statusFilter ? all.filter((e) => this.statusOf(e) === this.statusFilter) : all;
    }
    if ('kind' in element) return [];
    const doc = this.store.peek(vscode.Uri.parse(element.uri));
    return (doc?.annotations ?? [])
      .filter((a) => a.status === 'orphaned')
      .map((annotation) => ({ kind: 'orphan', docUri: element.uri, annotation }));
  }

  getParent(row: Row): Row | undefined {
    return 'kind' in row ? this.index.find(row.docUri) : undefined;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    return 'kind' in row ? orphanItem(row) : this.documentItem(row);
  }

  private documentItem(entry: DocumentEntry): vscode.TreeItem {
    const uri = vscode.Uri.parse(entry.uri);
    const doc = this.store.peek(uri);
    const hasOrphans = doc?.annotations.some((a) => a.status === 'orphaned') ?? false;
    const status = doc?.documentStatus ?? 'todo';
    const unreadable = doc !== undefined && doc.state !== 'ready';
    const counts = annotationCounts(doc);
    const label = documentLabel(entry, status, counts, unreadable);
    const item = new vscode.TreeItem(label, hasOrphans ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = entry.uri;
    item.resourceUri = uri;
    const curation = curationBadge(doc);
    item.description = entry.error ? 'unreadable' : [entry.site, curation?.short].filter(Boolean).join(' · ');
    item.tooltip = tooltipFor(entry, entry.error ? null : `${STATUS_LABELS[status]}${everyonesStatus(doc)}`, counts);
    if (!entry.error && curation) item.tooltip.appendMarkdown('\n\n').appendText(curation.long);
    item.iconPath = new vscode.ThemeIcon(entry.error || unreadable ? 'warning' : 'file-text');
    item.contextValue = 'seedDocument';
    item.command = { command: 'vscode.open', title: 'Open Document', arguments: [uri] };
    item.accessibilityInformation = { label: [entry.title, entry.site, entry.error ? null : STATUS_LABELS[status], counts].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The document status as a mark at the start of the label: ○ to do, ◐ in progress, ● done. */
export const STATUS_MARKS: Record<DocumentStatus, string> = { todo: '○', 'in-progress': '◐', done: '●' };
export const STATUS_LABELS: Record<DocumentStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done' };

/** `● 2 claims, 1 quote · Headline`; `⚠ sidecar unreadable · Headline` when the sidecar cannot be read. */
export function documentLabel(entry: DocumentEntry, status: DocumentStatus, counts: string, unreadable: boolean): string {
  if (entry.error) return `⚠ ${entry.title}`;
  return [unreadable ? '⚠' : STATUS_MARKS[status], counts ? `${counts} ·` : null, entry.title].filter(Boolean).join(' ');
}

function orphanItem(row: OrphanRow): vscode.TreeItem {
  const { annotation } = row;
  const item = new vscode.TreeItem(annotation.target.exact, vscode.TreeItemCollapsibleState.None);
  item.id = `${row.docUri}#${annotation.id}`;
  item.description = `${annotation.tag} · orphaned`;
  item.tooltip = new vscode.MarkdownString().appendText(
    `This ${annotation.tag} could not be placed on the current text. Select where it belongs and choose "Attach to Selection".`,
  );
  item.iconPath = new vscode.ThemeIcon('debug-disconnect');
  item.contextValue = 'seedOrphan';
  item.command = { command: 'vscode.open', title: 'Open Document', arguments: [vscode.Uri.parse(row.docUri)] };
  return item;
}

/** Headline, status, counts, URL, byline and date, as plain text (no Markdown is interpreted from document text). */
function tooltipFor(entry: DocumentEntry, status: string | null, counts: string): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendText(entry.title);
  const lines = [
    status ? `Status: ${status}` : null,
    status ? `Annotations: ${counts || 'none yet'}` : null,
    entry.url ?? 'no Source: line',
    entry.byline ? `By ${entry.byline}` : null,
    entry.updated ? `Updated ${entry.updated}` : null,
    entry.relativePath,
    entry.error,
  ];
  for (const line of lines) if (line) tip.appendMarkdown('\n\n').appendText(line);
  return tip;
}

/** Every annotator's status, for the tooltip (mine is the one the row shows): ` (alice: done, bob: to do)`. */
function everyonesStatus(doc: DocumentAnnotations | undefined): string {
  const entries = Object.entries(doc?.statuses ?? {});
  if (entries.length === 0 || (entries.length === 1 && entries[0]![0] === '')) return '';
  return ` (${entries.map(([who, s]) => `${who || 'no name'}: ${STATUS_LABELS[s.status]}`).join(', ')})`;
}

/** `1 claim` / `2 claims`; tag ids are nouns (claim, quote, source), the plural takes an `s`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : noun.endsWith('s') ? 'es' : 's'}`;
}

/** `2 claims, 1 quote, 1 link, 1 orphaned` — counts per tag, then links (relations), orphans apart; a sidecar that cannot be read says so. */
export function annotationCounts(doc: DocumentAnnotations | undefined): string {
  if (!doc) return '';
  if (doc.state !== 'ready') {
    if (doc.state === 'readonly') return 'read-only sidecar';
    return doc.problems.some((p) => p.message.startsWith('merge conflict')) ? 'merge conflict' : 'sidecar unreadable';
  }
  const counts = new Map<string, number>();
  let orphans = 0;
  for (const a of doc.annotations) {
    if (a.status === 'orphaned') orphans++;
    else counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1);
  }
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([tag, n]) => plural(n, tag));
  if (doc.relations.length) parts.push(plural(doc.relations.length, 'link'));
  if (orphans) parts.push(`${orphans} orphaned`);
  return parts.join(', ');
}
