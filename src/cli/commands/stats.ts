/**
 * `seed-annotator stats PATH [--json]`: progress and content of a folder of annotated documents — documents by
 * status per annotator, annotations and relations per tag, per attribute value and per annotator.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { documentPathForSidecar, isSidecarPath, sidecarPathFor } from '../../core/annotations/paths';
import { formatProblem } from '../../core/annotations/problems';
import type { Sidecar } from '../../core/annotations/schema';
import { parseSidecar } from '../../core/annotations/sidecar';
import { teamStats, type Counts, type TagStats, type TeamStats } from '../../core/team/stats';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';

import { display } from '../sidecarFiles';

const USAGE = `Usage: ${PROGRAM} stats PATH [--json]

Counts, for PATH (a folder, searched recursively; a document; a sidecar):
  - documents (*.txt, with or without a sidecar) by status — to do, in progress,
    done — for each annotator (a document they set no status on is "to do");
  - annotations per tag and relations per type: in all, per annotator, and per
    attribute value; orphaned ones and ones kept in two versions by a merge.
A sidecar that cannot be read is reported on stderr and left out.

Options:
  --json       print the figures as JSON:
               {"documents", "annotators", "status": {"<annotator>": {"todo",
               "in-progress", "done"}}, "annotations": {"total", "orphaned",
               "conflicts", "byAnnotator", "byTag": {"<tag>": {"total",
               "byAnnotator", "attributes": {"<attr>": {"<value>": n}}}}},
               "relations": {"total", "conflicts", "byAnnotator", "byType"}}
               ("" is the annotator of items made without a name)
  -h, --help   show this help

Exit status: 0 done, 1 some sidecar could not be read, 2 PATH missing or bad usage.
`;

export const statsCommand: CliCommand = {
  name: 'stats',
  summary: 'progress per annotator and annotation counts of a folder',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args, ['-h', '--help', '--json'], 'stats');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'stats: missing PATH' : 'stats: expected one PATH', 'stats');
    const target = positionals[0]!;
    if (!existsSync(target)) throw new UsageError(`stats: ${target} does not exist`, 'stats');
    const documents = documentsAt(target, statSync(target).isDirectory());
    const sidecars: Array<Sidecar | null> = [];
    let failed = false;
    for (const doc of documents) {
      const file = sidecarPathFor(doc);
      if (!existsSync(file)) {
        sidecars.push(null);
        continue;
      }
      const read = parseSidecar(readFileSync(file, 'utf8'), display(file));
      if (read.ok) sidecars.push(read.sidecar);
      else {
        failed = true;
        for (const p of read.problems) io.err(`${formatProblem(p)}\n`);
      }
    }
    const stats = teamStats(sidecars);
    io.out(flags.has('--json') ? `${JSON.stringify(stats, null, 2)}\n` : renderStats(stats));
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};

/** Document paths under a folder (`*.txt` and documents of sidecars), or the one a file names. Sorted. */
function documentsAt(target: string, isDirectory: boolean): string[] {
  if (!isDirectory) return [documentPathForSidecar(target) ?? target];
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && isSidecarPath(entry.name)) found.add(documentPathForSidecar(full)!);
      else if (entry.isFile() && entry.name.endsWith('.txt')) found.add(full);
    }
  };
  walk(target);
  return [...found].sort();
}

const who = (name: string) => (name === '' ? '(no name)' : name);
const list = (counts: Counts) => Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${who(k)} ${n}`).join(', ');

export function renderStats(s: TeamStats): string {
  const out: string[] = [`${s.documents} document${s.documents === 1 ? '' : 's'}, ${s.annotators.length} annotator${s.annotators.length === 1 ? '' : 's'}`];
  if (s.annotators.length > 0) {
    const width = Math.max(9, ...s.annotators.map((a) => who(a).length));
    out.push('', `${'annotator'.padEnd(width)}  ${'to do'.padStart(6)}  ${'in progress'.padStart(11)}  ${'done'.padStart(6)}`);
    for (const a of s.annotators) {
      const c = s.status[a]!;
      out.push(`${who(a).padEnd(width)}  ${String(c.todo).padStart(6)}  ${String(c['in-progress']).padStart(11)}  ${String(c.done).padStart(6)}`);
    }
  }
  const extra = (orphaned: number | null, conflicts: number) =>
    [orphaned ? `${orphaned} orphaned` : '', conflicts ? `${conflicts} in conflict` : ''].filter(Boolean).join(', ');
  const section = (title: string, total: number, note: string, byAnnotator: Counts, groups: Record<string, TagStats>) => {
    out.push('', `${title}: ${total}${note ? ` (${note})` : ''}`);
    if (total === 0) return;
    out.push(`  by annotator: ${list(byAnnotator)}`);
    for (const key of Object.keys(groups).sort()) {
      const g = groups[key]!;
      out.push(`  ${key}: ${g.total} — ${list(g.byAnnotator)}`);
      for (const attr of Object.keys(g.attributes).sort()) out.push(`    ${attr}: ${list(g.attributes[attr]!)}`);
    }
  };
  section('Annotations', s.annotations.total, extra(s.annotations.orphaned, s.annotations.conflicts), s.annotations.byAnnotator, s.annotations.byTag);
  section('Relations', s.relations.total, extra(null, s.relations.conflicts), s.relations.byAnnotator, s.relations.byType);
  return `${out.join('\n')}\n`;
}


