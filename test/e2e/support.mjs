// The frame the UI end-to-end runs share: their options, the .vsix, code-server and chromium, steps with failure
// screenshots, the whole-run timeout and the closing `N passed, N failed` line.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT, copySeeds, elapsed, extensionHostErrors, installVsix, launchChromium, log, makeTmp, onTermination, run, startCodeServer, tail,
  workbenchUrl, writeUserSettings,
} from '../../scripts/harness/lib.mjs';

/** How long one wait for the workbench may take. */
export const STEP_TIMEOUT = 30_000;

/**
 * Starts one e2e run: reads --screenshots, --keep and --timeout SECONDS (whole run, default 300), removes the
 * `<failurePrefix>-N.png` of an earlier run and arms the timeout. `label` tags its error lines, `tmpName` its folder.
 */
export function e2eRun({ label, tmpName, failurePrefix }) {
  const { values: opts } = parseArgs({ options: {
    screenshots: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '300' },
  } });
  if (opts.keep) process.env.SEED_HARNESS_KEEP = '1';
  const shotDir = opts.screenshots ? path.join(ROOT, 'media', 'screenshots') : path.join(ROOT, 'out', 'e2e', 'screenshots');
  const failDir = path.join(ROOT, 'out', 'e2e');
  const oldFailure = new RegExp(`^${failurePrefix}-\\d+\\.png$`);
  for (const f of fs.existsSync(failDir) ? fs.readdirSync(failDir) : []) {
    if (oldFailure.test(f)) fs.rmSync(path.join(failDir, f)); // from an earlier run
  }
  const results = [];
  let server;
  let browser;
  let page;
  const tmp = makeTmp(tmpName);
  const tally = (moreFailed = 0) => `${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + moreFailed} failed`;
  onTermination(() => server?.killNow());
  const guard = setTimeout(() => {
    console.error(`[${label}] TIMEOUT: the run took longer than ${opts.timeout} s`);
    server?.killNow();
    console.log(tally(1));
    process.exit(124);
  }, Number(opts.timeout) * 1000);

  /** Runs one named check; a failure is recorded (with a screenshot of the page) and the run goes on. */
  async function step(name, fn) {
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true });
      console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      results.push({ name, ok: false });
      console.log(`  ✘ ${name}\n      ${String(e instanceof Error ? e.message : e).split('\n').join('\n      ')}`);
      if (page) {
        fs.mkdirSync(failDir, { recursive: true });
        const shot = path.join(failDir, `${failurePrefix}-${results.length}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`      screenshot: ${path.relative(ROOT, shot)}`);
      }
    }
  }

  /** Saves the page as `name` in the screenshot folder. */
  async function screenshot(name) {
    fs.mkdirSync(shotDir, { recursive: true });
    await page.mouse.move(1, 1); // no hover highlight or tooltip in the picture
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(shotDir, name) });
  }

  /** Builds the production bundle and the .vsix (`npm run package`: vsce runs `vscode:prepublish`); returns its size and summary. */
  async function packageVsix(out) {
    const logFile = path.join(tmp.dir, 'vsce.log');
    const fd = fs.openSync(logFile, 'w');
    const code = await run('npm', ['run', 'package', '--', '--out', out], { cwd: ROOT, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const text = fs.readFileSync(logFile, 'utf8');
    if (code !== 0 || !fs.existsSync(out)) throw new Error(`npm run package failed (exit ${code}):\n${tail(logFile, 40)}`);
    const m = /Packaged: .*\((\d+) files?, ([\d.]+ \w+)\)/.exec(text);
    return { files: m ? Number(m[1]) : NaN, size: fs.statSync(out).size, summary: m ? `${m[1]} files, ${m[2]}` : '?' };
  }

  /**
   * Installs the .vsix into a fresh code-server, opens a copy of seeds/ in chromium and returns the workspace, the page
   * and when code-server was started. `prepare(workspace)` runs before code-server starts, `settings` are written to
   * the user settings once it is up, `onPage(page)` runs before the workbench is loaded.
   */
  async function openWorkbench(tools, vsix, { prepare, settings, onPage } = {}) {
    await installVsix(tools, tmp.dir, vsix);
    const workspace = copySeeds(path.join(tmp.dir, 'seeds'));
    await prepare?.(workspace);
    const started = Date.now();
    server = await startCodeServer(tools, tmp.dir);
    if (settings) writeUserSettings(path.join(tmp.dir, 'ud'), settings);
    log(`code-server ${tools.versions.codeServer} (VS Code ${tools.versions.vscode}) up on ${server.host}, extension installed from the .vsix`);
    browser = await launchChromium(tools, tmp.dir);
    page = browser.pages()[0] ?? await browser.newPage();
    page.on('pageerror', (e) => console.log(`[workbench page error] ${e.message}`));
    onPage?.(page);
    // Only the navigation is awaited; workbenchLoaded() waits for the workbench itself (its `load` can take longer
    // than a goto timeout on a loaded machine).
    await page.goto(workbenchUrl(server, workspace), { waitUntil: 'commit', timeout: 120_000 });
    return { workspace, page, started };
  }

  /** Runs the steps in `body`, then closes chromium and code-server (their logs shown on failure), prints the tally and exits. */
  async function main(body) {
    let exitCode = 1;
    try {
      await body();
      exitCode = results.every((r) => r.ok) ? 0 : 1;
    } catch (e) {
      console.error(`[${label}] ${e?.exitCode ? e.message : e instanceof Error ? e.stack ?? e.message : e}`);
      results.push({ name: 'setup', ok: false });
      exitCode = e?.exitCode ?? 1;
    } finally {
      clearTimeout(guard);
      try { await browser?.close(); } catch { /* gone */ }
      await server?.stop();
      if (server && exitCode !== 0) {
        console.log(`----- code-server log (last 30 lines) -----\n${tail(server.logFile, 30)}\n-----`);
        const errors = extensionHostErrors(tmp.dir);
        if (errors.length) console.log(`----- extension host errors -----\n${errors.join('\n')}\n-----`);
      }
      tmp.cleanup();
      if (exitCode === 0) log(`screenshots in ${path.relative(ROOT, shotDir)}/`);
      log(`done in ${elapsed()}, exit ${exitCode}`);
      console.log(tally());
      process.exit(exitCode);
    }
  }

  return { tmp, step, screenshot, packageVsix, openWorkbench, main };
}

/** Waits until the workbench shows its activity bar and status bar. */
export async function workbenchLoaded(page) {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 180_000 }); // a loaded CI machine is slow to start it
  await page.locator('.part.statusbar').waitFor({ timeout: STEP_TIMEOUT });
}

/** Clicks the Seed Annotator container in the activity bar. */
export async function openSeedAnnotator(page) {
  const item = page.locator('.part.activitybar .action-item a.action-label[aria-label^="Seed Annotator"]').first();
  await item.waitFor({ timeout: STEP_TIMEOUT });
  await item.click();
}

/** Drags the mouse from (x, y) by (dx, dy), the way a person drags a sash. */
export async function drag(page, x, y, dx, dy) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
}

/** Polls `probe` until it returns something other than undefined, null or false; then a timeout naming `what`. */
export async function waitUntil(what, probe, timeout = STEP_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last !== undefined && last !== false && last !== null) return last;
    } catch (e) {
      last = String(e);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The sidecar of `name` in `dir`, parsed; undefined while it is missing or half written. */
export function readSidecar(dir, name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${name}.annotations.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What a person does with the workbench's palette and status bar. `pageOf` returns the page once it is open
 * (the runs open it inside their main function).
 */
export function workbenchActions(pageOf) {
  /** Opens the palette (F1) with `text` typed: `>Title` runs a command, `:L:C` goes to a line, a name opens a file. */
  async function palette(text) {
    const page = pageOf();
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await input.fill(text);
    return input;
  }

  /** Runs a command by its title; the command's own questions may follow in the same input (returned). */
  async function runFromPalette(title) {
    const input = await palette(`>${title}`);
    await pageOf().locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT });
    await pageOf().keyboard.press('Enter');
    return input;
  }

  async function openFile(name) {
    const page = pageOf();
    const input = await palette(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await page.locator('.editor-group-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_TIMEOUT });
  }

  /** Puts the cursor at a UTF-16 offset of the active editor's text (Go to Line/Column, 1-based). */
  async function gotoOffset(text, offset) {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    const input = await palette(`:${line}:${column}`);
    await pageOf().keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
    await pageOf().locator('.part.statusbar', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ timeout: STEP_TIMEOUT });
  }

  /** The status bar's "(N selected)" of the active editor. */
  async function selectedCount() {
    const text = await pageOf().locator('.part.statusbar').innerText();
    return Number(/\((\d+) selected\)/.exec(text)?.[1] ?? 0);
  }

  /** Picks the row of the open quick pick whose text contains `text`. */
  async function pick(text) {
    const row = pageOf().locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: STEP_TIMEOUT });
    await row.click();
  }

  /** "Export Annotations…" from the palette: the whole workspace as JSON Lines, saved to `out` through the save dialog. */
  async function exportWorkspaceAsJsonLines(out) {
    const page = pageOf();
    await runFromPalette('Seed Annotator: Export Annotations');
    // The formats load on first use (dist/exchange.js): wait for the scope question itself, then answer it from
    // the keyboard (a click could land on the palette's closing list).
    await page.locator('.quick-input-widget', { hasText: 'which documents?' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.type('Workspace');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'every document of the open folders' }).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.keyboard.press('Enter');
    await pick('JSON Lines');
    // The browser workbench's save dialog is a quick input holding a path: replace it with ours.
    await page.locator('.quick-input-widget', { hasText: 'Export Annotations: JSON Lines' }).waitFor({ timeout: STEP_TIMEOUT });
    await page.waitForFunction(() => /annotations\.jsonl$/.test(document.querySelector('.quick-input-widget input')?.value ?? ''), null, { timeout: STEP_TIMEOUT });
    await page.locator('.quick-input-widget input').fill(out);
    await page.keyboard.press('Enter');
  }

  return { palette, runFromPalette, openFile, gotoOffset, selectedCount, pick, exportWorkspaceAsJsonLines };
}
