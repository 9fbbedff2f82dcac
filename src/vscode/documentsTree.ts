import * as vscode from 'vscode';
import type { Annotation } from '../core/annotations/schema';
import type { AnnotationStore, DocumentAnnotations, DocumentStatus } from './annotations/store';
import type { DocumentEntry, DocumentIndex } from './documentIndex';
import { curationBadge } from './curation/status';

export const DOCUMENTS_VIEW_ID = 'seedAnnotator.documents';

/** The Documents view: one row per source document, label = headline, description = source site. */
/** An annotation that could not be placed, listed under its document. */
export interface OrphanRow {
  kind: 'orphan';
  docUri: string;
  annotation: Annotation;
}

type Row = DocumentEntry | OrphanRow;

export class DocumentsTreeProvider implements vscode.TreeDataProvider<Row> {
  private readonly changeEmitter = new vscode.EventEmitter<Row | Row[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly index: DocumentIndex,
    private readonly store: AnnotationStore,
  ) {}

  /** Refreshes the given rows, or the whole list. */
  refresh(rows?: Row[] | null): void {
    this.changeEmitter.fire(rows && rows.length > 0 ? rows : undefined);
  }

  getChildren(element?: Row): Row[] {
    if (!element) return this.index.list();
    if ('kind' in element) return [];
    const doc = this.store.peek(vscode.Uri.parse(element.uri));
    return (doc?.annotations ?? [])
      .filter((a) => a.status === 'orphaned')
      .map((annotation) => ({ kind: 'orphan', docUri: element.uri, annotation }));
  }

  getTreeItem(row: Row): vscode.TreeItem {
    return 'kind' in row ? orphanItem(row) : this.documentItem(row);
  }

  private documentItem(entry: DocumentEntry): vscode.TreeItem {
    const uri = vscode.Uri.parse(entry.uri);
    const doc = this.store.peek(uri);
    const hasOrphans = doc?.annotations.some((a) => a.status === 'orphaned') ?? false;
    const item = new vscode.TreeItem(entry.title, hasOrphans ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = entry.uri;
    item.resourceUri = uri;
    const counts = annotationCounts(doc);
    const status = doc?.documentStatus ?? 'todo';
    const curation = curationBadge(doc);
    item.description = entry.error ? 'unreadable' : [STATUS_MARKS[status], [entry.site, counts, curation?.short].filter(Boolean).join(' · ')].join(' ');
    item.tooltip = tooltipFor(entry);
    if (!entry.error) item.tooltip.appendMarkdown('\n\n').appendText(`Status: ${STATUS_LABELS[status]}${everyonesStatus(doc)}`);
    if (!entry.error && curation) item.tooltip.appendMarkdown('\n\n').appendText(curation.long);
    item.iconPath = new vscode.ThemeIcon(entry.error ? 'warning' : 'file-text');
    item.contextValue = 'seedDocument';
    item.command = { command: 'vscode.open', title: 'Open Document', arguments: [uri] };
    item.accessibilityInformation = { label: [entry.title, entry.site, entry.error ? null : STATUS_LABELS[status]].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** The document status as progress at the start of the description: ○ to do, ◐ in progress, ● done. */
const STATUS_MARKS: Record<DocumentStatus, string> = { todo: '○', 'in-progress': '◐', done: '●' };
const STATUS_LABELS: Record<DocumentStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done' };

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

/** URL, byline and date, as plain text (no Markdown is interpreted from document text). */
function tooltipFor(entry: DocumentEntry): vscode.MarkdownString {
  const tip = new vscode.MarkdownString();
  tip.appendText(entry.title);
  const lines = [
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

/** `2 claim, 1 quote, 1 link, 1 orphaned` — counts per tag, then links (relations), orphans apart; a sidecar that cannot be read says so. */
export function annotationCounts(doc: DocumentAnnotations | undefined): string {
  if (!doc) return '';
  if (doc.state !== 'ready') {
    if (doc.state === 'readonly') return 'read-only sidecar';
    return doc.problems.some((p) => p.message.startsWith('merge conflict')) ? 'merge conflict' : 'sidecar has errors';
  }
  const counts = new Map<string, number>();
  let orphans = 0;
  for (const a of doc.annotations) {
    if (a.status === 'orphaned') orphans++;
    else counts.set(a.tag, (counts.get(a.tag) ?? 0) + 1);
  }
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([tag, n]) => `${n} ${tag}`);
  if (doc.relations.length) parts.push(`${doc.relations.length} link${doc.relations.length === 1 ? '' : 's'}`);
  if (orphans) parts.push(`${orphans} orphaned`);
  return parts.join(', ');
}
