import * as vscode from 'vscode';
import type { TagDef } from '../../core/annotations/schema';
import type { AnnotationStore } from './store';
import type { TagSets } from './tagSets';

/** Highlights tagged spans in visible editors: one decoration type per tag, theme colours, overview-ruler marks. */
export class AnnotationDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: AnnotationStore, private readonly tagSets: TagSets) {
    this.disposables.push(
      store.onDidChange((doc) => this.refreshUri(doc.docUri.toString())),
      tagSets.onDidChange(() => this.resetTypes()),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => void this.refresh(e))),
    );
    vscode.window.visibleTextEditors.forEach((e) => void this.refresh(e));
  }

  private refreshUri(uri: string): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri) void this.refresh(editor);
  }

  async refresh(editor: vscode.TextEditor): Promise<void> {
    if (editor.document.languageId !== 'seed-document') return;
    const { annotations } = await this.store.get(editor.document.uri);
    const byTag = new Map<string, vscode.Range[]>();
    for (const a of annotations) {
      if (a.status === 'orphaned') continue;
      const range = new vscode.Range(editor.document.positionAt(a.target.start), editor.document.positionAt(a.target.end));
      let list = byTag.get(a.tag);
      if (!list) byTag.set(a.tag, (list = []));
      list.push(range);
    }
    const tags = this.tagSets.for(editor.document.uri).tags;
    for (const tag of tags) byTag.set(tag.id, byTag.get(tag.id) ?? []);
    for (const [tagId, ranges] of byTag) editor.setDecorations(this.typeFor(tagId, tags.find((t) => t.id === tagId)), ranges);
  }

  private typeFor(tagId: string, tag: TagDef | undefined): vscode.TextEditorDecorationType {
    let type = this.types.get(tagId);
    if (!type) {
      const color = colorOf(tag);
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: color,
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        borderRadius: '2px',
        // A thin edge at each end of a span, so two adjacent spans of one tag read as two, not one block.
        borderStyle: 'solid',
        borderWidth: '0 1px',
        borderColor: new vscode.ThemeColor('seedAnnotator.spanEdge'),
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(tagId, type);
    }
    return type;
  }

  private resetTypes(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    vscode.window.visibleTextEditors.forEach((e) => void this.refresh(e));
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function colorOf(tag: TagDef | undefined): string | vscode.ThemeColor {
  if (!tag) return new vscode.ThemeColor('seedAnnotator.tag.other');
  return tag.color.startsWith('#') ? tag.color : new vscode.ThemeColor(tag.color);
}
