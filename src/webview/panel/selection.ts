/** Selection and keyboard: moving between annotations, opening one's editor, removing one after confirmation. */
import type { AnnotationView } from '../protocol';
import { textFilter } from './header';
import { startLink } from './links';
import { skip } from './queue';
import { list, renderList } from './list';
import { request } from './requests';
import { annotation, fieldKey, save, ui, view } from './state';

export function rows(): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>('.row'));
}

export function rowOf(id: string): HTMLElement | undefined {
  return list.querySelector<HTMLElement>(`.row[data-id="${CSS.escape(id)}"]`) ?? undefined;
}

export function selectedRow(): HTMLElement | undefined {
  return ui.selectedId ? rowOf(ui.selectedId) : undefined;
}

export function focusRow(row: HTMLElement | undefined): void {
  if (!row) return;
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

/** Selects an annotation (opening its editor) and puts the focus on its row, its note, or leaves it. */
export function select(id: string, focus: 'row' | 'note' | 'none'): void {
  if (!annotation(id)) {
    view.pendingSelect = { id, focus };
    return;
  }
  view.pendingSelect = null;
  if (ui.selectedId !== id) view.confirming = null;
  ui.selectedId = id;
  save();
  renderList();
  const row = rowOf(id);
  row?.scrollIntoView({ block: 'nearest' });
  if (focus === 'row') focusRow(row);
  else if (focus === 'note') focusNote();
}

export function focusNote(): void {
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

export function onRowKey(e: KeyboardEvent, a: AnnotationView): void {
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
    case 's':
    case 'S':
      if (!plain) break;
      e.preventDefault();
      void skip();
      break;
    case 'l':
    case 'L':
      if (!plain) break;
      e.preventDefault();
      startLink(a.id);
      break;
  }
}

export function askRemove(id: string): void {
  select(id, 'none');
  view.confirming = id;
  renderList();
  list.querySelector<HTMLElement>(`[data-fk="${CSS.escape(fieldKey(id, 'confirm'))}"]`)?.focus();
}

export function cancelRemove(id: string): void {
  view.confirming = null;
  renderList();
  focusRow(rowOf(id));
}

export function cancelOnEscape(e: KeyboardEvent, id: string): void {
  if (e.key !== 'Escape') return;
  e.preventDefault();
  cancelRemove(id);
}

export async function remove(id: string): Promise<void> {
  const ids = rows().map((r) => r.dataset.id!);
  const at = ids.indexOf(id);
  const neighbour = ids[at + 1] ?? ids[at - 1];
  const reply = await request({ type: 'remove', id });
  view.confirming = null;
  if (reply.ok && neighbour && annotation(neighbour)) select(neighbour, 'row');
  else if (reply.ok) {
    ui.selectedId = undefined;
    save();
    renderList();
    rows()[0]?.focus();
  } else renderList();
}
