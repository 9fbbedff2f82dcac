/** What differs between the desktop (Node) extension host and the web worker one (VS Code for the Web). */
export interface Platform {
  /** Which extension host this build runs in (logged at activation). */
  readonly host: 'node' | 'web worker';
  /** Whether this host can start a `git` process (false in the browser: git features are hidden there). */
  readonly canRunGit: boolean;
  /** Runs `git args…` in `cwd` (a local folder path); rejects where no process can run. */
  runGit(args: readonly string[], cwd: string, input?: string): Promise<GitResult>;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}
