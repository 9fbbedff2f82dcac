/** The fixed header: the document and its status, the work queue, the tag and text filters, Tag next and Skip, the notice line; and the sidecar notice. */
import { h, icon } from '../dom';
import { DOCUMENT_STATUSES } from '../protocol';
import { renderList } from './list';
import { notice, showNotice } from './notice';
import { queueBar, renderQueue, skipButton } from './queue';
import { request } from './requests';
import { focusRow, rows, select, selectedRow } from './selection';
import { STATUS_LABELS, annotation, save, ui, unknownTags, view } from './state';

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
export const textFilter = h('input', {
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
export const sidecarNotice = h('div', { class: 'notice', attrs: { hidden: true } });

export const header = h(
  'header',
  { class: 'toolbar' },
  h('div', { class: 'doc' }, h('div', { class: 'doc-text' }, docTitle, docName), statusSelect),
  queueBar,
  h('div', { class: 'filters' }, tagFilter, textFilter, tagNextButton, skipButton),
  notice,
);

export function renderHeader(): void {
  const doc = view.panel?.document ?? null;
  docTitle.textContent = doc ? doc.title : 'No source document';
  docName.textContent = doc ? doc.name : 'Open a source document to see its annotations.';
  // A sidecar that cannot be written: nothing that would write it is offered (the notice below says why).
  const editable = !!doc && doc.sidecar === 'ready';
  statusSelect.disabled = !editable;
  statusSelect.value = doc?.status ?? 'todo';
  tagNextButton.disabled = !editable;
  renderQueue();
  tagFilter.disabled = !doc;
  textFilter.disabled = !doc;

  const options: Array<[string, string]> = [['', 'All tags']];
  for (const tag of view.panel?.tags ?? []) options.push([tag.id, tag.label]);
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

function setStatus(value: string): void {
  const status = DOCUMENT_STATUSES.find((s) => s === value);
  if (status) void request({ type: 'setStatus', status }).then(() => renderHeader());
}

async function tagNext(): Promise<void> {
  const selected = ui.selectedId ? annotation(ui.selectedId) : undefined;
  const reply = await request({ type: 'tagNext', ...(selected && !selected.orphaned ? { afterId: selected.id } : {}) });
  if (reply.ok && reply.id) select(reply.id, 'none');
  else if (reply.ok && reply.notice) showNotice(reply.notice);
}
