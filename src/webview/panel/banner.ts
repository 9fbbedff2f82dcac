/** The error banner: the last request the host refused, until dismissed or the next request succeeds. */
import { h, icon } from '../dom';

export const banner = h('div', { class: 'banner', attrs: { role: 'alert', hidden: true } });
let bannerText: string | null = null;

export function showBanner(text: string): void {
  bannerText = text;
  renderBanner();
}

export function clearBanner(): void {
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
