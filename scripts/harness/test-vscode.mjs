// Runs the extension-host suite (test/vscode, built to out/test/vscode) inside a REAL VS Code extension host,
// offline: code-server 4.139.1 (VS Code 1.139.1, Node 24) on 127.0.0.1 with a throw-away profile, its workbench
// opened in Debian chromium through playwright-core with the same extensionDevelopmentPath/extensionTestsPath
// that @vscode/test-electron passes, over a throw-away copy of seeds/ as the workspace.
// With --web the extension runs from its browser bundle in the web worker extension host (VS Code for the Web) and
// the suite is its web build (out/test/web: every test/vscode/*.test.ts without a `// @node-only` line).
// Usage: npm run test:vscode [-- --no-build] [--web] [--timeout SECONDS] [--grep PATTERN] [--keep] [--suite vscode-bench]
// Exit: 0 all passed; 1 a test failed; 124 the suite never reported back; 2 missing Debian packages (not root).
import fs from 'node:fs';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import {
  HARNESS_DIR, ROOT, WEB_WORKER_SETTINGS, copySeeds, elapsed, extensionHostErrors, launchChromium, log, makeTmp, mustRun, onTermination, startCodeServer, tail, workbenchUrl,
} from './lib.mjs';
import { ensureTools } from './provision.mjs';

const { values: opts } = parseArgs({ options: {
  'no-build': { type: 'boolean', default: false },
  timeout: { type: 'string' },   // seconds; default SEED_TEST_TIMEOUT, else 300 (600 with --web: a worker is slower)
  grep: { type: 'string' },
  suite: { type: 'string', default: 'vscode' },   // test/<suite>, built to out/test/<suite>/index.js
  keep: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  web: { type: 'boolean', default: false },
} });
const hostName = opts.web ? 'web worker extension host' : 'extension host';
if (opts.keep) process.env.SEED_HARNESS_KEEP = '1';

/** Workbench chatter that is not the suite's output (shown with --verbose). */
const NOISE = [
  /^Resolv(ing|ed) connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/, /^\[Service Worker\]/,
  /^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^\[AgentHost/, /^\[AccountPolicyGate\]/, /^DialogService: Dialog requested during smoke test/,
];
function isWorkbenchNoise(type, msg) {
  return type === 'trace' || NOISE.some((re) => re.test(msg));
}

const testsPath = path.join(ROOT, 'out', 'test', opts.web ? 'web' : opts.suite, 'index.js');
const logDir = path.join(HARNESS_DIR, 'logs');

let summary = null;   // the suite's own `N passed, N failed` line
let exitCode = 1;
let server;
let browser;
const tmp = makeTmp('test-vscode');
onTermination(() => { server?.killNow(); });

try {
  const tools = await ensureTools();
  if (!opts['no-build']) {
    log('building (scripts/build.mjs)');
    await mustRun(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  }
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} is missing: the build did not produce the suite`);
  const workspace = copySeeds(path.join(tmp.dir, 'seeds'));

  const suiteStart = Date.now();
  // The suites edit documents through the API: source documents stay writeable here. The read-only default is
  // asserted by its own test (which turns it on) and by the UI run.
  server = await startCodeServer(tools, tmp.dir, { smokeDriver: true, settings: { 'seedAnnotator.readOnlyDocuments': false, ...(opts.web ? WEB_WORKER_SETTINGS : {}) } });
  log(`code-server ${tools.versions.codeServer} (VS Code ${tools.versions.vscode}) up on ${server.host} (process group ${server.pid})`);
  const remote = (p) => `vscode-remote://${server.host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const grep = opts.grep ?? process.env.SEED_TEST_GREP;
  if (grep) payload.push(['extensionEnvironment', JSON.stringify({ SEED_TEST_GREP: grep })]);
  // A web worker has no environment: its runner (test/vscode-web/runner.ts) reads this file beside the workspace.
  if (opts.web) fs.writeFileSync(path.join(workspace, '..', 'seed-test-options.json'), JSON.stringify(grep ? { grep } : {}));

  browser = await launchChromium(tools, tmp.dir);
  const page = browser.pages()[0] ?? await browser.newPage();
  let finish;
  const finished = new Promise((resolve) => { finish = resolve; });
  // The workbench's smoke-test hooks: the extension host's console (mocha's reporter) arrives in
  // codeAutomationLog as printf-style arguments; codeAutomationExit(code) ends the run (0 = run() resolved).
  let ended = false; // workbench shutdown chatter after the run is not shown
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (ended) return;
    let msg;
    try { msg = format(...(Array.isArray(args) ? args : [args])); } catch { msg = String(args); }
    const m = /^(\d+) passed, (\d+) failed(, \d+ skipped)?\s*$/m.exec(msg);
    if (m) summary = m[0].trim();
    if (opts.verbose || !isWorkbenchNoise(type, msg)) console.log((opts.verbose ? `[${type}] ` : '') + msg.replace(/\s+$/, ''));
  });
  await page.exposeFunction('codeAutomationExit', (code) => { ended = true; finish(code); });
  page.on('pageerror', (e) => console.log(`[workbench page error] ${e.message}`));
  // Only the navigation is awaited: the page's `load` can take longer than a goto timeout on a loaded machine, and the
  // run ends when the suite reports (or --timeout).
  await page.goto(workbenchUrl(server, workspace, payload), { waitUntil: 'commit', timeout: 120_000 });
  log(`workbench loading ${workspace}; the suite runs in the ${hostName}`);

  const timeoutS = Number(opts.timeout ?? process.env.SEED_TEST_TIMEOUT ?? (opts.web ? 600 : 300));
  let timer;
  const result = await Promise.race([finished, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutS * 1000); })]);
  clearTimeout(timer);
  if (result === 'timeout') {
    console.error(`[harness] TIMEOUT: the suite did not report back within ${timeoutS} s`);
    exitCode = 124;
  } else {
    exitCode = result === 0 && summary ? 0 : 1;
    log(`${hostName} ended the run with code ${result} after ${((Date.now() - suiteStart) / 1000).toFixed(1)} s (suite incl. code-server start)`);
  }
} catch (e) {
  console.error(`[harness] ${e?.exitCode ? e.message : e instanceof Error ? e.stack ?? e.message : e}`);
  exitCode = e?.exitCode ?? 1;
} finally {
  try { await browser?.close(); } catch { /* already gone */ }
  await server?.stop();
  if (server) {
    fs.mkdirSync(logDir, { recursive: true });
    const kept = path.join(logDir, 'test-vscode.code-server.log');
    fs.copyFileSync(server.logFile, kept);
    if (exitCode !== 0) {
      console.log(`----- code-server log (last 30 lines; all in ${path.relative(ROOT, kept)}) -----\n${tail(kept, 30)}\n-----`);
      const errors = extensionHostErrors(tmp.dir);
      if (errors.length) console.log(`----- extension host errors -----\n${errors.join('\n')}\n-----`);
    }
  }
  tmp.cleanup();
  log(`done in ${elapsed()}, exit ${exitCode}`);
  // The closing count line, last: the suite's own, or a failure when the suite never reported one.
  console.log(summary && exitCode !== 124 ? summary : '0 passed, 1 failed');
  process.exit(exitCode);
}
