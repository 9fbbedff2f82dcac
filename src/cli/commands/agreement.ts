/**
 * `seed-annotator agreement PATH [--tag T]… [--annotators A,B,…] [--json] [--tags FILE]`: how far the annotators
 * of the sidecars under PATH agree — span precision/recall/F1 (exact and overlapping) per tag and pair,
 * Krippendorff's unitizing α, and per enum attribute percent agreement, Cohen's κ, Fleiss' κ and Krippendorff's α;
 * documents ranked by agreement. The measures are core/team/agreement's.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, type Problem } from '../../core/annotations/problems';
import { TAG_SET_FILE_NAME } from '../../core/annotations/schema';
import { computeAgreement, type AgreementDocument, type AgreementReport, type SpanScores } from '../../core/team/agreement/index';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, type CliCommand } from '../command';
import type { CliIo } from '../io';
import { display, sidecarsAt } from '../sidecarFiles';
import { loadSidecarDocument, loadTagSet } from './export';

const USAGE = `Usage: ${PROGRAM} agreement PATH [--tag T]... [--annotators A,B,...] [--json]

Measures how far the annotators (the authors of the annotations) of the sidecars
under PATH (a folder, searched recursively, or one document) agree.

Per tag and per pair of annotators A, B (A taken as the reference):
  exact    precision, recall and F1 of spans with the same start and end
  overlap  the same for overlapping spans, matched one to one: equal spans
           first, then the pairs with the largest overlap (ties: the closest
           ends, then text order); spans that only touch do not overlap
Per tag: Krippendorff's unitizing alpha (alpha_u) of where the spans are, over
the documents every annotator took part in, laid end to end.
Per enum attribute of a tag, over the matched spans (units of at least two
annotators): percent agreement, Cohen's kappa (exactly two annotators),
Fleiss' kappa, Krippendorff's alpha (nominal; a missing value is allowed).
Documents are listed least agreement (exact F1) first; a document whose curation
is complete is marked (curated) ("curated": true in JSON).

An annotator takes part in a document when they annotated it or set its status
to in progress or done; a pair is scored on the documents both took part in.
Gold (curated) annotations and annotations that cannot be placed in the current
text are left out. A measure that is undefined (one annotator, no variation) is
null in JSON and '-' in text.

Options:
  --tag T             only tag T (repeat for more tags)
  --annotators A,B    only these annotators (comma-separated)
  --json              print the report as JSON:
                      {"annotators", "tags": {T: {"pairs": [{"a", "b", "exact":
                      {"tp","fp","fn","precision","recall","f1"}, "overlap"}],
                      "alphaU", "attributes": {ATTR: {"units": [{"document",
                      "start", "end", "values"}], "percent", "cohenKappa",
                      "fleissKappa", "krippendorffAlpha", "values",
                      "coincidence"}}}}, "documents": [{"file", "f1",
                      "overlapF1", "annotators", "units", "disagreements",
                      "curated"}], "progress": {A: {"todo", "in-progress",
                      "done", "annotations"}}}
  --tags FILE         the tag set (which attributes are enums), instead of the
                      ${TAG_SET_FILE_NAME} of PATH or a folder above it
  -h, --help          show this help

Exit status: 0 measured, 1 some sidecars or documents could not be read (the
rest is measured; each problem is one line on stderr), 2 bad usage.
`;

interface AgreementArgs {
  target: string;
  tags: string[];
  annotators?: string[];
  json: boolean;
  tagsFile?: string;
}

function parseArgs(args: readonly string[]): AgreementArgs | 'help' {
  const out: AgreementArgs = { target: '', tags: [], json: false };
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (name === '--tag' || name === '--annotators' || name === '--tags') {
      const value = eq > 0 && name !== arg ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`agreement: ${name} needs a value`, 'agreement');
      if (name === '--tag') out.tags.push(value);
      else if (name === '--tags') out.tagsFile = value;
      else {
        const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
        if (names.length === 0) throw new UsageError('agreement: --annotators needs at least one name', 'agreement');
        out.annotators = [...(out.annotators ?? []), ...names];
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`, 'agreement');
    positionals.push(arg);
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'agreement: PATH is missing' : 'agreement: give one PATH', 'agreement');
  out.target = positionals[0]!;
  return out;
}

/** Reads the sidecars under `target` as agreement input; unreadable ones are reported in `problems`. */
export async function readAgreementDocuments(target: string, problems: Problem[]): Promise<{ root: string; documents: AgreementDocument[] }> {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch {
    throw new UsageError(`agreement: no such folder or file: ${target}`, 'agreement');
  }
  const root = isDirectory ? target : path.dirname(target);
  const documents: AgreementDocument[] = [];
  for (const sidecar of sidecarsAt(target, isDirectory)) {
    const doc = await loadSidecarDocument(sidecar, root, problems);
    if (!doc) continue;
    documents.push({
      file: doc.file, length: doc.text.length, annotations: doc.annotations, relations: doc.relations ?? [], statuses: doc.statuses ?? {},
      ...(doc.curation?.status === 'curated' ? { curated: true } : {}),
    });
  }
  return { root, documents };
}

export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary: 'measure how far annotators agree (span F1, alpha_u, kappa, alpha)',
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    const problems: Problem[] = [];
    const { root, documents } = await readAgreementDocuments(parsed.target, problems);
    const tagSet = loadTagSet(root, parsed.tagsFile, 'agreement');
    const report = computeAgreement(documents, {
      ...(parsed.tags.length ? { tags: parsed.tags } : {}),
      ...(parsed.annotators ? { annotators: parsed.annotators } : {}),
      tagOrder: tagSet.tags.map((t) => t.id),
      enumAttributes: (tag) => tagSet.tags.find((t) => t.id === tag)?.attributes.filter((a) => a.kind === 'enum').map((a) => a.id),
    });
    for (const p of problems) io.err(`${formatProblem(p)}\n`);
    io.out(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, display(parsed.target)));
    return problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};

const num = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));
const who = (name: string) => (name === '' ? '(no name)' : name);
const prf = (s: SpanScores) => `${num(s.precision)} ${num(s.recall)} ${num(s.f1)}  (${s.tp}/${s.fp}/${s.fn})`;

/** The report as text for a terminal. */
export function formatReport(report: AgreementReport, shown: string): string {
  const lines: string[] = [];
  lines.push(`Agreement in ${shown}: ${report.documents.length} document(s), annotators ${report.annotators.map(who).join(', ') || '(none)'}`);
  if (report.annotators.length < 2) lines.push('Fewer than two annotators: nothing to compare.');
  for (const [tag, t] of Object.entries(report.tags)) {
    lines.push('', `${tag}  alpha_u ${num(t.alphaU)}`);
    if (t.pairs.length) lines.push('  pair                      exact P R F1 (tp/fp/fn)          overlap P R F1 (tp/fp/fn)');
    for (const p of t.pairs) lines.push(`  ${`${who(p.a)} / ${who(p.b)}`.padEnd(24)}  ${prf(p.exact).padEnd(33)} ${prf(p.overlap)}`);
    for (const [attr, a] of Object.entries(t.attributes)) {
      lines.push(
        `  ${attr}: ${a.units.length} unit(s), percent ${num(a.percent)}, Cohen's kappa ${num(a.cohenKappa)}, Fleiss' kappa ${num(a.fleissKappa)}, Krippendorff's alpha ${num(a.krippendorffAlpha)}`,
      );
    }
  }
  lines.push('', 'Documents, least agreement first (exact F1, overlap F1, disagreements/units):');
  for (const d of report.documents) {
    lines.push(`  ${num(d.f1, 2).padStart(5)} ${num(d.overlapF1, 2).padStart(5)} ${`${d.disagreements}/${d.units}`.padStart(7)}  ${d.file}${d.curated ? '  (curated)' : ''}`);
  }
  lines.push('', 'Progress (to do / in progress / done, annotations):');
  for (const [name, p] of Object.entries(report.progress)) lines.push(`  ${who(name).padEnd(24)} ${p.todo} / ${p['in-progress']} / ${p.done}, ${p.annotations}`);
  return `${lines.join('\n')}\n`;
}
