/** What `git-setup` writes: the `.gitattributes` line and the repository's git config for the sidecar merge driver. */

export const MERGE_DRIVER = 'seed-annotator';
export const GIT_ATTRIBUTE_LINE = `*.annotations.json merge=${MERGE_DRIVER}`;

/** True when a `.gitattributes` text already routes sidecars to the driver. */
export function hasMergeAttribute(gitattributes: string | null): boolean {
  if (gitattributes === null) return false;
  return gitattributes.split(/\r?\n/).some((line) => {
    const [pattern, ...attrs] = line.trim().split(/\s+/);
    return pattern === '*.annotations.json' && attrs.includes(`merge=${MERGE_DRIVER}`);
  });
}

/** The `.gitattributes` text with the driver's line added, or null when it is already there. */
export function withMergeAttribute(gitattributes: string | null): string | null {
  if (hasMergeAttribute(gitattributes)) return null;
  const current = gitattributes ?? '';
  const eol = current.includes('\r\n') ? '\r\n' : '\n';
  const sep = current === '' || current.endsWith('\n') ? '' : eol;
  return `${current}${sep}${GIT_ATTRIBUTE_LINE}${eol}`;
}

/** Quotes one argument for the POSIX shell git runs merge drivers with. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The git config entries: `merge.seed-annotator.name` and `.driver`. `runner` is the command that starts the
 * CLI (already quoted), e.g. `'/usr/bin/node' '/x/dist/cli.js'`.
 */
export function mergeDriverConfig(runner: string): Array<[key: string, value: string]> {
  return [
    [`merge.${MERGE_DRIVER}.name`, 'Seed Annotator: merge annotation sidecars by id'],
    [`merge.${MERGE_DRIVER}.driver`, `${runner} merge-driver %O %A %B %P`],
  ];
}
