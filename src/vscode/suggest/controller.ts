/**
 * Suggestions in the editor: *Suggest Annotations* asks the providers, the proposals are kept in memory (never in
 * the sidecar's annotations) and drawn dashed and dimmed; Tab selects the next one, Enter accepts it (an ordinary
 * annotation by the user, `origin: "suggested:<provider>"`; a quote's speaker tagged as a source and linked), Backspace
 * rejects it (remembered in the sidecar's `suggestions.rejected`, never proposed to this user again).
 */
import * as vscode from 'vscode';
import { overlaps, proposalKeyAt, REJECT_CONTEXT, type Suggestion } from '../../core/suggest';
import { newId } from '../../core/annotations/hash';
import { findTag } from '../../core/annotations/tags';
import type { AnnotationStore, BatchOp } from '../annotations/store';
import type { TagSets } from '../annotations/tagSets';
import { registerReportingCommand } from '../reportingCommand';
import { requestFor, type SuggestionProviders } from './providers';

export interface PendingSuggestion extends Suggestion {
  provider: string;
}

interface Deps {
  store: AnnotationStore;
  tagSets: TagSets;
  providers: SuggestionProviders;
  log: vscode.LogOutputChannel;
  /** The workspace's source documents (for *Suggest Annotations in Workspace*). */
  documents: () => Promise<vscode.Uri[]>;
}

const SELECTED_KEY = 'seedAnnotator.suggestionSelected';
const HAS_KEY = 'seedAnnotator.hasSuggestions';

function currentAuthor(): string {
  return vscode.workspace.getConfiguration('seedAnnotator').get<string>('author', '');
}

export class SuggestionsController implements vscode.Disposable {
  private readonly pending = new Map<string, PendingSuggestion[]>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    border: '1px dashed',
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    opacity: '0.75',
    overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: Deps) {
    this.disposables.push(
      this.decoration,
      this.changed,
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
      vscode.window.onDidChangeTextEditorSelection(() => void this.updateContext()),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.maybeSuggestOnOpen(editor)),
      // An edit moves offsets: the proposals of that document are dropped (ask again).
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.pending.delete(e.document.uri.toString())) this.refresh(e.document.uri.toString());
      }),
      deps.store.onDidChange((doc) => this.refresh(doc.docUri.toString())),
    );
  }

  /** The proposals still open for a document, without those an annotation of the same tag now overlaps. */
  list(uri: vscode.Uri): PendingSuggestion[] {
    const key = uri.toString();
    const doc = this.deps.store.peek(uri);
    const list = this.pending.get(key) ?? [];
    if (!doc) return list;
    const placed = doc.annotations.filter((a) => a.status !== 'orphaned');
    return list.filter((s) => !placed.some((a) => overlaps(a.target, s) && (a.tag === s.tag || s.tag === 'claim')));
  }

  /** Asks every enabled provider for the document (within `within` when given); returns how many are proposed. */
  async suggest(uri: vscode.Uri, within?: { start: number; end: number }): Promise<{ count: number; errors: string[] }> {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const current = open ? open.getText() : text;
    const doc = await this.deps.store.get(uri);
    const tagSet = this.deps.tagSets.for(uri);
    const author = currentAuthor();
    const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const { answers, errors } = await this.deps.providers.run(
      { request: requestFor(file, current, tagSet.tags, doc.annotations), rejected: doc.rejected.filter((r) => r.author === author), within },
      new Set(tagSet.tags.map((t) => t.id)),
    );
    const rejected = new Set(doc.rejected.filter((r) => r.author === author).map((r) => proposalKeyAt(`${r.prefix}${r.exact}`, r.tag, { start: r.prefix.length, end: r.prefix.length + r.exact.length })));
    const seen = new Set<string>();
    const list: PendingSuggestion[] = [];
    for (const answer of answers) {
      for (const s of answer.suggestions) {
        const key = `${s.tag}:${s.start}:${s.end}`;
        if (seen.has(key) || rejected.has(proposalKeyAt(current, s.tag, s))) continue;
        seen.add(key);
        // Ids are made unique across providers; links follow.
        list.push({ ...s, id: `${answer.provider}:${s.id}`, links: s.links.map((l) => ({ ...l, to: `${answer.provider}:${l.to}` })), provider: answer.provider });
      }
    }
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const kept = within ? [...(this.pending.get(uri.toString()) ?? []).filter((s) => !overlaps(s, within)), ...list] : list;
    this.pending.set(uri.toString(), kept.sort((a, b) => a.start - b.start || a.end - b.end));
    this.refresh(uri.toString());
    for (const e of errors) this.deps.log.warn(e);
    return { count: this.list(uri).length, errors };
  }

  /** Accepts one proposal: an annotation by the user with its origin; a quote's linked speaker tagged and linked too. */
  async accept(uri: vscode.Uri, id: string): Promise<void> {
    const list = this.pending.get(uri.toString()) ?? [];
    const s = list.find((x) => x.id === id);
    if (!s) throw new Error('this suggestion is no longer open');
    const tag = findTag(this.deps.tagSets.for(uri), s.tag);
    if (!tag) throw new Error(`unknown tag '${s.tag}'`);
    const attributes = Object.fromEntries(Object.entries(s.attributes).filter(([k]) => tag.attributes.some((a) => a.id === k)));
    const origin = `suggested:${s.provider}`;
    // Fresh ids: a batch's `add` keeps the id it is given (a fixed one would collide with the last accepted one).
    const mainId = newId();
    const ops: BatchOp[] = [{ kind: 'add', span: { id: mainId, tag: s.tag, start: s.start, end: s.end, attributes, extra: { origin } } }];
    const accepted = new Set([s.id]);
    for (const link of s.links) {
      const other = list.find((x) => x.id === link.to);
      if (!other) continue;
      const placed = (await this.deps.store.get(uri)).annotations.find((a) => a.status !== 'orphaned' && a.tag === other.tag && overlaps(a.target, other));
      if (placed) ops.push({ kind: 'link', link: { type: link.type, from: mainId, to: placed.id, extra: { origin } } });
      else {
        const linkedId = newId();
        ops.push({ kind: 'add', span: { id: linkedId, tag: other.tag, start: other.start, end: other.end, attributes: other.attributes, extra: { origin } } });
        ops.push({ kind: 'link', link: { type: link.type, from: mainId, to: linkedId, extra: { origin } } });
        accepted.add(other.id);
      }
    }
    await this.deps.store.batch(uri, ops);
    this.pending.set(uri.toString(), list.filter((x) => !accepted.has(x.id)));
    this.refresh(uri.toString());
  }

  /** Rejects one proposal: remembered in the sidecar so it is not proposed to this user again. */
  async reject(uri: vscode.Uri, id: string): Promise<void> {
    const list = this.pending.get(uri.toString()) ?? [];
    const s = list.find((x) => x.id === id);
    if (!s) throw new Error('this suggestion is no longer open');
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    await this.deps.store.rejectSuggestion(uri, { tag: s.tag, exact: text.slice(s.start, s.end), prefix: text.slice(Math.max(0, s.start - REJECT_CONTEXT), s.start), provider: s.provider });
    // A source proposed only as the speaker of this quote goes with it.
    const stillLinked = (sourceId: string) => list.some((x) => x.id !== id && x.links.some((l) => l.to === sourceId));
    const drop = new Set([id, ...s.links.map((l) => l.to).filter((to) => !stillLinked(to))]);
    this.pending.set(uri.toString(), list.filter((x) => !drop.has(x.id)));
    this.refresh(uri.toString());
  }

  /** The proposal the editor's selection is exactly on, if any. */
  selected(editor: vscode.TextEditor | undefined): PendingSuggestion | undefined {
    if (!editor) return undefined;
    const start = editor.document.offsetAt(editor.selection.start);
    const end = editor.document.offsetAt(editor.selection.end);
    return this.list(editor.document.uri).find((s) => s.start === start && s.end === end);
  }

  /** Selects the next proposal after the selection (wrapping around); false when there is none. */
  selectNext(editor: vscode.TextEditor): boolean {
    const list = this.list(editor.document.uri);
    if (list.length === 0) return false;
    const from = editor.document.offsetAt(editor.selection.start);
    const onOne = this.selected(editor);
    const next = list.find((s) => (onOne ? s.start > from || (s.start === from && s.end > onOne.end) : s.start >= from)) ?? list[0]!;
    const range = new vscode.Range(editor.document.positionAt(next.start), editor.document.positionAt(next.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    void this.updateContext();
    return true;
  }

  private refresh(uri: string): void {
    this.render();
    void this.updateContext();
    this.changed.fire(uri);
  }

  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const list = this.list(editor.document.uri);
      editor.setDecorations(
        this.decoration,
        list.map((s) => ({
          range: new vscode.Range(editor.document.positionAt(s.start), editor.document.positionAt(s.end)),
          hoverMessage: `Suggested ${s.tag}${s.attributes.speaker ? ` (speaker: ${s.attributes.speaker})` : ''} by ${s.provider} — Enter accepts, Backspace rejects, Tab goes to the next`,
        })),
      );
    }
  }

  private async updateContext(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    await vscode.commands.executeCommand('setContext', HAS_KEY, !!editor && this.list(editor.document.uri).length > 0);
    await vscode.commands.executeCommand('setContext', SELECTED_KEY, this.selected(editor) !== undefined);
  }

  private async maybeSuggestOnOpen(editor: vscode.TextEditor | undefined): Promise<void> {
    void this.updateContext();
    if (!editor || editor.document.languageId !== 'seed-document') return;
    if (!vscode.workspace.getConfiguration('seedAnnotator.suggest').get<boolean>('onOpen', false)) return;
    if (this.pending.has(editor.document.uri.toString())) return;
    try {
      await this.suggest(editor.document.uri);
    } catch (error) {
      this.deps.log.warn(`suggest on open: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The Suggest commands of the palette, the Documents view and the keybindings. */
export function registerSuggestionCommands(controller: SuggestionsController, deps: Deps): vscode.Disposable[] {
  const run = (id: string, fn: (...args: any[]) => Promise<unknown>) => registerReportingCommand(id, fn, deps.log);
  const activeDocument = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'seed-document') throw new Error('open a source document first');
    return editor;
  };
  const report = async (uris: vscode.Uri[], within?: { start: number; end: number }) => {
    let count = 0;
    const errors: string[] = [];
    for (const uri of uris) {
      const r = await controller.suggest(uri, within);
      count += r.count;
      errors.push(...r.errors);
    }
    if (errors.length > 0) void vscode.window.showWarningMessage(`Seed Annotator: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more in the log)` : ''}`);
    const where = uris.length === 1 ? 'this document' : `${uris.length} documents`;
    void vscode.window.setStatusBarMessage(`Seed Annotator: ${count} suggestion${count === 1 ? '' : 's'} in ${where} — Tab goes to the next, Enter accepts, Backspace rejects`, 8000);
    return { count, errors };
  };
  const onSelected = async (act: (uri: vscode.Uri, id: string) => Promise<void>) => {
    const editor = activeDocument();
    const s = controller.selected(editor);
    if (!s) throw new Error('select a suggestion first (Tab goes to the next one)');
    await act(editor.document.uri, s.id);
    controller.selectNext(editor);
  };
  return [
    // Document (the active one, or the selection in it), or the documents selected in the Documents view.
    run('seedAnnotator.suggestAnnotations', async (item?: unknown, items?: unknown[]) => {
      const uris = [item, ...(items ?? [])].map(uriOf).filter((u): u is vscode.Uri => !!u);
      if (uris.length > 0) return report([...new Map(uris.map((u) => [u.toString(), u])).values()]);
      const editor = activeDocument();
      const sel = editor.selection;
      const within = sel.isEmpty ? undefined : { start: editor.document.offsetAt(sel.start), end: editor.document.offsetAt(sel.end) };
      const result = await report([editor.document.uri], within);
      controller.selectNext(editor);
      return result;
    }),
    run('seedAnnotator.suggestAnnotationsInWorkspace', async () => report(await deps.documents())),
    run('seedAnnotator.acceptSuggestion', async () => onSelected((uri, id) => controller.accept(uri, id))),
    run('seedAnnotator.rejectSuggestion', async () => onSelected((uri, id) => controller.reject(uri, id))),
    run('seedAnnotator.nextSuggestion', async () => {
      if (!controller.selectNext(activeDocument())) void vscode.window.setStatusBarMessage('Seed Annotator: no suggestion left in this document', 5000);
    }),
    run('seedAnnotator.acceptAllSuggestions', async (tagArg?: string) => {
      const editor = activeDocument();
      const uri = editor.document.uri;
      const tags = [...new Set(controller.list(uri).map((s) => s.tag))];
      if (tags.length === 0) throw new Error('there is no suggestion to accept in this document');
      const tag = tagArg ?? (await vscode.window.showQuickPick(tags.map((t) => ({ label: t, description: `${controller.list(uri).filter((s) => s.tag === t).length} suggestions` })), { title: 'Accept all suggestions of one kind' }))?.label;
      if (!tag) return 0;
      let n = 0;
      for (const s of controller.list(uri).filter((x) => x.tag === tag)) {
        if (!controller.list(uri).some((x) => x.id === s.id)) continue; // accepted with a quote already
        await controller.accept(uri, s.id);
        n++;
      }
      return n;
    }),
  ];
}

function uriOf(item: unknown): vscode.Uri | undefined {
  if (item instanceof vscode.Uri) return item;
  if (item && typeof item === 'object') {
    const o = item as { uri?: unknown; resourceUri?: unknown };
    if (o.resourceUri instanceof vscode.Uri) return o.resourceUri;
    if (o.uri instanceof vscode.Uri) return o.uri;
    if (typeof o.uri === 'string') return vscode.Uri.parse(o.uri);
  }
  return undefined;
}
