// UI end to end for suggestions (issue #17): in a real VS Code (the packaged .vsix in code-server, driven in
// Chromium), Suggest Annotations from the palette proposes for the first sample; Enter accepts the selected proposal
// (an annotation with origin suggested:builtin in the sidecar), Backspace rejects the next one (kept in the
// sidecar's suggestions.rejected), Tab moves on. Screenshot: suggestions.png.
// Usage: node test/e2e/suggest.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { SEEDS_DIR, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, e2eRun, openSeedAnnotator, readSidecar, waitUntil, workbenchLoaded } from './support.mjs';

const e2e = e2eRun({ label: 'e2e-suggest', tmpName: 'e2e-suggest', failurePrefix: 'suggest-failure' });
const { step, screenshot } = e2e;

let page;
await e2e.main(async () => {
  const tools = await ensureTools();
  const docName = fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort()[0];
  const text = fs.readFileSync(path.join(SEEDS_DIR, docName), 'utf8').replace(/^\uFEFF/, '');
  const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);
  const { builtinSuggestions } = await tsImport('../../src/core/suggest/index.ts', import.meta.url);
  const expected = builtinSuggestions(text, parse(text)).suggestions;
  if (expected.length < 3) throw new Error(`${docName}: expected at least three suggestions`);
  const exact = (s) => text.slice(s.start, s.end);

  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  log(`packaged the .vsix (${pkg.size} bytes)`);
  const opened = await e2e.openWorkbench(tools, vsix);
  page = opened.page;
  const workspace = opened.workspace;
  const editor = page.locator('.editor-group-container .monaco-editor').first();

  await step('the workbench loads and the first sample opens', async () => {
    await workbenchLoaded(page);
    await openSeedAnnotator(page);
    const title = parse(text).title;
    // The first scan may take a while on a loaded machine.
    await page.locator('.part.sidebar .monaco-list-row', { hasText: title }).first().click({ timeout: 4 * STEP_TIMEOUT });
    await page.locator('.editor-group-container .tab', { hasText: docName }).first().waitFor({ timeout: STEP_TIMEOUT });
  });

  await step('Suggest Annotations from the palette draws the proposals and selects the first; nothing is written', async () => {
    await editor.click();
    await page.keyboard.press('Control+Home'); // proposals are selected from the cursor on
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await input.fill('>Seed Annotator: Suggest Annotations');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Seed Annotator: Suggest Annotations' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.locator('.part.statusbar', { hasText: /\d+ suggestions? in this document/ }).waitFor({ timeout: STEP_TIMEOUT });
    const selected = await page.locator('.part.statusbar').innerText();
    if (!selected.includes(`(${exact(expected[0]).length} selected)`)) throw new Error(`the first proposal (${exact(expected[0]).length} characters) is not selected: ${selected}`);
    if (readSidecar(workspace, docName) !== undefined) throw new Error('a sidecar was written by suggesting');
    await screenshot('suggestions.png');
  });

  await step('Enter accepts: the sidecar holds the annotation with origin suggested:builtin', async () => {
    await page.keyboard.press('Enter');
    const sidecar = await waitUntil('the accepted annotation', () => readSidecar(workspace, docName)?.annotations?.length >= 1 && readSidecar(workspace, docName));
    const made = sidecar.annotations.find((a) => a.target.exact === exact(expected[0]));
    if (!made || made.origin !== 'suggested:builtin' || made.tag !== expected[0].tag) throw new Error(`annotations: ${JSON.stringify(sidecar.annotations.map((a) => [a.tag, a.origin, a.target.exact.slice(0, 30)]))}`);
  });

  await step('Tab moves on, Backspace rejects: kept in the sidecar, no annotation added, the document text unchanged', async () => {
    const before = readSidecar(workspace, docName).annotations.length;
    await page.keyboard.press('Tab');
    await page.keyboard.press('Backspace');
    const sidecar = await waitUntil('the rejection', () => readSidecar(workspace, docName)?.suggestions?.rejected?.length === 1 && readSidecar(workspace, docName));
    if (sidecar.annotations.length !== before) throw new Error(`${sidecar.annotations.length} annotations, expected ${before}`);
    const onDisk = fs.readFileSync(path.join(workspace, docName), 'utf8').replace(/^\uFEFF/, '');
    if (onDisk !== text) throw new Error('the document text changed');
    const dirty = await page.locator('.editor-group-container .tab.dirty').count();
    if (dirty > 0) throw new Error('the editor has unsaved changes: a key reached the text');
  });
});
