/**
 * The host side of one Annotations panel webview: waits for the webview's `ready`, sends it the whole panel state
 * (and again after every change of the followed document, its annotations or the tag set), and answers its
 * requests. Every message from the webview is validated with the shared protocol (src/webview/protocol.ts);
 * anything invalid is dropped and logged. Every edit goes through the AnnotationStore.
 */
import * as vscode from 'vscode';
import { formatProblem } from '../../core/annotations/problems';
import type { Annotation, TagSet } from '../../core/annotations/schema';
import { parse } from '../../core/parse';
import {
  ToWebview, describeMessage, parseToHost, type AnnotationView, type AttributeValue, type HostRequest, type PanelState, type TagView,
} from '../../webview/protocol';
import { relationTypeViews, relationViews, runLinkRequest } from '../relations/panelLinks';
import { moveOnWhenDone } from '../commands';
import { END_OF_DOCUMENT, openEvidenceLink, reattachToSelection, revealAnnotation, skipNext, tagNext, updateAnnotation, type PanelDeps } from './actions';
import { reviewMode } from '../curation/reviewMode';
import { reviewState, runReviewRequest } from './review';
import { runSuggestionRequest, suggestionViews } from './suggestions';

/** The document the panel shows (the active seed document), and when that changes. */
export interface FollowedDocument {
  readonly uri: vscode.Uri | undefined;
  readonly onDidChange: vscode.Event<void>;
}

/** What `seedAnnotator.annotationsPanelState` reports (for tests and bug reports). */
export interface PanelInfo {
  ready: boolean;
  document: string | null;
  annotations: number;
  /** Messages from the webview dropped as invalid. */
  dropped: number;
  /** Requests answered (ok or error). */
  replies: number;
  /** The annotation the host last asked the panel to select (null after a deselect). */
  selected: string | null;
  /** The last information the panel was given to show (the end of the document, …). */
  notice: string | null;
  /** The pending suggestions the panel last listed. */
  suggestions: number;
}

const MAX_TEXT = 1_000_000;
const clip = (s: string, max = MAX_TEXT) => (s.length > max ? s.slice(0, max) : s);

export class AnnotationsPanelController implements vscode.Disposable {
  private ready = false;
  private dropped = 0;
  private replies = 0;
  private lastCount = 0;
  private lastSuggestions = 0;
  private lastSelected: string | null = null;
  /** A selection asked for while the page was not there (hidden, loading): sent after the state once it is ready. */
  private unsentSelect: Extract<ToWebview, { type: 'select' }> | undefined;
  private lastNotice: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private titleCache = new WeakMap<vscode.TextDocument, { version: number; title: string }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly postEmitter = new vscode.EventEmitter<ToWebview>();
  /** Every message sent to the webview, after it was validated. */
  readonly onDidPost = this.postEmitter.event;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: PanelDeps,
    private readonly followed: FollowedDocument,
  ) {
    this.disposables.push(
      this.postEmitter,
      webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      followed.onDidChange(() => this.scheduleState(0)),
      deps.store.onDidChange((doc) => {
        if (doc.docUri.toString() === this.followed.uri?.toString()) this.scheduleState();
      }),
      deps.tagSets.onDidChange(() => this.scheduleState()),
      reviewMode.onDidChange(() => this.scheduleState(0)),
    );
    if (deps.suggestions) {
      this.disposables.push(deps.suggestions.onDidChange((uri) => {
        if (uri === this.followed.uri?.toString()) this.scheduleState();
      }));
    }
  }

  info(): PanelInfo {
    return {
      ready: this.ready, document: this.followed.uri?.toString() ?? null, annotations: this.lastCount, dropped: this.dropped, replies: this.replies,
      selected: this.lastSelected, notice: this.lastNotice, suggestions: this.lastSuggestions,
    };
  }

  /** The webview went away (hidden without retained context): it says `ready` again when it is back. */
  suspend(): void {
    this.ready = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Handles one message from the webview: validated first, dropped (and logged) when invalid. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseToHost(raw);
    if (!parsed.ok) {
      this.dropped++;
      this.deps.log.warn(`Annotations panel: dropped an invalid ${describeMessage(raw)} from the webview: ${parsed.error}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      await this.postState();
      const unsent = this.unsentSelect;
      this.unsentSelect = undefined;
      if (unsent) await this.post(unsent);
      return;
    }
    await this.answer(message);
  }

  /** Runs a request and sends its one reply; the new state goes out first, so the panel never shows an old one. */
  private async answer(request: HostRequest): Promise<void> {
    let id: string | undefined;
    let error: string | undefined;
    let notice: string | undefined;
    try {
      const result = await this.run(request);
      if (typeof result === 'string') id = result;
      else if (result) notice = result.notice;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      this.deps.log.warn(`Annotations panel: ${request.type} failed: ${error}`);
    }
    if (this.timer) await this.postState(); // the store changed: the panel gets the new state before the reply
    this.replies++;
    await this.post(
      error === undefined
        ? { type: 'reply', requestId: request.requestId, ok: true, ...(id ? { id } : {}), ...(notice ? { notice: clip(notice, 4096) } : {}) }
        : { type: 'reply', requestId: request.requestId, ok: false, error: clip(error) },
    );
  }

  /** A created annotation's id, information to show (`notice`), or nothing. */
  private async run(request: HostRequest): Promise<string | { notice: string } | undefined> {
    const uri = this.followed.uri;
    if (!uri) throw new Error('no source document is open');
    const { store } = this.deps;
    switch (request.type) {
      case 'reveal':
        await revealAnnotation(store, uri, request.id);
        return undefined;
      case 'update':
        await updateAnnotation(this.deps, uri, request.id, request.patch);
        return undefined;
      case 'remove':
        await store.remove(uri, request.id);
        return undefined;
      case 'reattach':
        await reattachToSelection(store, uri, request.id);
        return undefined;
      case 'setStatus':
        await store.setDocumentStatus(uri, request.status);
        if (request.status === 'done') await moveOnWhenDone(uri);
        return undefined;
      case 'tagNext': {
        const created = await tagNext(this.deps, uri, request.afterId);
        if (!created) this.lastNotice = END_OF_DOCUMENT;
        return created ? created.id : { notice: END_OF_DOCUMENT };
      }
      case 'skip':
        return (await skipNext(this.deps, uri, request.afterId)) ? undefined : { notice: END_OF_DOCUMENT };
      case 'openDocument': {
        const command = request.direction === 'next' ? 'seedAnnotator.nextDocument' : 'seedAnnotator.previousDocument';
        await vscode.commands.executeCommand(command, { from: uri.toString() });
        return undefined;
      }
      case 'openLink':
        await openEvidenceLink(store, uri, request.url);
        return undefined;
      case 'link':
      case 'unlink':
        await runLinkRequest(this.deps, uri, request);
        return undefined;
      case 'review':
        return runReviewRequest(this.deps, uri, request);
      case 'suggestion':
        return runSuggestionRequest(this.deps.suggestions, uri, request);
    }
  }

  /** Moves the panel's selection (after Tag Next from the palette). */
  select(id: string, focus?: 'row' | 'note'): void {
    this.lastSelected = id;
    // The state first, read now: the store's change event for a new annotation may not have reached the panel yet,
    // and the webview selects only what its state holds.
    const message: Extract<ToWebview, { type: 'select' }> = { type: 'select', id, ...(focus ? { focus } : {}) };
    if (this.ready) void this.postState().then(() => this.post(message));
    else this.unsentSelect = message;
  }

  /** Clears the panel's selection (after Skip from the palette). */
  deselect(): void {
    this.lastSelected = null;
    this.unsentSelect = undefined;
    if (this.ready) void this.flush().then(() => this.post({ type: 'deselect' }));
  }

  /** Shows information in the panel's notice line (e.g. the end of the document). */
  notify(text: string): void {
    this.lastNotice = text;
    if (this.ready) void this.post({ type: 'notice', text: clip(text, 4096) });
  }

  private scheduleState(delayMs = 30): void {
    if (!this.ready) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.postState();
    }, delayMs);
  }

  private async flush(): Promise<void> {
    if (this.timer) await this.postState();
  }

  private async postState(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.ready) return;
    let state: PanelState;
    try {
      state = await this.buildState();
    } catch (e) {
      this.deps.log.error(`Annotations panel: cannot read the annotations: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.lastCount = state.annotations.length;
    this.lastSuggestions = state.suggestions?.length ?? 0;
    await this.post({ type: 'state', state });
  }

  private async post(message: ToWebview): Promise<void> {
    // The host checks what it sends too: a message the webview would drop is a bug here, logged as one.
    const checked = ToWebview.safeParse(message);
    if (!checked.success) {
      this.deps.log.error(`Annotations panel: not sending an invalid '${message.type}' message: ${checked.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.code}`).join('; ')}`);
      return;
    }
    this.postEmitter.fire(message);
    await this.webview.postMessage(message);
  }

  async buildState(): Promise<PanelState> {
    const uri = this.followed.uri;
    const tagSet = uri ? this.deps.tagSets.for(uri) : undefined;
    const tags = tagSet ? tagViews(tagSet) : [];
    const relationTypes = relationTypeViews(tagSet);
    if (!uri) return { document: null, tags, relationTypes, relations: [], annotations: [] };
    const doc = await this.deps.store.get(uri);
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const text = await this.textDocument(uri).catch(() => undefined);
    const lineOf = (offset: number) => (text && offset <= text.getText().length ? text.positionAt(offset).line + 1 : undefined);
    const annotations = [...doc.annotations]
      .sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((a) => annotationView(a, lineOf(a.target.start)));
    const suggestions = this.deps.suggestions ? suggestionViews(this.deps.suggestions, uri, text?.getText(), lineOf) : [];
    return {
      document: {
        uri: uri.toString(),
        name,
        title: clip((await this.titleOf(uri).catch(() => '')) || name, 4096),
        status: doc.documentStatus,
        sidecar: doc.state,
        problems: doc.problems.slice(0, 50).map((p) => clip(formatProblem(p), 4096)),
      },
      tags,
      relationTypes,
      relations: relationViews(doc.relations),
      annotations,
      ...(reviewMode.active ? { review: await reviewState(this.deps, uri) } : {}),
      ...(suggestions.length > 0 ? { suggestions } : {}),
    };
  }

  /** The headline, parsed from the document as VS Code holds it (cached per version). */
  private async textDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
  }

  private async titleOf(uri: vscode.Uri): Promise<string> {
    const doc = await this.textDocument(uri);
    const cached = this.titleCache.get(doc);
    if (cached?.version === doc.version) return cached.title;
    const title = parse(doc.getText()).title;
    this.titleCache.set(doc, { version: doc.version, title });
    return title;
  }

  dispose(): void {
    this.suspend();
    for (const d of this.disposables) d.dispose();
  }
}

function tagViews(tagSet: TagSet): TagView[] {
  return tagSet.tags.map((t) => ({
    id: t.id,
    label: clip(t.label, 4096),
    description: clip(t.description, 4096),
    color: t.color,
    attributes: t.attributes.map((a) => ({
      id: a.id,
      label: clip(a.label, 4096),
      description: clip(a.description, 4096),
      kind: a.kind,
      ...(a.values ? { values: a.values.map((v) => clip(v, 4096)) } : {}),
    })),
  }));
}

/** A stored attribute value as the panel receives it: strings as they are, anything else as its JSON text. */
function attributeValue(value: unknown): AttributeValue {
  if (typeof value === 'string') return clip(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => clip(v));
  return { json: clip(JSON.stringify(value) ?? String(value)) };
}

function annotationView(a: Annotation, line: number | undefined): AnnotationView {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(a.attributes)) if (key.length <= 128) attributes[key] = attributeValue(value);
  return {
    id: a.id,
    tag: a.tag,
    orphaned: a.status === 'orphaned',
    start: a.target.start,
    end: a.target.end,
    exact: clip(a.target.exact),
    attributes,
    note: clip(a.note),
    ...(line && !a.status ? { line } : {}),
  };
}
