/**
 * The Suggestions group (issue #17): the document's pending suggestions — not annotations until accepted — each with
 * Accept and Reject (Enter and Backspace on a focused row, ↑/↓ to move), and "Accept all" per kind. Every action is a
 * request the host passes to the suggestion controller; the list changes when the host's next state says so.
 */
import { h, icon } from '../dom';
import type { SuggestionView } from '../protocol';
import { request } from './requests';
import { showNotice } from './notice';
import { tagLabel, view } from './state';

export const suggestionsRoot = h('section', { class: 'group suggestions', attrs: { 'aria-label': 'Suggestions', hidden: true } });

/** The row index to focus after the next render (the row that replaces an accepted or rejected one). */
let refocus: number | null = null;

function rowsOf(): HTMLElement[] {
  return Array.from(suggestionsRoot.querySelectorAll<HTMLElement>('.suggestion-row'));
}

async function act(action: 'accept' | 'reject', s: SuggestionView, index: number): Promise<void> {
  refocus = suggestionsRoot.contains(document.activeElement) ? index : null;
  await request({ type: 'suggestion', action, id: s.id });
}

async function acceptAll(tag: string): Promise<void> {
  const reply = await request({ type: 'suggestion', action: 'acceptAll', tag });
  if (reply.ok && reply.notice) showNotice(reply.notice);
}

function onKey(e: KeyboardEvent, s: SuggestionView, index: number): void {
  if (e.target !== e.currentTarget) return; // a button's own keys
  const rows = rowsOf();
  if (e.key === 'Enter') void act('accept', s, index);
  else if (e.key === 'Backspace' || e.key === 'Delete') void act('reject', s, index);
  else if (e.key === 'ArrowDown') rows[index + 1]?.focus();
  else if (e.key === 'ArrowUp') rows[index - 1]?.focus();
  else return;
  e.preventDefault();
}

function row(s: SuggestionView, index: number): HTMLElement {
  const where = [s.line ? `line ${s.line}` : '', s.provider].filter(Boolean).join(' · ');
  const label = `Suggested ${tagLabel(s.tag)}: ${s.exact}${s.speaker ? `, speaker ${s.speaker}` : ''}`;
  const button = (codicon: string, text: string, title: string, action: 'accept' | 'reject') =>
    h('button', { class: `secondary suggestion-${action}`, attrs: { type: 'button', title, 'aria-label': `${text}: ${s.exact}` }, on: { click: () => void act(action, s, index) } }, icon(codicon), h('span', { text }));
  return h(
    'li',
    { class: 'item suggestion' },
    h(
      'div',
      { class: 'row suggestion-row', attrs: { tabindex: 0, 'data-sid': s.id, 'aria-label': label, title: 'Enter accepts, Backspace rejects' }, on: { keydown: (e) => onKey(e, s, index) } },
      h('div', { class: 'summary' }, h('span', { class: 'suggestion-tag', text: tagLabel(s.tag) }), where ? h('span', { class: 'hint', text: ` ${where}` }) : null),
      h('div', { class: 'quote', text: s.exact }),
      s.speaker ? h('div', { class: 'hint suggestion-speaker', text: `Speaker: ${s.speaker}` }) : null,
      h('div', { class: 'suggestion-actions' }, button('check', 'Accept', 'Accept: an annotation by you (Enter)', 'accept'), button('close', 'Reject', 'Reject: not proposed again (Backspace)', 'reject')),
    ),
  );
}

export function renderSuggestions(): void {
  const all = view.panel?.suggestions ?? [];
  suggestionsRoot.hidden = all.length === 0 || !view.panel?.document;
  const kinds = [...new Set(all.map((s) => s.tag))];
  suggestionsRoot.replaceChildren(
    h('h2', { class: 'group-title' }, icon('lightbulb'), h('span', { class: 'group-label', text: 'Suggestions' }), h('span', { class: 'count', text: String(all.length) })),
    h(
      'div',
      { class: 'suggestion-kinds' },
      ...kinds.map((tag) => {
        const n = all.filter((s) => s.tag === tag).length;
        return h('button', { class: 'secondary suggestion-accept-all', attrs: { type: 'button', title: `Accept all ${n} ${tagLabel(tag)} suggestions` }, on: { click: () => void acceptAll(tag) } }, icon('check-all'), h('span', { text: `Accept all ${tagLabel(tag)} (${n})` }));
      }),
    ),
    h('ul', { class: 'items', attrs: { role: 'list', 'aria-label': 'Suggestions' } }, ...all.map(row)),
  );
  if (refocus !== null) {
    const rows = rowsOf();
    rows[Math.min(refocus, rows.length - 1)]?.focus({ preventScroll: false });
    refocus = null;
  }
}
