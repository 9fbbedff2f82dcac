/** The `seed-annotator` dispatcher: global flags, `help`, then one verb from the registry. */
import { DocumentReadError } from '../core/text';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PROGRAM, UsageError, type CliCommand } from './command';
import { commands } from './commands/index';
import type { CliIo } from './io';
import { VERSION } from './version';

export function globalUsage(list: readonly CliCommand[] = commands): string {
  const width = Math.max(4, ...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: ${PROGRAM} <command> [options]

Commands:
${lines.join('\n')}
  ${'help'.padEnd(width)}  show help for a command

Options:
  -h, --help     show this help
  --version      print the version

Run '${PROGRAM} help <command>' for the options of a command.
`;
}

function find(name: string): CliCommand | undefined {
  return commands.find((c) => c.name === name);
}

function help(args: string[], io: CliIo): number {
  if (args.length === 0) {
    io.out(globalUsage());
    return EXIT_OK;
  }
  const command = find(args[0]!);
  if (command === undefined || args.length > 1) throw new UsageError(`no help for '${args.join(' ')}'`);
  io.out(command.usage);
  return EXIT_OK;
}

/** Runs the CLI on `argv` (without node and script); returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.err(globalUsage());
      return EXIT_USAGE;
    }
    if (first === '-h' || first === '--help') return help([], io);
    if (first === 'help') return help(rest, io);
    if (first === '--version' || first === '-V') {
      io.out(`${VERSION}\n`);
      return EXIT_OK;
    }
    if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`);
    const command = find(first);
    if (command === undefined) throw new UsageError(`unknown command '${first}'`);
    return await command.run(rest, io);
  } catch (error) {
    return report(error, io);
  }
}

/** One line on stderr per failure, no stack trace. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    const hint = error.command === undefined ? `${PROGRAM} --help` : `${PROGRAM} help ${error.command}`;
    io.err(`${PROGRAM}: ${error.message} (see '${hint}')\n`);
    return EXIT_USAGE;
  }
  if (error instanceof DocumentReadError) {
    io.err(`${PROGRAM}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${PROGRAM}: internal error: ${message.split('\n')[0]}\n`);
  return EXIT_FAILURE;
}
