// UI end to end: packages the extension (.vsix, as a user gets it), installs it into a fresh code-server
// (VS Code 1.139.1 web workbench, offline harness of scripts/harness), opens a copy of seeds/ and drives the
// workbench in Debian chromium with playwright-core the way a person would: activity bar, Documents view,
// opening a document, commands from the palette. Prints a closing `N passed, N failed` line.
// Usage: npm run test:e2e            screenshots go to out/e2e/screenshots/
//        npm run screenshots         the same run, screenshots to media/screenshots/ (for the README)
// Options: --screenshots  --keep (keep the temporary profile)  --timeout SECONDS (whole run, default 300)
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { ROOT, SEEDS_DIR, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, drag, e2eRun, openSeedAnnotator, workbenchLoaded, workbenchActions } from './support.mjs';
const actions = workbenchActions(() => page);

const e2e = e2eRun({ label: 'e2e', tmpName: 'e2e', failurePrefix: 'failure' });
const { step, screenshot } = e2e;

/** The sample documents and the headlines the core parser finds in them (what the tree must show). */
async function expectedDocuments() {
  const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);
  return fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort().map((name) => {
    const text = fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8').replace(/^\uFEFF/, '');
    const doc = parse(text);
    // The first body quotation, and a line:column just inside it (for the cursor).
    const q = doc.quotations.find((x) => x.depth === 0 && doc.paragraphs.some((p) => p.start <= x.start && x.end <= p.end));
    const before = q ? text.slice(0, q.start + 1) : '';
    const quoteLine = before.split('\n').length;
    const quoteColumn = before.length - before.lastIndexOf('\n');
    return { name, title: doc.title || name, quote: q ? text.slice(q.start, q.end) : null, quoteLine, quoteColumn };
  });
}

/** Files package.json points at (main, icon, contributes.*: paths like `./x/y.json`), relative to the root. */
function manifestFiles() {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const files = new Set([manifest.main, manifest.icon, manifest.browser].filter(Boolean));
  const walk = (v) => {
    if (typeof v === 'string') { if (/^(\.\/)?[\w.-]+(\/[\w.-]+)*\.\w+$/.test(v) && fs.existsSync(path.join(ROOT, v))) files.add(v); }
    else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
  };
  walk(manifest.contributes);
  return [...files].map((f) => path.posix.normalize(f.replace(/^\.\//, '')));
}

/** Paths inside a .vsix (a zip: read from its central directory), `extension/` prefix removed. */
function vsixListing(file) {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const names = [];
  for (let n = buf.readUInt16LE(eocd + 10), at = buf.readUInt32LE(eocd + 16); n > 0; n--) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry`);
    const nameLen = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
}

/** Runs a command from the palette (F1) by its title, e.g. `Seed Annotator: Show Log`, and waits for the palette to close. */
async function runFromPalette(title) {
  const input = await actions.runFromPalette(title);
  await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}
/** Text of the Output view in the panel (the log channel renders in an editor there). */
async function outputText() {
  return (await page.locator('.part.panel .monaco-editor .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}

let page;
await e2e.main(async () => {
  const tools = await ensureTools();
  const expected = await expectedDocuments();
  if (expected.length === 0) throw new Error(`no sample documents in ${SEEDS_DIR}`);

  const packStart = Date.now();
  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  log(`packaged the .vsix in ${((Date.now() - packStart) / 1000).toFixed(1)} s: ${pkg.summary} (${pkg.size} bytes)`);
  const opened = await e2e.openWorkbench(tools, vsix);
  page = opened.page;
  const uiStart = opened.started;

  const sidebar = page.locator('.part.sidebar');
  // With the container's single view, VS Code hides the view's own header and titles the side bar
  // "Seed Annotator: Documents"; the tree's rows are the side bar's list rows then.
  const rows = sidebar.locator('.monaco-list-row');

  await step(`the .vsix (${pkg.summary}) holds what package.json refers to and no sources, tests or samples`, async () => {
    const listed = vsixListing(vsix);
    const missing = manifestFiles().filter((f) => !listed.includes(f) && !listed.includes(f.toLowerCase()));
    if (missing.length) throw new Error(`referenced by package.json but not packaged (see .vscodeignore): ${missing.join(', ')}`);
    const unwanted = listed.filter((f) => /^(src|test|out|seeds|scripts|node_modules|\.vscode-test|media\/screenshots)\/|\.map$|\.ts$/.test(f));
    if (unwanted.length) throw new Error(`packaged but not needed: ${unwanted.join(', ')}`);
    if (pkg.size > 500 * 1024) throw new Error(`the .vsix is ${pkg.size} bytes, over the 500 KB budget`);
  });

  await step('the workbench loads', () => workbenchLoaded(page));

  await step('the Seed Annotator activity-bar container opens the Documents view', async () => {
    await openSeedAnnotator(page);
    await sidebar.locator('.composite.title', { hasText: /Seed Annotator/i }).waitFor({ timeout: STEP_TIMEOUT });
    await sidebar.locator('.pane-header[aria-label^="Documents"]').waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
    // Widen the side bar (drag its edge) so whole headlines show in the screenshots.
    const box = await sidebar.boundingBox();
    if (box && box.width < 500) await drag(page, box.x + box.width + 1, box.y + box.height / 2, 260, 0);
  });

  await step(`the Documents view lists the ${expected.length} sample documents by headline`, async () => {
    for (const doc of expected) await rows.filter({ hasText: doc.title }).first().waitFor({ timeout: STEP_TIMEOUT });
    const count = await rows.count();
    if (count !== expected.length) throw new Error(`${count} rows, expected ${expected.length}`);
    // The status comes first (○ to do), then the headline (no annotations yet, so no counts).
    const labels = (await rows.locator('.label-name').allInnerTexts()).map((s) => s.trim());
    const want = expected.map((d) => `○ ${d.title}`);
    if (JSON.stringify(labels) !== JSON.stringify(want)) throw new Error(`rows ${JSON.stringify(labels)}\n expected ${JSON.stringify(want)}`);
    await screenshot('documents-tree.png');
  });

  const first = expected[0];
  await step(`clicking "${first.title}" opens ${first.name} in an editor`, async () => {
    await rows.filter({ hasText: first.title }).first().click();
    await page.locator('.editor-group-container .tab', { hasText: first.name }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.editor-group-container .monaco-editor .view-lines', { hasText: 'Source:' }).first().waitFor({ timeout: STEP_TIMEOUT });
    // the status bar names the document's language
    await page.locator('.part.statusbar', { hasText: 'Seed Document' }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('document-open.png');
  });

  await step('"Seed Annotator: Show Log" from the palette shows the extension\'s log', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await input.fill('>Seed Annotator');
    // The list is longer than the palette (and virtualised): wait for its first entries, not for one below the fold.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Seed Annotator:' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('command-palette.png');
    await runFromPalette('Seed Annotator: Show Log');
    await page.locator('.part.panel', { hasText: 'activated in' }).waitFor({ timeout: STEP_TIMEOUT });
    const text = await outputText();
    if (!/activated in [\d.]+ ms/.test(text)) throw new Error(`the Output view shows:\n${text}`);
    await screenshot('show-log.png');
  });

  await step('"Seed Annotator: Refresh Documents" from the palette rescans (log line) and keeps the rows', async () => {
    const found = (t) => (t.match(/found \d+ documents/g) ?? []).length;
    const before = found(await outputText());
    await runFromPalette('Seed Annotator: Refresh Documents');
    const deadline = Date.now() + STEP_TIMEOUT;
    while (found(await outputText()) <= before && Date.now() < deadline) await page.waitForTimeout(200);
    const after = found(await outputText());
    if (after <= before) throw new Error(`no new "found N documents" line in the log (${before} before, ${after} after)`);
    for (const doc of expected) await rows.filter({ hasText: doc.title }).first().waitFor({ timeout: STEP_TIMEOUT });
  });
  const quickInput = page.locator('.quick-input-widget input');

  const sidecar = path.join(opened.workspace, `${first.name}.annotations.json`);
  const quoteText = first.quote;
  await step('"Tag Quotation at Cursor" from the palette writes the sidecar with the quotation', async () => {
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+g');
    await quickInput.fill(`${first.quoteLine}:${first.quoteColumn}`);
    await page.keyboard.press('Enter');
    await actions.runFromPalette('Seed Annotator: Tag Quotation at Cursor');
    for (const prompt of ['Speaker (1/2)', 'Cue verb (2/2)']) { // pre-filled from the attribution: accept them
      await page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
    }
    const deadline = Date.now() + STEP_TIMEOUT;
    while (!fs.existsSync(sidecar) && Date.now() < deadline) await page.waitForTimeout(200);
    const written = JSON.parse(fs.readFileSync(sidecar, 'utf8'));
    const exacts = written.annotations.map((a) => a.target.exact);
    if (!exacts.includes(quoteText)) throw new Error(`the sidecar holds ${JSON.stringify(exacts)}, expected ${JSON.stringify(quoteText)}`);
  });

  await step('"Export Annotations…" from the palette: workspace, JSON Lines, save dialog → the file holds the quotation', async () => {
    const out = path.join(opened.workspace, 'e2e-export.jsonl');
    await actions.exportWorkspaceAsJsonLines(out);
    const deadline = Date.now() + STEP_TIMEOUT;
    while (!fs.existsSync(out) && Date.now() < deadline) await page.waitForTimeout(200);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    if (!lines.some((l) => JSON.stringify(l).includes(JSON.stringify(quoteText).slice(1, -1)))) {
      throw new Error(`${out} does not hold the tagged quotation:\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
    }
  });
  log(`UI steps took ${((Date.now() - uiStart) / 1000).toFixed(1)} s (code-server start to last step)`);
});
