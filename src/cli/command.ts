import type { CliIo } from './io';

export const PROGRAM = 'seed-annotator';

/** Exit codes: 0 success, 1 the command ran and found problems, 2 bad usage or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** One verb of the CLI. Add a module exporting one of these and list it in commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text of the command, ending with a newline. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad command line; the dispatcher prints `seed-annotator: <message>` and a usage hint, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose help to point at, if any. */
    readonly command?: string,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  flags: Set<string>;
  positionals: string[];
}

/**
 * Splits arguments into boolean flags (each must be in `known`, e.g. `--help`, `-h`) and
 * positionals. `--` ends the flags; `-` alone is a positional.
 */
export function splitArgs(args: readonly string[], known: readonly string[], command?: string): ParsedArgs {
  const flags = new Set<string>();
  const positionals: string[] = [];
  let flagsDone = false;
  for (const arg of args) {
    if (flagsDone || arg === '-' || !arg.startsWith('-')) positionals.push(arg);
    else if (arg === '--') flagsDone = true;
    else if (known.includes(arg)) flags.add(arg);
    else throw new UsageError(`unknown option '${arg}'`, command);
  }
  return { flags, positionals };
}
