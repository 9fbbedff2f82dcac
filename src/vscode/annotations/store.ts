import * as vscode from 'vscode';
import { applyEdits, makeTarget, reanchor, reanchorAll, type AnchorResult } from '../../core/annotations/anchor';
import { writeSidecarCas } from '../../core/annotations/casWrite';
import { newId } from '../../core/annotations/hash';
import { mergeSidecars, type MergeConflict } from '../../core/annotations/merge';
import { documentPathForSidecar, sidecarPathFor } from '../../core/annotations/paths';
import { formatProblem, issuesToProblems, type Problem } from '../../core/annotations/problems';
import { SidecarSchema, type Annotation, type DocumentCuration, type DocumentStatus, type DocumentStatuses, type RejectedSuggestion, type Relation, type Sidecar } from '../../core/annotations/schema';
import { createSidecar, describeDocument, newAnnotation, newRelation, parseSidecar, serializeSidecar } from '../../core/annotations/sidecar';
import { statusFor, statusesOf, withStatus } from '../../core/annotations/status';
import { keepVersion } from '../../core/team/conflicts';

export type { DocumentStatus };
import { parse } from '../../core/parse';
import { currentDiskText, currentText, openDocument } from './documentText';
import { isFileNotFound, workspaceSidecarFs } from './workspaceFs';

/** `ready`: editable; `unreadable`: the sidecar has errors and is never written; `readonly`: written by a newer version. */
export type SidecarState = 'ready' | 'unreadable' | 'readonly';


export interface DocumentAnnotations {
  readonly docUri: vscode.Uri;
  readonly sidecarUri: vscode.Uri;
  readonly state: SidecarState;
  /** Offsets are UTF-16 code units into the document's current text (the editor's, when it is open). */
  readonly annotations: readonly Annotation[];
  /** Links between the annotations; both ends are always annotations of this document (orphaned ones included). */
  readonly relations: readonly Relation[];
  readonly problems: readonly Problem[];
  /** The current author's status: `todo` until set (or while the document has no sidecar). */
  readonly documentStatus: DocumentStatus;
  /** Every annotator's status, keyed by author ("" for a status set without a name). */
  readonly statuses: Readonly<DocumentStatuses>;
  /** The curation (adjudication) status of the document, when a curator recorded one. */
  readonly curation?: DocumentCuration;
  /** Suggestions rejected in this document (the sidecar's `suggestions.rejected`), everybody's. */
  readonly rejected: readonly RejectedSuggestion[];
}

export interface NewSpan {
  tag: string;
  start: number;
  end: number;
  attributes?: Record<string, unknown>;
  note?: string;
  /** Extra fields of the new annotation (e.g. `origin`, `curation`). */
  extra?: Pick<Annotation, 'origin' | 'curation'>;
  /** Defaults to a random UUID; lets a batch link annotations it creates. */
  id?: string;
}

export interface NewLink {
  type: string;
  from: string;
  to: string;
  attributes?: Record<string, unknown>;
  note?: string;
  extra?: Pick<Relation, 'origin' | 'curation'>;
  id?: string;
}

export type AnnotationPatch = Partial<Pick<Annotation, 'tag' | 'attributes' | 'note'>>;
export type RelationPatch = Partial<Pick<Relation, 'type' | 'attributes' | 'note'>>;

/**
 * One step of `AnnotationStore.batch`: a new span, a change computed from the annotation as it is, or a new link
 * (whose ends may be annotations added earlier in the same batch, by their `id`).
 */
export type BatchOp =
  | { kind: 'add'; span: NewSpan }
  | { kind: 'update'; id: string; patch: (current: Annotation) => AnnotationPatch }
  | { kind: 'link'; link: NewLink }
  /** Sets the document's curation status from the annotations as the ops before it left them (adjudication). */
  | { kind: 'curation'; curation: (annotations: readonly Annotation[]) => DocumentCuration };

export interface BatchResult {
  added: number;
  duplicates: number;
  updated: number;
  linked: number;
  /** Ids the batch's `add` ops asked for, mapped to the annotation that now holds the span (a duplicate's existing id). */
  ids: Map<string, string>;
}

interface Entry extends DocumentAnnotations {
  state: SidecarState;
  documentStatus: DocumentStatus;
  statuses: DocumentStatuses;
  curation?: DocumentCuration;
  rejected: RejectedSuggestion[];
  annotations: Annotation[];
  relations: Relation[];
  problems: Problem[];
  /** The sidecar as last read or written (unknown fields included); null when there is no file. */
  sidecar: Sidecar | null;
  /** The sidecar as on disk: the base of a merge with a change made elsewhere. */
  onDisk: Sidecar | null;
  /** Exactly what this window wrote last, to tell its own writes from changes made elsewhere. */
  lastWritten: string | null;
  /** Live edits moved offsets that are not written yet (written when the document is saved). */
  offsetsStale: boolean;
  /** Counts live edits, so a write that raced with one keeps the newer offsets in memory. */
  edits: number;
  queue: Promise<unknown>;
}

export class SidecarUnwritableError extends Error {}

/** What an edit changes; the fields left out stay as they are. */
interface Change {
  annotations?: Annotation[];
  relations?: Relation[];
  statuses?: DocumentStatuses;
  curation?: DocumentCuration;
  rejected?: RejectedSuggestion[];
}

/**
 * The one place annotations change. Every edit is validated, written atomically (temp file + rename,
 * one write at a time per sidecar) and then announced by `onDidChange`; views only listen.
 */
export class AnnotationStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry>>();
  private readonly changeEmitter = new vscode.EventEmitter<DocumentAnnotations>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private prepareAuthor: (docUri: vscode.Uri) => Promise<void> = async () => undefined;
  private readFilter: ReadFilter | null = null;
  private views = new WeakMap<Entry, { annotations: readonly Annotation[]; relations: readonly Relation[]; filter: ReadFilter; state: SidecarState; view: DocumentAnnotations }>();

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly reportProblems: (uri: vscode.Uri, problems: readonly Problem[], readOnly: boolean) => void,
    /** Who is annotating (in the document's folder): recorded on new annotations, relations and status changes. */
    private author: (docUri: vscode.Uri) => string = configuredAuthor,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onTextChanged(e)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.onTextSaved(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onTextClosed(doc)),
    );
  }

  /** The annotations of a document (as the read filter shows them), loading (and re-anchoring) its sidecar on first use. */
  async get(docUri: vscode.Uri): Promise<DocumentAnnotations> {
    return this.view(await this.entry(docUri));
  }

  /** The annotations if already loaded. */
  peek(docUri: vscode.Uri): DocumentAnnotations | undefined {
    const entry = this.entries.get(docUri.toString());
    return entry && this.view(entry);
  }

  loaded(): DocumentAnnotations[] {
    return [...this.entries.values()].map((e) => this.view(e));
  }

  /**
   * Who is annotating, and how to find out before an edit (e.g. read git's user.name, or ask once). Statuses and
   * new items take the name `author` returns once `prepare` has run.
   */
  setIdentity(author: (docUri: vscode.Uri) => string, prepare: (docUri: vscode.Uri) => Promise<void>): void {
    this.author = author;
    this.prepareAuthor = prepare;
    this.views = new WeakMap(); // "mine" may now be someone else
    this.refreshViews();
  }

  /**
   * What every view sees of a document (blind annotation shows only the annotator's own items); the sidecar keeps
   * everything. Views get filtered annotations and relations from get, peek, loaded and onDidChange.
   */
  setReadFilter(filter: ReadFilter | null): void {
    this.readFilter = filter;
    this.refreshViews();
  }

  private refreshViews(): void {
    for (const entry of this.entries.values()) {
      entry.documentStatus = statusFor(entry.statuses, this.author(entry.docUri));
      this.fire(entry);
    }
  }

  private view(entry: Entry): DocumentAnnotations {
    if (!this.readFilter) return entry;
    const cached = this.views.get(entry);
    if (cached && cached.annotations === entry.annotations && cached.relations === entry.relations && cached.filter === this.readFilter && cached.state === entry.state
      && cached.view.curation === entry.curation && cached.view.rejected === entry.rejected && cached.view.documentStatus === entry.documentStatus) {
      return cached.view;
    }
    const shown = this.readFilter(entry);
    const view: DocumentAnnotations = {
      docUri: entry.docUri, sidecarUri: entry.sidecarUri, state: entry.state, problems: entry.problems,
      documentStatus: entry.documentStatus, statuses: entry.statuses, annotations: shown.annotations, relations: shown.relations,
      curation: entry.curation, rejected: entry.rejected,
    };
    this.views.set(entry, { annotations: entry.annotations, relations: entry.relations, filter: this.readFilter, state: entry.state, view });
    return view;
  }

  private fire(entry: Entry): void {
    this.changeEmitter.fire(this.view(entry));
  }

  /** Keeps one version of an item a merge kept in two (`conflict`): the other goes, its links move to the kept one. */
  async keepConflictVersion(docUri: vscode.Uri, keepId: string): Promise<void> {
    await this.mutate(docUri, async (entry) => ({ result: undefined, change: keepVersion(entry.annotations, entry.relations, keepId) }));
  }

  /** Tags a span. Returns null (and writes nothing) when the same tag already covers the same span. */
  async add(docUri: vscode.Uri, span: NewSpan): Promise<Annotation | null> {
    return this.mutate(docUri, async (entry, text) => {
      if (findDuplicate(entry.annotations, span, this.author(docUri))) return { result: null };
      const created = this.createAnnotation(text, span, this.author(docUri));
      return { result: created, change: { annotations: [...entry.annotations, created] } };
    });
  }

  /** Several adds, updates and links in one validated write (imports); duplicates of existing spans and links are skipped. */
  async batch(docUri: vscode.Uri, ops: readonly BatchOp[]): Promise<BatchResult> {
    return this.mutate(docUri, async (entry, text) => {
      const list = [...entry.annotations];
      const links = [...entry.relations];
      const result: BatchResult = { added: 0, duplicates: 0, updated: 0, linked: 0, ids: new Map() };
      let curation: DocumentCuration | undefined;
      for (const op of ops) {
        if (op.kind === 'curation') {
          curation = op.curation(list);
          continue;
        }
        if (op.kind === 'add') {
          const existing = findDuplicate(list, op.span, this.author(docUri));
          if (existing) {
            result.duplicates++;
            if (op.span.id) result.ids.set(op.span.id, existing.id);
          } else {
            const created = this.createAnnotation(text, op.span, this.author(docUri));
            list.push(created);
            if (op.span.id) result.ids.set(op.span.id, created.id);
            result.added++;
          }
        } else if (op.kind === 'link') {
          const link = { ...op.link, from: result.ids.get(op.link.from) ?? op.link.from, to: result.ids.get(op.link.to) ?? op.link.to };
          if (findDuplicateLink(links, link)) {
            result.duplicates++;
          } else {
            links.push(this.createRelation(link, this.author(docUri)));
            result.linked++;
          }
        } else {
          const i = list.findIndex((a) => a.id === op.id);
          if (i < 0) continue;
          const old = list[i]!;
          list[i] = { ...old, ...op.patch(old), modified: new Date().toISOString() };
          result.updated++;
        }
      }
      const changed = result.added + result.updated + result.linked > 0 || curation !== undefined;
      return { result, change: changed ? { annotations: list, relations: links, ...(curation ? { curation } : {}) } : undefined };
    });
  }

  async update(docUri: vscode.Uri, id: string, patch: AnnotationPatch): Promise<Annotation> {
    return this.mutate(docUri, async (entry) => {
      const old = findItem(entry, entry.annotations, id, 'annotation');
      const changed: Annotation = { ...old, ...patch, modified: new Date().toISOString() };
      return { result: changed, change: { annotations: entry.annotations.map((a) => (a.id === id ? changed : a)) } };
    });
  }

  /** Removes an annotation and, in the same write, every relation linking it: a sidecar never holds a dangling link. */
  async remove(docUri: vscode.Uri, id: string): Promise<Annotation> {
    return this.mutate(docUri, async (entry) => {
      const old = findItem(entry, entry.annotations, id, 'annotation');
      return {
        result: old,
        change: { annotations: entry.annotations.filter((a) => a.id !== id), relations: entry.relations.filter((r) => r.from !== id && r.to !== id) },
      };
    });
  }

  /** Places an (orphaned) annotation on a new span of the current text. */
  async reattach(docUri: vscode.Uri, id: string, start: number, end: number): Promise<Annotation> {
    return this.mutate(docUri, async (entry, text) => {
      const { status: _orphaned, ...old } = findItem(entry, entry.annotations, id, 'annotation');
      const placed: Annotation = { ...old, target: { ...makeTarget(text, start, end) }, modified: new Date().toISOString() };
      return { result: placed, change: { annotations: entry.annotations.map((a) => (a.id === id ? placed : a)) } };
    });
  }

  /** Links two annotations of the document. Returns null (and writes nothing) when the same link exists. */
  async addRelation(docUri: vscode.Uri, link: NewLink): Promise<Relation | null> {
    return this.mutate(docUri, async (entry) => {
      for (const end of [link.from, link.to]) findItem(entry, entry.annotations, end, 'annotation');
      if (findDuplicateLink(entry.relations, link)) return { result: null };
      const created = this.createRelation(link, this.author(docUri));
      return { result: created, change: { relations: [...entry.relations, created] } };
    });
  }

  async updateRelation(docUri: vscode.Uri, id: string, patch: RelationPatch): Promise<Relation> {
    return this.mutate(docUri, async (entry) => {
      const old = findItem(entry, entry.relations, id, 'relation');
      const changed: Relation = { ...old, ...patch, modified: new Date().toISOString() };
      return { result: changed, change: { relations: entry.relations.map((r) => (r.id === id ? changed : r)) } };
    });
  }

  async removeRelation(docUri: vscode.Uri, id: string): Promise<Relation> {
    return this.mutate(docUri, async (entry) => {
      const old = findItem(entry, entry.relations, id, 'relation');
      return { result: old, change: { relations: entry.relations.filter((r) => r.id !== id) } };
    });
  }

  /** Remembers a rejected suggestion (by the current author) in the sidecar, so it is not proposed to them again. */
  async rejectSuggestion(docUri: vscode.Uri, rejected: Pick<RejectedSuggestion, 'tag' | 'exact' | 'prefix' | 'provider'>): Promise<void> {
    await this.mutate(docUri, async (entry) => ({
      result: undefined,
      change: { rejected: [...entry.rejected, { ...rejected, author: this.author(docUri), created: new Date().toISOString() }] },
    }));
  }

  /** Sets the current author's review status of the document (to do / in progress / done), written to its sidecar. */
  async setDocumentStatus(docUri: vscode.Uri, status: DocumentStatus): Promise<void> {
    await this.mutate(docUri, async (entry) => ({ result: undefined, change: { statuses: withStatus(entry.statuses, this.author(docUri), status) } }));
  }

  private createAnnotation(text: string, span: NewSpan, author: string): Annotation {
    return {
      ...newAnnotation({
        id: span.id,
        tag: span.tag,
        target: { ...makeTarget(text, span.start, span.end) },
        attributes: span.attributes ?? {},
        note: span.note ?? '',
        author,
      }),
      ...span.extra,
    };
  }

  private createRelation(link: NewLink, author: string): Relation {
    return {
      ...newRelation({ id: link.id, type: link.type, from: link.from, to: link.to, attributes: link.attributes, note: link.note, author }),
      ...link.extra,
    };
  }

  /** Drops the cached state of a document and reads its sidecar again. */
  async reload(docUri: vscode.Uri): Promise<DocumentAnnotations> {
    const key = docUri.toString();
    const entry = this.entries.get(key);
    if (entry) await entry.queue.catch(() => undefined);
    this.entries.delete(key);
    const fresh = await this.entry(docUri);
    this.fire(fresh);
    return this.view(fresh);
  }

  /** A sidecar changed on disk: adopt the change, merged by id with what this window holds. */
  async onSidecarChanged(sidecarUri: vscode.Uri): Promise<void> {
    const docPath = documentPathForSidecar(sidecarUri.toString());
    if (!docPath) return;
    const docUri = vscode.Uri.parse(docPath);
    const entry = this.entries.get(docUri.toString());
    if (!entry) {
      if (this.loading.has(docUri.toString())) return;
      this.fire(await this.entry(docUri)); // a new sidecar (e.g. from git pull): show its counts
      return;
    }
    await this.enqueue(entry, async () => {
      const content = await readText(sidecarUri);
      if (content === entry.lastWritten) return;
      if (content === null) {
        const ours = this.inMemorySidecar(entry, null);
        const merged = mergeSidecars(entry.onDisk, ours, { ...ours, annotations: [], relations: [], status: undefined }, newId);
        entry.sidecar = null;
        entry.onDisk = null;
        entry.lastWritten = null;
        this.adopt(entry, merged.sidecar);
        if (merged.sidecar.annotations.length > 0) await this.write(entry, await currentText(docUri));
        this.fire(entry);
        return;
      }
      const read = parseSidecar(content, this.label(sidecarUri));
      if (!read.ok) {
        this.markUnreadable(entry, read.problems, read.readOnly);
        return;
      }
      entry.lastWritten = content; // what the file holds now: the base of the next compare-and-swap
      const merged = mergeSidecars(entry.onDisk, this.inMemorySidecar(entry, read.sidecar), read.sidecar, newId);
      this.setReady(entry, read.sidecar);
      this.adopt(entry, merged.sidecar);
      const text = await currentText(docUri);
      const moved = await this.reanchorIfChanged(entry, text);
      if (moved || merged.conflicts.length > 0 || !sameContent(merged.sidecar, read.sidecar)) await this.write(entry, text);
      this.reportConflicts(docUri, merged.conflicts);
      this.fire(entry);
    });
  }

  /**
   * A document changed on disk. Not open: re-anchor on the new text. Open and clean: VS Code moves the
   * text to the file's, and live edits move the offsets; once the editor holds the file's text, write them.
   */
  async onDocumentChangedOnDisk(docUri: vscode.Uri): Promise<void> {
    const entry = this.entries.get(docUri.toString());
    if (!entry) return;
    const open = openDocument(docUri);
    if (!open) {
      await this.reload(docUri);
      return;
    }
    if (open.isDirty) return; // the user's unsaved text wins; the save writes the offsets
    const onDisk = await currentDiskText(docUri).catch(() => null);
    if (onDisk === null) return; // deleted again, or unreadable: nothing to follow
    for (let i = 0; i < 50 && open.getText() !== onDisk && !open.isDirty; i++) await delay(100);
    if (entry.offsetsStale && !open.isDirty && entry.state === 'ready') this.writeLater(entry, open);
  }

  private async entry(docUri: vscode.Uri): Promise<Entry> {
    const key = docUri.toString();
    const known = this.entries.get(key);
    if (known) return known;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(docUri).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async load(docUri: vscode.Uri): Promise<Entry> {
    const sidecarUri = vscode.Uri.parse(sidecarPathFor(docUri.toString()));
    const entry: Entry = {
      docUri, sidecarUri, state: 'ready', documentStatus: 'todo', statuses: {}, rejected: [], annotations: [], relations: [], problems: [], sidecar: null,
      onDisk: null, lastWritten: null, offsetsStale: false, edits: 0, queue: Promise.resolve(),
    };
    const content = await readText(sidecarUri);
    if (content !== null) {
      const read = parseSidecar(content, this.label(sidecarUri));
      if (read.ok) {
        this.setReady(entry, read.sidecar);
        entry.lastWritten = content;
      } else {
        this.markUnreadable(entry, read.problems, read.readOnly, read.sidecar);
      }
    }
    this.entries.set(docUri.toString(), entry);
    if (entry.state === 'ready' && entry.sidecar) {
      await this.enqueue(entry, async () => {
        const text = await currentText(docUri);
        if (await this.reanchorIfChanged(entry, text)) await this.write(entry, text);
      });
    }
    return entry;
  }

  /** Re-anchors when the text is not the one the offsets were written for; true when anything moved. */
  private async reanchorIfChanged(entry: Entry, text: string): Promise<boolean> {
    const doc = entry.sidecar?.document;
    const orphans = entry.annotations.some((a) => a.status === 'orphaned');
    if (doc && !orphans && doc.length === text.length && (await describeDocument('', text)).sha256 === doc.sha256) return false;
    const results = reanchorAll(text, entry.annotations.map((a) => a.target), { oldLength: doc?.length ?? text.length });
    let changed = false;
    entry.annotations = entry.annotations.map((a, i) => {
      const placed = applyAnchor(a, results[i]!);
      if (placed !== a) changed = true;
      return placed;
    });
    if (changed) this.log.info(`re-anchored ${this.label(entry.docUri)}: ${summarize(results)}`);
    return changed;
  }

  /** Runs an edit: validate, write atomically, announce. Refuses when the sidecar cannot be written. */
  private async mutate<T>(
    docUri: vscode.Uri,
    edit: (entry: Entry, text: string) => Promise<{ result: T; change?: Change }>,
  ): Promise<T> {
    const entry = await this.entry(docUri);
    await this.prepareAuthor(docUri);
    return this.enqueue(entry, async () => {
      if (entry.state !== 'ready') {
        throw new SidecarUnwritableError(
          `${this.label(entry.sidecarUri)} is ${entry.state === 'readonly' ? 'from a newer Seed Annotator (read-only)' : 'unreadable'}; it is left untouched. ${entry.problems.map(formatProblem).join('; ')}`,
        );
      }
      const text = await currentText(docUri);
      const { result, change } = await edit(entry, text);
      if (change) {
        const before = { annotations: entry.annotations, relations: entry.relations, statuses: entry.statuses, rejected: entry.rejected, ...(entry.curation ? { curation: entry.curation } : {}) };
        this.adopt(entry, change);
        try {
          await this.write(entry, text);
        } catch (error) {
          this.adopt(entry, before); // nothing was written: memory stays what the file holds
          throw error;
        }
        this.fire(entry);
      }
      return result;
    });
  }

  /**
   * Serialises and atomically writes the entry's annotations for `text`, the document text they refer to now.
   * Edits that arrive while the write is under way keep their newer offsets in memory (written next time).
   */
  private async write(entry: Entry, text: string): Promise<void> {
    const editsBefore = entry.edits;
    const annotations = entry.annotations.map((a) => (a.status === 'orphaned' ? a : refreshTarget(a, text)));
    const fileName = entry.docUri.path.slice(entry.docUri.path.lastIndexOf('/') + 1);
    const info = await describeDocument(fileName, text, parse(text).source?.url ?? null);
    const base = entry.sidecar ?? createSidecar(info);
    const sidecar: Sidecar = { ...base, document: { ...base.document, ...info }, annotations, relations: entry.relations, status: entry.statuses, curation: entry.curation, suggestions: withRejected(base, entry.rejected) };
    const checked = SidecarSchema.safeParse(sidecar);
    if (!checked.success) {
      const problems = issuesToProblems(this.label(entry.sidecarUri), checked.error.issues, sidecar);
      throw new Error(`refusing to write an invalid sidecar: ${problems.map(formatProblem).join('; ')}`);
    }
    // Compare-and-swap: the file is read again right before it is replaced; a change made elsewhere since this
    // window last read or wrote it (another process, a hand edit) is merged by id first, never overwritten.
    const expected = entry.lastWritten === null ? null : new TextEncoder().encode(entry.lastWritten);
    const label = this.label(entry.sidecarUri);
    const result = await writeSidecarCas(workspaceSidecarFs, entry.sidecarUri.toString(), { readBytes: expected, base: entry.onDisk, ours: sidecar, label });
    const written = result.sidecar;
    entry.sidecar = written;
    entry.onDisk = written;
    entry.lastWritten = new TextDecoder().decode(result.bytes);
    if (result.merges > 0) {
      this.log.info(`${label} changed elsewhere while this window wrote it: merged by id`);
      this.adopt(entry, written);
      this.reportConflicts(entry.docUri, result.conflicts);
      this.changeEmitter.fire(entry);
    } else if (entry.edits === editsBefore) {
      entry.annotations = annotations;
      entry.offsetsStale = false;
    }
  }

  private enqueue<T>(entry: Entry, op: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(op, op);
    entry.queue = run.catch(() => undefined);
    return run;
  }

  private setReady(entry: Entry, sidecar: Sidecar): void {
    entry.state = 'ready';
    entry.sidecar = sidecar;
    entry.onDisk = sidecar;
    this.adopt(entry, { annotations: sidecar.annotations, relations: sidecar.relations, statuses: statusesOf(sidecar), rejected: sidecar.suggestions?.rejected ?? [] });
    entry.curation = sidecar.curation;
    entry.problems = [];
    this.reportProblems(entry.sidecarUri, [], false);
  }

  /** Takes over the annotations, relations and statuses of a change (or a merged sidecar). */
  private adopt(entry: Entry, change: Change | Sidecar): void {
    if (change.annotations) entry.annotations = change.annotations;
    if (change.relations) entry.relations = change.relations;
    const statuses = 'version' in change ? statusesOf(change) : change.statuses;
    if (statuses) entry.statuses = statuses;
    if (change.curation) entry.curation = change.curation;
    const rejected = 'version' in change ? change.suggestions?.rejected ?? [] : change.rejected;
    if (rejected) entry.rejected = rejected;
    entry.documentStatus = statusFor(entry.statuses, this.author(entry.docUri));
  }

  /** What this window holds, as a sidecar: ours, in a merge with the file. */
  private inMemorySidecar(entry: Entry, file: Sidecar | null): Sidecar {
    const base = entry.sidecar ?? file ?? createSidecar({ file: '', source: null, sha256: '0'.repeat(64), length: 0 });
    return { ...base, annotations: entry.annotations, relations: entry.relations, status: entry.statuses, suggestions: withRejected(base, entry.rejected) };
  }

  private reportConflicts(docUri: vscode.Uri, conflicts: readonly MergeConflict[]): void {
    if (conflicts.length === 0) return;
    const message = `Seed Annotator: ${conflicts.length} item(s) of ${this.label(docUri)} were changed here and elsewhere; both versions are kept, marked as a conflict.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private markUnreadable(entry: Entry, problems: Problem[], readOnly: boolean, sidecar?: Sidecar): void {
    entry.state = readOnly ? 'readonly' : 'unreadable';
    entry.problems = problems;
    if (sidecar) this.adopt(entry, { annotations: sidecar.annotations, relations: sidecar.relations, statuses: statusesOf(sidecar), rejected: sidecar.suggestions?.rejected ?? [] });
    this.log.warn(problems.map(formatProblem).join('\n'));
    this.reportProblems(entry.sidecarUri, problems, readOnly);
    this.fire(entry);
  }

  private onTextChanged(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(e.document.uri.toString());
    if (!entry || entry.state !== 'ready') return;
    if (e.contentChanges.length === 0) {
      // Only the dirty state changed: clean again after a revert means the text is the file's again.
      if (!e.document.isDirty && entry.offsetsStale) this.writeLater(entry, e.document);
      return;
    }
    const text = e.document.getText();
    const edits = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
    const mapped = applyEdits(entry.annotations.map((a) => a.target), edits);
    entry.annotations = entry.annotations.map((a, i) => {
      const span = mapped[i]!;
      if (a.status === 'orphaned' || span.state === 'unchanged') return a;
      if (span.state === 'deleted') return applyAnchor(a, reanchor(text, a.target, { expected: span.start }));
      return { ...a, target: { ...a.target, ...makeTarget(text, span.start, span.end) } };
    });
    entry.edits++;
    entry.offsetsStale = true;
    this.fire(entry);
  }

  /** Writes the offsets for the document's text as it is when the write runs. */
  private writeLater(entry: Entry, doc: vscode.TextDocument): void {
    void this.enqueue(entry, () => this.write(entry, doc.getText())).catch((err) => this.log.error(String(err)));
  }

  private onTextSaved(doc: vscode.TextDocument): void {
    const entry = this.entries.get(doc.uri.toString());
    if (!entry || entry.state !== 'ready' || !entry.offsetsStale) return;
    this.writeLater(entry, doc);
  }

  private onTextClosed(doc: vscode.TextDocument): void {
    const entry = this.entries.get(doc.uri.toString());
    // Closed with unsaved edits: the offsets follow text that is gone; read the sidecar again.
    if (entry?.offsetsStale) void this.reload(doc.uri);
  }

  private label(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * The same tag on the same span by the same annotator, in the same layer: two annotators tagging one span is what
 * agreement measures, and a curator's gold item never duplicates an annotator's.
 */
function findDuplicate(list: readonly Annotation[], span: NewSpan, author: string): Annotation | undefined {
  const gold = span.extra?.curation !== undefined;
  return list.find((a) => a.tag === span.tag && !a.status && a.target.start === span.start && a.target.end === span.end
    && a.author === author && (a.curation !== undefined) === gold);
}

function findDuplicateLink(list: readonly Relation[], link: NewLink): Relation | undefined {
  return list.find((r) => r.type === link.type && r.from === link.from && r.to === link.to);
}

/** A fresh target for an anchored annotation; re-anchored instead if its quote is no longer at its offsets. */
function refreshTarget(a: Annotation, text: string): Annotation {
  if (text.slice(a.target.start, a.target.end) === a.target.exact) return { ...a, target: { ...a.target, ...makeTarget(text, a.target.start, a.target.end) } };
  return applyAnchor(a, reanchor(text, a.target));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function applyAnchor(a: Annotation, result: AnchorResult): Annotation {
  if (result.status === 'anchored' && !a.status) return a;
  if (result.status === 'orphaned') return a.status === 'orphaned' ? a : { ...a, status: 'orphaned' };
  const { status: _previous, ...rest } = a;
  return { ...rest, target: { ...a.target, ...result.target } };
}

function findItem<T extends { id: string }>(entry: Entry, list: readonly T[], id: string, kind: 'annotation' | 'relation'): T {
  const found = list.find((a) => a.id === id);
  if (!found) throw new Error(`no ${kind} '${id}' in ${entry.sidecarUri.path}`);
  return found;
}

async function readText(uri: vscode.Uri): Promise<string | null> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (isFileNotFound(error)) return null;
    throw error;
  }
}

function sameContent(a: Sidecar, b: Sidecar): boolean {
  return serializeSidecar(a) === serializeSidecar(b);
}

function summarize(results: readonly AnchorResult[]): string {
  const counts = { anchored: 0, moved: 0, orphaned: 0 };
  for (const r of results) counts[r.status]++;
  return `${counts.anchored} anchored, ${counts.moved} moved, ${counts.orphaned} orphaned`;
}

/** What a document shows of its items (blind annotation: only mine). */
export type ReadFilter = (doc: Pick<DocumentAnnotations, 'docUri' | 'annotations' | 'relations'>) => {
  annotations: readonly Annotation[];
  relations: readonly Relation[];
};

function configuredAuthor(): string {
  return vscode.workspace.getConfiguration('seedAnnotator').get<string>('author', '');
}

/** The sidecar's `suggestions` part holding `rejected` (absent when nothing was rejected). */
function withRejected(base: Sidecar, rejected: RejectedSuggestion[]): Sidecar['suggestions'] {
  if (rejected.length === 0 && !base.suggestions) return undefined;
  return { ...base.suggestions, rejected };
}
