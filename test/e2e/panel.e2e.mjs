// The Annotations panel end to end (issue #5): packages the .vsix, installs it into a fresh code-server (offline
// harness of scripts/harness), opens a copy of seeds/ plus a document whose text and sidecar carry XSS payloads,
// and drives the real workbench in Debian chromium the way a person would: palette, editor, the panel's webview
// (nested iframes), keyboard. Checks the sidecars on disk after each edit. Prints a closing `N passed, N failed`.
// Usage: node test/e2e/panel.e2e.mjs [--screenshots] [--keep] [--timeout SECONDS]
//   screenshots go to out/e2e/screenshots/, with --screenshots to media/screenshots/ (panel-light.png, panel-dark.png)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { ROOT, SEEDS_DIR, log } from '../../scripts/harness/lib.mjs';
import { ensureTools } from '../../scripts/harness/provision.mjs';
import { STEP_TIMEOUT, drag, e2eRun, openSeedAnnotator, readSidecar, waitUntil, workbenchActions, workbenchLoaded } from './support.mjs';
const { palette, runFromPalette, openFile, gotoOffset, selectedCount } = workbenchActions(() => page);

const e2e = e2eRun({ label: 'panel e2e', tmpName: 'panel-e2e', failurePrefix: 'panel-failure' });
const { step, screenshot } = e2e;
let page;

const { parse } = await tsImport('../../src/core/parse.ts', import.meta.url);
const { attributionFor } = await tsImport('../../src/core/selection.ts', import.meta.url);

// ---------------------------------------------------------------------------------------------
// The document with payloads, and its sidecar, written into the workspace copy before VS Code starts.

const XSS_NAME = '010_xss0payloads0000.txt';
const mark = (where) => `document.body.dataset.xss='${where}'`;
const XSS_TEXT = [
  'Source: https://www.payloads.example/2025/01/01/xss',
  '',
  `Payloads <img src=x onerror="${mark('headline')}"> in the headline`,
  '',
  '  By Test Writer, Example News',
  ' ',
  `  The mayor said “<img src=x onerror="${mark('quote')}"> is not a tag” on Monday. A second sentence </script><script>${mark('script')}</script> follows.`,
  ' ',
  '  Third paragraph with a plain sentence.',
  '',
].join('\n');
const XSS_QUOTE = `“<img src=x onerror="${mark('quote')}"> is not a tag”`;
const XSS_SENTENCE = `A second sentence </script><script>${mark('script')}</script> follows.`;
const XSS_ORPHAN = `<svg onload="${mark('orphan')}"></svg>`;
const XSS_NOTE = `<b onmouseover="${mark('note')}">bold?</b> </textarea><img src=x onerror="${mark('note2')}">`;
const JS_URL = `javascript:${mark('link')}`;
const PLAIN_LINE = 'Third paragraph with a plain sentence.';

function annotationAt(id, tag, text, start, exact, extra = {}) {
  const end = start + exact.length;
  const when = '2025-01-01T12:00:00.000Z';
  return {
    id, tag,
    target: { start, end, exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
    attributes: {}, note: '', author: 'e2e', created: when, modified: when, ...extra,
  };
}

function writeXssDocument(dir) {
  fs.writeFileSync(path.join(dir, XSS_NAME), XSS_TEXT);
  const q = XSS_TEXT.indexOf(XSS_QUOTE);
  const s = XSS_TEXT.indexOf(XSS_SENTENCE);
  const sidecar = {
    version: 1,
    document: { file: XSS_NAME, source: 'https://www.payloads.example/2025/01/01/xss', sha256: createHash('sha256').update(XSS_TEXT, 'utf8').digest('hex'), length: XSS_TEXT.length },
    annotations: [
      annotationAt('xss-quote', 'quote', XSS_TEXT, q, XSS_QUOTE, {
        attributes: { speaker: `<img src=x onerror="${mark('speaker')}">`, cue: `</script><script>${mark('cue')}</script>` },
        note: XSS_NOTE,
      }),
      annotationAt('xss-claim', 'claim', XSS_TEXT, s, XSS_SENTENCE, {
        attributes: { verdict: 'true', evidence: [JS_URL, 'https://evidence.example/report'], odd: { '<b>': `<img src=x onerror="${mark('odd')}">` } },
        note: JS_URL,
      }),
      // Its text is nowhere in the document: it stays orphaned.
      { ...annotationAt('xss-orphan', 'claim', XSS_TEXT, 10, XSS_ORPHAN), status: 'orphaned' },
    ].sort((a, b) => a.target.start - b.target.start),
  };
  fs.writeFileSync(path.join(dir, `${XSS_NAME}.annotations.json`), JSON.stringify(sidecar, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// Steps and helpers.

/** The panel's page: the webview's outer iframe, then its `active-frame`. */
let panel;
/** The panel's row of the annotation whose quoted text contains `text` (not a row that only links to it). */
const rowOf = (text) => panel.locator('.row').filter({ has: panel.locator('.quote', { hasText: text }) });
/** The same page as a playwright Frame (for evaluate). */
async function panelFrame() {
  const outer = await (await page.locator('iframe.webview').first().elementHandle()).contentFrame();
  return (await (await outer.locator('iframe#active-frame').elementHandle()).contentFrame());
}

/** What in the panel's DOM an injected payload would leave behind. */
async function domProbe() {
  const frame = await panelFrame();
  return frame.evaluate(() => ({
    imgs: document.querySelectorAll('img').length,
    svgs: document.querySelectorAll('svg').length,
    bold: document.querySelectorAll('b').length,
    scripts: [...document.scripts].filter((el) => /xss/.test(el.textContent ?? '')).length,
    inlineHandlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    hrefs: [...document.querySelectorAll('[href]')].map((el) => el.getAttribute('href')),
    xss: document.body.dataset.xss ?? null,
    windowXss: window.__xss ?? null,
  }));
}

async function panelActive() {
  const frame = await panelFrame();
  return frame.evaluate(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}` : '';
  });
}

const cspViolations = [];
await e2e.main(async () => {
  const tools = await ensureTools();
  const seedNames = fs.readdirSync(SEEDS_DIR).filter((n) => /^[0-9]{3}_.*\.txt$/.test(n)).sort();
  const docName = seedNames[0];
  const docText = fs.readFileSync(path.join(SEEDS_DIR, docName), 'utf8').replace(/^\uFEFF/, '');
  const model = parse(docText);
  const bodyQuotes = model.quotations.filter((q) => q.depth === 0 && model.paragraphs.some((p) => p.start <= q.start && q.end <= p.end));
  if (bodyQuotes.length < 2) throw new Error(`${docName} needs two quotations in its body`);
  const quote = bodyQuotes[0];
  const quoteText = docText.slice(quote.start, quote.end);
  const speaker = attributionFor(docText, model, quote)?.speaker;
  if (!speaker) throw new Error(`${docName}: its first quotation needs a speaker named in the text`);

  const packStart = Date.now();
  const vsix = path.join(e2e.tmp.dir, 'seed-annotator.vsix');
  const pkg = await e2e.packageVsix(vsix);
  const bundle = fs.statSync(path.join(ROOT, 'dist', 'webview', 'main.js')).size;
  log(`packaged the .vsix in ${((Date.now() - packStart) / 1000).toFixed(1)} s (${pkg.size} bytes); webview bundle ${bundle} bytes`);
  const opened = await e2e.openWorkbench(tools, vsix, {
    prepare: writeXssDocument,
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    onPage: (p) => p.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) cspViolations.push(`${m.location()?.url ?? ''}: ${m.text()}`);
    }),
  });
  page = opened.page;
  const workspace = opened.workspace;
  panel = page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
  const sidebar = page.locator('.part.sidebar');

  await step('bundle budget: the webview script is at most 120 KB', async () => {
    if (bundle > 120 * 1024) throw new Error(`dist/webview/main.js is ${bundle} bytes`);
  });

  await step('the workbench loads', () => workbenchLoaded(page));

  await step('the Seed Annotator container shows Documents and, below it, the Annotations panel', async () => {
    await openSeedAnnotator(page);
    const headers = sidebar.locator('.pane-header');
    await headers.filter({ hasText: 'Annotations' }).first().waitFor({ timeout: STEP_TIMEOUT });
    const names = (await headers.allInnerTexts()).map((t) => t.split('\n')[0].trim().toLowerCase());
    if (names.indexOf('annotations') <= names.indexOf('documents')) throw new Error(`view order: ${JSON.stringify(names)}`);
    const box = await sidebar.boundingBox();
    if (box && box.width < 460) await drag(page, box.x + box.width + 1, box.y + box.height / 2, 200, 0);
    // Give the panel more of the side bar: drag the sash between the two views up.
    const sash = sidebar.locator('.monaco-sash.horizontal').first();
    const sashBox = await sash.boundingBox().catch(() => null);
    if (sashBox) await drag(page, sashBox.x + sashBox.width / 2, sashBox.y + sashBox.height / 2, 0, -150);
    await panel.locator('#seed-panel .doc-title').waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.doc-title', { hasText: 'No source document' }).waitFor({ timeout: STEP_TIMEOUT });
  });

  await step(`opening ${docName} shows its headline in the panel`, async () => {
    await openFile(docName);
    await panel.locator('.doc-title', { hasText: model.title.slice(0, 40) }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.empty', { hasText: 'No annotations yet' }).waitFor({ timeout: STEP_TIMEOUT });
  });

  await step('"Tag Quotation at Cursor" from the palette: the quote, its speaker as a source and the link between them', async () => {
    await gotoOffset(docText, quote.start + 4);
    const input = await runFromPalette('Seed Annotator: Tag Quotation at Cursor');
    for (const question of ['Speaker', 'Cue verb']) {
      await page.locator('.quick-input-widget', { hasText: question }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
    }
    await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    const row = panel.locator('.group', { hasText: 'Quote' }).locator(rowOf(quoteText.slice(0, 40)));
    await row.waitFor({ timeout: STEP_TIMEOUT });
    // The panel selects what the command tagged (issue #10): the quote's editor is open and lists its link.
    await panel.locator('.item.selected', { has: rowOf(quoteText.slice(0, 40)) }).filter({ hasText: speaker }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.group', { hasText: 'Source' }).locator(rowOf(speaker)).waitFor({ timeout: STEP_TIMEOUT });
    const sidecar = await waitUntil('the sidecar with the quote, the source and the link', () => readSidecar(workspace, docName)?.relations?.length === 1 && readSidecar(workspace, docName));
    const exacts = sidecar.annotations.map((a) => a.target.exact);
    if (JSON.stringify(exacts) !== JSON.stringify([quoteText, speaker])) throw new Error(`sidecar annotations ${JSON.stringify(exacts)}`);
    const [link] = sidecar.relations;
    if (link.type !== 'attributed-to' || link.from !== sidecar.annotations[0].id || link.to !== sidecar.annotations[1].id) throw new Error(`link ${JSON.stringify(link)}`);
  });

  const NOTE = 'Checked against the port authority’s statement';
  await step('editing the note in the panel writes it to the sidecar on disk (and a click shows the span in the editor)', async () => {
    await rowOf(quoteText.slice(0, 40)).click();
    await waitUntil(`the editor to select the quotation (${quoteText.length} characters)`, async () => (await selectedCount()) === quoteText.length);
    const note = panel.locator('textarea.note');
    await note.click();
    await page.keyboard.type(NOTE);
    await page.keyboard.press('Tab'); // leaving the field saves it
    await waitUntil('the note in the sidecar', () => readSidecar(workspace, docName)?.annotations.find((a) => a.target.exact === quoteText)?.note === NOTE);
  });

  await step('Tag next tags the next untagged quotation, then sentence; enum and URL-list attributes edit in place', async () => {
    await panel.locator('button.tag-next').click();
    await waitUntil('a third annotation', () => readSidecar(workspace, docName)?.annotations.length === 3);
    await panel.locator('button.tag-next').click();
    const sidecar = await waitUntil('a fourth annotation', () => readSidecar(workspace, docName)?.annotations.length === 4 && readSidecar(workspace, docName));
    const claim = sidecar.annotations.find((a) => a.tag === 'claim');
    if (!claim) throw new Error(`no claim: ${JSON.stringify(sidecar.annotations.map((a) => [a.tag, a.target.exact]))}`);
    // Tag next selected the new claim: its editor is open.
    await panel.locator('.item.selected .row', { hasText: claim.target.exact.slice(0, 30) }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.item.selected select').nth(3).selectOption('mostly-true'); // tag, check-worthy, type, verdict
    await waitUntil('verdict mostly-true', () => readSidecar(workspace, docName)?.annotations.find((a) => a.id === claim.id)?.attributes.verdict === 'mostly-true');
    await panel.locator('.item.selected button', { hasText: 'Add link' }).click();
    await page.keyboard.type('https://kellsmouth-port.example/annual-figures');
    await page.keyboard.press('Enter');
    await waitUntil('the evidence link', () => JSON.stringify(readSidecar(workspace, docName)?.annotations.find((a) => a.id === claim.id)?.attributes.evidence) === '["https://kellsmouth-port.example/annual-figures"]');
    // A javascript: URL is refused by the host: the panel shows why, the sidecar keeps the good link only.
    await panel.locator('.item.selected button', { hasText: 'Add link' }).click();
    await page.keyboard.type('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await panel.locator('.banner', { hasText: 'http(s)' }).waitFor({ timeout: STEP_TIMEOUT });
    const evidence = readSidecar(workspace, docName).annotations.find((a) => a.id === claim.id).attributes.evidence;
    if (evidence.length !== 1) throw new Error(`evidence on disk: ${JSON.stringify(evidence)}`);
    // Removing the refused link: one click (the field's save on blur does not swallow it), the list is clean again.
    await panel.locator('.item.selected .url-list li').nth(1).locator('button[title="Remove this link"]').click({ timeout: 5_000 });
    await waitUntil('one link left in the panel', async () => (await panel.locator('.item.selected .url-list li').count()) === 1);
    if (await panel.locator('.item.selected [aria-invalid="true"]').count()) throw new Error('the remaining link is still marked invalid');
    await panel.locator('.banner button[aria-label="Dismiss"]').click();
    await panel.locator('.banner').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
  });

  await step('keyboard: arrows move between annotations, Enter reveals, N goes to the note, Delete asks and removes', async () => {
    const rows = panel.locator('.row');
    const count = await rows.count();
    if (count !== 4) throw new Error(`${count} rows`);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const current = panel.locator('.row[aria-current="true"]');
    const id = await current.getAttribute('data-id');
    const annotation = readSidecar(workspace, docName).annotations.find((a) => a.id === id);
    if (id !== (await rows.nth(2).getAttribute('data-id'))) throw new Error('ArrowDown twice did not select the third row');
    await page.keyboard.press('Enter');
    await waitUntil(`the editor to select ${annotation.target.exact.length} characters`, async () => (await selectedCount()) === annotation.target.exact.length);
    await page.keyboard.press('n');
    await waitUntil('the note to have the focus', async () => (await panelActive()) === 'textarea.note');
    await page.keyboard.press('Escape');
    await waitUntil('the row to have the focus again', async () => (await panelActive()) === 'div.row');
    await page.keyboard.press('Delete');
    await panel.locator('.confirm').waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape'); // cancel: nothing removed
    await panel.locator('.confirm').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    if (readSidecar(workspace, docName).annotations.length !== 4) throw new Error('Escape removed the annotation');
    await page.keyboard.press('Delete');
    await waitUntil('the Remove button to have the focus', async () => (await panelActive()) === 'button.danger');
    await page.keyboard.press('Enter');
    await waitUntil('the annotation gone from the sidecar', () => {
      const left = readSidecar(workspace, docName).annotations;
      return left.length === 3 && !left.some((a) => a.id === id);
    });
    await waitUntil('three rows in the panel', async () => (await rows.count()) === 3);
  });

  await step('link from the keyboard in the panel: L, the kind of link, Tab, the other end, Enter (screenshot panel-links.png)', async () => {
    const sidecar = readSidecar(workspace, docName);
    const claim = sidecar.annotations.find((a) => a.tag === 'claim');
    const quoted = sidecar.annotations.find((a) => a.target.exact === quoteText);
    const claimRow = rowOf(claim.target.exact.slice(0, 30));
    await claimRow.click();
    await claimRow.focus();
    await page.keyboard.press('l');
    await waitUntil('the kind of link to have the focus', async () => (await panelActive()) === 'select.link-type-select');
    // A claim's kinds: → Attributed to, → Supports, → Contradicts, ← Supports, ← Contradicts.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const kind = panel.locator('.item.selected select.link-type-select');
    await waitUntil('← Supports chosen', async () => (await kind.evaluate((el) => el.selectedOptions[0]?.textContent)) === '← Supports');
    await page.keyboard.press('Tab');
    await waitUntil('the other end to have the focus', async () => (await panelActive()) === 'select.link-target-select');
    const target = await panel.locator('.item.selected select.link-target-select').evaluate((el) => el.selectedOptions[0]?.textContent ?? '');
    if (!target.startsWith('Quote: ')) throw new Error(`the first other end offered is ${JSON.stringify(target)}`);
    await page.keyboard.press('Enter');
    const linked = await waitUntil('the supports link in the sidecar', () => {
      const s = readSidecar(workspace, docName);
      return s?.relations?.find((r) => r.type === 'supports') && s;
    });
    const link = linked.relations.find((r) => r.type === 'supports');
    if (link.from !== quoted.id || link.to !== claim.id) throw new Error(`supports ${JSON.stringify(link)}: expected the quote → the claim`);
    // Shown on both ends: in the claim's editor (incoming) and in the quote's summary (outgoing).
    await panel.locator('.item.selected .link-list li', { hasText: '← supports' }).waitFor({ timeout: STEP_TIMEOUT });
    await rowOf(quoteText.slice(0, 40)).locator('.link-summary li', { hasText: 'supports:' }).waitFor({ timeout: STEP_TIMEOUT });
    // Clicking the other end shows it: the quote is selected in the editor and in the panel.
    await panel.locator('.item.selected .link-list button.link-other').first().click();
    await waitUntil(`the editor to select the quote (${quoteText.length} characters)`, async () => (await selectedCount()) === quoteText.length);
    await panel.locator('.item.selected').locator(rowOf(quoteText.slice(0, 40))).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.item.selected .link-list li', { hasText: `attributed to Source ${speaker}` }).waitFor({ timeout: STEP_TIMEOUT });
    // The selected quote with its links right below the panel's sticky header.
    await (await panelFrame()).evaluate(() => {
      const item = document.querySelector('.item.selected');
      const header = document.querySelector('header.toolbar');
      if (item && header) window.scrollBy(0, item.getBoundingClientRect().top - header.getBoundingClientRect().bottom);
    });
    await screenshot('panel-links.png');
    // Removing the quote asks, and says its two links go with it.
    await page.keyboard.press('Delete');
    await panel.locator('.confirm', { hasText: 'and its 2 links' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Escape');
    await panel.locator('.confirm').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    // × removes one link; the annotations stay.
    await panel.locator('.item.selected .link-list li', { hasText: 'supports' }).locator('button[title="Remove this link"]').click();
    await waitUntil('the supports link gone', () => readSidecar(workspace, docName)?.relations.length === 1);
    if (readSidecar(workspace, docName).annotations.length !== 3) throw new Error('removing a link removed an annotation');
  });

  await step('"Remove Annotation" in the editor on the source asks first (its link goes with it); Cancel keeps both', async () => {
    const at = docText.indexOf(speaker, quote.end);
    await gotoOffset(docText, at + 1);
    await runFromPalette('Seed Annotator: Remove Annotation');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Remove this Source and its link?' }).waitFor({ timeout: STEP_TIMEOUT });
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    const s = readSidecar(workspace, docName);
    if (s.annotations.length !== 3 || s.relations.length !== 1) throw new Error(`after Cancel: ${s.annotations.length} annotations, ${s.relations.length} links`);
  });

  await step('the document status set in the panel shows as progress (◐) in the Documents tree', async () => {
    await panel.locator('select.status').selectOption('in-progress');
    await waitUntil('status in-progress in the sidecar', () => Object.values(readSidecar(workspace, docName)?.status ?? {}).some((s) => s.status === 'in-progress'));
    const row = sidebar.locator('.monaco-list-row', { hasText: model.title.slice(0, 30) }).first();
    await waitUntil('◐ at the start of the Documents row', async () => (await row.locator('.label-name').innerText()).startsWith('◐'));
  });

  await step('a sidecar with XSS payloads: shown as plain text, no element created, no script run, javascript: links not clickable', async () => {
    await openFile(XSS_NAME);
    await panel.locator('.doc-title', { hasText: 'Payloads <img src=x onerror=' }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.row .quote', { hasText: XSS_QUOTE }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.row .quote', { hasText: XSS_SENTENCE }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.orphans .row', { hasText: XSS_ORPHAN }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.note-text', { hasText: XSS_NOTE }).waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('.bad-url', { hasText: JS_URL }).first().waitFor({ timeout: STEP_TIMEOUT });
    await panel.locator('button.link', { hasText: 'https://evidence.example/report' }).first().waitFor({ timeout: STEP_TIMEOUT });
    if (await panel.locator('button.link', { hasText: 'javascript:' }).count()) throw new Error('a javascript: URL is rendered as a link');
    const check = async (when) => {
      const probe = await domProbe();
      const bad = probe.imgs || probe.svgs || probe.bold || probe.inlineHandlers || probe.scripts || probe.xss || probe.windowXss
        || probe.hrefs.some((h) => !/^(https?|vscode-[a-z-]+):/.test(h ?? ''));
      if (bad) throw new Error(`${when}: ${JSON.stringify(probe)}`);
    };
    await check('list');
    // Open the editors (inputs hold the payloads as values) and hover the note.
    await panel.locator('.row', { hasText: XSS_SENTENCE }).click();
    await panel.locator('.item.selected .url-list input').first().waitFor({ timeout: STEP_TIMEOUT });
    const urlValue = await panel.locator('.item.selected .url-list input').first().inputValue();
    if (urlValue !== JS_URL) throw new Error(`the URL input holds ${JSON.stringify(urlValue)}`);
    await check('claim editor');
    await panel.locator('.row', { hasText: XSS_QUOTE }).click();
    const note = await panel.locator('.item.selected textarea.note').inputValue();
    if (note !== XSS_NOTE) throw new Error(`the note field holds ${JSON.stringify(note)}`);
    await panel.locator('.item.selected textarea.note').hover();
    await check('quote editor');
    if (cspViolations.length) throw new Error(`CSP violations:\n${cspViolations.join('\n')}`);
  });

  await step('an orphan is listed with "Attach to selection", which places it on the editor\'s selection', async () => {
    const at = XSS_TEXT.indexOf(PLAIN_LINE);
    await gotoOffset(XSS_TEXT, at);
    await page.keyboard.press('Shift+End');
    await waitUntil('the line selected', async () => (await selectedCount()) === PLAIN_LINE.length);
    await panel.locator('.orphans .row', { hasText: XSS_ORPHAN }).locator('button', { hasText: 'Attach to selection' }).click();
    await waitUntil('the orphan placed on the selection', () => {
      const a = readSidecar(workspace, XSS_NAME)?.annotations.find((x) => x.id === 'xss-orphan');
      return a && a.status === undefined && a.target.exact === PLAIN_LINE && a.target.start === at;
    });
    await panel.locator('.orphans').waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
    await panel.locator('.row .quote', { hasText: PLAIN_LINE }).waitFor({ timeout: STEP_TIMEOUT });
  });

  const themes = [
    ['Default Light Modern', 'light', 'panel-light.png'],
    ['Default High Contrast', 'high-contrast', 'panel-high-contrast.png'],
    ['Default Dark Modern', 'dark', 'panel-dark.png'],
  ];
  for (const [theme, kind, file] of themes) {
    await step(`in ${theme} the panel takes the theme's colours (screenshot ${file})`, async () => {
      if (!(await page.locator('.editor-group-container .tab.active', { hasText: docName }).count())) await openFile(docName);
      await panel.locator('.doc-title', { hasText: model.title.slice(0, 40) }).waitFor({ timeout: STEP_TIMEOUT });
      // Preferences: Color Theme, then the theme by its label ("Light Modern" for "Default Light Modern").
      const input = await palette('>Preferences: Color Theme');
      const command = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Color Theme' }).filter({ hasNotText: /Browse|Icon|Product/ }).first();
      await command.click();
      await page.locator('.quick-input-widget input[placeholder*="Theme" i]').waitFor({ timeout: STEP_TIMEOUT });
      const label = theme === 'Default High Contrast' ? 'Dark High Contrast' : theme.replace(/^Default /, '');
      await input.fill(label);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: STEP_TIMEOUT });
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
      await page.locator(`.monaco-workbench.${{ light: 'vs', dark: 'vs-dark', 'high-contrast': 'hc-black' }[kind]}`).waitFor({ timeout: STEP_TIMEOUT });
      const frame = await panelFrame();
      await waitUntil(`the webview body class vscode-${kind}`, () => frame.evaluate((k) => document.body.classList.contains(`vscode-${k}`), kind));
      const colors = await frame.evaluate(() => {
        const row = document.querySelector('.row');
        return { fg: getComputedStyle(document.body).color, row: row ? getComputedStyle(row).color : '' };
      });
      const [r, g, b] = colors.fg.match(/\d+/g).map(Number);
      const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      if (kind === 'light' ? luminance > 0.5 : luminance < 0.5) throw new Error(`foreground ${colors.fg} does not suit a ${kind} theme`);
      await rowOf(quoteText.slice(0, 40)).click();
      await panel.locator('.item.selected textarea.note').waitFor({ timeout: STEP_TIMEOUT });
      if (kind === 'high-contrast') {
        // High contrast draws borders instead of fills: the selected row has a visible one.
        const border = await (await panelFrame()).evaluate(() => getComputedStyle(document.querySelector('.item.selected > .row')).borderTopColor);
        if (/rgba\(0, 0, 0, 0\)|transparent/.test(border)) throw new Error(`the selected row has no border in high contrast (${border})`);
      }
      await screenshot(file);
    });
  }
});
