/** Entry point of dist/cli.js (`seed-annotator`). */
import { runCli } from './cli';
import { processIo } from './io';

// A closed pipe (e.g. `| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

void runCli(process.argv.slice(2), processIo).then((code) => {
  process.exitCode = code;
});
