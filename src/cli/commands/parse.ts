import { statSync } from 'node:fs';
import { parse } from '../../core/parse';
import { DocumentReadError } from '../../core/text';
import { EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import type { CliIo } from '../io';
import { readDocumentFile } from '../readDocument';

/** The largest document `parse` reads (a news article is a few hundred KB at most). */
export const MAX_PARSE_BYTES = 16 * 1024 * 1024;

/**
 * Writes `value` as JSON.stringify(value, null, 2) would, in pieces: the top-level fields one by one and each
 * item of a top-level array on its own, so no single string holds the whole output.
 */
function writeJson(value: Record<string, unknown>, io: CliIo): void {
  const nested = (v: unknown, indent: string) => JSON.stringify(v, null, 2).replace(/\n/g, `\n${indent}`);
  const keys = Object.keys(value).filter((k) => value[k] !== undefined && typeof value[k] !== 'function');
  io.out('{');
  keys.forEach((key, i) => {
    const v = value[key];
    io.out(`${i === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `);
    if (Array.isArray(v) && v.length > 0) {
      io.out('[');
      v.forEach((item, j) => io.out(`${j === 0 ? '' : ','}\n    ${item === undefined ? 'null' : nested(item, '    ')}`));
      io.out('\n  ]');
    } else io.out(nested(v, '  '));
  });
  io.out(keys.length > 0 ? '\n}\n' : '}\n');
}

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'print the document model of a source document as JSON',
  usage: `Usage: ${PROGRAM} parse FILE

Prints the document model of FILE (a UTF-8 source document) as JSON:
source, title, byline, updated, credit, paragraphs, quotations, boilerplate
and the header spans. Offsets are UTF-16 code units, BOM excluded.

Documents over ${MAX_PARSE_BYTES / 1024 / 1024} MB are refused (exit 2); the JSON is written in pieces.

Options:
  -h, --help   show this help
`,
  async run(args, io) {
    const { flags, positionals } = splitArgs(args, ['-h', '--help'], 'parse');
    if (flags.size > 0) {
      io.out(this.usage);
      return EXIT_OK;
    }
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'parse: missing FILE' : 'parse: expected one FILE', 'parse');
    }
    const file = positionals[0]!;
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      /* readDocumentFile names the problem */
    }
    if (size > MAX_PARSE_BYTES) {
      throw new DocumentReadError(file, `${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_PARSE_BYTES / 1024 / 1024} MB that parse reads (a news article is far smaller; split the file)`);
    }
    writeJson(parse(readDocumentFile(file)) as unknown as Record<string, unknown>, io);
    return EXIT_OK;
  },
};
