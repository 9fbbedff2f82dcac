/** The editor of the selected annotation: tag, attributes of its tag, note, remove. */
import { h, icon } from '../dom';
import type { AnnotationView, TagView } from '../protocol';
import { commitNote, draftString, setDraft, update } from './drafts';
import { attributeField, labelled, markInvalid } from './fields';
import { linksField, removalQuestion } from './links';
import { valueView } from './list';
import { request } from './requests';
import { askRemove, cancelOnEscape, cancelRemove, focusRow, remove, rowOf } from './selection';
import { fieldKey, tagLabel, view } from './state';

export function editor(a: AnnotationView, tag: TagView | undefined): HTMLElement {
  const tags = view.panel?.tags ?? [];
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
  fields.push(linksField(a));
  fields.push(view.confirming === a.id ? confirmBar(a) : actions(a));
  return h('div', { class: 'editor', attrs: { role: 'group', 'aria-label': `Edit ${tagLabel(a.tag)}` } }, ...fields);
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
    h('span', { text: removalQuestion(a) }),
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
