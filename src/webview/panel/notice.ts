/** The notice line under the toolbar: information (not an error), such as "the end of the document", until the next request. */
import { h, icon } from '../dom';

export const notice = h('div', { class: 'info-notice', attrs: { role: 'status', 'aria-live': 'polite', hidden: true } });

export function showNotice(text: string): void {
  notice.hidden = false;
  notice.replaceChildren(
    icon('info'),
    h('span', { class: 'info-notice-text', text }),
    h('button', { class: 'icon-button', attrs: { type: 'button', title: 'Dismiss', 'aria-label': 'Dismiss' }, on: { click: clearNotice } }, icon('close')),
  );
}

export function clearNotice(): void {
  notice.hidden = true;
  notice.replaceChildren();
}
