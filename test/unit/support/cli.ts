// Runs the seed-annotator CLI from unit tests: in-process through the dispatcher, or spawned through the real entry point.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../../src/cli/cli';
import type { CliIo } from '../../../src/cli/io';

/** The repository root. */
export const root = path.resolve(import.meta.dirname, '../../..');

/** Runs the dispatcher in-process, capturing its output. */
export async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Runs the real entry point through tsx, as `seed-annotator ARGS` would. */
export function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let bundled: string | null = null;

/**
 * The CLI bundled from the current sources into a temporary file (esbuild, well under a second), for tests that
 * start many processes: `node <bundle>` starts far faster than tsx. Built once per test process.
 */
export async function cliBundle(): Promise<string> {
  if (bundled) return bundled;
  const esbuild = await import('esbuild');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'seed-cli-')), 'cli.cjs');
  await esbuild.build({ entryPoints: [path.join(root, 'src/cli/main.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'warning' });
  bundled = out;
  return out;
}
