/**
 * The Agreement Report (runs in its webview). Plain DOM and SVG, no framework: the host measures and sends the
 * whole report after our `ready` (and after `refresh`); we draw it. Every text goes through text nodes (../dom,
 * ./svg); every message is validated with ./protocol.
 */
import * as z from 'zod/mini';
import { h, icon } from '../dom';
import { heatmap, progressBars, scoreBar, type HeatCell } from './charts';
import { parseToWebview, type AttributeView, type ReportView, type TagReportView, type ToHost } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const send = (message: ToHost) => vscode.postMessage(message);

// The CSP allows no eval: tell zod not to probe for it.
z.config({ jitless: true });

const root = document.getElementById('seed-report')!;
const status = h('p', { class: 'status', attrs: { role: 'status' } });
const content = h('div', { class: 'content' });
const refresh = h('button', { class: 'refresh', attrs: { type: 'button', title: 'Measure again' }, on: { click: () => send({ type: 'refresh' }) } }, icon('refresh'), ' Refresh');
root.append(h('header', { class: 'top' }, h('h1', { text: 'Agreement Report' }), refresh), status, content);

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseToWebview(event.data);
  if (!parsed.ok) {
    console.warn(`[Seed Annotator report] dropped an invalid message: ${parsed.error}`);
    return;
  }
  const m = parsed.message;
  if (m.type === 'loading') {
    status.textContent = 'Measuring…';
    root.setAttribute('aria-busy', 'true');
  } else if (m.type === 'failed') {
    root.removeAttribute('aria-busy');
    status.textContent = m.message;
    content.replaceChildren();
  } else {
    root.removeAttribute('aria-busy');
    render(m.report);
  }
});

const num = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
const who = (name: string) => (name === '' ? '(no name)' : name);

function render(report: ReportView): void {
  const readable = `${report.documents.length} document${report.documents.length === 1 ? '' : 's'} in ${report.scope}`;
  status.textContent = `${readable}; annotators: ${report.annotators.map(who).join(', ') || 'none'}${report.unreadable ? `; ${report.unreadable} unreadable sidecar(s) left out` : ''}.`;
  const parts: Node[] = [];
  if (report.annotators.length < 2) parts.push(h('p', { class: 'note', text: 'Agreement needs the annotations of at least two annotators (their author names).' }));
  parts.push(h('section', { class: 'progress-section' }, h('h2', { text: 'Progress' }), progressBars(report.progress.map((p) => ({ ...p, name: who(p.annotator) })))));
  for (const tag of report.tags) parts.push(tagSection(tag, report.annotators));
  parts.push(documentsSection(report));
  content.replaceChildren(...parts);
}

function pairHeatmap(tag: TagReportView, annotators: readonly string[], kind: 'exact' | 'overlap'): SVGElement {
  const names = annotators.map(who);
  const pairOf = (i: number, j: number) => tag.pairs.find((p) => (p.a === annotators[i] && p.b === annotators[j]) || (p.a === annotators[j] && p.b === annotators[i]));
  return heatmap(`${tag.label}: F1 of ${kind === 'exact' ? 'exact' : 'overlapping'} spans, annotator by annotator`, names, names, (i, j): HeatCell => {
    if (i === j) return { shade: null, text: '·', title: names[i]! };
    const pair = pairOf(i, j);
    const sc = pair?.[kind];
    if (!sc) return { shade: null, text: '–', title: 'no data' };
    return {
      shade: sc.f1,
      text: num(sc.f1),
      title: `${who(pair.a)} / ${who(pair.b)}, ${kind}: precision ${num(sc.precision)}, recall ${num(sc.recall)}, F1 ${num(sc.f1)} (${sc.tp} matched, ${sc.fp} only ${who(pair.b)}, ${sc.fn} only ${who(pair.a)})`,
    };
  });
}

function tagSection(tag: TagReportView, annotators: readonly string[]): HTMLElement {
  const section = h('section', { class: 'tag', attrs: { 'data-tag': tag.id } });
  section.append(h('h2', {}, tag.label, ' ', h('span', { class: 'alpha', attrs: { title: "Krippendorff's unitizing alpha: agreement on where the spans are" } }, `αᵤ ${num(tag.alphaU, 3)}`)));
  if (annotators.length >= 2) {
    section.append(
      h(
        'div',
        { class: 'heatmaps' },
        h('figure', {}, pairHeatmap(tag, annotators, 'exact'), h('figcaption', { text: 'F1, exact spans' })),
        h('figure', {}, pairHeatmap(tag, annotators, 'overlap'), h('figcaption', { text: 'F1, overlapping spans' })),
      ),
    );
  }
  if (tag.attributes.length) section.append(attributesTable(tag), ...tag.attributes.filter((a) => a.values.length > 0).map((a) => confusion(tag, a)));
  return section;
}

function attributesTable(tag: TagReportView): HTMLElement {
  const head = h('tr', {}, ...['Attribute', 'Units', 'Agreement', "Cohen's κ", "Fleiss' κ", "Krippendorff's α"].map((t) => h('th', { text: t, attrs: { scope: 'col' } })));
  const rows = tag.attributes.map((a) =>
    h(
      'tr',
      {},
      h('th', { text: a.label, attrs: { scope: 'row' } }),
      h('td', { text: String(a.units) }),
      h('td', { text: a.percent === null ? '–' : `${(a.percent * 100).toFixed(0)} %` }),
      h('td', { text: num(a.cohenKappa, 3) }),
      h('td', { text: num(a.fleissKappa, 3) }),
      h('td', { text: num(a.krippendorffAlpha, 3) }),
    ),
  );
  return h('table', { class: 'attributes', attrs: { 'aria-label': `${tag.label}: agreement on attributes` } }, h('thead', {}, head), h('tbody', {}, ...rows));
}

/** The coincidence matrix: how often one annotator's value met another's on the same span. */
function confusion(tag: TagReportView, a: AttributeView): HTMLElement {
  const max = Math.max(0, ...a.coincidence.flat());
  const map = heatmap(`${tag.label}, ${a.label}: values given to the same span by two annotators`, a.values, a.values, (i, j) => {
    const n = a.coincidence[i]?.[j] ?? 0;
    const shown = Number.isInteger(n) ? String(n) : n.toFixed(1);
    return { shade: max === 0 ? 0 : n / max, text: shown, title: `${a.values[i]} / ${a.values[j]}: ${shown} pair(s)` };
  });
  return h('figure', { class: 'confusion' }, map, h('figcaption', { text: `${a.label}: which values met on the same span (diagonal: agreement)` }));
}

function documentsSection(report: ReportView): HTMLElement {
  const items = report.documents.map((d) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          class: 'doc',
          attrs: { type: 'button', title: `Open ${d.file}` },
          on: { click: () => send({ type: 'open', file: d.file }) },
        },
        scoreBar(d.f1, `F1 ${num(d.f1)}`),
        h('span', { class: 'f1', text: num(d.f1) }),
        h('span', { class: 'file', text: d.file }),
        h('span', { class: 'meta', text: `${d.disagreements} of ${d.units} unit(s) differ · ${d.annotators.map(who).join(', ') || 'nobody'}` }),
        d.curated ? h('span', { class: 'curated', text: 'curated' }) : null,
      ),
    ),
  );
  return h(
    'section',
    { class: 'documents' },
    h('h2', { text: 'Documents, least agreement first' }),
    h('p', { class: 'note', text: 'F1 of exact spans over every tag and pair of annotators who took part. Click one to open it.' }),
    h('ol', { class: 'docs' }, ...items),
  );
}

send({ type: 'ready' });
