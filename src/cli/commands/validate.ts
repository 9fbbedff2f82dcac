/**
 * `seed-annotator validate PATH [--json] [--tags FILE]`: checks annotation sidecars without
 * writing anything. Problems go to stderr, one per line; stdout has a summary, or with --json
 * the re-anchoring status of every annotation.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { reanchorAll } from '../../core/annotations/anchor';
import { sha256Hex } from '../../core/annotations/hash';
import { documentPathForSidecar } from '../../core/annotations/paths';
import { formatProblem, type Problem } from '../../core/annotations/problems';
import { TAG_SET_FILE_NAME, type TagSet } from '../../core/annotations/schema';
import { parseSidecar } from '../../core/annotations/sidecar';
import { DEFAULT_TAG_SET, parseTagSet, validateSidecarTags } from '../../core/annotations/tags';
import { DocumentReadError } from '../../core/text';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import type { CliIo } from '../io';
import { readDocumentFile } from '../readDocument';
import { display, sidecarsAt } from '../sidecarFiles';
import { STALE_TEMP_MS, findLeftovers, linkProblem } from '../fileSafety';

const USAGE = `Usage: ${PROGRAM} validate PATH [--json] [--tags FILE]

Checks the annotation sidecars (<document>.annotations.json) of PATH: a folder
(searched recursively), a document, or a sidecar. Writes nothing.

Checked: JSON syntax, the sidecar format (version 1), that the document exists and
can be read, the tags and attributes of every annotation against the tag set
(${TAG_SET_FILE_NAME} in the sidecar's folder or the nearest folder above it,
else the default tags claim, quote, source), and where each annotation is in the
document's current text (re-anchoring).

Each problem is one line on stderr:
  <sidecar file>: <field.path>: <message>
  <sidecar file>:<line>:<column>: <message>      (invalid JSON)
Warnings (e.g. an attribute the tag does not define, an annotation that cannot be
placed in the current text) say 'warning:' and do not fail the check.

Options:
  --json        print on stdout, for every annotation of a valid sidecar, after
                re-anchoring against the current document text:
                {"file", "id", "status", "start", "end"}, status being
                anchored (unchanged), moved or orphaned (start/end: last known)
  --tags FILE   check tags against FILE instead of looking for ${TAG_SET_FILE_NAME}
  -h, --help    show this help

Symbolic links are followed inside PATH only; one pointing outside is reported.
Temp files left by interrupted writes are listed as warnings.

Exit status: 0 all sidecars valid, 1 problems found, 2 PATH missing or bad usage.
`;

interface AnchorLine {
  file: string;
  id: string;
  status: 'anchored' | 'moved' | 'orphaned';
  start: number;
  end: number;
}

class TagSets {
  private readonly cache = new Map<string, { tagSet: TagSet | null; file: string | null }>();
  readonly problems: Problem[] = [];

  constructor(private readonly fixed: { tagSet: TagSet | null; file: string } | null) {}

  /** The tag set for a sidecar in `dir` (null: the tag set file is invalid, skip tag checks). */
  forFolder(dir: string): TagSet | null {
    if (this.fixed) return this.fixed.tagSet;
    return this.lookup(path.resolve(dir)).tagSet;
  }

  private lookup(dir: string): { tagSet: TagSet | null; file: string | null } {
    const cached = this.cache.get(dir);
    if (cached) return cached;
    const candidate = path.join(dir, TAG_SET_FILE_NAME);
    let found: { tagSet: TagSet | null; file: string | null };
    if (existsSync(candidate)) {
      found = { tagSet: loadTagSet(candidate, display(candidate), this.problems), file: candidate };
    } else {
      const parent = path.dirname(dir);
      found = parent === dir ? { tagSet: DEFAULT_TAG_SET, file: null } : this.lookup(parent);
    }
    this.cache.set(dir, found);
    return found;
  }
}

function loadTagSet(file: string, shown: string, problems: Problem[]): TagSet | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${(error as Error).message}` });
    return null;
  }
  const r = parseTagSet(text, shown);
  if (!r.ok) {
    problems.push(...r.problems);
    return null;
  }
  return r.tagSet;
}

interface Totals {
  sidecars: number;
  annotations: number;
  errors: number;
  warnings: number;
}

async function checkSidecar(file: string, root: string, tagSets: TagSets, io: CliIo, json: AnchorLine[] | null, totals: Totals): Promise<void> {
  const shown = display(file);
  const report = (problems: Problem[]): void => {
    for (const p of problems) {
      if (p.severity === 'warning') totals.warnings++;
      else totals.errors++;
      io.err(`${formatProblem(p)}\n`);
    }
  };
  totals.sidecars++;
  const link = linkProblem(file, root) ?? linkProblem(documentPathForSidecar(file)!, root);
  if (link !== null) {
    report([{ file: shown, path: '(root)', severity: 'error', message: link }]);
    return;
  }
  let jsonText: string;
  try {
    jsonText = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (error) {
    const reason = error instanceof TypeError ? 'not valid UTF-8' : (error as Error).message;
    report([{ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${reason}` }]);
    return;
  }
  const parsed = parseSidecar(jsonText, shown);
  if (!parsed.ok) {
    report(parsed.problems);
    return;
  }
  const sidecar = parsed.sidecar;
  totals.annotations += sidecar.annotations.length;
  const problems: Problem[] = [];
  const tagSet = tagSets.forFolder(path.dirname(file));
  if (tagSet) problems.push(...validateSidecarTags(sidecar, tagSet, shown));

  const docPath = documentPathForSidecar(file)!;
  const docName = path.basename(docPath);
  if (sidecar.document.file !== docName) {
    problems.push({
      file: shown,
      path: 'document.file',
      severity: 'warning',
      message: `says '${sidecar.document.file}' but the sidecar belongs to '${docName}'`,
    });
  }
  if (!existsSync(docPath)) {
    problems.push({ file: shown, path: 'document.file', severity: 'error', message: `the document is missing: no file ${display(docPath)}` });
    report(problems);
    return;
  }
  let text: string;
  try {
    text = readDocumentFile(docPath);
  } catch (error) {
    const message = error instanceof DocumentReadError ? error.reason : (error as Error).message;
    problems.push({ file: shown, path: 'document.file', severity: 'error', message: `the document ${display(docPath)} cannot be read: ${message}` });
    report(problems);
    return;
  }
  const unchanged = text.length === sidecar.document.length && (await sha256Hex(text)) === sidecar.document.sha256;
  const results = reanchorAll(
    text,
    sidecar.annotations.map((a) => a.target),
    unchanged ? {} : { oldLength: sidecar.document.length },
  );
  results.forEach((r, i) => {
    const a = sidecar.annotations[i]!;
    if (r.status === 'orphaned') {
      problems.push({
        file: shown,
        path: `annotations.${i}`,
        severity: 'warning',
        message: `'${a.id}' cannot be placed in the current text of ${display(docPath)} (orphaned): ${JSON.stringify(clip(a.target.exact))}`,
      });
    }
    json?.push({ file: display(docPath), id: a.id, status: r.status, start: r.target.start, end: r.target.end });
  });
  report(problems);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check annotation sidecars (and where their annotations are now)',
  usage: USAGE,
  async run(args, io) {
    // --tags takes a value; the other options are flags.
    const rest: string[] = [];
    let tagsFile: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--tags') {
        tagsFile = args[++i];
        if (tagsFile === undefined) throw new UsageError('validate: --tags needs a FILE', 'validate');
      } else if (arg.startsWith('--tags=')) {
        tagsFile = arg.slice('--tags='.length);
      } else {
        rest.push(arg);
      }
    }
    const { flags, positionals } = splitArgs(rest, ['-h', '--help', '--json'], 'validate');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'validate: missing PATH' : 'validate: expected one PATH', 'validate');
    }
    const target = positionals[0]!;
    let stat;
    try {
      stat = statSync(target);
    } catch {
      io.err(`${PROGRAM}: validate: no such file or folder: ${target}\n`);
      return EXIT_USAGE;
    }
    let fixed: { tagSet: TagSet | null; file: string } | null = null;
    const early: Problem[] = [];
    if (tagsFile !== undefined) {
      if (!existsSync(tagsFile)) {
        io.err(`${PROGRAM}: validate: no such tag set file: ${tagsFile}\n`);
        return EXIT_USAGE;
      }
      fixed = { tagSet: loadTagSet(tagsFile, display(tagsFile), early), file: tagsFile };
    }
    const sidecars = sidecarsAt(target, stat.isDirectory());

    const tagSets = new TagSets(fixed);
    const totals: Totals = { sidecars: 0, annotations: 0, errors: 0, warnings: 0 };
    const json: AnchorLine[] | null = flags.has('--json') ? [] : null;
    for (const p of early) {
      totals.errors++;
      io.err(`${formatProblem(p)}\n`);
    }
    // Temp files and locks left by interrupted writes (import removes those older than 10 minutes).
    for (const left of stat.isDirectory() ? findLeftovers(target, 0) : []) {
      totals.warnings++;
      const minutes = Math.floor(left.ageMs / 60_000);
      io.err(`${formatProblem({ file: display(left.file), path: '(root)', severity: 'warning', message: `left by an interrupted write of ${path.basename(left.target)} ${minutes} min ago; ${left.ageMs >= STALE_TEMP_MS ? 'removed by the next import' : 'a write may still be under way'}` })}\n`);
    }
    for (const file of sidecars) {
      const before = tagSets.problems.length;
      await checkSidecar(file, stat.isDirectory() ? target : path.dirname(target), tagSets, io, json, totals);
      for (const p of tagSets.problems.slice(before)) {
        totals.errors++;
        io.err(`${formatProblem(p)}\n`);
      }
    }
    if (json) {
      io.out(json.length === 0 ? '[]\n' : `[\n${json.map((line) => JSON.stringify(line)).join(',\n')}\n]\n`);
    } else {
      const what = `${totals.sidecars} sidecar${totals.sidecars === 1 ? '' : 's'}, ${totals.annotations} annotation${totals.annotations === 1 ? '' : 's'}`;
      const verdict =
        totals.errors === 0
          ? `valid${totals.warnings > 0 ? ` (${totals.warnings} warning${totals.warnings === 1 ? '' : 's'})` : ''}`
          : `${totals.errors} problem${totals.errors === 1 ? '' : 's'}${totals.warnings > 0 ? `, ${totals.warnings} warning${totals.warnings === 1 ? '' : 's'}` : ''}`;
      io.out(`${what}: ${verdict}\n`);
    }
    return totals.errors > 0 ? EXIT_FAILURE : EXIT_OK;
  },
};
