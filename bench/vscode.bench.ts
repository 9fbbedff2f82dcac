/**
 * Benches that need the real VS Code: runs test/vscode-bench in the extension host through the offline harness
 * (provisioned into .vscode-test/ on first use) and prints its `bench:` lines.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Bench } from './harness';

const root = path.resolve(__dirname, '..');

export const vscodeBench: Bench = {
  name: 'vscode',
  run({ log }) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('build failed');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/harness/test-vscode.mjs'), '--no-build', '--suite', 'vscode-bench'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = `${result.stdout}\n${result.stderr}`.split('\n');
    const figures = lines.filter((line) => line.startsWith('bench: ')).map((line) => line.slice('bench: '.length));
    for (const line of figures) log(line);
    if (result.status !== 0 || figures.length === 0) {
      log(lines.slice(-30).join('\n'));
      throw new Error(`the VS Code bench failed (exit ${result.status})`);
    }
  },
};
