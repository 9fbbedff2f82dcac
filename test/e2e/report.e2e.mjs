// The Agreement Report end to end (issue #12, item 7): packages the .vsix, installs it into a fresh code-server,
// opens a copy of seeds/ whose first documents carry the annotations of three annotators (written before VS Code
// starts, built here from the documents' own paragraphs and quotations), and drives the real workbench in chromium:
// Show Agreement Report from the palette, the report's webview (nested iframes) with its heatmaps, attribute table,
// coincidence matrix, progress bars and ranked documents; a click on a document opens it; the Documents view's
// title menu offers the report. Prints a closing `N passed, N failed`.
// Usage: node test/e2e/report.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
//   screenshots go to out/e2e/screenshots/, with --screenshots to media/screenshots/ (agreement-report.png)
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { ROOT, SEEDS_DIR, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, e2eRun, openSeedAnnotator, waitUntil, workbenchLoaded } from './support.mjs';

const e2e = e2eRun({ label: 'report e2e', tmpName: 'report-e2e', failurePrefix: 'report-failure' });
const { step, screenshot } = e2e;
let page;

const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);
const { makeTarget } = await tsImport('../../src/core/anchoring/target.ts', import.meta.url);
const { createSidecar, describeDocument, newAnnotation, serializeSidecar } = await tsImport('../../src/core/annotations/sidecar.ts', import.meta.url);
const { computeAgreement } = await tsImport('../../src/core/team/agreement/index.ts', import.meta.url);

const ANNOTATORS = ['Ana Ruiz', 'Ben Okafor', 'Chloé Martin'];
const VERDICTS = ['true', 'mostly-true', 'mixed', 'false'];
const seedNames = fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort().slice(0, 6);

/** Each annotator's annotations of one document: the first sentence of each paragraph as a claim, the quotations. */
function annotate(text, d) {
  const model = parse(text);
  const spans = [];
  model.paragraphs.forEach((p, i) => {
    const body = text.slice(p.start, p.end);
    const stop = body.search(/[.!?](\s|$)/);
    if (stop > 20) spans.push({ tag: 'claim', start: p.start, end: p.start + stop + 1, k: i });
  });
  model.quotations.filter((q) => q.depth === 0).forEach((q, i) => spans.push({ tag: 'quote', start: q.start, end: q.end, k: i + 100 }));
  const annotations = [];
  ANNOTATORS.forEach((author, a) => {
    if (a === 2 && d >= 3) return; // the third annotator only did the first three documents
    for (const s of spans) {
      const salt = (s.k * 7 + d * 3 + a * 5) % 11;
      if (a > 0 && salt === 0) continue; // missed
      const shift = a > 0 && salt === 1 && s.end - s.start > 12 ? 4 : 0; // a shorter span
      const tag = a > 0 && salt === 2 && d % 2 === 1 ? (s.tag === 'claim' ? 'quote' : 'claim') : s.tag; // another label
      const verdict = VERDICTS[(s.k + d + (a > 0 && salt < 4 ? 1 : 0)) % VERDICTS.length];
      const checkworthy = (s.k + d + (a === 2 ? 1 : 0)) % 3 === 0 ? 'no' : 'yes';
      annotations.push(newAnnotation({
        tag, target: makeTarget(text, s.start + shift, s.end), author, id: `e2e-${d}-${a}-${s.k}`,
        attributes: tag === 'claim' ? { verdict, checkworthy } : {}, now: new Date(Date.UTC(2025, 0, 1)),
      }));
    }
  });
  return annotations;
}

const documents = [];
async function writeTeamSidecars(dir) {
  for (const [d, name] of seedNames.entries()) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/^\uFEFF/, '');
    const annotations = annotate(text, d);
    const status = Object.fromEntries(ANNOTATORS.map((who, a) => [who, { status: a === 0 || d < 2 ? 'done' : a === 1 ? 'in-progress' : 'todo' }]));
    const sidecar = { ...createSidecar(await describeDocument(name, text), annotations), status };
    fs.writeFileSync(path.join(dir, `${name}.annotations.json`), serializeSidecar(sidecar));
    documents.push({ file: name, length: text.length, annotations, statuses: status });
  }
}

let report;
/** The report's page: the webview's outer iframe, then its `active-frame`. */
const frame = () => page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
const cspViolations = [];

await e2e.main(async () => {
  const tools = await ensureTools();
  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  const bundle = fs.statSync(path.join(ROOT, 'dist', 'webview', 'report.js')).size;
  log(`packaged the .vsix (${pkg.size} bytes); report bundle ${bundle} bytes`);
  const opened = await e2e.openWorkbench(tools, vsix, {
    prepare: writeTeamSidecars,
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    onPage: (p) => p.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) cspViolations.push(`${m.location()?.url ?? ''}: ${m.text()}`);
    }),
  });
  page = opened.page;
  const expected = computeAgreement(documents, { tagOrder: ['claim', 'quote', 'source'], enumAttributes: (tag) => (tag === 'claim' ? ['checkworthy', 'type', 'verdict'] : []) });

  await step('bundle budget: the report script is at most 150 KB', async () => {
    if (bundle > 150 * 1024) throw new Error(`dist/webview/report.js is ${bundle} bytes`);
  });

  await step('the workbench loads', () => workbenchLoaded(page));

  await step('"Show Agreement Report" from the palette opens the report with an F1 heatmap per tag', async () => {
    // The palette lists the extension's commands once its contributions are registered: try again until then.
    const deadline = Date.now() + 90_000;
    for (;;) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await input.fill('>Seed Annotator: Show Agreement Report');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Agreement Report' }).first();
      try {
        await row.waitFor({ timeout: 5_000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
    await page.keyboard.press('Enter');
    await page.locator('.editor-group-container .tab.active', { hasText: 'Agreement Report' }).waitFor({ timeout: STEP_TIMEOUT });
    await frame().locator('section.tag[data-tag="claim"] svg.heatmap').first().waitFor({ timeout: 60_000 });
    report = frame();
    const tags = await report.locator('section.tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
    if (JSON.stringify(tags) !== JSON.stringify(Object.keys(expected.tags))) throw new Error(`tag sections ${JSON.stringify(tags)}`);
  });

  await step('the heatmap cells show the F1 the core computes for each pair', async () => {
    const claim = report.locator('section.tag[data-tag="claim"]');
    const exactMap = claim.locator('svg.heatmap').first();
    const cells = await exactMap.locator('g.cell text.value').allTextContents();
    const n = ANNOTATORS.length;
    if (cells.length !== n * n) throw new Error(`${cells.length} cells`);
    for (const p of expected.tags.claim.pairs) {
      const i = ANNOTATORS.indexOf(p.a);
      const j = ANNOTATORS.indexOf(p.b);
      const want = p.exact.f1 === null ? '–' : p.exact.f1.toFixed(2);
      if (cells[i * n + j] !== want || cells[j * n + i] !== want) throw new Error(`${p.a}/${p.b}: cells ${cells[i * n + j]}, ${cells[j * n + i]}; expected ${want}`);
    }
    const alpha = await claim.locator('h2 .alpha').textContent();
    if (alpha !== `αᵤ ${expected.tags.claim.alphaU.toFixed(3)}`) throw new Error(`alpha_u shown as ${alpha}`);
  });

  await step('attributes: κ and α in a table, the coincidence matrix as a heatmap; progress bars per annotator', async () => {
    const claim = report.locator('section.tag[data-tag="claim"]');
    const row = claim.locator('table.attributes tbody tr', { hasText: 'Verdict' });
    const cells = await row.locator('td').allInnerTexts();
    const v = expected.tags.claim.attributes.verdict;
    const want = [String(v.units.length), `${(v.percent * 100).toFixed(0)} %`, '–', v.fleissKappa.toFixed(3), v.krippendorffAlpha.toFixed(3)];
    if (JSON.stringify(cells) !== JSON.stringify(want)) throw new Error(`verdict row ${JSON.stringify(cells)}, expected ${JSON.stringify(want)}`);
    await claim.locator('figure.confusion svg.heatmap').first().waitFor({ timeout: STEP_TIMEOUT });
    const bars = await report.locator('svg.progress rect.bar.done').count();
    if (bars !== ANNOTATORS.length) throw new Error(`${bars} done bars`);
    const labels = await report.locator('svg.progress text.value').allTextContents();
    const ana = expected.progress[ANNOTATORS[0]];
    if (labels[0] !== `${ana.done}/${ana.todo + ana['in-progress'] + ana.done} done, ${ana.annotations} annotations`) throw new Error(`progress labels ${JSON.stringify(labels)}`);
  });

  await step('documents are ranked least agreement first', async () => {
    const files = await report.locator('ol.docs button.doc .file').allInnerTexts();
    const want = expected.documents.map((d) => d.file);
    if (JSON.stringify(files) !== JSON.stringify(want)) throw new Error(`documents ${JSON.stringify(files)}, expected ${JSON.stringify(want)}`);
  });

  await step('no CSP violation; every text is a text node (no element from data)', async () => {
    if (cspViolations.length) throw new Error(`CSP violations:\n${cspViolations.join('\n')}`);
  });

  await step('screenshot of the report', async () => {
    if (!report) throw new Error('no report to show');
    await screenshot('agreement-report.png');
  });

  await step('a click on a ranked document opens it in the editor', async () => {
    const first = expected.documents[0].file;
    await report.locator('ol.docs button.doc', { hasText: first }).click();
    await page.locator('.editor-group-container .tab.active', { hasText: first }).waitFor({ timeout: STEP_TIMEOUT });
  });

  await step("the Documents view's title menu offers Show Agreement Report", async () => {
    await openSeedAnnotator(page);
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Documents' }) }).first();
    const more = pane.locator('.pane-header .action-label[aria-label="More Actions..."], .pane-header .action-label[aria-label="Views and More Actions..."]').first();
    const entry = page.locator('.monaco-menu .action-label', { hasText: 'Show Agreement Report' }).first();
    // A click while the header's actions are still appearing can be lost (the tooltip shows, no menu): click again.
    await waitUntil('the title menu with Show Agreement Report', async () => {
      if (await entry.isVisible()) return true;
      await pane.locator('.pane-header').hover();
      if (!(await page.locator('.monaco-menu').isVisible())) await more.click();
      await entry.waitFor({ timeout: 3_000 }).catch(() => undefined);
      return entry.isVisible();
    });
    await page.keyboard.press('Escape');
  });
});
