/** The work queue's controls: previous / next document (not done yet), mark this one done, skip the next span. */
import { h, icon } from '../dom';
import { showNotice } from './notice';
import { request } from './requests';
import { save, ui, annotation, view } from './state';
import { renderList } from './list';

function button(cls: string, codicon: string, label: string, title: string, onClick: () => void): HTMLButtonElement {
  return h('button', { class: `secondary ${cls}`, attrs: { type: 'button', title, 'aria-label': title }, on: { click: onClick } }, icon(codicon), label ? h('span', { text: label }) : null);
}

export const skipButton = button('skip', 'debug-step-over', 'Skip', 'Skip the next untagged span without tagging it (S on a row, Ctrl+Alt+\\ in the editor)', () => void skip());
const previousButton = button('previous-document', 'arrow-up', '', 'Previous document not done yet (Ctrl+Alt+PageUp)', () => void request({ type: 'openDocument', direction: 'previous' }));
const nextButton = button('next-document', 'arrow-down', 'Next document', 'Next document not done yet, at its first untagged span (Ctrl+Alt+PageDown)', () => void request({ type: 'openDocument', direction: 'next' }));
const doneButton = button('mark-done', 'pass', 'Done', 'Mark this document done (Ctrl+Alt+D)', () => void request({ type: 'setStatus', status: 'done' }));

export const queueBar = h('div', { class: 'queue' }, doneButton, previousButton, nextButton);

export function renderQueue(): void {
  const doc = view.panel?.document ?? null;
  const editable = !!doc && doc.sidecar === 'ready';
  skipButton.disabled = !editable;
  doneButton.disabled = !editable || doc?.status === 'done';
  previousButton.disabled = !doc;
  nextButton.disabled = false;
}

/** Skip: the host selects the next untagged span in the editor; the next Tag next starts after it. */
export async function skip(): Promise<void> {
  const selected = ui.selectedId ? annotation(ui.selectedId) : undefined;
  const reply = await request({ type: 'skip', ...(selected && !selected.orphaned ? { afterId: selected.id } : {}) });
  if (!reply.ok) return;
  if (reply.notice) showNotice(reply.notice);
  else {
    ui.selectedId = undefined;
    save();
    renderList();
  }
}
