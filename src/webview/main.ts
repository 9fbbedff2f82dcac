/**
 * The Annotations panel (runs in the webview). Plain DOM, no framework: the host sends the whole panel state
 * after our `ready`; we render it, keep the UI state (filter, selection, scroll, unsaved field values) with
 * getState/setState, and turn every edit into a request the host answers with ok or an error we show.
 * All text is rendered through ./dom (text nodes only).
 */
import * as z from 'zod/mini';
import { h, icon } from './dom';
import {
  DOCUMENT_STATUSES, httpUrl, parseToWebview,
  type AnnotationPatch, type AnnotationView, type AttributeDefView, type AttributeValue, type DocumentStatus, type HostRequest,
  type PanelState, type Reply, type TagView, type ToHost,
} from './protocol';

// The CSP allows no eval: tell zod not to probe for it (the probe itself would be reported as a violation).
z.config({ jitless: true });

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();

// ---------------------------------------------------------------------------------------------
// UI state, kept across the page being dropped while the view is hidden (no retainContextWhenHidden).

const UiStateSchema = z.object({
  doc: z.optional(z.string()),
  filterTag: z.string(),
  filterText: z.string(),
  selectedId: z.optional(z.string()),
  scrollTop: z.number(),
  /** Field values typed but not saved yet, by field key (see fieldKey). */
  drafts: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
type UiState = z.infer<typeof UiStateSchema>;

const restored = UiStateSchema.safeParse(vscode.getState());
const ui: UiState = restored.success ? restored.data : { filterTag: '', filterText: '', scrollTop: 0, drafts: {} };
const save = () => vscode.setState(ui);

let panel: PanelState | null = null;
let firstState = true;
/** The annotation whose removal waits for confirmation. */
let confirming: string | null = null;
let bannerText: string | null = null;
const fieldErrors = new Map<string, string>();
/** The value the host last refused for a field: not sent again until it changes. */
const refused = new Map<string, string>();

const STATUS_LABELS: Record<DocumentStatus, string> = { todo: '○ To do', 'in-progress': '◐ In progress', done: '● Done' };
const ORPHANS = '\u0000orphans';

// ---------------------------------------------------------------------------------------------
// Requests and replies.

let nextRequestId = 1;
const pending = new Map<number, { resolve: (reply: Reply) => void; timer: ReturnType<typeof setTimeout> }>();

type RequestBody = HostRequest extends infer R ? (R extends { requestId: number } ? Omit<R, 'requestId'> : never) : never;

function send(message: ToHost): void {
  vscode.postMessage(message);
}

/** Sends a request; resolves with the host's reply (an error reply is also shown in the banner). */
function request(body: RequestBody): Promise<Reply> {
  const requestId = nextRequestId++;
  return new Promise<Reply>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      const reply: Reply = { type: 'reply', requestId, ok: false, error: 'VS Code did not answer (the request timed out)' };
      showBanner(reply.error);
      resolve(reply);
    }, 30_000);
    pending.set(requestId, {
      timer,
      resolve: (reply) => {
        if (reply.ok) clearBanner();
        else showBanner(reply.error);
        resolve(reply);
      },
    });
    send({ ...body, requestId } as ToHost);
  });
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseToWebview(event.data);
  if (!parsed.ok) {
    console.warn(`[Seed Annotator panel] dropped an invalid message: ${parsed.error}`);
    return;
  }
  const message = parsed.message;
  switch (message.type) {
    case 'state':
      onState(message.state);
      break;
    case 'reply': {
      const waiting = pending.get(message.requestId);
      if (!waiting) return;
      pending.delete(message.requestId);
      clearTimeout(waiting.timer);
      waiting.resolve(message);
      break;
    }
    case 'select':
      select(message.id, message.focus ?? 'none');
      break;
  }
});

// ---------------------------------------------------------------------------------------------
// The page: a fixed header (document, status, filters, Tag next), a banner, the list.

const root = document.getElementById('seed-panel')!;
const docTitle = h('div', { class: 'doc-title' });
const docName = h('div', { class: 'doc-name' });
const statusSelect = h(
  'select',
  { class: 'status', attrs: { 'aria-label': 'Document status', title: 'Where you are with this document' }, on: { change: () => setStatus(statusSelect.value) } },
  ...DOCUMENT_STATUSES.map((s) => h('option', { attrs: { value: s }, text: STATUS_LABELS[s] })),
);
const tagFilter = h('select', {
  class: 'tag-filter',
  attrs: { 'aria-label': 'Show tag' },
  on: {
    change: () => {
      ui.filterTag = tagFilter.value;
      save();
      renderList();
    },
  },
});
const textFilter = h('input', {
  class: 'text-filter',
  attrs: { type: 'search', placeholder: 'Filter', 'aria-label': 'Filter annotations by text', spellcheck: 'false' },
  value: ui.filterText,
  on: {
    input: () => {
      ui.filterText = textFilter.value;
      save();
      renderList();
    },
    keydown: (e) => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        focusRow(selectedRow() ?? rows()[0]);
      }
    },
  },
});
const tagNextButton = h(
  'button',
  {
    class: 'tag-next',
    attrs: { type: 'button', title: 'Tag the next untagged quotation (as a quote) or sentence (as a claim) after the selected annotation or the cursor, and move there' },
    on: { click: () => void tagNext() },
  },
  icon('tag'),
  h('span', { text: 'Tag next' }),
);
const banner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
const sidecarNotice = h('div', { class: 'notice', attrs: { hidden: true } });
const list = h('div', { class: 'list', attrs: { role: 'list', 'aria-label': 'Annotations' } });
const empty = h('p', { class: 'empty', attrs: { hidden: true } });

root.append(
  h(
    'header',
    { class: 'toolbar' },
    h('div', { class: 'doc' }, h('div', { class: 'doc-text' }, docTitle, docName), statusSelect),
    h('div', { class: 'filters' }, tagFilter, textFilter, tagNextButton),
  ),
  banner,
  sidecarNotice,
  empty,
  list,
);

function showBanner(text: string): void {
  bannerText = text;
  renderBanner();
}

function clearBanner(): void {
  if (bannerText === null) return;
  bannerText = null;
  renderBanner();
}

function renderBanner(): void {
  banner.hidden = bannerText === null;
  banner.replaceChildren();
  if (bannerText === null) return;
  banner.append(
    icon('error'),
    h('span', { class: 'banner-text', text: bannerText }),
    h('button', { class: 'icon-button', attrs: { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss' }, on: { click: clearBanner } }, icon('close')),
  );
}

// ---------------------------------------------------------------------------------------------
// State from the host.

function onState(state: PanelState): void {
  const uri = state.document?.uri;
  if (ui.doc !== uri) {
    ui.doc = uri;
    ui.selectedId = undefined;
    ui.scrollTop = 0;
    confirming = null;
    fieldErrors.clear();
    refused.clear();
    if (!firstState) ui.drafts = {};
  }
  panel = state;
  const ids = new Set(state.annotations.map((a) => a.id));
  if (ui.selectedId && !ids.has(ui.selectedId)) ui.selectedId = undefined;
  if (confirming && !ids.has(confirming)) confirming = null;
  for (const key of Object.keys(ui.drafts)) if (!ids.has(key.slice(0, key.indexOf('|')))) delete ui.drafts[key];
  save();
  renderHeader();
  renderListWhenIdle();
  if (firstState) {
    firstState = false;
    document.scrollingElement!.scrollTop = ui.scrollTop;
  }
}

function renderHeader(): void {
  const doc = panel?.document ?? null;
  docTitle.textContent = doc ? doc.title : 'No source document';
  docName.textContent = doc ? doc.name : 'Open a source document to see its annotations.';
  statusSelect.disabled = !doc;
  statusSelect.value = doc?.status ?? 'todo';
  tagNextButton.disabled = !doc;
  tagFilter.disabled = !doc;
  textFilter.disabled = !doc;

  const options: Array<[string, string]> = [['', 'All tags']];
  for (const tag of panel?.tags ?? []) options.push([tag.id, tag.label]);
  for (const id of unknownTags()) options.push([id, `${id} (not in the tag set)`]);
  if (!options.some(([id]) => id === ui.filterTag)) ui.filterTag = '';
  tagFilter.replaceChildren(...options.map(([value, label]) => h('option', { attrs: { value }, text: label })));
  tagFilter.value = ui.filterTag;

  sidecarNotice.replaceChildren();
  sidecarNotice.hidden = !doc || doc.sidecar === 'ready';
  if (doc && doc.sidecar !== 'ready') {
    sidecarNotice.append(
      h('div', { class: 'notice-title' }, icon('warning'), h('span', {
        text: doc.sidecar === 'readonly'
          ? 'The sidecar was written by a newer Seed Annotator: it is shown read-only.'
          : 'The sidecar has errors and is left untouched: changes cannot be saved until it is fixed.',
      })),
      h('ul', {}, ...doc.problems.map((p) => h('li', { text: p }))),
    );
  }
}

function unknownTags(): string[] {
  const known = new Set((panel?.tags ?? []).map((t) => t.id));
  return [...new Set((panel?.annotations ?? []).map((a) => a.tag).filter((t) => !known.has(t)))].sort();
}

// ---------------------------------------------------------------------------------------------
// The list: annotations grouped by tag (tag-set order, in document order inside a group), orphans last.

interface Group {
  key: string;
  label: string;
  tag: TagView | undefined;
  color: string | undefined;
  items: AnnotationView[];
}

function tagOf(id: string): TagView | undefined {
  return panel?.tags.find((t) => t.id === id);
}

function tagLabel(id: string): string {
  return tagOf(id)?.label ?? id;
}

/**
 * A theme color id becomes its CSS variable: VS Code defines one per color in webviews, with the id's first dot
 * turned into a dash (`seedAnnotator.tag.claim` → `--vscode-seedAnnotator-tag.claim`, the other dot escaped in CSS).
 * A hex color is used as is.
 */
function cssColor(color: string | undefined): string | undefined {
  if (!color) return undefined;
  if (color.startsWith('#')) return /^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$/.test(color) ? color : undefined;
  return /^[A-Za-z0-9._-]+$/.test(color) ? `var(${CSS.escape(`--vscode-${color.replace('.', '-')}`)})` : undefined;
}

function valueText(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  return value.json;
}

function matches(a: AnnotationView): boolean {
  if (ui.filterTag && a.tag !== ui.filterTag) return false;
  const needle = ui.filterText.trim().toLocaleLowerCase();
  if (!needle) return true;
  const haystack = [a.exact, a.note, tagLabel(a.tag), ...Object.values(a.attributes).map(valueText)].join('\n').toLocaleLowerCase();
  return haystack.includes(needle);
}

function groups(): Group[] {
  const shown = (panel?.annotations ?? []).filter(matches);
  const out: Group[] = [];
  const tagIds = [...(panel?.tags ?? []).map((t) => t.id), ...unknownTags()];
  for (const id of tagIds) {
    const items = shown.filter((a) => a.tag === id && !a.orphaned);
    if (items.length === 0) continue;
    const tag = tagOf(id);
    out.push({ key: id, label: tag ? tag.label : `${id} (not in the tag set)`, tag, color: tag?.color, items });
  }
  const orphans = shown.filter((a) => a.orphaned);
  if (orphans.length) out.push({ key: ORPHANS, label: 'Orphaned', tag: undefined, color: undefined, items: orphans });
  return out;
}

/** Keys of focusable things, so focus and caret survive a re-render. */
const fieldKey = (id: string, ...parts: Array<string | number>) => [id, ...parts].join('|');

function captureFocus(): { key: string; start: number | null; end: number | null } | null {
  const active = document.activeElement as HTMLElement | null;
  const key = active?.dataset?.fk;
  if (!active || !key || !list.contains(active)) return null;
  const field = active as HTMLInputElement;
  const hasCaret = field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && field.type !== 'checkbox');
  return { key, start: hasCaret ? field.selectionStart : null, end: hasCaret ? field.selectionEnd : null };
}

function restoreFocus(saved: ReturnType<typeof captureFocus>): void {
  if (!saved) return;
  const el = list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(saved.key)}"]`);
  if (el) {
    el.focus({ preventScroll: true });
    if (saved.start !== null && (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) {
      try {
        el.setSelectionRange(saved.start, saved.end);
      } catch {
        /* not a text field */
      }
    }
  } else {
    const row = selectedRow() ?? rows()[0];
    if (row) row.focus({ preventScroll: true });
  }
}

// A re-render replaces the elements under the mouse: one between mousedown and click would swallow the click
// (say, on "Remove" right after typing a note, whose save re-renders). Renders caused by messages wait for it.
let pointerHeld = false;
let renderHeld = false;
function releasePointer(): void {
  if (!pointerHeld) return;
  pointerHeld = false;
  if (renderHeld) {
    renderHeld = false;
    renderList();
  }
}
document.addEventListener('pointerdown', () => { pointerHeld = true; }, true);
document.addEventListener('click', () => setTimeout(releasePointer, 0));
document.addEventListener('pointerup', () => setTimeout(releasePointer, 300));
document.addEventListener('pointercancel', () => setTimeout(releasePointer, 0));

/** renderList, unless a mouse button is down: then right after the click. */
function renderListWhenIdle(): void {
  if (pointerHeld) renderHeld = true;
  else renderList();
}

function renderList(): void {
  renderHeld = false;
  const focus = captureFocus();
  const scrollTop = document.scrollingElement!.scrollTop;
  const all = panel?.annotations ?? [];
  const shownGroups = groups();
  const doc = panel?.document;
  empty.hidden = !!doc && shownGroups.length > 0;
  empty.textContent = !doc
    ? ''
    : all.length === 0
      ? 'No annotations yet. Put the cursor in a quotation and run "Tag Quotation at Cursor" (Ctrl+Alt+2), tag a claim (Ctrl+Alt+1), or press "Tag next".'
      : 'No annotation matches the filter.';
  const visibleIds = shownGroups.flatMap((g) => g.items.map((a) => a.id));
  const tabbable = ui.selectedId && visibleIds.includes(ui.selectedId) ? ui.selectedId : visibleIds[0];
  list.replaceChildren(...shownGroups.map((g) => groupSection(g, tabbable)));
  document.scrollingElement!.scrollTop = scrollTop;
  restoreFocus(focus);
}

function groupSection(group: Group, tabbable: string | undefined): HTMLElement {
  const section = h(
    'section',
    { class: `group${group.key === ORPHANS ? ' orphans' : ''}`, attrs: { role: 'listitem', 'aria-label': `${group.label}, ${group.items.length}` } },
    h(
      'h2',
      { class: 'group-title' },
      group.key === ORPHANS ? icon('debug-disconnect') : h('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'group-label', text: group.label }),
      h('span', { class: 'count', text: String(group.items.length) }),
    ),
    h('ul', { class: 'items' }, ...group.items.map((a) => item(a, a.id === tabbable))),
  );
  const color = cssColor(group.color);
  if (color) section.style.setProperty('--tag-color', color); // CSSOM, allowed by the CSP (no inline style attribute)
  return section;
}

function item(a: AnnotationView, tabbable: boolean): HTMLElement {
  const selected = a.id === ui.selectedId;
  const tag = tagOf(a.tag);
  const li = h('li', { class: `item${selected ? ' selected' : ''}${a.orphaned ? ' orphaned' : ''}` });
  const color = cssColor(tag?.color);
  if (color) li.style.setProperty('--tag-color', color);
  const row = h(
    'div',
    {
      class: 'row',
      attrs: {
        tabindex: tabbable ? 0 : -1,
        'data-id': a.id,
        'data-fk': fieldKey(a.id, 'row'),
        'aria-current': selected ? 'true' : null,
        'aria-keyshortcuts': 'Enter Delete N',
        title: a.orphaned ? 'Orphaned: select where it belongs in the editor, then "Attach to selection"' : 'Click or Enter: show in the editor',
      },
      on: {
        click: (e) => {
          if ((e.target as HTMLElement).closest('button, a, input, select, textarea')) return;
          select(a.id, 'row');
          if (!a.orphaned) void request({ type: 'reveal', id: a.id });
        },
        keydown: (e) => onRowKey(e, a),
      },
    },
    h('div', { class: 'quote' }, h('span', { class: 'mark', text: a.exact })),
    selected ? null : summary(a, tag),
    a.orphaned ? orphanBar(a, selected) : null,
  );
  li.append(row);
  if (selected) li.append(editor(a, tag));
  return li;
}

function orphanBar(a: AnnotationView, selected: boolean): HTMLElement {
  return h(
    'div',
    { class: 'orphan-bar' },
    h('span', { class: 'hint', text: 'Could not be placed on the current text. Select where it belongs in the editor, then:' }),
    h(
      'button',
      {
        class: 'secondary',
        attrs: { type: 'button', tabindex: selected ? 0 : -1, 'data-fk': fieldKey(a.id, 'attach') },
        on: {
          click: () => {
            select(a.id, 'none');
            void request({ type: 'reattach', id: a.id });
          },
        },
      },
      icon('link'),
      h('span', { text: 'Attach to selection' }),
    ),
  );
}

/** The read-only summary of an annotation that is not selected: attributes and note. */
function summary(a: AnnotationView, tag: TagView | undefined): HTMLElement | null {
  const entries = Object.entries(a.attributes).filter(([, v]) => valueText(v) !== '');
  if (entries.length === 0 && !a.note) return null;
  const defs = tag?.attributes ?? [];
  const ordered = [
    ...defs.filter((d) => entries.some(([k]) => k === d.id)).map((d) => [d.id, d.label] as const),
    ...entries.filter(([k]) => !defs.some((d) => d.id === k)).map(([k]) => [k, k] as const),
  ];
  return h(
    'div',
    { class: 'summary' },
    ordered.length
      ? h('dl', { class: 'attrs' }, ...ordered.flatMap(([key, label]) => [h('dt', { text: label }), h('dd', {}, valueView(a.attributes[key]!))]))
      : null,
    a.note ? h('div', { class: 'note-text' }, icon('note'), h('span', { text: a.note })) : null,
  );
}

function valueView(value: AttributeValue): Node {
  if (typeof value === 'string') return document.createTextNode(value);
  if (Array.isArray(value)) return h('span', { class: 'links' }, ...value.map((url) => link(url, false)));
  return h('code', { text: value.json });
}

/** An evidence link: clickable (opened by the host) only when it is an http(s) URL; anything else is plain text. */
function link(url: string, tabbable: boolean): HTMLElement {
  if (!httpUrl(url)) {
    return h('span', { class: 'bad-url', attrs: { title: 'Not an http(s) link: not clickable' } }, icon('warning'), h('span', { text: url }));
  }
  return h('button', {
    class: 'link',
    attrs: { type: 'button', tabindex: tabbable ? 0 : -1, title: `Open ${url} in the browser` },
    text: url,
    on: { click: () => void request({ type: 'openLink', url }) },
  });
}

// ---------------------------------------------------------------------------------------------
// The editor of the selected annotation: tag, attributes of its tag, note, remove.

let fieldCounter = 0;
const newFieldId = () => `f${++fieldCounter}`;

function labelled(text: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id || (control.id = newFieldId());
  return h('div', { class: 'field' }, h('label', { attrs: { for: id, title: help || null }, text }), control);
}

function editor(a: AnnotationView, tag: TagView | undefined): HTMLElement {
  const tags = panel?.tags ?? [];
  const tagSelect = h(
    'select',
    {
      attrs: { 'data-fk': fieldKey(a.id, 'tag') },
      on: { change: () => void update(a.id, { tag: tagSelect.value }, []) },
    },
    ...tags.map((t) => h('option', { attrs: { value: t.id }, text: t.label })),
    tag ? null : h('option', { attrs: { value: a.tag, disabled: true }, text: `${a.tag} (not in the tag set)` }),
  );
  tagSelect.value = a.tag;
  const fields: HTMLElement[] = [labelled('Tag', tagSelect, tag?.description)];
  for (const def of tag?.attributes ?? []) fields.push(attributeField(a, def));
  const others = Object.entries(a.attributes).filter(([k]) => !(tag?.attributes ?? []).some((d) => d.id === k));
  if (others.length) {
    fields.push(
      h('div', { class: 'field' }, h('div', { class: 'label', text: 'Other attributes (kept)' }),
        h('dl', { class: 'attrs' }, ...others.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', {}, valueView(v))]))),
    );
  }
  const noteKey = fieldKey(a.id, 'note');
  const note = h('textarea', {
    class: 'note',
    attrs: { 'data-fk': noteKey, rows: 3, placeholder: 'Note', 'aria-keyshortcuts': 'Control+Enter', spellcheck: 'true' },
    value: draftString(noteKey) ?? a.note,
    on: {
      input: () => setDraft(noteKey, note.value),
      blur: () => commitNote(a.id),
      keydown: (e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          commitNote(a.id);
          focusRow(rowOf(a.id));
        } else if (e.key === 'Escape') {
          e.preventDefault();
          focusRow(rowOf(a.id));
        }
      },
    },
  });
  markInvalid(note, noteKey);
  fields.push(labelled('Note', note, 'Ctrl+Alt+N or N puts the caret here; Ctrl+Enter saves'));
  fields.push(confirming === a.id ? confirmBar(a) : actions(a));
  return h('div', { class: 'editor', attrs: { role: 'group', 'aria-label': `Edit ${tagLabel(a.tag)}` } }, ...fields);
}

function markInvalid(el: HTMLElement, key: string): void {
  const error = fieldErrors.get(key);
  if (!error) return;
  el.setAttribute('aria-invalid', 'true');
  el.title = error;
}

function attributeField(a: AnnotationView, def: AttributeDefView): HTMLElement {
  const value = a.attributes[def.id];
  const key = fieldKey(a.id, 'attr', def.id);
  if (def.kind === 'enum') {
    const select = h(
      'select',
      { attrs: { 'data-fk': key }, on: { change: () => void update(a.id, { attributes: { [def.id]: select.value === '' ? null : select.value } }, []) } },
      h('option', { attrs: { value: '' }, text: '—' }),
      ...(def.values ?? []).map((v) => h('option', { attrs: { value: v }, text: v })),
    );
    const current = typeof value === 'string' ? value : '';
    if (current && !(def.values ?? []).includes(current)) select.append(h('option', { attrs: { value: current, disabled: true }, text: `${current} (not allowed)` }));
    select.value = current;
    return labelled(def.label, select, def.description);
  }
  if (def.kind === 'text') {
    const input: HTMLInputElement = h('input', {
      attrs: { type: 'text', 'data-fk': key, spellcheck: 'false' },
      value: draftString(key) ?? (typeof value === 'string' ? value : valueText(value)),
      on: {
        input: () => setDraft(key, input.value),
        blur: () => commitText(a.id, def.id),
        keydown: enterCommitsEscapeLeaves(() => commitText(a.id, def.id), a.id),
      },
    });
    markInvalid(input, key);
    return labelled(def.label, input, def.description);
  }
  return urlListField(a, def);
}

/** Key handler of a one-line field: Enter saves it, Escape goes back to the annotation's row. */
function enterCommitsEscapeLeaves(commit: () => void, annotationId: string): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      focusRow(rowOf(annotationId));
    }
  };
}

function urlListField(a: AnnotationView, def: AttributeDefView): HTMLElement {
  const key = fieldKey(a.id, 'list', def.id);
  const stored = a.attributes[def.id];
  const storedList = Array.isArray(stored) ? stored : typeof stored === 'string' ? [stored] : [];
  const items = draftList(key) ?? storedList;
  const listEl = h('ul', { class: 'url-list', attrs: { 'aria-label': def.label } });
  items.forEach((url, i) => {
    const itemKey = fieldKey(a.id, 'list', def.id, i);
    const input: HTMLInputElement = h('input', {
      attrs: { type: 'url', 'data-fk': itemKey, 'aria-label': `${def.label} ${i + 1}`, placeholder: 'https://…', spellcheck: 'false' },
      value: url,
      on: {
        input: () => {
          const next = [...(draftList(key) ?? storedList)];
          next[i] = input.value;
          setDraft(key, next);
        },
        blur: () => commitList(a.id, def.id),
        keydown: enterCommitsEscapeLeaves(() => commitList(a.id, def.id), a.id),
      },
    });
    markInvalid(input, key);
    const href = httpUrl(url);
    listEl.append(
      h(
        'li',
        {},
        input,
        h('button', {
          class: 'icon-button',
          attrs: { type: 'button', title: href ? 'Open in the browser' : 'Only http(s) links open', 'aria-label': `Open ${def.label} ${i + 1}`, disabled: !href || url !== storedList[i], 'data-fk': fieldKey(a.id, 'open', def.id, i) },
          on: { click: () => void request({ type: 'openLink', url }) },
        }, icon('link-external')),
        h('button', {
          class: 'icon-button',
          attrs: { type: 'button', title: 'Remove this link', 'aria-label': `Remove ${def.label} ${i + 1}`, 'data-fk': fieldKey(a.id, 'drop', def.id, i) },
          on: {
            click: () => {
              const next = [...items];
              next.splice(i, 1);
              setDraft(key, next);
              commitList(a.id, def.id);
              renderList();
            },
          },
        }, icon('close')),
      ),
    );
  });
  const add = h(
    'button',
    {
      class: 'secondary small',
      attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'add', def.id) },
      on: {
        click: () => {
          setDraft(key, [...items, '']);
          renderList();
          list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fieldKey(a.id, 'list', def.id, items.length))}"]`)?.focus();
        },
      },
    },
    icon('add'),
    h('span', { text: 'Add link' }),
  );
  return h('div', { class: 'field' }, h('div', { class: 'label', attrs: { title: def.description || null }, text: def.label }), listEl, add);
}

function actions(a: AnnotationView): HTMLElement {
  return h(
    'div',
    { class: 'actions' },
    a.orphaned
      ? null
      : h('button', { class: 'secondary', attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'reveal') }, on: { click: () => void request({ type: 'reveal', id: a.id }) } },
          icon('go-to-file'), h('span', { text: 'Show in editor' })),
    h(
      'button',
      { class: 'secondary', attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'remove'), 'aria-keyshortcuts': 'Delete' }, on: { click: () => askRemove(a.id) } },
      icon('trash'),
      h('span', { text: 'Remove…' }),
    ),
  );
}

function confirmBar(a: AnnotationView): HTMLElement {
  return h(
    'div',
    { class: 'confirm', attrs: { role: 'alertdialog', 'aria-label': 'Remove annotation?' } },
    h('span', { text: `Remove this ${tagLabel(a.tag)} annotation from the sidecar?` }),
    h('button', {
      class: 'danger',
      attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'confirm') },
      on: { click: () => void remove(a.id), keydown: (e) => cancelOnEscape(e, a.id) },
    }, icon('trash'), h('span', { text: 'Remove' })),
    h('button', {
      class: 'secondary',
      attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'cancel') },
      on: { click: () => cancelRemove(a.id), keydown: (e) => cancelOnEscape(e, a.id) },
    }, h('span', { text: 'Cancel' })),
  );
}

// ---------------------------------------------------------------------------------------------
// Drafts: what was typed and not saved yet.

function draftString(key: string): string | undefined {
  const d = ui.drafts[key];
  return typeof d === 'string' ? d : undefined;
}

function draftList(key: string): string[] | undefined {
  const d = ui.drafts[key];
  return Array.isArray(d) ? d : undefined;
}

function setDraft(key: string, value: string | string[]): void {
  ui.drafts[key] = value;
  save();
}

function annotation(id: string): AnnotationView | undefined {
  return panel?.annotations.find((a) => a.id === id);
}

/** Sends an edit; on success the drafts it saved are dropped (unless typed over meanwhile), on failure kept and marked. */
async function update(id: string, patch: AnnotationPatch, saved: Array<[string, string | string[]]>): Promise<void> {
  for (const [key] of saved) {
    fieldErrors.delete(key);
    refused.delete(key);
  }
  const reply = await request({ type: 'update', id, patch });
  for (const [key, value] of saved) {
    if (reply.ok) {
      if (JSON.stringify(ui.drafts[key]) === JSON.stringify(value)) delete ui.drafts[key];
    } else {
      fieldErrors.set(key, reply.error);
      refused.set(key, JSON.stringify(value));
    }
  }
  save();
  renderListWhenIdle();
}

/** Whether the host already refused exactly this value of the field (the error is still shown). */
const wasRefused = (key: string, value: string | string[]) => refused.get(key) === JSON.stringify(value);

function commitNote(id: string): void {
  const key = fieldKey(id, 'note');
  const value = draftString(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  if (value === a.note) {
    delete ui.drafts[key];
    fieldErrors.delete(key);
    refused.delete(key);
    save();
    return;
  }
  void update(id, { note: value }, [[key, value]]);
}

function commitText(id: string, attr: string): void {
  const key = fieldKey(id, 'attr', attr);
  const value = draftString(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  if (value === valueText(a.attributes[attr])) {
    delete ui.drafts[key];
    fieldErrors.delete(key);
    refused.delete(key);
    save();
    return;
  }
  void update(id, { attributes: { [attr]: value === '' ? null : value } }, [[key, value]]);
}

function commitList(id: string, attr: string): void {
  const key = fieldKey(id, 'list', attr);
  const value = draftList(key);
  const a = annotation(id);
  if (value === undefined || !a || wasRefused(key, value)) return;
  const cleaned = value.map((s) => s.trim()).filter((s) => s !== '');
  const stored = a.attributes[attr];
  if (JSON.stringify(cleaned) === JSON.stringify(Array.isArray(stored) ? stored : [])) {
    if (cleaned.length === value.length) delete ui.drafts[key];
    fieldErrors.delete(key);
    refused.delete(key);
    save();
    return;
  }
  void update(id, { attributes: { [attr]: cleaned.length ? cleaned : null } }, [[key, value]]);
}

// ---------------------------------------------------------------------------------------------
// Selection and keyboard.

function rows(): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>('.row'));
}

function rowOf(id: string): HTMLElement | undefined {
  return list.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"]`) ?? undefined;
}

function selectedRow(): HTMLElement | undefined {
  return ui.selectedId ? rowOf(ui.selectedId) : undefined;
}

function focusRow(row: HTMLElement | undefined): void {
  if (!row) return;
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

/** Selects an annotation (opening its editor) and puts the focus on its row, its note, or leaves it. */
function select(id: string, focus: 'row' | 'note' | 'none'): void {
  if (!annotation(id)) return;
  if (ui.selectedId !== id) confirming = null;
  ui.selectedId = id;
  save();
  renderList();
  const row = rowOf(id);
  row?.scrollIntoView({ block: 'nearest' });
  if (focus === 'row') focusRow(row);
  else if (focus === 'note') focusNote();
}

function focusNote(): void {
  if (!ui.selectedId) {
    const first = rows()[0]?.dataset.id;
    if (!first) return;
    select(first, 'none');
  }
  const note = list.querySelector<HTMLTextAreaElement>(`[data-fk="${CSS.escape(fieldKey(ui.selectedId!, 'note'))}"]`);
  if (note) {
    note.focus();
    note.setSelectionRange(note.value.length, note.value.length);
    note.scrollIntoView({ block: 'nearest' });
  }
}

function onRowKey(e: KeyboardEvent, a: AnnotationView): void {
  if (e.target !== e.currentTarget) return;
  const all = rows();
  const at = all.findIndex((r) => r.dataset.id === a.id);
  const move = (to: number) => {
    e.preventDefault();
    const target = all[Math.max(0, Math.min(all.length - 1, to))];
    if (target?.dataset.id) select(target.dataset.id, 'row');
  };
  const plain = !e.ctrlKey && !e.metaKey && !e.altKey;
  switch (e.key) {
    case 'ArrowDown':
      move(at + 1);
      break;
    case 'ArrowUp':
      if (at === 0) {
        e.preventDefault();
        textFilter.focus();
      } else move(at - 1);
      break;
    case 'Home':
      move(0);
      break;
    case 'End':
      move(all.length - 1);
      break;
    case 'Enter':
    case ' ':
      e.preventDefault();
      if (ui.selectedId !== a.id) select(a.id, 'row');
      if (!a.orphaned) void request({ type: 'reveal', id: a.id });
      break;
    case 'Delete':
    case 'Backspace':
      e.preventDefault();
      askRemove(a.id);
      break;
    case 'n':
    case 'N':
      if (!plain) break;
      e.preventDefault();
      if (ui.selectedId !== a.id) select(a.id, 'none');
      focusNote();
      break;
  }
}

// Ctrl+Alt+N (Cmd+Alt+N on macOS) anywhere in the panel: the note of the selected annotation, as in the editor.
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) {
    e.preventDefault();
    focusNote();
  }
});

function askRemove(id: string): void {
  select(id, 'none');
  confirming = id;
  renderList();
  list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fieldKey(id, 'confirm'))}"]`)?.focus();
}

function cancelRemove(id: string): void {
  confirming = null;
  renderList();
  focusRow(rowOf(id));
}

function cancelOnEscape(e: KeyboardEvent, id: string): void {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  cancelRemove(id);
}

async function remove(id: string): Promise<void> {
  const ids = rows().map((r) => r.dataset.id!);
  const at = ids.indexOf(id);
  const neighbour = ids[at + 1] ?? ids[at - 1];
  const reply = await request({ type: 'remove', id });
  confirming = null;
  if (reply.ok && neighbour && annotation(neighbour)) select(neighbour, 'row');
  else if (reply.ok) {
    ui.selectedId = undefined;
    save();
    renderList();
    rows()[0]?.focus();
  } else renderList();
}

function setStatus(value: string): void {
  const status = DOCUMENT_STATUSES.find((s) => s === value);
  if (status) void request({ type: 'setStatus', status }).then(() => renderHeader());
}

async function tagNext(): Promise<void> {
  const selected = ui.selectedId ? annotation(ui.selectedId) : undefined;
  const reply = await request({ type: 'tagNext', ...(selected && !selected.orphaned ? { afterId: selected.id } : {}) });
  if (reply.ok && reply.id) select(reply.id, 'none');
}

/** Saves every field typed into and not saved yet (the page is about to be hidden and dropped). */
function commitAllDrafts(): void {
  for (const key of Object.keys(ui.drafts)) {
    const [id, kind, attr] = key.split('|');
    if (!id) continue;
    if (kind === 'note') commitNote(id);
    else if (kind === 'attr' && attr) commitText(id, attr);
    else if (kind === 'list' && attr) commitList(id, attr);
  }
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') commitAllDrafts();
});

// Scroll position, saved as it changes.
let scrollPending = false;
window.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    ui.scrollTop = document.scrollingElement!.scrollTop;
    save();
  });
});

renderHeader();
renderList();
send({ type: 'ready' });
