/**
 * The desktop extension host's platform: Node APIs allowed here and only here. The browser bundle
 * (scripts/build.mjs) resolves every import of this module to ./web instead, so nothing else under
 * src/vscode may import a Node module: put what needs one behind `Platform`.
 */
import { execFile } from 'node:child_process';
import type { GitResult, Platform } from './types';

export const platform: Platform = {
  host: 'node',
  canRunGit: true,
  runGit(args, cwd, input) {
    return new Promise<GitResult>((resolve, reject) => {
      const child = execFile('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(new Error(`git ${args.join(' ')}: ${error.message}`));
        else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  },
};
