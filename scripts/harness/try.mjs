// Try the extension by hand: builds the .vsix (`npm run package`), installs it into the harness's code-server
// (VS Code 1.139.1 in the browser) with a throw-away profile, opens the project's seeds/ folder and prints the
// URL (127.0.0.1 only). Runs until Ctrl+C / SIGTERM, then stops code-server and removes the profile.
// Usage: npm run try [-- --port 8080] [--folder path]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, SEEDS_DIR, installVsix, log, makeTmp, mustRun, startCodeServer, workbenchUrl } from './lib.mjs';
import { ensureTools } from './provision.mjs';

const { values: opts } = parseArgs({ options: {
  port: { type: 'string' },
  folder: { type: 'string', default: SEEDS_DIR },
} });

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
  server = await startCodeServer(tools, tmp.dir, { port: opts.port ? Number(opts.port) : undefined });
  const folder = path.resolve(opts.folder);
  log(`installed ${path.basename(vsix)} into code-server ${tools.versions.codeServer} (VS Code ${tools.versions.vscode})`);
  console.log(`\n  Open ${workbenchUrl(server, folder)}\n  (folder ${folder}; code-server log ${server.logFile})\n  Ctrl+C stops it.\n`);
  const how = await server.done; // runs until a signal stops us, or code-server ends by itself
  if (!stopping) {
    console.error(`[try] code-server exited by itself (${how}); its log: ${server.logFile}`);
    await stop(1);
  }
} catch (e) {
  console.error(`[try] ${e instanceof Error ? e.message : e}`);
  await stop(1);
}
