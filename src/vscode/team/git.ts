/**
 * Running git from the extension host, where that is possible: a Node extension host (desktop, code-server), a
 * `file:` folder, a trusted workspace. In a browser extension host, a virtual folder or restricted mode, git is
 * never run and the callers fall back (the setting, asking, the conflict markers themselves).
 */
import * as vscode from 'vscode';

export interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
}

type ExecFile = typeof import('node:child_process').execFile;

function execFileOrNull(): ExecFile | null {
  try {
    // A Node extension host only: required lazily so that nothing else depends on it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node:child_process') as typeof import('node:child_process')).execFile;
  } catch {
    return null;
  }
}

/** True when git may run for `folder` here (Node host, file folder, trusted workspace). */
export function gitAllowed(folder: vscode.Uri): boolean {
  return folder.scheme === 'file' && vscode.workspace.isTrusted && execFileOrNull() !== null;
}

/** `git ARGS` in `cwd` (a file URI); null when git cannot run here or is not installed. */
export function runGit(cwd: vscode.Uri, args: readonly string[]): Promise<GitRun | null> {
  const execFile = execFileOrNull();
  if (!execFile || !gitAllowed(cwd)) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd: cwd.fsPath, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === 'string') resolve(null); // ENOENT: no git
      else resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The top folder of the git repository holding `folder`, or null. */
export async function repositoryRoot(folder: vscode.Uri): Promise<vscode.Uri | null> {
  const r = await runGit(folder, ['rev-parse', '--show-toplevel']);
  return r && r.code === 0 ? vscode.Uri.file(r.stdout.trim()) : null;
}

/** `node`, shell-quoted, as git should start the bundled CLI (Electron's binary runs as Node with ELECTRON_RUN_AS_NODE). */
export function cliRunner(extensionUri: vscode.Uri, quote: (s: string) => string): string {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  return `ELECTRON_RUN_AS_NODE=1 ${quote(process.execPath)} ${quote(script)}`;
}
