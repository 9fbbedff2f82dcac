// Try the extension by hand: builds the .vsix (`npm run package`), installs it into the harness's code-server
// (VS Code 1.139.1 in the browser) with a throw-away profile, opens a fresh copy of the sample documents (seeds/)
// in a scratch folder and prints the URL (127.0.0.1 only). Runs until Ctrl+C / SIGTERM, then stops code-server
// and removes the profile and the scratch copy.
// Usage: npm run try [-- --port 8123] [--here | --folder path]
//   --port N     the port to listen on (default 8123: the same address every time)
//   --here       open the repository's own seeds/ (sidecars and exports you make stay there)
//   --folder P   open another folder
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, SEEDS_DIR, copySeeds, installVsix, log, makeTmp, mustRun, startCodeServer, workbenchUrl } from './lib.mjs';
import { ensureTools } from './provision.mjs';

export const DEFAULT_PORT = 8123;

const { values: opts } = parseArgs({ options: {
  port: { type: 'string', default: String(DEFAULT_PORT) },
  here: { type: 'boolean', default: false },
  folder: { type: 'string' },
} });
const port = Number(opts.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`[try] --port ${opts.port}: not a port number (1–65535)`);
  process.exit(2);
}

/** Whether 127.0.0.1:port can be listened on (checked first: a code-server already there would answer for ours). */
function portFree(p) {
  return new Promise((resolve) => {
    const probe = net.createServer().once('error', () => resolve(false)).once('listening', () => probe.close(() => resolve(true)));
    probe.listen(p, '127.0.0.1');
  });
}
if (!(await portFree(port))) {
  console.error(`[try] 127.0.0.1:${port} is in use. Is another \`npm run try\` running? Stop it, or pick another port: npm run try -- --port ${port + 1}`);
  process.exit(2);
}

const tools = await ensureTools().catch((e) => {
  console.error(`[try] ${e instanceof Error ? e.message : e}`);
  process.exit(e?.exitCode ?? 1);
});
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const vsix = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
log('npm run package');
await mustRun('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
const tmp = makeTmp('try');
let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping code-server');
  await server?.stop();
  tmp.cleanup();
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('exit', () => server?.killNow());
try {
  await installVsix(tools, tmp.dir, vsix);
  const folder = opts.folder ? path.resolve(opts.folder) : opts.here ? SEEDS_DIR : copySeeds(path.join(tmp.dir, 'seeds'));
  server = await startCodeServer(tools, tmp.dir, { port });
  log(`installed ${path.basename(vsix)} into code-server ${tools.versions.codeServer} (VS Code ${tools.versions.vscode})`);
  const where = opts.folder ? 'your folder' : opts.here ? "the repository's seeds/ (--here)" : 'a fresh copy of seeds/, removed when you stop';
  console.log(`\n  Open ${workbenchUrl(server, folder)}\n  (${where}: ${folder}; code-server log ${server.logFile})\n  Ctrl+C stops it.\n`);
  const how = await server.done; // runs until a signal stops us, or code-server ends by itself
  if (!stopping) {
    console.error(`[try] code-server exited by itself (${how}); its log: ${server.logFile}`);
    await stop(1);
  }
} catch (e) {
  console.error(`[try] ${e instanceof Error ? e.message : e}`);
  await stop(1);
}
