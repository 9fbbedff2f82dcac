/**
 * `seed-annotator resolve PATH`: rebuilds a sidecar that git conflicted line by line (`<<<<<<<` markers) from git's
 * three stages (`:1:`, `:2:`, `:3:`), with the merge driver's merge; without stages, from the markers themselves.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/annotations/atomic';
import { isSidecarPath, sidecarPathFor } from '../../core/annotations/paths';
import { formatProblem } from '../../core/annotations/problems';
import { splitConflictMarkers, hasConflictMarkers } from '../../core/team/conflictMarkers';
import { describeConflicts, mergeSidecarTexts, type SidecarVersions } from '../../core/team/mergeDriver';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { git, repositoryRoot, unmergedStages } from '../git';
import { nodeSidecarFs } from '../node-fs';
import { display } from '../sidecarFiles';

const USAGE = `Usage: ${PROGRAM} resolve PATH

Rebuilds a sidecar that git merged line by line and left with conflict markers
(<<<<<<<): PATH is the sidecar or its document. The three versions come from
git's index (stage 1 the common ancestor, 2 ours, 3 theirs) and are merged by id
as '${PROGRAM} merge-driver' does; the result is written over PATH and, when no
item was changed differently on both sides, staged ('git add'). Outside a
merge, the versions are read from the markers in the file.

Options:
  -h, --help   show this help

Exit status: 0 resolved (or nothing to resolve), 1 resolved but items keep two
versions marked "conflict" (pick one in VS Code), 2 cannot be resolved.
`;

export const resolveCommand: CliCommand = {
  name: 'resolve',
  summary: 'rebuild a sidecar git left with conflict markers, merged by id',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args, ['-h', '--help'], 'resolve');
    if (flags.size > 0) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'resolve: missing PATH' : 'resolve: expected one PATH', 'resolve');
    const given = path.resolve(positionals[0]!);
    const file = isSidecarPath(given) ? given : sidecarPathFor(given);
    const label = display(file);
    const root = repositoryRoot(path.dirname(file));
    const stages = root === null ? null : unmergedStages(root, path.relative(root, file));
    let versions: SidecarVersions;
    if (stages) {
      if (stages.ours === null || stages.theirs === null) {
        io.err(`${PROGRAM}: ${label}: one side deleted the sidecar; keep the other with 'git checkout --${stages.ours === null ? 'theirs' : 'ours'}' (it keeps every annotation), then 'git add'\n`);
        return EXIT_USAGE;
      }
      versions = { base: stages.base, ours: stages.ours, theirs: stages.theirs };
    } else {
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`resolve: ${label} does not exist`, 'resolve');
      const text = readFileSync(file, 'utf8');
      if (!hasConflictMarkers(text)) {
        io.out(`${label}: no merge conflict to resolve\n`);
        return EXIT_OK;
      }
      const sides = splitConflictMarkers(text);
      if (!sides) {
        io.err(`${PROGRAM}: ${label}: the conflict markers are not well formed and git holds no stages for it; left untouched\n`);
        return EXIT_USAGE;
      }
      versions = sides;
    }
    const merged = mergeSidecarTexts(versions, label);
    if (!merged.ok) {
      for (const p of merged.problems) io.err(`${formatProblem(p)}\n`);
      io.err(`${PROGRAM}: ${label}: not resolved; left untouched\n`);
      return EXIT_USAGE;
    }
    await writeFileAtomic(nodeSidecarFs, file, new TextEncoder().encode(merged.text));
    const { annotations, relations } = merged.sidecar;
    io.out(`${label}: merged by id: ${annotations.length} annotations, ${relations.length} relations\n`);
    if (merged.conflicts.length > 0) {
      for (const line of describeConflicts(label, merged.conflicts)) io.err(`${line}\n`);
      return EXIT_FAILURE;
    }
    if (stages && root !== null) {
      const added = git(root, ['add', '--', path.relative(root, file)]);
      if (added.code === 0) io.out(`${label}: staged (git add)\n`);
      else io.err(`${PROGRAM}: ${label}: git add failed: ${added.stderr.trim()}\n`);
    }
    return EXIT_OK;
  },
};
