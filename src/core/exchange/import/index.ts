/** Import: parse an input in one of the formats into records (spans with document hints). */
import { parseBratAnn } from './brat';
import { parseDoccano } from './doccano';
import { parseLabelStudio } from './labelstudio';
import { parseJsonBundle, parseJsonl } from './native';
import { problemAt, type ImportFormat, type ParseOptions, type ParseResult } from './types';
import { parseW3c } from './w3c';

export * from './types';
export { parseBratAnn } from './brat';
export { parseDoccano } from './doccano';
export { parseLabelStudio } from './labelstudio';
export { parseJsonBundle, parseJsonl } from './native';
export { parseW3c } from './w3c';
export * from './place';
export * from './labels';
export * from './relations';
export * from './merge';

/**
 * Parses one input file of a JSON-based format (brat goes through parseBratAnn: it needs the `.txt` beside).
 * An input that yields no span and says why not is a problem itself: an import never reports success for
 * input it skipped.
 */
export function parseInput(format: Exclude<ImportFormat, 'brat'>, text: string, fileName: string, options: ParseOptions = {}): ParseResult {
  const result = parseFormat(format, text, fileName, options);
  if (!result.records.some((r) => r.spans.length > 0) && !result.problems.some((p) => p.severity === 'error')) {
    const why = result.problems.length > 0 ? ' (see the warnings above)' : '';
    result.problems.push(problemAt(fileName, `nothing imported: no annotated span found in this ${format} input${why}`));
  }
  return result;
}

function parseFormat(format: Exclude<ImportFormat, 'brat'>, text: string, fileName: string, options: ParseOptions): ParseResult {
  switch (format) {
    case 'w3c':
      return parseW3c(text, fileName);
    case 'doccano':
      return parseDoccano(text, fileName, options.unit);
    case 'labelstudio':
      return parseLabelStudio(text, fileName, options.unit, options.predictions);
    case 'json':
      return parseJsonBundle(text, fileName);
    case 'jsonl':
      return parseJsonl(text, fileName);
  }
}

export { parseBratAnn as parseBrat };
