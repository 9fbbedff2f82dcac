/**
 * Links in the panel: each annotation's outgoing and incoming links (type, the other end's text; a click shows the
 * other end, × removes the link) and, in the selected annotation's editor, a form to add one from the keyboard
 * (L on a row: type, Tab, the other end, Enter). The host checks every link against the tag set.
 */
import { indexLinks, linkChoices, linkEnds, linkPhrase, linkTargets, otherEndTags, shortText, type LinkChoice, type LinkSeen } from '../../core/relations/links';
import { h, icon } from '../dom';
import type { AnnotationView, PanelState, RelationTypeView, RelationView } from '../protocol';
import { list, renderList } from './list';
import { request } from './requests';
import { focusRow, rowOf, select } from './selection';
import { fieldKey, tagLabel, view } from './state';

type Seen = LinkSeen<AnnotationView, RelationView, RelationTypeView>;
type Choice = LinkChoice<RelationTypeView>;

let index: { state: PanelState; of: (id: string) => Seen[] } | null = null;

/** The links of an annotation, outgoing first (computed once per state). */
export function linksOf(id: string): Seen[] {
  const state = view.panel;
  if (!state) return [];
  if (index?.state !== state) index = { state, of: indexLinks(state.annotations, state.relations, state.relationTypes) };
  return index.of(id);
}

function otherText(link: Seen, max = 80): string {
  return link.other ? shortText(link.other.exact, max) : '(missing annotation)';
}

/** The question before removing an annotation: its links go with it. */
export function removalQuestion(a: AnnotationView): string {
  const n = linksOf(a.id).length;
  const links = n === 0 ? '' : n === 1 ? ' and its link' : ` and its ${n} links`;
  return `Remove this ${tagLabel(a.tag)} annotation${links} from the sidecar?`;
}

/** The read-only lines of a row that is not selected: `attributed to: Aldous Perrin`. */
export function linkSummary(a: AnnotationView): HTMLElement | null {
  const links = linksOf(a.id);
  if (links.length === 0) return null;
  return h(
    'ul',
    { class: 'link-summary', attrs: { 'aria-label': 'Links' } },
    ...links.map((link) =>
      // The spaces between the parts are for the text (screen readers, copy); the flex layout spaces them by itself.
      h('li', {}, icon('references'), h('span', { class: 'link-type', text: `${linkPhrase(link)}:` }), ' ', h('span', { class: 'link-text', text: otherText(link, 60) }), ' ', orphanMark(link)),
    ),
  );
}

function orphanMark(link: Seen): HTMLElement | null {
  return link.other?.orphaned ? h('span', { class: 'orphan-mark', text: 'orphaned' }) : null;
}

/** Selects the other end in the list and, when it is placed, in the editor. */
function goTo(other: AnnotationView): void {
  select(other.id, 'row');
  if (!other.orphaned) void request({ type: 'reveal', id: other.id });
}

/** The Links field of the selected annotation's editor: its links, and the form that adds one. */
export function linksField(a: AnnotationView): HTMLElement {
  const links = linksOf(a.id);
  return h(
    'div',
    { class: 'field link-field' },
    h('div', { class: 'label', text: 'Links' }),
    links.length
      ? h('ul', { class: 'link-list', attrs: { 'aria-label': 'Links' } }, ...links.map((link) => linkItem(a, link)))
      : h('p', { class: 'hint', text: 'No links yet.' }),
    addLinkForm(a),
  );
}

function linkItem(a: AnnotationView, link: Seen): HTMLElement {
  const other = link.other;
  const text = otherText(link);
  const id = link.relation.id;
  return h(
    'li',
    { class: 'link' },
    h('span', { class: 'link-type', text: linkPhrase(link) }),
    ' ',
    other
      ? h(
          'button',
          {
            class: 'link-other',
            attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'link', id), title: other.orphaned ? 'Orphaned: select it in the list' : 'Show it in the editor' },
            on: { click: () => goTo(other), keydown: escapeToRow(a.id) },
          },
          h('span', { class: 'link-tag', text: tagLabel(other.tag) }),
          ' ',
          h('span', { class: 'link-text', text }),
          ' ',
          orphanMark(link),
        )
      : h('span', { class: 'link-text', text }),
    h(
      'button',
      {
        class: 'icon-button',
        attrs: { type: 'button', title: 'Remove this link', 'aria-label': `Remove the link ${linkPhrase(link)} ${text}`, 'data-fk': fieldKey(a.id, 'unlink', id) },
        on: { click: () => void request({ type: 'unlink', id }), keydown: escapeToRow(a.id) },
      },
      icon('close'),
    ),
  );
}

function escapeToRow(id: string): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    focusRow(rowOf(id));
  };
}

/** The add-link form's choices, kept across re-renders of the same annotation. */
const form = { id: '', choice: '', target: '' };
const choiceKey = (c: Choice) => `${c.type.id}|${c.direction}`;

function choiceText(c: Choice): string {
  const arrow = c.type.symmetric ? '↔' : c.direction === 'out' ? '→' : '←';
  return `${arrow} ${c.type.label}`;
}

function addLinkForm(a: AnnotationView): HTMLElement {
  const state = view.panel!;
  const choices = linkChoices(state.relationTypes, a.tag);
  if (choices.length === 0) return h('p', { class: 'hint', text: `The tag set has no link for a ${tagLabel(a.tag)}.` });
  if (form.id !== a.id) Object.assign(form, { id: a.id, choice: '', target: '' });
  const choice = choices.find((c) => choiceKey(c) === form.choice) ?? choices[0]!;
  form.choice = choiceKey(choice);
  const targets = linkTargets(choice, a, state.annotations, state.relations);
  if (!targets.some((t) => t.id === form.target)) form.target = targets[0]?.id ?? '';

  const typeSelect = h(
    'select',
    {
      class: 'link-type-select',
      attrs: { 'data-fk': fieldKey(a.id, 'link-type'), 'aria-label': 'Kind of link', title: choice.type.description || null },
      on: {
        change: () => {
          form.choice = typeSelect.value;
          renderList();
        },
        keydown: (e) => {
          escapeToRow(a.id)(e);
          if (e.key === 'Enter') {
            e.preventDefault();
            targetSelect.focus();
          }
        },
      },
    },
    ...choices.map((c) => h('option', { attrs: { value: choiceKey(c) }, text: choiceText(c) })),
  );
  typeSelect.value = form.choice;
  const others = otherEndTags(choice, a.tag).map(tagLabel).join(' or ');
  const targetSelect = h(
    'select',
    {
      class: 'link-target-select',
      attrs: { 'data-fk': fieldKey(a.id, 'link-target'), 'aria-label': `Link to (${others})`, disabled: targets.length === 0 },
      on: {
        change: () => {
          form.target = targetSelect.value;
        },
        keydown: (e) => {
          escapeToRow(a.id)(e);
          if (e.key === 'Enter') {
            e.preventDefault();
            void addLink(a, choice, targetSelect.value);
          }
        },
      },
    },
    ...(targets.length
      ? targets.map((t) => h('option', { attrs: { value: t.id }, text: `${tagLabel(t.tag)}: ${shortText(t.exact, 60)}${t.orphaned ? ' (orphaned)' : ''}` }))
      : [h('option', { attrs: { value: '' }, text: `No ${others} to link to` })]),
  );
  targetSelect.value = form.target;
  const add = h(
    'button',
    {
      class: 'secondary',
      attrs: { type: 'button', 'data-fk': fieldKey(a.id, 'link-add'), disabled: targets.length === 0, 'aria-keyshortcuts': 'Enter' },
      on: { click: () => void addLink(a, choice, targetSelect.value), keydown: escapeToRow(a.id) },
    },
    icon('add'),
    h('span', { text: 'Link' }),
  );
  return h('div', { class: 'add-link', attrs: { role: 'group', 'aria-label': 'Add a link' } }, typeSelect, targetSelect, add);
}

async function addLink(a: AnnotationView, choice: Choice, target: string): Promise<void> {
  if (!target) return;
  const { from, to } = linkEnds(choice, a.id, target);
  const reply = await request({ type: 'link', relationType: choice.type.id, from, to });
  // The linked annotation is no longer offered: back to the kind of link, for the next one.
  if (reply.ok) list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fieldKey(a.id, 'link-type'))}"]`)?.focus();
}

/** L on a row: selects the annotation and puts the focus on its add-link form (the row keeps it when there is none). */
export function startLink(id: string): void {
  select(id, 'none');
  const kind = list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fieldKey(id, 'link-type'))}"]`);
  if (kind) kind.focus();
  else focusRow(rowOf(id));
}
