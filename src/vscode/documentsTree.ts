import * as vscode from 'vscode';
import type { DocumentEntry, DocumentIndex } from './documentIndex';

export const DOCUMENTS_VIEW_ID = 'seedAnnotator.documents';

/** The Documents view: one row per source document, label = headline, description = source site. */
export class DocumentsTreeProvider implements vscode.TreeDataProvider<DocumentEntry> {
  private readonly changeEmitter = new vscode.EventEmitter<DocumentEntry | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly index: DocumentIndex) {}

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getChildren(element?: DocumentEntry): DocumentEntry[] {
    return element ? [] : this.index.list();
  }

  getTreeItem(entry: DocumentEntry): vscode.TreeItem {
    const uri = vscode.Uri.parse(entry.uri);
    const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
    item.id = entry.uri;
    item.resourceUri = uri;
    item.description = entry.error ? 'unreadable' : (entry.site ?? '');
    item.tooltip = tooltipFor(entry);
    item.iconPath = new vscode.ThemeIcon(entry.error ? 'warning' : 'file-text');
    item.contextValue = 'seedDocument';
    item.command = { command: 'vscode.open', title: 'Open Document', arguments: [uri] };
    item.accessibilityInformation = { label: [entry.title, entry.site].filter(Boolean).join(', ') };
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
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
