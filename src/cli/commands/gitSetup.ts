/**
 * `seed-annotator git-setup [DIR] [--command CMD]`: routes sidecars to the merge driver in `.gitattributes` and
 * configures the driver in the repository's own git config (not the user's global one).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GIT_ATTRIBUTE_LINE, mergeDriverConfig, shellQuote, withMergeAttribute } from '../../core/team/gitSetup';
import { EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { git, repositoryRoot } from '../git';

const USAGE = `Usage: ${PROGRAM} git-setup [DIR] [--command CMD]

Sets up the git repository holding DIR (default: the current folder) to merge
annotation sidecars with '${PROGRAM} merge-driver':
  - adds '${GIT_ATTRIBUTE_LINE}' to .gitattributes at the top of
    the repository (commit it, so that every clone routes sidecars to the driver);
  - sets merge.seed-annotator.name and merge.seed-annotator.driver in the
    repository's .git/config (each clone runs git-setup once: git never takes a
    driver command from a committed file).
Running it again changes nothing that is already set up.

Options:
  --command CMD   how git starts this CLI (default: this node and this script,
                  by absolute path; e.g. --command ${PROGRAM} when it is on PATH)
  -h, --help      show this help

Exit status: 0 set up, 2 DIR is not in a git repository or bad usage.
`;

/** The command that starts this CLI as it is running now (node, its loader flags, the script), shell-quoted. */
export function currentRunner(): string {
  return [process.execPath, ...process.execArgv, path.resolve(process.argv[1] ?? 'seed-annotator')].map(shellQuote).join(' ');
}

export const gitSetupCommand: CliCommand = {
  name: 'git-setup',
  summary: 'set up a git repository to merge sidecars with the merge driver',
  usage: USAGE,
  async run(args, io) {
    let runner: string | undefined;
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--command') {
        runner = args[++i];
        if (!runner) throw new UsageError('git-setup: --command needs CMD', 'git-setup');
      } else if (arg.startsWith('--command=')) runner = arg.slice('--command='.length);
      else rest.push(arg);
    }
    const { flags, positionals } = splitArgs(rest, ['-h', '--help'], 'git-setup');
    if (flags.size > 0) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length > 1) throw new UsageError('git-setup: expected at most one DIR', 'git-setup');
    const dir = path.resolve(positionals[0] ?? '.');
    if (!existsSync(dir)) throw new UsageError(`git-setup: ${dir} does not exist`, 'git-setup');
    const root = repositoryRoot(dir);
    if (root === null) {
      io.err(`${PROGRAM}: git-setup: ${dir} is not inside a git repository (or git is not installed)\n`);
      return EXIT_USAGE;
    }
    const attributesFile = path.join(root, '.gitattributes');
    const current = existsSync(attributesFile) ? readFileSync(attributesFile, 'utf8') : null;
    const next = withMergeAttribute(current);
    if (next !== null) {
      writeFileSync(attributesFile, next);
      io.out(`${attributesFile}: added '${GIT_ATTRIBUTE_LINE}'\n`);
    } else {
      io.out(`${attributesFile}: already routes sidecars to the merge driver\n`);
    }
    for (const [key, value] of mergeDriverConfig(runner ?? currentRunner())) {
      const r = git(root, ['config', '--local', key, value]);
      if (r.code !== 0) {
        io.err(`${PROGRAM}: git-setup: git config ${key} failed: ${r.stderr.trim()}\n`);
        return EXIT_USAGE;
      }
      io.out(`git config ${key} = ${value}\n`);
    }
    return EXIT_OK;
  },
};
