// First use and the work queue end to end (issue #10): packages the .vsix, installs it into a fresh code-server
// (offline harness of scripts/harness), opens a copy of seeds/ and drives the real workbench in Debian chromium the
// way a new user does: the Documents tree's labels, a stray key press on a (read-only) source document, the palette
// ranking for "tag quot" and the shortcuts it shows, the Annotations panel following what a command tagged, the
// end of the document said as information, and the work queue from the keyboard. Prints `N passed, N failed`.
// Usage: node test/e2e/firstuse.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
//   screenshots go to out/e2e/screenshots/, with --screenshots to media/screenshots/
//   (palette-tag-quot.png, panel-follows.png, end-of-document.png, work-queue.png)
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { SEEDS_DIR, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, drag, e2eRun, openSeedAnnotator, readSidecar, waitUntil, workbenchActions, workbenchLoaded } from './support.mjs';
const { palette, openFile, gotoOffset, selectedCount } = workbenchActions(() => page);

const e2e = e2eRun({ label: 'first-use e2e', tmpName: 'firstuse-e2e', failurePrefix: 'firstuse-failure' });
const { step, screenshot } = e2e;
let page;

const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);

/** The shortcut a palette row shows, as `Ctrl+Alt+T`. */
async function rowKeybinding(row) {
  const keys = await row.locator('.monaco-keybinding-key').allInnerTexts();
  return keys.map((k) => k.trim()).join('+');
}

await e2e.main(async () => {
  const tools = await ensureTools();
  const names = fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort();
  const docs = names.map((name) => {
    const text = fs.readFileSync(path.join(SEEDS_DIR, name), 'utf8').replace(/^\uFEFF/, '');
    return { name, text, model: parse(text) };
  });
  const first = docs[0];
  const quote = first.model.quotations.find((q) => q.depth === 0 && first.model.paragraphs.some((p) => p.start <= q.start && q.end <= p.end));
  if (!quote) throw new Error(`${first.name} needs a quotation in its body`);
  const quoteText = first.text.slice(quote.start, quote.end);
  const lastParagraph = first.model.paragraphs[first.model.paragraphs.length - 1];

  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  log(`packaged the .vsix (${pkg.summary})`);
  const opened = await e2e.openWorkbench(tools, vsix);
  page = opened.page;
  const workspace = opened.workspace;
  const sidebar = page.locator('.part.sidebar');
  const panel = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
  const treeRow = (title) => sidebar.locator('.monaco-list-row', { hasText: title.slice(0, 30) }).first();

  await step('the workbench loads', () => workbenchLoaded(page));

  await step('the Documents tree: status first, then the headline, in a normal side-bar width', async () => {
    await openSeedAnnotator(page);
    await sidebar.locator('.pane-header', { hasText: 'Annotations' }).first().waitFor({ timeout: STEP_TIMEOUT });
    for (const doc of docs) {
      const label = await waitUntil(`the row of ${doc.name}`, async () => (await treeRow(doc.model.title).locator('.label-name').innerText()).trim());
      if (!label.startsWith('○ ')) throw new Error(`${doc.name}: the label does not start with the status: ${JSON.stringify(label)}`);
    }
    await sidebar.locator('.pane-header', { hasText: `0/${docs.length} done` }).first().waitFor({ timeout: STEP_TIMEOUT });
    const box = await sidebar.boundingBox();
    if (box && box.width < 460) await drag(page, box.x + box.width + 1, box.y + box.height / 2, 200, 0);
  });

  await step('a stray key press does not change a source document: it opens read-only', async () => {
    await openFile(first.name);
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('zzz');
    await page.waitForTimeout(500);
    const shown = (await page.locator('.editor-group-container .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    if (shown.includes('zzz')) throw new Error('the typed text is in the editor');
    if (await page.locator('.editor-group-container .tab.active.dirty').count()) throw new Error('the tab is dirty');
    const onDisk = fs.readFileSync(path.join(workspace, first.name), 'utf8').replace(/^\uFEFF/, '');
    if (onDisk !== first.text) throw new Error('the file on disk changed');
  });

  await step('the palette: "tag quot" puts Tag Quotation at Cursor first; each entry shows the shortcut that runs it', async () => {
    await gotoOffset(first.text, quote.start + 4);
    await palette('>tag quot');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: STEP_TIMEOUT });
    const top = await rows.first().innerText();
    if (!top.includes('Tag Quotation at Cursor')) throw new Error(`the first entry is ${JSON.stringify(top)}`);
    const quoteKeys = await rowKeybinding(rows.first());
    if (quoteKeys !== 'Ctrl+Alt+2') throw new Error(`Tag Quotation at Cursor shows ${JSON.stringify(quoteKeys)}`);
    await screenshot('palette-tag-quot.png');
    await palette('>Seed Annotator: Tag Selection');
    const plain = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tag Selection…' }).first();
    await plain.waitFor({ timeout: STEP_TIMEOUT });
    if ((await rowKeybinding(plain)) !== 'Ctrl+Alt+T') throw new Error(`Tag Selection… shows ${JSON.stringify(await rowKeybinding(plain))}`);
    const asSource = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tag Selection as Source' }).first();
    if ((await rowKeybinding(asSource)) !== 'Ctrl+Alt+3') throw new Error(`Tag Selection as Source shows ${JSON.stringify(await rowKeybinding(asSource))}`);
    await page.keyboard.press('Escape');
  });

  await step('the panel follows what a command tags: the new annotation is selected and open, the earlier one closed', async () => {
    await gotoOffset(first.text, quote.start + 4);
    await palette('>tag quot');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tag Quotation at Cursor' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
    for (const question of ['Speaker', 'Cue verb']) {
      await page.locator('.quick-input-widget', { hasText: question }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
    }
    await panel.locator('.item.selected .row', { hasText: quoteText.slice(1, 30) }).waitFor({ timeout: STEP_TIMEOUT });
    // Tag Claim on the last paragraph: the sentence is selected while its questions are asked.
    const sentenceStart = lastParagraph.start + first.text.slice(lastParagraph.start).search(/\S/);
    await gotoOffset(first.text, sentenceStart + 1);
    await palette('>Seed Annotator: Tag Claim');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Tag Claim' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'Check-worthy' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    const highlighted = await waitUntil('the sentence to be selected while asking', async () => (await selectedCount()) > 0 && selectedCount());
    await page.keyboard.press('Enter'); // Check-worthy: the first value
    await page.locator('.quick-input-widget', { hasText: 'Type' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape'); // keeps what was answered
    const sidecar = await waitUntil('the claim in the sidecar', () => readSidecar(workspace, first.name)?.annotations.find((a) => a.tag === 'claim'));
    if (sidecar.target.exact.length !== highlighted) throw new Error(`highlighted ${highlighted} characters, tagged ${sidecar.target.exact.length}`);
    if (sidecar.attributes.checkworthy !== 'yes') throw new Error(`check-worthy ${JSON.stringify(sidecar.attributes.checkworthy)}`);
    await panel.locator('.item.selected .row', { hasText: sidecar.target.exact.slice(0, 30) }).waitFor({ timeout: STEP_TIMEOUT });
    const open = await panel.locator('.item.selected').count();
    if (open !== 1) throw new Error(`${open} annotations open in the panel`);
    const line = first.text.slice(0, sidecar.target.start).split('\n').length;
    await panel.locator('.item.selected .row .line', { hasText: `L${line}` }).waitFor({ timeout: STEP_TIMEOUT });
    await screenshot('panel-follows.png');
  });

  await step('the end of the document is said as information in the panel, not as an error', async () => {
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Alt+BracketRight'); // Tag Next Untagged Span, from the editor
    const notice = panel.locator('.info-notice', { hasText: 'end of the document' });
    await notice.waitFor({ timeout: STEP_TIMEOUT });
    if (await panel.locator('.banner:not([hidden])').count()) throw new Error('an error banner is shown');
    const box = await notice.boundingBox();
    const frame = page.locator('iframe.webview').first();
    const frameBox = await frame.boundingBox();
    if (!box || !frameBox || box.y > frameBox.y + frameBox.height) throw new Error('the notice is out of view');
    await screenshot('end-of-document.png');
  });

  await step('the work queue from the keyboard: Ctrl+Alt+PageDown opens the next document at its first untagged span, Ctrl+Alt+D marks it done', async () => {
    const second = docs[1];
    await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Alt+PageDown');
    await page.locator('.editor-group-container .tab.active', { hasText: second.name }).waitFor({ timeout: STEP_TIMEOUT });
    await waitUntil('the first untagged span to be selected', async () => (await selectedCount()) > 0);
    await panel.locator('.doc-title', { hasText: second.model.title.slice(0, 30) }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Control+Alt+d');
    await waitUntil('done in the sidecar', () => Object.values(readSidecar(workspace, second.name)?.status ?? {}).some((s) => s.status === 'done'));
    await waitUntil('● at the start of its Documents row', async () => (await treeRow(second.model.title).locator('.label-name').innerText()).startsWith('●'));
    await sidebar.locator('.pane-header', { hasText: `1/${docs.length} done` }).first().waitFor({ timeout: STEP_TIMEOUT });
    // The first document has annotations now: its row counts them, with plurals.
    const firstLabel = await treeRow(first.model.title).locator('.label-name').innerText();
    if (!/^◐|^○/.test(firstLabel) || !/1 claim, 1 quote, 1 source, 1 link ·/.test(firstLabel)) throw new Error(`first row: ${JSON.stringify(firstLabel)}`);
    await screenshot('work-queue.png');
  });
});
