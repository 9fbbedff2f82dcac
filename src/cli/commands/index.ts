import type { CliCommand } from '../command';
import { parseCommand } from './parse';
import { validateCommand } from './validate';

/** The CLI verbs, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [parseCommand, validateCommand];
