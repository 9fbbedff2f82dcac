// Runs the same extension-host suite (out/test/vscode/index.js) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (this project's offline machines cannot: use `npm run test:vscode`).
// Usage: npm run test:electron [-- --version 1.90.0] [--no-build] [--grep PATTERN]   (VSCODE_EXECUTABLE=path: no download)
// VS Code is cached in .vscode-test/vscode-* by test-electron; on Linux without a display run it under xvfb-run.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { ROOT, copySeeds, log, makeTmp, mustRun } from './lib.mjs';

const { values: opts } = parseArgs({ options: {
  version: { type: 'string', default: process.env.VSCODE_TEST_VERSION || 'stable' },
  'no-build': { type: 'boolean', default: false },
  grep: { type: 'string' },
} });

const tmp = makeTmp('test-electron');
let code = 1;
try {
  if (!opts['no-build']) await mustRun(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  const extensionTestsPath = path.join(ROOT, 'out', 'test', 'vscode', 'index.js');
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`${extensionTestsPath} is missing: the build did not produce the suite`);
  const workspace = copySeeds(path.join(tmp.dir, 'seeds'));
  log(`VS Code ${opts.version} via @vscode/test-electron, workspace ${workspace}`);
  code = await runTests({
    version: opts.version,
    // A VS Code already on this machine (skips the download), e.g. /usr/share/code/code.
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    extensionTestsEnv: opts.grep ? { SEED_TEST_GREP: opts.grep } : {},
    // The first launch argument is the folder to open; throw-away profile; no other extensions.
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(tmp.dir, 'ud')}`,
      `--extensions-dir=${path.join(tmp.dir, 'ext')}`,
    ],
  });
} catch (e) {
  // runTests rejects (TestRunFailedError) when VS Code exits non-zero, i.e. when a test failed.
  console.error(`[harness] ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  tmp.cleanup();
}
// The suite prints its own `N passed, N failed` line through VS Code's stdout.
process.exit(code);
