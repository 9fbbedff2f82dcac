/**
 * `seed-annotator suggest PATH [--json]`: what the built-in provider proposes for the source documents of PATH (a
 * document, or a folder searched recursively) — quotes with speaker and cue verb, speakers as sources, claim
 * candidates — leaving out what the document's sidecar already tags or rejected. Writes nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { reanchorAll } from '../../core/annotations/anchor';
import { sha256Hex } from '../../core/annotations/hash';
import { sidecarPathFor } from '../../core/annotations/paths';
import { formatProblem } from '../../core/annotations/problems';
import type { RejectedSuggestion } from '../../core/annotations/schema';
import { parseSidecar } from '../../core/annotations/sidecar';
import { parse } from '../../core/parse';
import { builtinSuggestions, type ExistingAnnotation, type Suggestion } from '../../core/suggest';
import { DocumentReadError } from '../../core/text';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { readDocumentFile } from '../readDocument';
import { display } from '../sidecarFiles';

const USAGE = `Usage: ${PROGRAM} suggest PATH [--json]

Prints what the built-in suggestion provider proposes for the source documents
of PATH (a document, or a folder searched recursively for .txt files): quotes
with their speaker and cue verb, each named speaker as a source linked to the
quote (attributed-to), and claim candidates (whole sentences with a number, a
comparison, a named source, a cause or a prediction). What the document's
sidecar already tags, and what was rejected in it, is not proposed. Writes nothing.

One line per suggestion:
  <document>:<line>:<column>: <tag> <text> [speaker: …] [→ attributed-to <text>]

Options:
  --json       print {"documents": [{"file", "provider", "suggestions": [{"id",
               "tag", "start", "end", "exact", "attributes", "links"}]}]};
               offsets are UTF-16 code units (BOM removed), links point to the
               id of another suggestion of the same document
  -h, --help   show this help

Exit status: 0 done, 1 a document or its sidecar could not be read, 2 PATH missing or bad usage.
`;

function documentsUnder(dir: string, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) documentsUnder(full, out);
    else if (entry.isFile() && entry.name.endsWith('.txt')) out.push(full);
  }
  return out;
}

/** The sidecar's placed annotations (re-anchored when the document changed) and rejections; problems when it cannot be read. */
async function sidecarState(docPath: string, text: string): Promise<{ annotations: ExistingAnnotation[]; rejected: RejectedSuggestion[]; problems: string[] }> {
  const file = sidecarPathFor(docPath);
  if (!existsSync(file)) return { annotations: [], rejected: [], problems: [] };
  const read = parseSidecar(readFileSync(file, 'utf8'), display(file));
  const content = read.ok || read.readOnly ? read.sidecar : undefined;
  if (!content) return { annotations: [], rejected: [], problems: read.ok ? [] : read.problems.map(formatProblem) };
  let annotations: ExistingAnnotation[] = content.annotations;
  const unchanged = text.length === content.document.length && (await sha256Hex(text)) === content.document.sha256;
  if (!unchanged || content.annotations.some((a) => a.status === 'orphaned')) {
    const results = reanchorAll(text, content.annotations.map((a) => a.target), unchanged ? {} : { oldLength: content.document.length });
    annotations = content.annotations.map((a, i) => {
      const r = results[i]!;
      return r.status === 'orphaned' ? { tag: a.tag, status: 'orphaned', target: a.target } : { tag: a.tag, target: r.target };
    });
  }
  return { annotations, rejected: content.suggestions?.rejected ?? [], problems: [] };
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${line}:${offset - lineStart + 1}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

export const suggestCommand: CliCommand = {
  name: 'suggest',
  summary: 'print suggested quotes, speakers and claim candidates of source documents',
  usage: USAGE,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args, ['-h', '--help', '--json'], 'suggest');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'suggest: missing PATH' : 'suggest: expected one PATH', 'suggest');
    const target = positionals[0]!;
    if (!existsSync(target)) {
      io.err(`${PROGRAM}: ${target}: no such file or folder\n`);
      return EXIT_USAGE;
    }
    const isDirectory = statSync(target).isDirectory();
    const files = isDirectory ? documentsUnder(target) : [target];
    const json: Array<{ file: string; provider: string; suggestions: Array<Suggestion & { exact: string }> }> = [];
    let failed = false;
    for (const file of files) {
      let text: string;
      try {
        text = readDocumentFile(file);
      } catch (error) {
        io.err(`${error instanceof DocumentReadError ? error.message : `${display(file)}: ${(error as Error).message}`}\n`);
        failed = true;
        continue;
      }
      const state = await sidecarState(file, text);
      if (state.problems.length > 0) {
        for (const p of state.problems) io.err(`${p}\n`);
        io.err(`${display(file)}: its sidecar cannot be read: suggesting as if nothing were tagged\n`);
        failed = true;
      }
      const result = builtinSuggestions(text, parse(text), { annotations: state.annotations, rejected: state.rejected });
      const shown = display(file);
      if (flags.has('--json')) {
        json.push({ file: shown, provider: result.provider, suggestions: result.suggestions.map((s) => ({ ...s, exact: text.slice(s.start, s.end) })) });
        continue;
      }
      const byId = new Map(result.suggestions.map((s) => [s.id, s]));
      for (const s of result.suggestions) {
        const speaker = s.attributes.speaker ? ` [speaker: ${s.attributes.speaker}]` : '';
        const links = s.links.map((l) => ` → ${l.type} ${oneLine(text.slice(byId.get(l.to)!.start, byId.get(l.to)!.end))}`).join('');
        io.out(`${shown}:${lineColumn(text, s.start)}: ${s.tag} ${oneLine(text.slice(s.start, s.end))}${speaker}${links}\n`);
      }
    }
    if (flags.has('--json')) io.out(`${JSON.stringify({ documents: json }, null, 2)}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
