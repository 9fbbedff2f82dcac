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
import { sha256Hex } from '../../core/annotations/hash';
import { documentPathForSidecar } from '../../core/annotations/paths';
import { formatProblem, type Problem } from '../../core/annotations/problems';
import { TAG_SET_FILE_NAME, type Annotation, type TagSet } from '../../core/annotations/schema';
import { parseSidecar } from '../../core/annotations/sidecar';
import { statusFor, statusesOf } from '../../core/annotations/status';
import { DEFAULT_TAG_SET, parseTagSet, validateSidecarTags } from '../../core/annotations/tags';
import { collectAttributeIds } from '../../core/exchange/export/common';
import { exportFiles, exportText, type OutputFile } from '../../core/exchange/export/index';
import { checkThatIds, checkThatIdsPath } from '../../core/exchange/export/checkthat';
import { csvRelationsPath, exportCsvRelations } from '../../core/exchange/export/csv';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, exportedCounts, isExportFormat, newStats, sourceOf, type ExportDocument, type ExportOptions, type ExportStats } from '../../core/exchange/model';
import { DocumentReadError } from '../../core/text';
import { selectForExport, selectionError, selectsEverything, type ExportSelection } from '../../core/curation/select';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import type { CliIo } from '../io';
import { readDocumentFile } from '../readDocument';
import { cleanExportTemps, clobberProblem, exportTempPath, folderReplaceProblem, replaceFolder } from '../exportSafety';
import { linkProblem } from '../fileSafety';
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
  --gold           the gold standard only: the curator's gold annotations and
                   relations of curated documents (others are skipped with a
                   warning); see '${PROGRAM} curate'
  --include-uncurated
                   with --gold: also documents whose curation is unfinished
  --author NAME    one annotator's annotations and relations only
  --force          write --out even where it replaces an input: a sidecar, a
                   source document, a tag set, a folder holding documents or
                   sidecars (brat: adds the export to a folder holding other
                   files); refused without it (exit 2)
  --skip-invalid   export the valid sidecars when some fail validation (by
                   default a sidecar that 'validate' rejects stops the export:
                   nothing is written)
  --tags FILE      the tag set (brat: which attributes are enums), instead of
                   the ${TAG_SET_FILE_NAME} of DIR or a folder above it
  -h, --help       show this help

Offsets are UTF-16 code units (json, jsonl, csv), or Unicode code points (w3c
TextPositionSelector, brat), each into the document text without its BOM.
checkthat also writes OUT.ids.tsv (for --out OUT.tsv): which annotation each
numeric Sentence_id is. What a format leaves out or warns about is reported on
stderr, one line per annotation.
Every output is written under a temp name beside it and renamed into place when
complete (brat: a temp folder), so a killed export leaves the former output or
none, never a part; the next export removes what a killed one left.

Exit status: 0 exported, 1 some sidecars failed validation (nothing exported;
with --skip-invalid the rest is; each problem is one line on stderr), 2 bad
usage or an --out that would replace an input.
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
    ...(content.curation ? { curation: content.curation } : {}),
  };
}

/** The document with only the items the selection exports; null (a warning) when the selection skips it. */
function selected(doc: ExportDocument | null, selection: ExportSelection | undefined, problems: Problem[]): ExportDocument | null {
  if (!doc || !selection || selectsEverything(selection)) return doc;
  const items = selectForExport(doc, selection);
  if (items.ok) return { ...doc, annotations: items.annotations, relations: items.relations };
  problems.push({ file: doc.file, path: 'curation', severity: 'warning', message: items.reason });
  return null;
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
  /** Write --out even where it would replace an input (a sidecar, a document, a tag set, a folder of documents). */
  force?: boolean;
  /** Export the valid sidecars when some fail validation (by default nothing is exported then). */
  skipInvalid?: boolean;
  /** Format options passed to the exporter as they are (raw cells, document base, ClaimReview settings). */
  formatOptions?: Pick<ExportOptions, 'rawCells' | 'documentBase' | 'reviewUrlBase' | 'organization'>;
  /** --gold / --author NAME / --include-uncurated: which items are exported (default: everything). */
  selection?: ExportSelection;
}

/** Runs an export; problems are reported on stderr. Returns the counts and the problems. */
export async function runExport(options: ExportRun, io: CliIo): Promise<{ stats: ExportStats; problems: Problem[]; refused?: boolean }> {
  const { dir, format, out } = options;
  if (!isExportFormat(format)) throw new UsageError(`export: unknown format '${format}' (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new UsageError(`export: no such folder or file: ${dir}`, 'export');
  }
  const root = stat.isDirectory() ? dir : path.dirname(dir);
  const found = sidecarsAt(dir, stat.isDirectory());
  const tagSet = loadTagSet(root, options.tagsFile, 'export');
  const problems: Problem[] = [];
  const stats = newStats();
  const report = (from: number) => {
    for (const p of problems.slice(from)) io.err(`${formatProblem(p)}\n`);
  };

  // Nothing an export writes may replace one of its inputs.
  const outputs = out === '-' ? [] : [{ file: out, option: '--out', folder: format === 'brat' }];
  if (options.relationsOut !== undefined) outputs.push({ file: options.relationsOut, option: '--relations', folder: false });
  if (format === 'checkthat' && out !== '-') outputs.push({ file: checkThatIdsPath(out), option: '--out (its .ids.tsv)', folder: false });
  const documents = found.map((s) => documentPathForSidecar(s)!);
  for (const o of outputs) {
    const why = clobberProblem(o.file, documents, o.folder);
    if (why !== null && !(options.force && why !== 'is a folder')) throw new UsageError(`export: ${o.option} ${o.file} ${why}; not overwritten${why === 'is a folder' ? '' : ' (--force to write there anyway)'}`, 'export');
  }
  if (format === 'brat' && out !== '-' && !options.force) {
    const why = folderReplaceProblem(out);
    if (why !== null) throw new UsageError(`export: --out ${out} ${why}; not overwritten (--force to add the export to it)`, 'export');
  }
  for (const o of outputs) for (const f of cleanExportTemps(path.dirname(path.resolve(o.file)))) io.err(`${display(f)}: removed (left by an interrupted export)\n`);

  // Sidecars that fail validation are refused: nothing is exported, unless --skip-invalid.
  const invalid = await invalidSidecars(found, root, tagSet);
  if (invalid.problems.length > 0) {
    problems.push(...invalid.problems);
    report(0);
    if (!options.skipInvalid) {
      io.err(`${PROGRAM}: export: ${invalid.files.size} sidecar${invalid.files.size === 1 ? '' : 's'} failed validation (listed above); nothing exported (--skip-invalid to export the others)\n`);
      return { stats, problems, refused: true };
    }
  }
  const sidecars = found.filter((s) => !invalid.files.has(s));
  const onProblem = (p: Problem) => {
    problems.push(p);
    report(problems.length - 1);
  };
  const docs = async function* (): AsyncGenerator<ExportDocument> {
    let reported = problems.length;
    for (const sidecar of sidecars) {
      const doc = selected(await loadSidecarDocument(sidecar, root, problems), options.selection, problems);
      report(reported);
      reported = problems.length;
      if (doc) yield doc;
    }
  };
  /** The documents read again for a second file (CSV relations, CheckThat! ids): their problems are already reported. */
  const docsAgain = async function* (): AsyncGenerator<ExportDocument> {
    for (const sidecar of sidecars) {
      const doc = selected(await loadSidecarDocument(sidecar, root, []), options.selection, []);
      if (doc) yield doc;
    }
  };

  if (format === 'brat') {
    if (out === '-') throw new UsageError('export: brat writes a folder; give --out FOLDER', 'export');
    // The whole export goes to a temp folder beside OUT, renamed into place once complete.
    const temp = exportTempPath(out);
    try {
      await mkdir(temp, { recursive: true });
      let conf: OutputFile | null = null;
      for await (const file of exportFiles('brat', docs(), { tagSet, stats, onProblem })) {
        if (file.path === 'annotation.conf') conf = file;
        else await writeOutputFile(temp, file);
      }
      if (conf) await writeOutputFile(temp, conf);
      await replaceFolder(temp, out, options.force === true && folderReplaceProblem(out) !== null);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
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

async function writeOutputFile(folder: string, file: OutputFile): Promise<void> {
  const target = path.join(folder, ...file.path.split('/'));
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, file.content, 'utf8');
}

/** The sidecars that fail validation (unreadable, invalid, a tag or attribute the tag set refuses, a link out of the folder), with why. */
async function invalidSidecars(sidecars: readonly string[], root: string, tagSet: TagSet): Promise<{ files: Set<string>; problems: Problem[] }> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  for (const sidecar of sidecars) {
    const shown = display(sidecar);
    const docPath = documentPathForSidecar(sidecar)!;
    const link = linkProblem(sidecar, root) ?? linkProblem(docPath, root);
    const found: Problem[] = [];
    if (link !== null) found.push({ file: shown, path: '(root)', severity: 'error', message: link });
    else {
      let text: string | null = null;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(sidecar));
      } catch (error) {
        found.push({ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${error instanceof TypeError ? 'not valid UTF-8' : (error as Error).message}` });
      }
      if (text !== null) {
        const read = parseSidecar(text, shown);
        if (!read.ok && !read.readOnly) found.push(...read.problems);
        const content = read.ok ? read.sidecar : read.sidecar;
        if (content) found.push(...validateSidecarTags(content, tagSet, shown).filter((p) => p.severity === 'error'));
        if (!existsSync(docPath)) found.push({ file: shown, path: 'document.file', severity: 'error', message: `the document is missing: no file ${display(docPath)}` });
      }
    }
    if (found.length > 0) {
      files.add(sidecar);
      problems.push(...found);
    }
  }
  return { files, problems };
}

/** Writes the chunks beside `out` and renames the file over it at the end: a failed export leaves no half file. */
async function writeTextFile(out: string, chunks: AsyncIterable<string>): Promise<void> {
  const temp = exportTempPath(out);
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
    const { values, rest } = takeValues(args, ['--format', '--out', '--tags', '--relations', '--author', ...FORMAT_VALUE_OPTIONS], 'export');
    const { flags, positionals } = splitArgs(rest, ['-h', '--help', '--bom', '--raw-cells', '--gold', '--include-uncurated', '--force', '--skip-invalid'], 'export');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'export: missing DIR' : 'export: expected one DIR', 'export');
    const format = values.get('--format');
    const out = values.get('--out');
    if (format === undefined) throw new UsageError(`export: missing --format (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
    if (out === undefined) throw new UsageError('export: missing --out PATH (or --out - for stdout)', 'export');
    const selection: ExportSelection = { gold: flags.has('--gold'), includeUncurated: flags.has('--include-uncurated'), ...(values.has('--author') ? { author: values.get('--author')! } : {}) };
    const badSelection = selectionError(selection);
    if (badSelection) throw new UsageError(`export: ${badSelection}`, 'export');
    const relationsOut = values.get('--relations');
    if (relationsOut !== undefined && format !== 'csv') throw new UsageError('export: --relations is for --format csv (the other formats carry relations themselves)', 'export');
    if (relationsOut !== undefined && (relationsOut === '-' || path.resolve(relationsOut) === path.resolve(out))) throw new UsageError('export: --relations must name a file other than --out', 'export');
    const { stats, problems, refused } = await runExport(
      { dir: positionals[0]!, format, out, bom: flags.has('--bom'), force: flags.has('--force'), skipInvalid: flags.has('--skip-invalid'), ...(values.has('--tags') ? { tagsFile: values.get('--tags')! } : {}), ...(relationsOut !== undefined ? { relationsOut } : {}), formatOptions: formatOptions(values, flags), selection },
      io,
    );
    if (refused) return EXIT_FAILURE;
    const summary = `exported ${exportedCounts(stats)} from ${stats.documents} document${stats.documents === 1 ? '' : 's'}${stats.skipped ? ` (${stats.skipped} left out: orphaned, or only line breaks)` : ''}${out === '-' ? '' : ` to ${out}`}\n`;
    if (out === '-') io.err(summary);
    else io.out(summary);
    return problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};

