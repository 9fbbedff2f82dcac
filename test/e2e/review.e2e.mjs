// Review mode end to end (issue #13): packages the .vsix, opens a copy of seeds/ plus a document two annotators
// tagged (text and sidecar written here), runs "Review Document" from the palette and settles the disagreements
// from the keyboard in the Annotations panel's webview; checks the sidecar on disk after each decision (gold
// annotations with curation.from, the annotators' annotations byte-identical). Screenshot: panel-review.png.
// Usage: node test/e2e/review.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, drag, e2eRun, openSeedAnnotator, waitUntil, workbenchActions, workbenchLoaded } from './support.mjs';
const { runFromPalette, openFile } = workbenchActions(() => page);

const e2e = e2eRun({ label: 'review e2e', tmpName: 'review-e2e', failurePrefix: 'review-failure' });
const { step, screenshot } = e2e;
let page;

// A document written for this test, and what two annotators made of it.
const NAME = '020_curation0review00.txt';
const TEXT = [
  'Source: https://www.tidewater-herald.example/2026/01/05/ferry-fares',
  '',
  'Ferry fares to rise by a fifth',
  '',
  '  By Test Writer, Tidewater Herald',
  '',
  '  The council said fares rose 20% in a year. “We had no choice,” said Ines Marlow.',
  '',
  '  Critics called it a tax. The vote is in May.',
  '',
].join('\n');

function annotation(id, author, tag, exact, attributes = {}) {
  const start = TEXT.indexOf(exact);
  if (start < 0 || TEXT.indexOf(exact, start + 1) >= 0) throw new Error(`not once in the text: ${exact}`);
  const end = start + exact.length;
  const when = '2026-01-05T10:00:00.000Z';
  return {
    id, tag, target: { start, end, exact, prefix: TEXT.slice(Math.max(0, start - 32), start), suffix: TEXT.slice(end, end + 32) },
    attributes, note: '', author, created: when, modified: when,
  };
}

const ANNOTATIONS = [
  annotation('ana-fares', 'ana', 'claim', 'The council said fares rose 20% in a year.', { checkworthy: 'yes' }),
  annotation('ben-fares', 'ben', 'claim', 'The council said fares rose 20% in a year.', { checkworthy: 'yes' }),
  annotation('ana-quote', 'ana', 'quote', '“We had no choice,”', { speaker: 'Ines Marlow' }),
  annotation('ben-quote', 'ben', 'claim', '“We had no choice,”', { checkworthy: 'no' }),
  annotation('ana-critics', 'ana', 'claim', 'Critics called it a tax.', { checkworthy: 'no' }),
  annotation('ben-critics', 'ben', 'claim', 'called it a tax', { checkworthy: 'no' }),
  annotation('ben-vote', 'ben', 'claim', 'The vote is in May.', { checkworthy: 'no' }),
];

function writeDocument(dir) {
  fs.writeFileSync(path.join(dir, NAME), TEXT);
  const sidecar = {
    version: 2,
    document: { file: NAME, source: 'https://www.tidewater-herald.example/2026/01/05/ferry-fares', sha256: createHash('sha256').update(TEXT, 'utf8').digest('hex'), length: TEXT.length },
    annotations: [...ANNOTATIONS].sort((a, b) => a.target.start - b.target.start || a.target.end - b.target.end || (a.id < b.id ? -1 : 1)),
    relations: [],
  };
  fs.writeFileSync(path.join(dir, `${NAME}.annotations.json`), JSON.stringify(sidecar, null, 2) + '\n');
}

function readSidecar(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${NAME}.annotations.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** The annotators' annotations as written in the file (must never change). */
const annotatorsOf = (sidecar) => JSON.stringify(sidecar.annotations.filter((a) => !a.curation).sort((a, b) => (a.id < b.id ? -1 : 1)));

/** The status bar's "(N selected)" of the active editor ("N selections" with several). */
async function statusBarSelection() {
  return page.locator('.part.statusbar').innerText();
}

let panel;
const unit = (text) => panel.locator('.review-unit').filter({ hasText: text });

await e2e.main(async () => {
  const tools = await ensureTools();
  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  await e2e.packageVsix(vsix);
  const opened = await e2e.openWorkbench(tools, vsix, { prepare: writeDocument, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'seedAnnotator.author': 'cora' } });
  page = opened.page;
  const workspace = opened.workspace;
  const before = annotatorsOf(readSidecar(workspace));
  panel = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
  const sidebar = page.locator('.part.sidebar');

  await step('the workbench loads; the document opens with the Annotations panel', async () => {
    await workbenchLoaded(page);
    await openSeedAnnotator(page);
    await sidebar.locator('.pane-header').filter({ hasText: 'Annotations' }).first().waitFor({ timeout: STEP_TIMEOUT });
    const box = await sidebar.boundingBox();
    if (box && box.width < 520) await drag(page, box.x + box.width + 1, box.y + box.height / 2, 260, 0);
    const sash = sidebar.locator('.monaco-sash.horizontal').first();
    const sashBox = await sash.boundingBox().catch(() => null);
    if (sashBox) await drag(page, sashBox.x + sashBox.width / 2, sashBox.y + sashBox.height / 2, 0, -200);
    await openFile(NAME);
    await panel.locator('.doc-title', { hasText: 'Ferry fares to rise' }).waitFor({ timeout: STEP_TIMEOUT });
  });

  await step('"Review Document" shows the units grouped: agreed, label differs, span differs, one annotator', async () => {
    const input = await runFromPalette('Seed Annotator: Review Document (Curate)');
    await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await panel.locator('.review-summary', { hasText: '4 of 4 units left' }).waitFor({ timeout: STEP_TIMEOUT });
    const groups = await panel.locator('.review-group').allInnerTexts();
    const expected = ['AGREED (1 OF 1 OPEN)', 'LABEL OR ATTRIBUTE DIFFERS (1 OF 1 OPEN)', 'SPAN DIFFERS (1 OF 1 OPEN)', 'ONLY ONE ANNOTATOR (1 OF 1 OPEN)'];
    if (JSON.stringify(groups.map((g) => g.toUpperCase())) !== JSON.stringify(expected)) throw new Error(`groups: ${JSON.stringify(groups)}`);
    // The first open disagreement is selected, both versions side by side.
    const selected = panel.locator('.review-unit.selected');
    await selected.filter({ hasText: 'We had no choice' }).waitFor({ timeout: STEP_TIMEOUT });
    const versions = await selected.locator('.review-version-head').allInnerTexts();
    if (JSON.stringify(versions.map((v) => v.replace(/\s+/g, ' ').trim())) !== JSON.stringify(['1 ana', '2 ben'])) throw new Error(`versions: ${JSON.stringify(versions)}`);
    await screenshot('panel-review.png');
  });

  await step('keyboard: the unit shows its versions in the editor; 1 takes Ana\'s quote; the next disagreement is selected', async () => {
    await unit('We had no choice').click();
    await waitUntil('the editor to select the quote', async () => /\(\d+ selected\)/.test(await statusBarSelection()));
    await page.keyboard.press('1');
    const sidecar = await waitUntil('a gold quote in the sidecar', () => readSidecar(workspace)?.annotations.find((a) => a.curation) && readSidecar(workspace));
    const gold = sidecar.annotations.find((a) => a.curation);
    if (JSON.stringify(gold.curation.from) !== JSON.stringify(['ana-quote', 'ben-quote']) || gold.curation.decision !== 'accepted' || gold.tag !== 'quote' || gold.author !== 'cora') {
      throw new Error(`gold: ${JSON.stringify(gold)}`);
    }
    await panel.locator('.review-unit.selected', { hasText: 'Critics called it a tax' }).waitFor({ timeout: STEP_TIMEOUT });
    // Two versions with different spans: the editor selects both (Ben's lies inside Ana's: one selection of 24).
    await waitUntil('the versions selected in the editor', async () => /\(24 selected\)/.test(await statusBarSelection()));
  });

  await step('keyboard: 2 takes Ben\'s span, N goes on, R rejects the lone claim, A accepts all agreed: curated', async () => {
    await page.keyboard.press('2');
    await waitUntil('the span decision', () => readSidecar(workspace)?.annotations.some((a) => a.curation?.from[0] === 'ben-critics'));
    await panel.locator('.review-unit.selected', { hasText: 'The vote is in May' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('r');
    await waitUntil('the rejection', () => readSidecar(workspace)?.annotations.some((a) => a.curation?.decision === 'rejected-all'));
    await page.keyboard.press('a');
    const sidecar = await waitUntil('curated', () => readSidecar(workspace)?.curation?.status === 'curated' && readSidecar(workspace));
    const gold = sidecar.annotations.filter((a) => a.curation).map((a) => `${a.curation.decision}:${a.curation.from.join('+')}`).sort();
    const expected = ['accepted:ana-fares+ben-fares', 'accepted:ana-quote+ben-quote', 'accepted:ben-critics+ana-critics', 'rejected-all:ben-vote'];
    if (JSON.stringify(gold) !== JSON.stringify(expected)) throw new Error(`gold: ${JSON.stringify(gold)}`);
    await panel.locator('.review-summary', { hasText: '0 of 4 units left · curated' }).waitFor({ timeout: STEP_TIMEOUT });
    if (annotatorsOf(sidecar) !== before) throw new Error("an annotator's annotation changed");
  });

  await step('U undoes a decision: the unit is open again, the document in progress', async () => {
    await unit('The vote is in May').click();
    await page.keyboard.press('u');
    await waitUntil('the rejection undone', () => readSidecar(workspace)?.curation?.status === 'in-progress');
    await panel.locator('.review-summary', { hasText: '1 of 4 units left · in progress' }).waitFor({ timeout: STEP_TIMEOUT });
  });

  await step('Escape leaves review mode: the annotation list is back', async () => {
    await unit('We had no choice').click();
    await page.keyboard.press('Escape');
    await panel.locator('.review').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await panel.locator('.row').first().waitFor({ timeout: STEP_TIMEOUT });
    log('review e2e: done');
  });
});
