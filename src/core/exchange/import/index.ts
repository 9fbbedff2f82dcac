/** Import: parse an input in one of the formats into records (spans with document hints). */
import { parseBratAnn } from './brat';
import { parseDoccano } from './doccano';
import { parseLabelStudio } from './labelstudio';
import { parseJsonBundle, parseJsonl } from './native';
import type { ImportFormat, OffsetUnit, ParseResult } from './types';
import { parseW3c } from './w3c';

export * from './types';
export { parseBratAnn } from './brat';
export { parseDoccano } from './doccano';
export { parseLabelStudio } from './labelstudio';
export { parseJsonBundle, parseJsonl } from './native';
export { parseW3c } from './w3c';
export * from './place';
export * from './merge';

/** Parses one input file of a JSON-based format (brat goes through parseBratAnn: it needs the `.txt` beside). */
export function parseInput(format: Exclude<ImportFormat, 'brat'>, text: string, fileName: string, unit?: OffsetUnit): ParseResult {
  switch (format) {
    case 'w3c':
      return parseW3c(text, fileName);
    case 'doccano':
      return parseDoccano(text, fileName, unit);
    case 'labelstudio':
      return parseLabelStudio(text, fileName, unit);
    case 'json':
      return parseJsonBundle(text, fileName);
    case 'jsonl':
      return parseJsonl(text, fileName);
  }
}

export { parseBratAnn as parseBrat };
