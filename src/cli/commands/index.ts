import type { CliCommand } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { parseCommand } from './parse';
import { suggestCommand } from './suggest';
import { validateCommand } from './validate';

/** The CLI verbs, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [parseCommand, validateCommand, exportCommand, importCommand, suggestCommand];
