// Entry of the extension-host suite, loaded by both runners as `extensionTestsPath`:
// the offline one (scripts/harness/test-vscode.mjs, code-server) and @vscode/test-electron
// (scripts/harness/test-electron.mjs). Runs every `*.test.js` beside it (built from test/vscode/*.test.ts)
// and prints a closing `N passed, N failed` line. SEED_TEST_GREP limits the run to matching test titles.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30_000 });
  if (process.env.SEED_TEST_GREP) mocha.grep(process.env.SEED_TEST_GREP);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (failed > 0) reject(new Error(`${failed} extension-host test(s) failed`));
      else if (passed === 0) reject(new Error(`no extension-host test ran (files: ${files.join(', ') || 'none'})`));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
  });
}
