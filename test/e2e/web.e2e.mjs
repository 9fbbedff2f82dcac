// UI end to end in VS Code for the Web's mode (issue #16): the packaged .vsix installed into a fresh code-server,
// run from its `browser` bundle in the workbench's web worker extension host (the `remote.extensionKind` setting
// of scripts/harness/lib.mjs), driven in Debian chromium: Documents view, a quotation tagged from the palette, the
// sidecar written, the Annotations panel, an export to a file. Prints a closing `N passed, N failed` line.
// Usage: node test/e2e/web.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { ROOT, SEEDS_DIR, WEB_WORKER_SETTINGS, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, drag, e2eRun, openSeedAnnotator, workbenchActions, workbenchLoaded } from './support.mjs';
const { runFromPalette, gotoOffset, exportWorkspaceAsJsonLines } = workbenchActions(() => page);

const e2e = e2eRun({ label: 'web e2e', tmpName: 'web-e2e', failurePrefix: 'web-failure' });
const { step, screenshot } = e2e;
let page;

/** Polls `read` until it returns something (or STEP_TIMEOUT passes: then the last error). */
async function eventually(what, read) {
  const deadline = Date.now() + STEP_TIMEOUT;
  let last;
  for (;;) {
    try {
      const value = read();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not there after ${STEP_TIMEOUT / 1000} s${last ? ` (${last.message})` : ''}`);
    await page.waitForTimeout(250);
  }
}

await e2e.main(async () => {
  const tools = await ensureTools();
  const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);
  const docName = fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort()[0];
  const docText = fs.readFileSync(path.join(SEEDS_DIR, docName), 'utf8').replace(/^\uFEFF/, '');
  const model = parse(docText);
  const quote = model.quotations.find((q) => q.depth === 0 && model.paragraphs.some((p) => p.start <= q.start && q.end <= p.end));
  if (!quote) throw new Error(`${docName} has no quotation in its body`);
  const quoteText = docText.slice(quote.start, quote.end);

  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  const bundle = fs.statSync(path.join(ROOT, 'dist', 'web', 'extension.js')).size;
  log(`packaged the .vsix (${pkg.summary}); web bundle ${(bundle / 1024).toFixed(1)} KB`);
  const opened = await e2e.openWorkbench(tools, vsix, { settings: WEB_WORKER_SETTINGS });
  page = opened.page;
  const workspace = opened.workspace;
  const sidebar = page.locator('.part.sidebar');
  const panel = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');

  await step('bundle budget: the web worker bundle is at most 300 KB', async () => {
    if (bundle > 300 * 1024) throw new Error(`dist/web/extension.js is ${bundle} bytes`);
  });

  await step('the workbench loads', () => workbenchLoaded(page));

  await step('the Documents view lists the sample documents by headline', async () => {
    await openSeedAnnotator(page);
    await sidebar.locator('.pane-header', { hasText: 'Annotations' }).first().waitFor({ timeout: STEP_TIMEOUT });
    const box = await sidebar.boundingBox();
    if (box && box.width < 460) await drag(page, box.x + box.width + 1, box.y + box.height / 2, 200, 0);
    await sidebar.locator('.monaco-list-row', { hasText: model.title }).first().waitFor({ timeout: STEP_TIMEOUT });
  });

  await step('the log says it activated in the web worker extension host', async () => {
    await runFromPalette('Seed Annotator: Show Log');
    // The Output view is an editor: its lines render spaces as no-break spaces.
    const outputText = async () => (await page.locator('.part.panel .monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
    const deadline = Date.now() + STEP_TIMEOUT;
    let text = '';
    while (!/activated in [\d.]+ ms \(web worker extension host\)/.test(text = await outputText())) {
      if (Date.now() > deadline) throw new Error(`the Output view shows:\n${text}`);
      await page.waitForTimeout(250);
    }
  });

  await step(`clicking "${model.title.slice(0, 40)}…" opens ${docName} as a Seed Document`, async () => {
    await sidebar.locator('.monaco-list-row', { hasText: model.title }).first().click();
    await page.locator('.editor-group-container .tab.active', { hasText: docName }).waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.part.statusbar', { hasText: 'Seed Document' }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.doc-title', { hasText: model.title.slice(0, 40) }).waitFor({ timeout: STEP_TIMEOUT });
  });

  const sidecar = path.join(workspace, `${docName}.annotations.json`);
  await step('"Tag Quotation at Cursor" from the palette writes the sidecar, highlights the quote and lists it in the panel', async () => {
    await gotoOffset(docText, quote.start + 4);
    await runFromPalette('Seed Annotator: Tag Quotation at Cursor');
    for (const prompt of ['Speaker (1/2)', 'Cue verb (2/2)']) { // pre-filled from the attribution: accept them
      await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
    }
    const written = await eventually(`${path.basename(sidecar)} with the quotation`, () => {
      const json = JSON.parse(fs.readFileSync(sidecar, 'utf8'));
      return json.annotations.some((a) => a.tag === 'quote' && a.target.exact === quoteText) ? json : undefined;
    });
    const tagged = written.annotations.find((a) => a.tag === 'quote');
    if (tagged.target.start !== quote.start || tagged.target.end !== quote.end) {
      throw new Error(`the quote is at [${tagged.target.start}, ${tagged.target.end}), expected [${quote.start}, ${quote.end})`);
    }
    await panel.locator('.row .quote', { hasText: quoteText.slice(1, 30) }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape');
    await screenshot('web-tagged.png');
  });

  await step('"Export Annotations…" from the palette: workspace, JSON Lines, save dialog → the file holds the quotation', async () => {
    const out = path.join(workspace, 'web-export.jsonl');
    await exportWorkspaceAsJsonLines(out);
    const lines = await eventually('web-export.jsonl', () => fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)));
    const mine = lines.filter((l) => l.file === docName);
    if (!mine.some((l) => l.target?.exact === quoteText || JSON.stringify(l).includes(JSON.stringify(quoteText).slice(1, -1)))) {
      throw new Error(`web-export.jsonl does not hold the tagged quotation:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
    }
  });
});
