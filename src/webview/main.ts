/**
 * The Annotations panel (runs in the webview). Plain DOM, no framework: the host sends the whole panel state
 * after our `ready`; we render it, keep the UI state (filter, selection, scroll, unsaved field values) with
 * getState/setState, and turn every edit into a request the host answers with ok or an error we show.
 * All text is rendered through ./dom (text nodes only). The parts live in ./panel/: state, requests, header,
 * list, editor, fields, drafts, selection (keyboard), suggestions.
 */
import * as z from 'zod/mini';
import { parseToWebview, type PanelState } from './protocol';
import { banner, clearBanner } from './panel/banner';
import { clearNotice, showNotice } from './panel/notice';
import { commitAllDrafts } from './panel/drafts';
import { header, renderHeader, sidecarNotice } from './panel/header';
import { empty, list, renderList, renderListWhenIdle } from './panel/list';
import { onReply, send } from './panel/requests';
import { renderReview, reviewRoot } from './panel/review/review';
import { focusNote, select } from './panel/selection';
import { renderSuggestions, suggestionsRoot } from './panel/suggestions';
import { fieldErrors, refused, save, ui, view } from './panel/state';

// The CSP allows no eval: tell zod not to probe for it (the probe itself would be reported as a violation).
z.config({ jitless: true });

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseToWebview(event.data);
  if (!parsed.ok) {
    console.warn(`[Seed Annotator panel] dropped an invalid message: ${parsed.error}`);
    return;
  }
  const message = parsed.message;
  switch (message.type) {
    case 'state':
      onState(message.state);
      break;
    case 'reply':
      onReply(message);
      break;
    case 'select':
      select(message.id, message.focus ?? 'none');
      break;
    case 'deselect':
      ui.selectedId = undefined;
      save();
      renderList();
      break;
    case 'notice':
      showNotice(message.text);
      break;
  }
});

// The page: a fixed header (document, status, filters, Tag next), a banner, the list.
document.getElementById('seed-panel')!.append(header, banner, sidecarNotice, suggestionsRoot, empty, list, reviewRoot);

function onState(state: PanelState): void {
  const uri = state.document?.uri;
  if (ui.doc !== uri) {
    // Another document: what was said about the last one (an error, a notice) no longer applies.
    if (!view.firstState) {
      clearBanner();
      clearNotice();
    }
    ui.doc = uri;
    ui.selectedId = undefined;
    ui.scrollTop = 0;
    view.confirming = null;
    fieldErrors.clear();
    refused.clear();
    if (!view.firstState) ui.drafts = {};
  }
  view.panel = state;
  const ids = new Set(state.annotations.map((a) => a.id));
  if (ui.selectedId && !ids.has(ui.selectedId)) ui.selectedId = undefined;
  if (view.confirming && !ids.has(view.confirming)) view.confirming = null;
  for (const key of Object.keys(ui.drafts)) if (!ids.has(key.slice(0, key.indexOf('|')))) delete ui.drafts[key];
  save();
  renderHeader();
  renderSuggestions();
  renderListWhenIdle();
  const pending = view.pendingSelect;
  if (pending && ids.has(pending.id)) select(pending.id, pending.focus);
  // Review mode (adjudication) shows the review in place of the filters and the list.
  document.body.classList.toggle('reviewing', state.review !== undefined);
  renderReview();
  if (view.firstState) {
    view.firstState = false;
    document.scrollingElement!.scrollTop = ui.scrollTop;
  }
}

// Ctrl+Alt+N (Cmd+Alt+N on macOS) anywhere in the panel: the note of the selected annotation, as in the editor.
document.addEventListener('keydown', (e) => {
  if ((e.ctrlKey || e.metaKey) && e.altKey && (e.code === 'KeyN' || e.key.toLowerCase() === 'n')) {
    e.preventDefault();
    focusNote();
  }
});

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') commitAllDrafts();
});

// Scroll position, saved as it changes.
let scrollPending = false;
window.addEventListener('scroll', () => {
  if (scrollPending) return;
  scrollPending = true;
  requestAnimationFrame(() => {
    scrollPending = false;
    ui.scrollTop = document.scrollingElement!.scrollTop;
    save();
  });
});

renderHeader();
renderList();
send({ type: 'ready' });
