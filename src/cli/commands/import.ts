/**
 * `seed-annotator import FILE_OR_DIR --format F --docs DIR`: reads annotations made elsewhere (brat, W3C,
 * doccano, Label Studio, or Seed Annotator's own json/jsonl exports) into the sidecars of the documents
 * under DIR, merged by span and tag. Sidecars are written atomically; one that cannot be read is never
 * overwritten (reported and skipped).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SidecarChangedError, writeSidecarCas } from '../../core/annotations/casWrite';
import { MAX_NESTING, jsonLimitProblems } from '../../core/annotations/jsonLimits';
import { formatProblem, issuesToProblems, type Problem } from '../../core/annotations/problems';
import { missingDefinitions, tagSetFileWith, tagSetWith, validateSidecarTags, type MissingDefinitions } from '../../core/annotations/tags';
import { writeFileAtomic } from '../../core/annotations/atomic';
import { SidecarSchema, TAG_SET_FILE_NAME, type Annotation, type Relation, type Sidecar } from '../../core/annotations/schema';
import { createSidecar, describeDocument, parseSidecar } from '../../core/annotations/sidecar';
import { applyLinks, applyPlan, importCounts, planImport, type ImportCounts } from '../../core/exchange/import/merge';
import { DocumentResolver, prepareImport, type CatalogEntry, type DocumentCatalog } from '../../core/exchange/import/place';
import { parseBratAnn } from '../../core/exchange/import/brat';
import { parseInput } from '../../core/exchange/import/index';
import { IMPORT_FORMATS, IMPORT_FORMAT_INFO, PREDICTION_MODES, isImportFormat, type ImportFormat, type ImportRecord, type ParseOptions, type PredictionMode } from '../../core/exchange/import/types';
import { sourceOf } from '../../core/exchange/model';
import { decodeDocument } from '../../core/text';
import { EXIT_FAILURE, EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { linkProblem, writeTarget, cleanLeftovers } from '../fileSafety';
import { createNodeSidecarFs } from '../node-fs';
import { LockTimeoutError } from '../sidecarLock';
import { readDocumentFile } from '../readDocument';
import { display } from '../sidecarFiles';
import { loadSidecarDocument, loadTagSet, tagSetFile, takeValues } from './export';

const USAGE = `Usage: ${PROGRAM} import FILE_OR_DIR --format FORMAT --docs DIR [options]

Imports annotations into the sidecars (<document>.annotations.json) of the
documents under DIR. FILE_OR_DIR is one input file or a folder of them
(searched recursively).

Formats:
${IMPORT_FORMATS.map((f) => `  ${f.padEnd(12)} ${IMPORT_FORMAT_INFO[f].description}`).join('\n')}

Each input record is matched to a document by its file name or path (brat: the
.txt beside the .ann; json/jsonl: "file"; doccano/Label Studio: a "file" or "id"
field), its file: URI or Source URL (w3c), or its text. Offsets are checked
against the quoted text where the input has it; when the document changed since
the input was made, annotations are re-anchored by their quote. Labels map to
the tag set by id or label (any case).

Annotations merge by span and tag: the same tag on the same span is skipped,
or fills in the attributes and note the existing annotation lacks.

Options:
  --format FORMAT      one of the formats above
  --docs DIR           the documents folder (searched recursively)
  --tags FILE          the tag set, instead of the ${'annotation-tags.json'} of DIR or above
  --offsets UNIT       doccano/labelstudio: how offsets count characters:
                       utf16 (doccano's default), codepoints (Python), or auto
                       (Label Studio's default: the one that matches the span text)
  --predictions MODE   labelstudio: include (default: predictions are imported
                       with origin "suggested:labelstudio"), skip, or only
  --keep-unknown-tags  import labels the tag set does not define (as tag ids);
                       they are added to the tag set file (the --tags FILE, the
                       nearest annotation-tags.json, or a new one in DIR), so
                       the sidecars written validate
  --dry-run            report what would change; write nothing
  -h, --help           show this help

All or nothing: every input record is checked first; when any is refused,
nothing is written and every refusal is listed (file, record, field). A
sidecar changed by someone else while the import runs (another import, VS Code,
a hand edit) is merged by id, never overwritten (see README, Data safety).
Temp files of interrupted writes older than 10 minutes are removed.

Exit status: 0 imported, 1 some annotations or files could not be imported
(one line each on stderr; nothing written), 2 bad usage.
`;

function listFiles(dir: string, accept: (name: string) => boolean, skip: (full: string) => boolean, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || skip(full)) continue;
    if (entry.isDirectory()) listFiles(full, accept, skip, out);
    else if (entry.isFile() && accept(entry.name)) out.push(full);
  }
  return out;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The .txt documents of a folder, with a small cache of decoded texts. */
class NodeCatalog implements DocumentCatalog {
  readonly entries: CatalogEntry[];
  private readonly cache = new Map<string, string>();

  constructor(root: string, exclude: string | null) {
    const files = listFiles(root, (n) => n.endsWith('.txt'), (full) => exclude !== null && isInside(full, exclude));
    this.entries = files.map((f) => ({ key: f, relativePath: path.relative(root, f).split(path.sep).join('/'), uri: pathToFileURL(path.resolve(f)).href }));
  }

  async readText(key: string): Promise<string> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const text = readDocumentFile(key);
    if (this.cache.size >= 256) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, text);
    return text;
  }
}

function readInput(file: string): string {
  return decodeDocument(readFileSync(file), display(file));
}

/**
 * Values nested too deeply or strings with lone surrogates in a JSON or JSON Lines input, each at its line and
 * field, found before any reader walks the input.
 */
function inputLimitProblems(text: string, shown: string): Problem[] {
  const check = (json: string, line?: number): Problem[] => {
    const file = line === undefined ? shown : `${shown}:${line}`;
    let value: unknown;
    try {
      value = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
    } catch (error) {
      if (error instanceof RangeError) return [{ file, path: '(root)', severity: 'error', message: `nested too deeply (more than ${MAX_NESTING} levels inside a field)` }];
      return []; // a syntax error: the format's reader reports it where it is
    }
    return jsonLimitProblems(value, file, { extraDepth: 16 });
  };
  const whole = check(text);
  if (whole.length > 0 || !/\n\s*[{[]/.test(text.trim())) return whole;
  const out: Problem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') out.push(...check(line, i + 1));
  });
  return out;
}

/** Parses the inputs into records; problems (unreadable files, bad lines) are collected. */
function readRecords(input: string, format: ImportFormat, parseOptions: ParseOptions, problems: Problem[]): ImportRecord[] {
  const isDir = statSync(input).isDirectory();
  const root = isDir ? input : path.dirname(input);
  const extensions = IMPORT_FORMAT_INFO[format].extensions;
  const files = isDir ? listFiles(input, (n) => extensions.some((e) => n.endsWith(`.${e}`)), () => false) : [input];
  const records: ImportRecord[] = [];
  for (const file of files) {
    const shown = display(file);
    let text: string;
    try {
      text = readInput(file);
    } catch (error) {
      problems.push({ file: shown, path: '(root)', severity: 'error', message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    if (format === 'brat') {
      const txtPath = file.replace(/\.ann$/, '') + '.txt';
      let txt: string | undefined;
      if (existsSync(txtPath)) {
        try {
          txt = readInput(txtPath);
        } catch (error) {
          problems.push({ file: display(txtPath), path: '(root)', severity: 'warning', message: `cannot read the text beside the .ann (${(error as Error).message}); matching by file name only` });
        }
      }
      const rel = path.relative(root, txtPath).split(path.sep).join('/');
      const parsed = parseBratAnn(text, shown, rel, txt);
      records.push(...parsed.records);
      problems.push(...parsed.problems);
    } else {
      const limits = inputLimitProblems(text, shown);
      if (limits.length > 0) {
        problems.push(...limits);
        continue;
      }
      const parsed = parseInput(format, text, shown, parseOptions);
      records.push(...parsed.records);
      problems.push(...parsed.problems);
    }
  }
  return records;
}

interface PlannedWrite {
  counts: string;
  shown: string;
  /** The file written: the sidecar, or the target of its symbolic link. */
  target: string;
  readBytes: Uint8Array | null;
  base: Sidecar | null;
  /** null: nothing to write. */
  ours: Sidecar | null;
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
};

/** A failed sidecar write, naming the file. */
function writeErrorMessage(shown: string, error: unknown): string {
  if (error instanceof SidecarChangedError || error instanceof LockTimeoutError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code !== undefined && WRITE_ERRORS[code] ? `${WRITE_ERRORS[code]} (${code})` : error instanceof Error ? error.message : String(error);
  return `cannot write ${shown}: ${reason}; the file is unchanged`;
}

export interface ImportTotals extends ImportCounts {
  documents: number;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import annotations (brat, w3c, doccano, labelstudio, json, jsonl) into sidecars',
  usage: USAGE,
  async run(args, io) {
    const { values, rest } = takeValues(args, ['--format', '--docs', '--tags', '--offsets', '--predictions'], 'import');
    const { flags, positionals } = splitArgs(rest, ['-h', '--help', '--keep-unknown-tags', '--dry-run'], 'import');
    if (flags.has('-h') || flags.has('--help')) {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'import: missing FILE_OR_DIR' : 'import: expected one FILE_OR_DIR', 'import');
    const input = positionals[0]!;
    const format = values.get('--format');
    const docs = values.get('--docs');
    if (format === undefined || !isImportFormat(format)) {
      throw new UsageError(`import: ${format === undefined ? 'missing --format' : `unknown format '${format}'`} (one of ${IMPORT_FORMATS.join(', ')})`, 'import');
    }
    if (docs === undefined) throw new UsageError('import: missing --docs DIR (the documents folder)', 'import');
    const unit = values.get('--offsets');
    if (unit !== undefined && unit !== 'utf16' && unit !== 'codepoints' && unit !== 'auto') throw new UsageError(`import: --offsets must be utf16, codepoints or auto, not '${unit}'`, 'import');
    const predictions = values.get('--predictions');
    if (predictions !== undefined && !(PREDICTION_MODES as readonly string[]).includes(predictions)) throw new UsageError(`import: --predictions must be ${PREDICTION_MODES.join(', ')}, not '${predictions}'`, 'import');
    if (!existsSync(input)) throw new UsageError(`import: no such file or folder: ${input}`, 'import');
    if (!existsSync(docs) || !statSync(docs).isDirectory()) throw new UsageError(`import: no such folder: ${docs}`, 'import');
    const tagSet = loadTagSet(docs, values.get('--tags'), 'import');
    const dryRun = flags.has('--dry-run');
    if (!dryRun) for (const f of cleanLeftovers(docs)) io.err(`${display(f.file)}: removed (left by an interrupted write ${Math.round(f.ageMs / 60_000)} min ago)\n`);

    const problems: Problem[] = [];
    let reported = 0;
    const report = () => {
      for (const p of problems.slice(reported)) io.err(`${formatProblem(p)}\n`);
      reported = problems.length;
    };
    const parseOptions: ParseOptions = { ...(unit !== undefined ? { unit } : {}), ...(predictions !== undefined ? { predictions: predictions as PredictionMode } : {}) };
    const records = readRecords(input, format, parseOptions, problems);
    report();
    const inputDir = statSync(input).isDirectory() ? path.resolve(input) : null;
    const catalog = new NodeCatalog(docs, inputDir !== null && isInside(inputDir, path.resolve(docs)) && inputDir !== path.resolve(docs) ? inputDir : null);
    const prepared = await prepareImport(records, new DocumentResolver(catalog), { tagSetFor: () => tagSet, keepUnknownTags: flags.has('--keep-unknown-tags') }, problems);
    report();

    // Plan every document first: nothing is written when anything was refused.
    const planned: PlannedWrite[] = [];
    const totals: ImportTotals = { documents: 0, added: 0, filled: 0, duplicates: 0, linked: 0, linkDuplicates: 0 };
    const docsRoot = path.resolve(docs);
    const keepUnknown = flags.has('--keep-unknown-tags');
    /** Labels kept with --keep-unknown-tags: added to the tag set so that what is written validates. */
    const added: MissingDefinitions = { tags: [], relations: [] };
    for (const doc of prepared) {
      const sidecarPath = `${doc.key}.annotations.json`;
      const shown = display(sidecarPath);
      const link = linkProblem(sidecarPath, docsRoot) ?? linkProblem(doc.key, docsRoot);
      if (link !== null) {
        problems.push({ file: shown, path: '(root)', severity: 'error', message: `${link}; ${doc.annotations.length} imported annotation(s) for ${display(doc.key)} not written` });
        continue;
      }
      const target = writeTarget(sidecarPath);
      let readBytes: Uint8Array | null = null;
      let base: Sidecar | null = null;
      let existing: readonly Annotation[] = [];
      let existingRelations: readonly Relation[] = [];
      if (existsSync(sidecarPath)) {
        readBytes = new Uint8Array(readFileSync(target));
        const current = await loadSidecarDocument(sidecarPath, docs, problems);
        const read = current ? parseSidecar(new TextDecoder().decode(readBytes), shown) : null;
        if (!current || !read?.ok) {
          if (read && !read.ok) problems.push(...read.problems);
          problems.push({ file: shown, path: '(root)', severity: 'error', message: `left untouched (it cannot be read); ${doc.annotations.length} imported annotation(s) for ${display(doc.key)} not written` });
          continue;
        }
        base = read.sidecar;
        existing = current.annotations;
        existingRelations = current.relations ?? [];
      }
      const plan = planImport({ annotations: existing, relations: existingRelations }, doc);
      problems.push(...plan.problems);
      totals.documents++;
      totals.added += plan.added;
      totals.filled += plan.filled;
      totals.duplicates += plan.duplicates;
      totals.linked += plan.linked;
      totals.linkDuplicates += plan.linkDuplicates;
      const counts = `${display(doc.key)}: ${importCounts(plan)}`;
      if (plan.ops.length === 0) {
        planned.push({ counts, shown, target, readBytes, base, ours: null });
        continue;
      }
      const annotations = applyPlan(existing, plan, doc.text);
      const info = await describeDocument(path.basename(doc.key), doc.text, sourceOf(doc.text));
      const relations = applyLinks(existingRelations, plan);
      const sidecar: Sidecar = base ? { ...base, document: { ...base.document, ...info }, annotations, relations } : createSidecar(info, annotations, relations);
      const limits = jsonLimitProblems(sidecar, shown);
      const checked = limits.length > 0 ? null : SidecarSchema.safeParse(sidecar);
      if (!checked?.success) {
        problems.push(...(checked ? issuesToProblems(shown, checked.error.issues, sidecar) : limits));
        problems.push({ file: shown, path: '(root)', severity: 'error', message: 'not written: the result would not be a valid sidecar' });
        continue;
      }
      if (keepUnknown) missingDefinitions([sidecar], tagSet, added);
      const checkSet = added.tags.length + added.relations.length > 0 ? tagSetWith(tagSet, added) : tagSet;
      const tagProblems = validateSidecarTags(sidecar, checkSet, shown).filter((p) => p.severity === 'error');
      if (tagProblems.length > 0) {
        problems.push(...tagProblems, { file: shown, path: '(root)', severity: 'error', message: 'not written: the result would not pass validate' });
        continue;
      }
      planned.push({ counts, shown, target, readBytes, base, ours: sidecar });
    }
    report();
    const refused = problems.filter((p) => p.severity === 'error').length;
    if (refused > 0) {
      io.err(`${PROGRAM}: import: ${refused} problem${refused === 1 ? '' : 's'} (listed above); nothing written${dryRun ? '' : ' (fix them, or remove those records, and run again)'}\n`);
      return EXIT_FAILURE;
    }
    for (const p of planned) io.out(`${p.counts}\n`);
    if (added.tags.length + added.relations.length > 0) {
      const file = tagSetFile(docs, values.get('--tags')) ?? path.join(docs, TAG_SET_FILE_NAME);
      const what = [...added.tags.map((t) => `tag ${t}`), ...added.relations.map((r) => `relation type ${r.id}`)].join(', ');
      io.err(`${display(file)}: ${dryRun ? 'would add' : 'added'} ${what} (kept by --keep-unknown-tags)\n`);
      if (!dryRun) {
        try {
          const text = existsSync(file) ? readFileSync(file, 'utf8') : null;
          await writeFileAtomic(createNodeSidecarFs(), writeTarget(file), new TextEncoder().encode(tagSetFileWith(text, tagSet, added)));
        } catch (error) {
          io.err(`${PROGRAM}: import: ${writeErrorMessage(display(file), error)}; no sidecar written\n`);
          return EXIT_FAILURE;
        }
      }
    }
    // Test hook (the race tests): after reading, wait until this file exists, so that other writers get in between.
    const gate = process.env.SEED_IMPORT_TEST_GATE;
    for (let waited = 0; gate && !existsSync(gate) && waited < 60_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    if (!dryRun) {
      const fs = createNodeSidecarFs();
      const written: string[] = [];
      for (let i = 0; i < planned.length; i++) {
        const p = planned[i]!;
        if (p.ours === null) continue;
        try {
          const result = await writeSidecarCas(fs, p.target, { readBytes: p.readBytes, base: p.base, ours: p.ours, label: p.shown });
          if (result.merges > 0) io.err(`${p.shown}: changed while importing; merged by id (${result.merges} time${result.merges === 1 ? '' : 's'}${result.conflicts.length > 0 ? `, ${result.conflicts.length} conflict(s) kept as copies marked "conflict"` : ''})\n`);
          written.push(p.shown);
        } catch (error) {
          const notWritten = planned.slice(i).filter((q) => q.ours !== null).map((q) => q.shown);
          io.err(`${PROGRAM}: import: ${writeErrorMessage(p.shown, error)}\n`);
          io.err(`written (${written.length}): ${written.join(', ') || 'none'}\nnot written (${notWritten.length}): ${notWritten.join(', ')}\n`);
          return EXIT_FAILURE;
        }
      }
    }
    io.out(
      `${dryRun ? 'would import' : 'imported'} into ${totals.documents} document${totals.documents === 1 ? '' : 's'}: ` +
        `${importCounts(totals)}\n`,
    );
    return problems.some((p) => p.severity === 'error') ? EXIT_FAILURE : EXIT_OK;
  },
};
