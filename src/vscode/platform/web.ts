/** The web worker extension host's platform (VS Code for the Web): no processes, so no git. */
import type { Platform } from './types';

export const platform: Platform = {
  host: 'web worker',
  canRunGit: false,
  runGit(args) {
    return Promise.reject(new Error(`git ${args.join(' ')}: git cannot run in VS Code for the Web; use a desktop VS Code or the command line`));
  },
};
