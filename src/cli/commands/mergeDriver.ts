/**
 * `seed-annotator merge-driver BASE OURS THEIRS [PATH]`: git's merge driver for sidecars (`%O %A %B %P`).
 * Merges by annotation and relation id, writes the result to OURS, exits 1 when an item was changed differently
 * on both sides (both versions kept, marked) so that git reports the conflict.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/annotations/atomic';
import { formatProblem } from '../../core/annotations/problems';
import { describeConflicts, mergeSidecarTexts } from '../../core/team/mergeDriver';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { git } from '../git';
import { nodeSidecarFs } from '../node-fs';

export const mergeDriverCommand: CliCommand = {
  name: 'merge-driver',
  summary: 'git merge driver for sidecars: 3-way merge by id (see git-setup)',
  usage: `Usage: ${PROGRAM} merge-driver BASE OURS THEIRS [PATH]

Merges three versions of an annotation sidecar the way git calls a merge
driver (%O %A %B %P), by annotation and relation id, and writes the result,
stably serialised, to OURS:
  - annotations and links added on either side are kept;
  - one deleted on one side is deleted, unless the other side changed it;
  - changes to different fields (attributes key by key) are combined;
  - a field both sides changed differently keeps both versions, each marked
    "conflict" (VS Code offers to keep one with a click), and exits 1.
PATH only names the file in messages. '${PROGRAM} git-setup' configures git to
call this for every *.annotations.json.

When a version is not a readable sidecar, nothing is guessed: git's own line
merge is written to OURS (with conflict markers) and the exit status is 1.

Options:
  -h, --help   show this help

Exit status: 0 merged, 1 conflict (git reports it), 2 bad usage.
`,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args, ['-h', '--help'], 'merge-driver');
    if (flags.size > 0) {
      io.out(this.usage);
      return EXIT_OK;
    }
    if (positionals.length < 3 || positionals.length > 4) throw new UsageError('merge-driver: expected BASE OURS THEIRS [PATH]', 'merge-driver');
    const [basePath, oursPath, theirsPath, named] = positionals as [string, string, string, string | undefined];
    const label = named ?? path.basename(oursPath);
    const read = (file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`merge-driver: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, 'merge-driver');
      }
    };
    const merged = mergeSidecarTexts({ base: read(basePath), ours: read(oursPath), theirs: read(theirsPath) }, label);
    if (!merged.ok) {
      for (const p of merged.problems) io.err(`${formatProblem(p)}\n`);
      const fallback = git(path.dirname(path.resolve(oursPath)), ['merge-file', '-L', 'ours', '-L', 'base', '-L', 'theirs', oursPath, basePath, theirsPath]);
      io.err(
        fallback.code === null
          ? `${label}: not merged by id; left as our version (git could not be run for a line merge)\n`
          : `${label}: not merged by id; git's line merge written with conflict markers\n`,
      );
      return EXIT_FAILURE;
    }
    await writeFileAtomic(nodeSidecarFs, oursPath, new TextEncoder().encode(merged.text));
    if (merged.conflicts.length === 0) return EXIT_OK;
    for (const line of describeConflicts(label, merged.conflicts)) io.err(`${line}\n`);
    return EXIT_FAILURE;
  },
};
