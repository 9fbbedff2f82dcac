// The extension-host suite in VS Code's web worker extension host (scripts/harness/test-vscode.mjs --web): mocha's
// browser build, the test files bundled in (no file system to list them from), the same closing
// `N passed, N failed` line as test/vscode/index.ts. The grep comes from `seed-test-options.json` beside the
// workspace folder (a web worker has no environment variables).
import 'mocha/mocha.js';
import * as vscode from 'vscode';

declare const mocha: BrowserMocha;
interface BrowserMocha {
  setup(options: { ui: string; reporter: string; timeout: number; color: boolean }): void;
  grep(pattern: string | RegExp): void;
  run(done: (failures: number) => void): { on(event: string, listener: () => void): void };
}

async function testOptions(): Promise<{ grep?: string }> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return {};
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '..', 'seed-test-options.json'));
    return JSON.parse(new TextDecoder().decode(bytes)) as { grep?: string };
  } catch {
    return {};
  }
}

export async function runWebSuite(loadTests: () => void): Promise<void> {
  // Proof that this is the web worker host and not Node's: a worker global, no `require` of Node modules.
  if (typeof (globalThis as { importScripts?: unknown }).importScripts !== 'function') {
    throw new Error('the web suite is not running in a web worker extension host');
  }
  const extension = vscode.extensions.getExtension('seed-annotator.seed-annotator');
  if (extension?.extensionKind !== vscode.ExtensionKind.UI) {
    throw new Error(`Seed Annotator is not loaded in this web worker (extension kind ${String(extension?.extensionKind)})`);
  }
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 30_000, color: false });
  const { grep } = await testOptions();
  if (grep) mocha.grep(grep);
  loadTests();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run(() => {
      console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
      if (failed > 0) reject(new Error(`${failed} extension-host test(s) failed`));
      else if (passed === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
    runner.on('pass', () => passed++);
    runner.on('fail', () => failed++);
    runner.on('pending', () => skipped++);
  });
}
