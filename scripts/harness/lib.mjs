// Shared pieces of the offline VS Code harness: throw-away folders, a code-server on loopback in its own
// process group, Debian chromium through playwright-core, and the closing `N passed, N failed` line.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where the harness installs its tools (ignored by git). SEED_HARNESS_DIR moves it. */
export const HARNESS_DIR = path.resolve(ROOT, process.env.SEED_HARNESS_DIR || '.vscode-test');
export const SEEDS_DIR = path.join(ROOT, 'seeds');

/** Chromium flags for this machine's closed network (no Google look-ups, no sandbox as root). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export function log(msg) {
  console.log(`[harness ${elapsed()}] ${msg}`);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh temporary folder; removed by `cleanup()` unless SEED_HARNESS_KEEP=1. */
export function makeTmp(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `seed-annotator-${prefix}-`));
  return {
    dir,
    cleanup() {
      if (process.env.SEED_HARNESS_KEEP === '1') log(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Copies the project's sample documents to `dest` (the tests create and delete files in the copy). */
export function copySeeds(dest) {
  fs.cpSync(SEEDS_DIR, dest, { recursive: true });
  return dest;
}

/** process.env without the variables `npm run` sets, so nested npm/node-gyp calls see their own config. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs a command; resolves with its exit code (never rejects on a non-zero exit). */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Like run(), but throws when the command fails. */
export async function mustRun(cmd, args, opts = {}) {
  const code = await run(cmd, args, opts);
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
}

/** Environment of a code-server: Node 24 first on PATH, XDG dirs inside `tmp`, no marketplace. */
export function codeServerEnv(tools, tmp) {
  return cleanEnv({
    PATH: `${tools.node24Bin}${path.delimiter}${process.env.PATH}`,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}',
  });
}

/** User settings of a throw-away profile: no welcome page, telemetry, updates, AI panel or trust prompt. */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': false,
    'window.commandCenter': false,
    ...extra,
  }, null, 2));
}

/** Installs a .vsix into the profile under `tmp` (`code-server --install-extension`). */
export async function installVsix(tools, tmp, vsix) {
  const out = path.join(tmp, 'install-extension.log');
  const fd = fs.openSync(out, 'w');
  const code = await run(tools.codeServer, [
    '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'), '--install-extension', vsix,
  ], { env: codeServerEnv(tools, tmp), stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const text = fs.readFileSync(out, 'utf8');
  if (code !== 0 || !/successfully installed/i.test(text)) {
    throw new Error(`code-server --install-extension failed (exit ${code}):\n${text}`);
  }
}

/**
 * Starts code-server on 127.0.0.1 with the profile under `tmp` (user data `tmp/ud`, extensions `tmp/ext`),
 * detached in its own process group; resolves once /healthz answers.
 */
export async function startCodeServer(tools, tmp, { port, smokeDriver = false, logFile = path.join(tmp, 'code-server.log'), settings = {} } = {}) {
  port ??= await freePort();
  const host = `127.0.0.1:${port}`;
  writeUserSettings(path.join(tmp, 'ud'), settings);
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(tools.codeServer, [
    '--bind-addr', host, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', path.join(tmp, 'ud'), '--extensions-dir', path.join(tmp, 'ext'),
    // Without the smoke-test driver the workbench ignores the extension-development/test payload.
    ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    '--log', 'info',
  ], { env: codeServerEnv(tools, tmp), stdio: ['ignore', fd, fd], detached: true });
  fs.closeSync(fd);
  let exited = false;
  const done = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));
  const server = {
    /** Resolves when code-server exits (with its exit code or signal). */
    done,
    host,
    port,
    pid: child.pid,
    logFile,
    baseUrl: `http://${host}`,
    /** Ends code-server and every process it spawned (its process group), nothing else. */
    async stop() {
      if (exited || !child.pid) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
    /** Kills the group at once (for process exit handlers, which cannot wait). */
    killNow() {
      if (!exited && child.pid) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${server.baseUrl}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (exited || Date.now() > deadline) {
      await server.stop();
      throw new Error(`code-server did not start on ${host}; its log:\n${tail(logFile, 40)}`);
    }
    await sleep(100);
  }
  return server;
}

/** Workbench URL opening `folder`, with an optional test payload (see run-ext-tests in the harness README). */
export function workbenchUrl(server, folder, payload) {
  let url = `${server.baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** Debian chromium driven by playwright-core (never `playwright install`), profile under `tmp`. */
export async function launchChromium(tools, tmp, options = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(path.join(tmp, 'chromium'), {
    executablePath: tools.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    ...options,
  });
}

/** Last `n` lines of a text file ('' if unreadable). */
export function tail(file, n) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/** `[error]` entries of the extension host logs of the profile under `tmp` (activation failures and the like). */
export function extensionHostErrors(tmp, max = 15) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/exthost\.log$/i.test(e.name)) {
        const lines = fs.readFileSync(p, 'utf8').split('\n');
        lines.forEach((line, i) => { if (/\[error\]/.test(line)) found.push([line, ...lines.slice(i + 1, i + 3)].join('\n')); });
      }
    }
  };
  walk(path.join(tmp, 'ud', 'logs'));
  return found.slice(0, max);
}

/** Runs `fn` once on SIGINT/SIGTERM/exit, then exits with 130/143 for signals. */
export function onTermination(fn) {
  let done = false;
  const once = () => { if (!done) { done = true; fn(); } };
  process.on('exit', once);
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.on(sig, () => { once(); process.exit(code); });
  }
}
