/** The list: annotations grouped by tag (tag-set order, in document order inside a group), orphans last. */
import { h, icon } from '../dom';
import { httpUrl, type AnnotationView, type AttributeValue, type TagView } from '../protocol';
import { editor } from './editor';
import { linkSummary } from './links';
import { request } from './requests';
import { onRowKey, rows, select, selectedRow } from './selection';
import { ORPHANS, fieldKey, tagLabel, tagOf, ui, unknownTags, valueText, view } from './state';

export const list = h('div', { class: 'list', attrs: { role: 'list', 'aria-label': 'Annotations' } });
export const empty = h('p', { class: 'empty', attrs: { hidden: true } });

interface Group {
  key: string;
  label: string;
  tag: TagView | undefined;
  color: string | undefined;
  items: AnnotationView[];
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

function matches(a: AnnotationView): boolean {
  if (ui.filterTag && a.tag !== ui.filterTag) return false;
  const needle = ui.filterText.trim().toLocaleLowerCase();
  if (!needle) return true;
  const haystack = [a.exact, a.note, tagLabel(a.tag), ...Object.values(a.attributes).map(valueText)].join('\n').toLocaleLowerCase();
  return haystack.includes(needle);
}

function groups(): Group[] {
  const shown = (view.panel?.annotations ?? []).filter(matches);
  const out: Group[] = [];
  const tagIds = [...(view.panel?.tags ?? []).map((t) => t.id), ...unknownTags()];
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
export function renderListWhenIdle(): void {
  if (pointerHeld) renderHeld = true;
  else renderList();
}

export function renderList(): void {
  renderHeld = false;
  const focus = captureFocus();
  const scrollTop = document.scrollingElement!.scrollTop;
  const all = view.panel?.annotations ?? [];
  const shownGroups = groups();
  const doc = view.panel?.document;
  // An unreadable sidecar: its notice says what is wrong; no "tag something" hint beside it.
  empty.hidden = !doc || shownGroups.length > 0 || (doc.sidecar !== 'ready' && all.length === 0);
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
        'aria-keyshortcuts': 'Enter Delete N L S',
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
    h('div', { class: 'quote' }, a.line ? h('span', { class: 'line', attrs: { title: `Line ${a.line}` }, text: `L${a.line}` }) : null, h('span', { class: 'mark', text: a.exact })),
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

/** The read-only summary of an annotation that is not selected: attributes, note and links. */
function summary(a: AnnotationView, tag: TagView | undefined): HTMLElement | null {
  const entries = Object.entries(a.attributes).filter(([, v]) => valueText(v) !== '');
  const links = linkSummary(a);
  if (entries.length === 0 && !a.note && !links) return null;
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
    links,
  );
}

export function valueView(value: AttributeValue): Node {
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
