/**
 * `seed-annotator export DIR --format F --out PATH [--bom] [--tags FILE]`: writes the annotations of the
 * sidecars under DIR in one of the exchange formats. Streams: each document is read, converted and written
 * before the next is read, so memory stays flat however large the folder.
 */
import { createWriteStream, existsSync, readFileSync, statSync, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { reanchorAll, type AnchorResult } from '../../core/annotations/anchor';
import { randomHex, sha256Hex } from '../../core/annotations/hash';
import { documentPathForSidecar } from '../../core/annotations/paths';
import { formatProblem, type Problem } from '../../core/annotations/problems';
import { TAG_SET_FILE_NAME, type Annotation, type TagSet } from '../../core/annotations/schema';
import { parseSidecar } from '../../core/annotations/sidecar';
import { statusFor, statusesOf } from '../../core/annotations/status';
import { DEFAULT_TAG_SET, parseTagSet } from '../../core/annotations/tags';
import { collectAttributeIds } from '../../core/exchange/export/common';
import { exportFiles, exportText } from '../../core/exchange/export/index';
import { checkThatIds, checkThatIdsPath } from '../../core/exchange/export/checkthat';
import { csvRelationsPath, exportCsvRelations } from '../../core/exchange/export/csv';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, exportedCounts, isExportFormat, newStats, sourceOf, type ExportDocument, type ExportOptions, type ExportStats } from '../../core/exchange/model';
import { DocumentReadError } from '../../core/text';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import type { CliIo } from '../io';
import { readDocumentFile } from '../readDocument';
import { display, sidecarsAt } from '../sidecarFiles';

const USAGE = `Usage: ${PROGRAM} export DIR --format FORMAT --out PATH [options]

Exports the annotations of the sidecars (<document>.annotations.json) under DIR
(searched recursively; DIR may also be one document). Annotations are placed on
the documents' current text first (re-anchored when a document changed).

Formats:
${EXPORT_FORMATS.map((f) => `  ${f.padEnd(12)} ${EXPORT_FORMAT_INFO[f].description}`).join('\n')}

Options:
  --format FORMAT  one of the formats above
  --out PATH       the output file; '-' writes to stdout. For brat, a folder.
  --bom            csv: start with a UTF-8 byte order mark (for Excel)
  --relations FILE csv: where the relations go (one row per relation); by
                   default relations.csv beside the annotations file (--out),
                   written when there are relations
  --raw-cells      csv: write cells as they are; by default a cell starting
                   with = + - @ TAB or CR gets a ' in front, so a spreadsheet
                   shows it as text instead of running it as a formula
  --document-base IRI
                   w3c: target.source = IRI + the document's relative path
                   (default: the document's file: URI)
  --review-url-base URL
                   claimreview: each review's url = URL + the annotation id
  --organization NAME, --organization-url URL
                   claimreview: the fact-checking organisation, the author of
                   every review
  --tags FILE      the tag set (brat: which attributes are enums), instead of
                   the ${TAG_SET_FILE_NAME} of DIR or a folder above it
  -h, --help       show this help

Offsets are UTF-16 code units (json, jsonl, csv), or Unicode code points (w3c
TextPositionSelector, brat), each into the document text without its BOM.
checkthat also writes OUT.ids.tsv (for --out OUT.tsv): which annotation each
numeric Sentence_id is. What a format leaves out or warns about is reported on
stderr, one line per annotation.
Exit status: 0 exported, 1 some sidecars or documents could not be read (the
rest is exported; each problem is one line on stderr), 2 bad usage.
`;

/** Options with a value (`--name VALUE` or `--name=VALUE`), then the flags and positionals. */
export function takeValues(args: readonly string[], names: readonly string[], command: string): { values: Map<string, string>; rest: string[] } {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!names.includes(name)) {
      rest.push(arg);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) throw new UsageError(`${command}: ${name} needs a value`, command);
    values.set(name, value);
  }
  return { values, rest };
}

/** The tag set file: FILE if given, else the nearest annotation-tags.json from `dir` up; null for the defaults. */
export function tagSetFile(dir: string, file: string | undefined): string | null {
  if (file !== undefined) return file;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, TAG_SET_FILE_NAME))) return path.join(d, TAG_SET_FILE_NAME);
    if (path.dirname(d) === d) return null;
  }
}

/** The tag set: FILE if given, else the nearest annotation-tags.json from `dir` up, else the defaults. */
export function loadTagSet(dir: string, file: string | undefined, command: string): TagSet {
  const candidate = tagSetFile(dir, file);
  if (candidate === null) return DEFAULT_TAG_SET;
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch (error) {
    throw new UsageError(`${command}: cannot read the tag set ${candidate}: ${(error as Error).message}`, command);
  }
  const read = parseTagSet(text, candidate);
  if (!read.ok) throw new UsageError(`${command}: invalid tag set: ${read.problems.map(formatProblem).join('; ')}`, command);
  return read.tagSet;
}

function applyAnchor(a: Annotation, r: AnchorResult): Annotation {
  if (r.status === 'anchored' && !a.status) return a;
  if (r.status === 'orphaned') return a.status === 'orphaned' ? a : { ...a, status: 'orphaned' };
  const { status: _old, ...rest } = a;
  return { ...rest, target: { ...a.target, ...r.target } };
}

/** A sidecar's document, its annotations placed on the current text; null (problem reported) when unreadable. */
export async function loadSidecarDocument(sidecar: string, root: string, problems: Problem[]): Promise<ExportDocument | null> {
  const shown = display(sidecar);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(sidecar));
  } catch (error) {
    problems.push({ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${error instanceof TypeError ? 'not valid UTF-8' : (error as Error).message}` });
    return null;
  }
  const read = parseSidecar(json, shown);
  const content = read.ok ? read.sidecar : read.readOnly ? read.sidecar : undefined;
  if (!content) {
    problems.push(...(read.ok ? [] : read.problems));
    return null;
  }
  const docPath = documentPathForSidecar(sidecar)!;
  let text: string;
  try {
    text = readDocumentFile(docPath);
  } catch (error) {
    const reason = error instanceof DocumentReadError ? error.reason : (error as Error).message;
    problems.push({ file: shown, path: 'document.file', severity: 'error', message: `the document ${display(docPath)} cannot be read: ${reason}` });
    return null;
  }
  let annotations = content.annotations;
  const unchanged = text.length === content.document.length && (await sha256Hex(text)) === content.document.sha256;
  if (!unchanged || annotations.some((a) => a.status === 'orphaned')) {
    const results = reanchorAll(text, annotations.map((a) => a.target), unchanged ? {} : { oldLength: content.document.length });
    annotations = annotations.map((a, i) => applyAnchor(a, results[i]!));
  }
  const rel = path.relative(root, docPath).split(path.sep).join('/');
  return {
    file: rel === '' ? path.basename(docPath) : rel,
    uri: pathToFileURL(path.resolve(docPath)).href,
    text,
    source: sourceOf(text),
    annotations,
    relations: content.relations,
    ...(content.status ? { status: statusFor(statusesOf(content), ''), statuses: statusesOf(content) } : {}),
  };
}

/** Collects text chunks and writes them in blocks of ~64 KB, waiting for the stream to drain. */
class BlockWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly sink: (block: string) => Promise<void>) {}

  async write(chunk: string): Promise<void> {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= 65536) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.sink(block);
  }
}

function streamSink(stream: WriteStream): (block: string) => Promise<void> {
  return (block) =>
    new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      stream.once('error', onError);
      const ok = stream.write(block, 'utf8');
      const done = () => {
        stream.off('error', onError);
        resolve();
      };
      if (ok) done();
      else stream.once('drain', done);
    });
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export interface ExportRun {
  dir: string;
  format: string;
  out: string;
  bom?: boolean;
  tagsFile?: string;
  /** csv: the relations file (default: relations.csv beside `out`, when there are relations). */
  relationsOut?: string;
  /** Format options passed to the exporter as they are (raw cells, document base, ClaimReview settings). */
  formatOptions?: Pick<ExportOptions, 'rawCells' | 'documentBase' | 'reviewUrlBase' | 'organization'>;
}

/** Runs an export; problems are reported on stderr. Returns the counts and the problems. */
export async function runExport(options: ExportRun, io: CliIo): Promise<{ stats: ExportStats; problems: Problem[] }> {
  const { dir, format, out } = options;
  if (!isExportFormat(format)) throw new UsageError(`export: unknown format '${format}' (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new UsageError(`export: no such folder or file: ${dir}`, 'export');
  }
  const root = stat.isDirectory() ? dir : path.dirname(dir);
  const sidecars = sidecarsAt(dir, stat.isDirectory());
  const tagSet = loadTagSet(root, options.tagsFile, 'export');
  const problems: Problem[] = [];
  const stats = newStats();
  const report = (from: number) => {
    for (const p of problems.slice(from)) io.err(`${formatProblem(p)}\n`);
  };
  const onProblem = (p: Problem) => {
    problems.push(p);
    report(problems.length - 1);
  };
  const docs = async function* (): AsyncGenerator<ExportDocument> {
    let reported = problems.length;
    for (const sidecar of sidecars) {
      const doc = await loadSidecarDocument(sidecar, root, problems);
      report(reported);
      reported = problems.length;
      if (doc) yield doc;
    }
  };
  /** The documents read again for a second file (CSV relations, CheckThat! ids): their problems are already reported. */
  const docsAgain = async function* (): AsyncGenerator<ExportDocument> {
    for (const sidecar of sidecars) {
      const doc = await loadSidecarDocument(sidecar, root, []);
      if (doc) yield doc;
    }
  };

  if (format === 'brat') {
    if (out === '-') throw new UsageError('export: brat writes a folder; give --out FOLDER', 'export');
    await mkdir(out, { recursive: true });
    for await (const file of exportFiles('brat', docs(), { tagSet, stats, onProblem })) {
      const target = path.join(out, ...file.path.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content, 'utf8');
    }
    return { stats, problems };
  }

  let attributeIds: string[] | undefined;
  const relationIds = new Set<string>();
  let relationCount = 0;
  if (format === 'csv') {
    // The header needs every attribute id: a first pass over the sidecars alone (no document text).
    const seen = new Set<string>();
    for (const sidecar of sidecars) {
      try {
        const read = parseSidecar(readFileSync(sidecar, 'utf8'), sidecar);
        const content = read.ok ? read.sidecar : read.sidecar;
        if (content) collectAttributeIds(content.annotations, seen);
        if (content) collectAttributeIds(content.relations ?? [], relationIds);
        relationCount += content?.relations?.length ?? 0;
      } catch {
        /* reported by the second pass */
      }
    }
    attributeIds = [...seen];
  }
  // CSV relations go to their own file: the one given, else relations.csv beside the annotations (when there are any).
  const relationsOut = options.relationsOut ?? (relationCount > 0 && out !== '-' ? csvRelationsPath(out) : undefined);
  if (format === 'csv' && relationCount > 0 && relationsOut === undefined) {
    onProblem({ file: '(export)', path: '(root)', severity: 'warning', message: `${relationCount} relation(s) not written: with --out - give --relations FILE` });
  }
  const writeRelations = async () => {
    if (format !== 'csv' || relationsOut === undefined) return;
    const counts = newStats();
    await writeTextFile(relationsOut, exportCsvRelations(docsAgain, { rawCells: options.formatOptions?.rawCells === true, relationAttributeIds: [...relationIds], stats: counts }));
    stats.relations = counts.relations;
  };
  const chunks = exportText(format, docs, { ...options.formatOptions, tagSet, stats, onProblem, bom: options.bom === true, ...(attributeIds ? { attributeIds } : {}) });
  if (out === '-') {
    const writer = new BlockWriter(async (block) => io.out(block));
    for await (const chunk of chunks) await writer.write(chunk);
    await writer.flush();
    await writeRelations();
    return { stats, problems };
  }
  await writeTextFile(out, chunks);
  await writeRelations();
  // CheckThat! ids are numbers; the mapping to the annotations goes beside (the documents are read again).
  if (format === 'checkthat') await writeTextFile(checkThatIdsPath(out), checkThatIds(docsAgain()));
  return { stats, problems };
}

/** Writes the chunks beside `out` and renames the file over it at the end: a failed export leaves no half file. */
async function writeTextFile(out: string, chunks: AsyncIterable<string>): Promise<void> {
  const temp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${randomHex(6)}.tmp`);
  const stream = createWriteStream(temp, { encoding: 'utf8' });
  try {
    const writer = new BlockWriter(streamSink(stream));
    for await (const chunk of chunks) await writer.write(chunk);
    await writer.flush();
    await closeStream(stream);
    await rename(temp, out);
  } catch (error) {
    stream.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

const FORMAT_VALUE_OPTIONS = ['--document-base', '--review-url-base', '--organization', '--organization-url'] as const;

/** An absolute http(s) URL option, or a usage error naming it. */
function urlOption(values: Map<string, string>, name: string, schemes: RegExp = /^https?:$/): string | undefined {
  const value = values.get(name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`export: ${name} must be an absolute URL, not '${value}'`, 'export');
  }
  if (!schemes.test(url.protocol)) throw new UsageError(`export: ${name} must be an http(s) URL, not '${value}'`, 'export');
  return value;
}

/** The format options of the command line. */
function formatOptions(values: Map<string, string>, flags: Set<string>): NonNullable<ExportRun['formatOptions']> {
  const documentBase = urlOption(values, '--document-base', /^[a-z][a-z0-9+.-]*:$/);
  const reviewUrlBase = urlOption(values, '--review-url-base');
  const organizationUrl = urlOption(values, '--organization-url');
  const name = values.get('--organization');
  if (organizationUrl !== undefined && !name) throw new UsageError('export: --organization-url needs --organization NAME', 'export');
  return {
    ...(flags.has('--raw-cells') ? { rawCells: true } : {}),
    ...(documentBase !== undefined ? { documentBase } : {}),
    ...(reviewUrlBase !== undefined ? { reviewUrlBase } : {}),
    ...(name ? { organization: { name, ...(organizationUrl !== undefined ? { url: organizationUrl } : {}) } } : {}),
  };
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: `export annotations (${EXPORT_FORMATS.join(', ')})`,
  usage: USAGE,
  async run(args, io) {
    const { values, rest } = takeValues(args, ['--format', '--out', '--tags', '--relations', ...FORMAT_VALUE_OPTIONS], 'export');
    const { flags, positionals } = splitArgs(rest, ['-h', '--help', '--bom', '--raw-cells'], 'export');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'export: missing DIR' : 'export: expected one DIR', 'export');
    const format = values.get('--format');
    const out = values.get('--out');
    if (format === undefined) throw new UsageError(`export: missing --format (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
    if (out === undefined) throw new UsageError('export: missing --out PATH (or --out - for stdout)', 'export');
    const relationsOut = values.get('--relations');
    if (relationsOut !== undefined && format !== 'csv') throw new UsageError('export: --relations is for --format csv (the other formats carry relations themselves)', 'export');
    if (relationsOut !== undefined && (relationsOut === '-' || path.resolve(relationsOut) === path.resolve(out))) throw new UsageError('export: --relations must name a file other than --out', 'export');
    const { stats, problems } = await runExport(
      { dir: positionals[0]!, format, out, bom: flags.has('--bom'), ...(values.has('--tags') ? { tagsFile: values.get('--tags')! } : {}), ...(relationsOut !== undefined ? { relationsOut } : {}), formatOptions: formatOptions(values, flags) },
      io,
    );
    const summary = `exported ${exportedCounts(stats)} from ${stats.documents} document${stats.documents === 1 ? '' : 's'}${stats.skipped ? ` (${stats.skipped} left out: orphaned, or only line breaks)` : ''}${out === '-' ? '' : ` to ${out}`}\n`;
    if (out === '-') io.err(summary);
    else io.out(summary);
    return problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};

