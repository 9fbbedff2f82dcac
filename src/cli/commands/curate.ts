/**
 * `seed-annotator curate PATH [--accept-agreed] [--min-annotators N] [--curator NAME]`: makes the gold
 * annotations of every unit the annotators agree on exactly, and reports what is left to curate per document.
 * Annotators' own annotations are never changed; an unreadable sidecar is never written.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/annotations/atomic';
import { formatProblem, issuesToProblems, type Problem } from '../../core/annotations/problems';
import { SidecarSchema } from '../../core/annotations/schema';
import { encodeSidecar, parseSidecar } from '../../core/annotations/sidecar';
import { acceptAgreedInSidecar, annotatorsOf, curationStatusOf, reviewUnits, unsettled, UNIT_KINDS, type ReviewUnit } from '../../core/curation/index';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { nodeSidecarFs } from '../node-fs';
import { display, sidecarsAt } from '../sidecarFiles';
import { loadTagSet, takeValues } from './export';

const USAGE = `Usage: ${PROGRAM} curate PATH [--accept-agreed] [--min-annotators N] [--curator NAME]

Adjudication: turns the annotators' work on the documents under PATH (a folder,
searched recursively, or one document or sidecar) into a gold standard, and
reports per document what is left to curate.

Options:
  --accept-agreed      make a gold annotation for every unit on which all
                       annotators (or N of them) agree exactly: same span,
                       tag and enum attributes
  --min-annotators N   how many annotators must agree (default: all the
                       annotators of the document; at least 2)
  --curator NAME       recorded as the gold annotations' author (default:
                       git's user.name for PATH, else empty)
  --tags FILE          the tag set (which attributes are enums)
  -h, --help           show this help

Gold annotations carry "curation": {"from": [the annotators' ids], "decision"};
the annotators' own annotations are never changed. A document is "curated"
once no unit is left. Export the result with 'export --gold'.
Exit status: 0 done, 1 some sidecars could not be read (left untouched), 2 bad usage.
`;

function gitUserName(dir: string): string {
  try {
    return execFileSync('git', ['config', 'user.name'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function leftSummary(left: readonly ReviewUnit[]): string {
  if (left.length === 0) return 'nothing left to curate';
  const counts = UNIT_KINDS.map((k) => [k, left.filter((u) => u.kind === k).length] as const).filter(([, n]) => n > 0);
  return `${left.length} unit${left.length === 1 ? '' : 's'} left (${counts.map(([k, n]) => `${n} ${k}`).join(', ')})`;
}

export const curateCommand: CliCommand = {
  name: 'curate',
  summary: 'adjudicate: accept what annotators agree on, report what is left',
  usage: USAGE,
  async run(args, io) {
    const { values, rest } = takeValues(args, ['--min-annotators', '--curator', '--tags'], 'curate');
    const { flags, positionals } = splitArgs(rest, ['-h', '--help', '--accept-agreed'], 'curate');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'curate: missing PATH' : 'curate: expected one PATH', 'curate');
    const target = positionals[0]!;
    let minAnnotators: number | undefined;
    if (values.has('--min-annotators')) {
      const raw = values.get('--min-annotators')!;
      minAnnotators = Number(raw);
      if (!/^\d+$/.test(raw) || minAnnotators < 2) throw new UsageError(`curate: --min-annotators must be a whole number of at least 2, not '${raw}'`, 'curate');
    }
    let stat;
    try {
      stat = statSync(target);
    } catch {
      throw new UsageError(`curate: no such folder or file: ${target}`, 'curate');
    }
    const root = stat.isDirectory() ? target : path.dirname(target);
    const tagSet = loadTagSet(root, values.get('--tags'), 'curate');
    const curator = values.get('--curator') ?? gitUserName(root);
    const acceptAgreed = flags.has('--accept-agreed');
    const problems: Problem[] = [];
    let accepted = 0;
    let curated = 0;
    let documents = 0;
    for (const file of sidecarsAt(target, stat.isDirectory())) {
      const shown = display(file);
      const read = parseSidecar(readFileSync(file, 'utf8'), shown);
      if (!read.ok) {
        problems.push(...read.problems, { file: shown, path: '(root)', severity: 'error', message: 'left untouched (it cannot be read or is read-only)' });
        continue;
      }
      documents++;
      let sidecar = read.sidecar;
      let left: ReviewUnit[];
      let made = 0;
      if (acceptAgreed) {
        const result = acceptAgreedInSidecar(sidecar, { curator, tagSet, ...(minAnnotators !== undefined ? { minAnnotators } : {}) });
        left = result.left;
        made = result.accepted;
        if (result.changed) {
          const checked = SidecarSchema.safeParse(result.sidecar);
          if (!checked.success) {
            problems.push(...issuesToProblems(shown, checked.error.issues, result.sidecar), { file: shown, path: '(root)', severity: 'error', message: 'not written: the result would not be a valid sidecar' });
            continue;
          }
          await writeFileAtomic(nodeSidecarFs, file, encodeSidecar(result.sidecar));
          sidecar = result.sidecar;
        }
      } else {
        left = unsettled(reviewUnits(sidecar.annotations, { tagSet, ...(minAnnotators !== undefined ? { minAnnotators } : {}) }));
      }
      accepted += made;
      const status = curationStatusOf(sidecar);
      if (status === 'curated') curated++;
      const annotators = annotatorsOf(sidecar.annotations).map((a) => a || '(no name)');
      io.out(`${shown}: ${acceptAgreed ? `${made} accepted; ` : ''}${leftSummary(left)} — ${status} (annotators: ${annotators.join(', ') || 'none'})\n`);
    }
    for (const p of problems) io.err(`${formatProblem(p)}\n`);
    io.out(`${acceptAgreed ? `accepted ${accepted} agreed unit${accepted === 1 ? '' : 's'}; ` : ''}${curated} of ${documents} document${documents === 1 ? '' : 's'} curated\n`);
    return problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};
