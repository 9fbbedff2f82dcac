/** Running git from the CLI (merge driver fallback, git-setup, resolve): argument arrays, never a shell. */
import { spawnSync } from 'node:child_process';

export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `git ARGS` in `cwd`; `code` is null when git could not be started. */
export function git(cwd: string, args: readonly string[], encoding: BufferEncoding = 'utf8'): GitResult {
  const r = spawnSync('git', args, { cwd, encoding, maxBuffer: 512 * 1024 * 1024 });
  if (r.error) return { code: null, stdout: '', stderr: r.error.message };
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The top folder of the repository holding `dir`, or null when it is not in one (or git is missing). */
export function repositoryRoot(dir: string): string | null {
  const r = git(dir, ['rev-parse', '--show-toplevel']);
  return r.code === 0 ? r.stdout.trim() : null;
}

export interface UnmergedStages {
  /** Stage 1 (common ancestor), 2 (ours), 3 (theirs): the blob text, null when the stage is absent. */
  base: string | null;
  ours: string | null;
  theirs: string | null;
}

/** Git's three stages of an unmerged path (relative to `root`), or null when the path is not unmerged. */
export function unmergedStages(root: string, relPath: string): UnmergedStages | null {
  const listed = git(root, ['ls-files', '-u', '-z', '--', relPath]);
  if (listed.code !== 0 || listed.stdout === '') return null;
  const stages: UnmergedStages = { base: null, ours: null, theirs: null };
  for (const record of listed.stdout.split('\0')) {
    const m = /^\d+ ([0-9a-f]+) ([123])\t/.exec(record);
    if (!m) continue;
    const blob = git(root, ['cat-file', 'blob', m[1]!]);
    if (blob.code !== 0) throw new Error(`git cat-file ${m[1]!} failed: ${blob.stderr.trim()}`);
    stages[m[2] === '1' ? 'base' : m[2] === '2' ? 'ours' : 'theirs'] = blob.stdout;
  }
  return stages;
}
