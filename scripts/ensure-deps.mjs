// Runs `npm ci` when node_modules is missing, so `npm run try` and `npm test` work on a fresh clone by themselves.
// Uses only Node's own modules (nothing is installed yet when it runs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[seed-annotator] node_modules is missing: npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[seed-annotator] npm ci failed (exit ${result.status ?? result.signal}); fix that first, then run the command again.`);
    process.exit(result.status ?? 1);
  }
}
