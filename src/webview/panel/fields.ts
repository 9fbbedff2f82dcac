/** The attribute fields of the annotation editor: enum drop-downs, text fields and evidence link lists. */
import { h, icon } from '../dom';
import { httpUrl, type AnnotationView, type AttributeDefView } from '../protocol';
import { commitList, commitText, draftList, draftString, setDraft, update } from './drafts';
import { list, renderList } from './list';
import { request } from './requests';
import { focusRow, rowOf } from './selection';
import { fieldErrors, fieldKey, valueText } from './state';

let fieldCounter = 0;
const newFieldId = () => `f${++fieldCounter}`;

export function labelled(text: string, control: HTMLElement, help?: string): HTMLElement {
  const id = control.id || (control.id = newFieldId());
  return h('div', { class: 'field' }, h('label', { attrs: { for: id, title: help || null }, text }), control);
}

/** Marks a field the host refused, with the reason as its tooltip. */
export function markInvalid(el: HTMLElement, key: string): void {
  const error = fieldErrors.get(key);
  if (!error) return;
  el.setAttribute('aria-invalid', 'true');
  el.title = error;
}

export function attributeField(a: AnnotationView, def: AttributeDefView): HTMLElement {
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
