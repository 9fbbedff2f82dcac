import { parse } from '../../core/parse';
import { EXIT_OK, PROGRAM, UsageError, splitArgs, type CliCommand } from '../command';
import { readDocumentFile } from '../readDocument';

export const parseCommand: CliCommand = {
  name: 'parse',
  summary: 'print the document model of a source document as JSON',
  usage: `Usage: ${PROGRAM} parse FILE

Prints the document model of FILE (a UTF-8 source document) as JSON:
source, title, byline, updated, credit, paragraphs, quotations, boilerplate
and the header spans. Offsets are UTF-16 code units, BOM excluded.

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
    const text = readDocumentFile(positionals[0]!);
    io.out(`${JSON.stringify(parse(text), null, 2)}\n`);
    return EXIT_OK;
  },
};
