/**
 * Review mode of the Annotations panel (adjudication, issue #13): the document's units grouped by kind, each
 * annotator's version side by side, and the curator's decisions. Keyboard first: ↑/↓ move between units, N / P
 * the next / previous open disagreement, 1–9 take that version, E then 1–9 edit it, R reject all, A accept all
 * agreed, U undo, Enter show the versions in the editor, Escape leave review mode.
 */
import { h, icon } from '../../dom';
import type { ReviewView, UnitView, VersionView } from '../../protocol';
import { request } from '../requests';
import { select } from '../selection';
import { tagLabel, valueText, view } from '../state';

const KIND_ORDER: ReadonlyArray<UnitView['kind']> = ['agreed', 'label', 'span', 'single'];
const KIND_LABELS: Record<UnitView['kind'], string> = {
  agreed: 'Agreed',
  label: 'Label or attribute differs',
  span: 'Span differs',
  single: 'Only one annotator',
};
const STATUS_LABELS: Record<ReviewView['status'], string> = { 'not-started': 'not started', 'in-progress': 'in progress', curated: 'curated' };
const DECISION_LABELS = { accepted: 'accepted', edited: 'edited', added: 'added', 'rejected-all': 'all rejected' } as const;

export const reviewRoot = h('section', { class: 'review', attrs: { hidden: true, 'aria-label': 'Review' } });

const local = {
  selected: undefined as string | undefined,
  /** E was pressed: the next digit edits that version. */
  editing: false,
  addTag: '',
};

function review(): ReviewView | undefined {
  return view.panel?.review;
}

/** Units in the order shown: by kind group, document order inside. */
function orderedUnits(): UnitView[] {
  const r = review();
  if (!r) return [];
  return KIND_ORDER.flatMap((k) => r.units.filter((u) => u.kind === k));
}

function selectedUnit(): UnitView | undefined {
  return orderedUnits().find((u) => u.id === local.selected);
}

const isOpenDisagreement = (u: UnitView) => !u.gold && u.kind !== 'agreed';

export function renderReview(): void {
  const r = review();
  reviewRoot.hidden = !r;
  if (!r) return;
  const units = orderedUnits();
  if (!units.some((u) => u.id === local.selected)) local.selected = (units.find(isOpenDisagreement) ?? units[0])?.id;
  const left = r.units.filter((u) => !u.gold).length;
  const hadFocus = reviewRoot.contains(document.activeElement);
  const tags = view.panel?.tags ?? [];
  if (!tags.some((t) => t.id === local.addTag)) local.addTag = tags[0]?.id ?? '';
  const tagSelect = h(
    'select',
    { class: 'review-add-tag', attrs: { 'aria-label': 'Tag of the gold annotation to add' }, on: { change: () => (local.addTag = tagSelect.value) } },
    ...tags.map((t) => h('option', { attrs: { value: t.id }, text: t.label })),
  );
  tagSelect.value = local.addTag;
  const parts: Array<Node | null> = [
    h(
      'div',
      { class: 'review-bar' },
      h('span', { class: 'review-summary', text: `Review · ${left} of ${r.units.length} unit${r.units.length === 1 ? '' : 's'} left · ${STATUS_LABELS[r.status]} · ${r.annotators.map((a) => a || '(no name)').join(', ')}` }),
      button('check-all', 'Accept all agreed', 'Accept every agreed unit (A)', () => void decide('acceptAllAgreed')),
      button('close', 'Exit review', 'Back to the annotation list (Escape)', () => void request({ type: 'review', action: 'exit' })),
    ),
    h('div', { class: 'review-add' }, tagSelect, button('add', 'Add gold from selection', 'A gold annotation nobody made, on the editor\'s selection', () => void decide('add', undefined, local.addTag))),
    local.editing ? h('div', { class: 'review-hint', attrs: { role: 'status' }, text: 'Edit which version? Press its number (Escape: cancel).' }) : null,
    ...KIND_ORDER.flatMap((kind) => {
      const group = units.filter((u) => u.kind === kind);
      if (group.length === 0) return [];
      return [h('h3', { class: 'review-group', text: `${KIND_LABELS[kind]} (${group.filter((u) => !u.gold).length} of ${group.length} open)` }), ...group.map(unitRow)];
    }),
    r.added.length > 0 ? h('h3', { class: 'review-group', text: `Added by the curator (${r.added.length})` }) : null,
    ...r.added.map((a) => h('div', { class: 'review-added' }, h('span', { text: `${tagLabel(a.tag)}: ${quoted(short(a.exact))}` }), button('discard', 'Undo', 'Remove this gold annotation', () => void decide('undo', a.id)))),
    r.links.length > 0 ? h('h3', { class: 'review-group', text: `Links (${r.links.filter((l) => !l.gold).length} of ${r.links.length} open)` }) : null,
    ...r.links.map((l) =>
      h(
        'div',
        { class: 'review-added review-link-row' },
        h('span', { class: `review-chip ${l.gold ? 'decided' : 'open'}`, text: l.gold ? 'taken' : 'open' }),
        h('span', { text: `${l.author || '(no name)'}: ${quoted(short(l.from, 40))} ${l.label.toLowerCase()} ${quoted(short(l.to, 40))}` }),
        l.gold
          ? button('discard', 'Undo', 'Remove the gold link', () => void decide('undo', l.gold))
          : l.ready
            ? button('check', 'Take', 'Link the gold annotations made from its ends', () => void decide('acceptLink', l.id))
            : h('span', { class: 'review-gold', text: 'settle both ends first' }),
      ),
    ),
    r.units.length === 0 ? h('p', { class: 'review-empty', text: 'No annotator has tagged this document yet.' }) : null,
  ];
  reviewRoot.replaceChildren(...parts.filter((p): p is Node => p !== null));
  if (hadFocus) focusSelected();
}

/** The text in quotation marks, unless it is a quotation already. */
function quoted(text: string): string {
  return /^[“"«‘'„]/.test(text) ? text : `“${text}”`;
}

function short(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function button(iconName: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
  return h('button', { class: 'review-button', attrs: { type: 'button', title }, on: { click: onClick } }, icon(iconName), h('span', { text: label }));
}

function unitRow(u: UnitView): HTMLElement {
  const selected = u.id === local.selected;
  const tags = [...new Set(u.versions.map((v) => tagLabel(v.tag)))].join(' / ');
  const chip = u.gold
    ? h('span', { class: `review-chip decided ${u.gold.decision}`, text: `${DECISION_LABELS[u.gold.decision]}` })
    : h('span', { class: 'review-chip open', text: 'open' });
  const row = h(
    'div',
    {
      class: `review-unit${selected ? ' selected' : ''}${u.gold ? ' settled' : ''}`,
      attrs: { tabindex: selected ? 0 : -1, 'data-unit': u.id, 'aria-selected': selected, role: 'option' },
      on: {
        click: (e) => {
          if ((e.target as HTMLElement).closest('button')) return;
          choose(u.id, true);
        },
        keydown: (e) => onKey(e, u),
      },
    },
    h('div', { class: 'review-unit-head' }, chip, h('span', { class: 'review-unit-tag', text: tags }), h('span', { class: 'review-unit-text', text: quoted(short(versionsText(u))) })),
  );
  if (!selected) return row;
  row.append(
    h('div', { class: 'review-versions' }, ...u.versions.map((v, i) => versionCard(u, v, i))),
    u.gold
      ? h(
          'div',
          { class: 'review-actions' },
          h('span', { class: 'review-gold', text: `Gold: ${tagLabel(u.gold.tag)} ${quoted(short(u.gold.exact, 60))} (${DECISION_LABELS[u.gold.decision]})` }),
          button('discard', 'Undo', 'Undo this decision (U)', () => void decide('undo', u.gold!.id)),
        )
      : h(
          'div',
          { class: 'review-actions' },
          button('edit', 'Edit…', 'Take a version and change it: E, then its number', () => startEdit()),
          button('close-all', 'Reject all', 'Reject every version (R)', () => void decide('reject', u.versions[0]!.id)),
        ),
  );
  return row;
}

function versionsText(u: UnitView): string {
  const first = u.versions[0]!;
  return first.exact;
}

function versionCard(u: UnitView, v: VersionView, i: number): HTMLElement {
  const attrs = Object.entries(v.attributes).filter(([, value]) => valueText(value) !== '');
  return h(
    'div',
    { class: 'review-version', attrs: { 'data-version': v.id } },
    h('div', { class: 'review-version-head' }, h('span', { class: 'review-key', text: String(i + 1) }), h('span', { class: 'review-author', text: v.author || '(no name)' })),
    h('div', { class: 'review-version-tag', text: tagLabel(v.tag) }),
    h('div', { class: 'review-version-text', text: `${quoted(short(v.exact, 200))} (${v.start}–${v.end})` }),
    attrs.length > 0 ? h('dl', { class: 'review-attrs' }, ...attrs.flatMap(([k, value]) => [h('dt', { text: k }), h('dd', { text: valueText(value) })])) : null,
    v.note ? h('div', { class: 'review-note', text: v.note }) : null,
    ...v.links.map((l) => h('div', { class: 'review-link', text: l })),
    u.gold ? null : button('check', `Take ${i + 1}`, `Accept this version (${i + 1})`, () => void decide('accept', v.id)),
  );
}

function focusSelected(): void {
  const row = reviewRoot.querySelector<HTMLElement>('.review-unit.selected');
  row?.focus({ preventScroll: true });
  row?.scrollIntoView({ block: 'nearest' });
}

/** Selects a unit; the editor shows its versions. */
function choose(id: string, focus: boolean): void {
  local.selected = id;
  local.editing = false;
  renderReview();
  if (focus) focusSelected();
  const u = selectedUnit();
  if (u) void request({ type: 'review', action: 'show', id: u.versions[0]!.id });
}

function startEdit(): void {
  local.editing = true;
  renderReview();
  focusSelected();
}

async function decide(action: 'accept' | 'acceptAllAgreed' | 'edit' | 'reject' | 'undo' | 'add' | 'acceptLink', id?: string, tag?: string): Promise<void> {
  local.editing = false;
  const reply = await request({ type: 'review', action, ...(id ? { id } : {}), ...(tag ? { tag } : {}) });
  if (!reply.ok) return;
  if (action === 'edit' && reply.id) {
    select(reply.id, 'row'); // review mode is left: change the gold annotation in the list
    return;
  }
  // After a decision, on to the next open disagreement.
  if (action === 'accept' || action === 'reject') {
    const next = orderedUnits().find(isOpenDisagreement) ?? orderedUnits().find((u) => !u.gold);
    if (next) choose(next.id, true);
  }
  renderReview();
  focusSelected();
}

function move(by: number, filter: (u: UnitView) => boolean = () => true): void {
  const units = orderedUnits();
  const at = units.findIndex((u) => u.id === local.selected);
  for (let i = at + by; i >= 0 && i < units.length; i += by) {
    if (filter(units[i]!)) {
      choose(units[i]!.id, true);
      return;
    }
  }
}

function onKey(e: KeyboardEvent, u: UnitView): void {
  if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
  const key = e.key;
  const handled = () => e.preventDefault();
  if (/^[1-9]$/.test(key)) {
    const v = u.versions[Number(key) - 1];
    if (!v || u.gold) return;
    handled();
    void decide(local.editing ? 'edit' : 'accept', v.id);
    return;
  }
  switch (key) {
    case 'ArrowDown':
    case 'j':
      handled();
      move(1);
      break;
    case 'ArrowUp':
    case 'k':
      handled();
      move(-1);
      break;
    case 'n':
      handled();
      move(1, isOpenDisagreement);
      break;
    case 'p':
    case 'N':
      handled();
      move(-1, isOpenDisagreement);
      break;
    case 'Home':
      handled();
      if (orderedUnits()[0]) choose(orderedUnits()[0]!.id, true);
      break;
    case 'End':
      handled();
      if (orderedUnits().at(-1)) choose(orderedUnits().at(-1)!.id, true);
      break;
    case 'Enter':
    case ' ':
      handled();
      void request({ type: 'review', action: 'show', id: u.versions[0]!.id });
      break;
    case 'a':
    case 'A':
      handled();
      void decide('acceptAllAgreed');
      break;
    case 'e':
    case 'E':
      if (u.gold) return;
      handled();
      startEdit();
      break;
    case 'r':
    case 'R':
      if (u.gold) return;
      handled();
      void decide('reject', u.versions[0]!.id);
      break;
    case 'u':
    case 'U':
      if (!u.gold) return;
      handled();
      void decide('undo', u.gold.id);
      break;
    case 'Escape':
      handled();
      if (local.editing) {
        local.editing = false;
        renderReview();
      } else {
        void request({ type: 'review', action: 'exit' });
      }
      break;
  }
}
