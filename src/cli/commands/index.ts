import type { CliCommand } from '../command';
import { agreementCommand } from './agreement';
import { curateCommand } from './curate';
import { exportCommand } from './export';
import { gitSetupCommand } from './gitSetup';
import { importCommand } from './import';
import { mergeDriverCommand } from './mergeDriver';
import { parseCommand } from './parse';
import { resolveCommand } from './resolve';
import { statsCommand } from './stats';
import { suggestCommand } from './suggest';
import { validateCommand } from './validate';

/** The CLI verbs, in the order `--help` lists them. */
export const commands: readonly CliCommand[] = [
  parseCommand, validateCommand, exportCommand, importCommand, statsCommand, agreementCommand, curateCommand, suggestCommand, gitSetupCommand, mergeDriverCommand, resolveCommand,
];
