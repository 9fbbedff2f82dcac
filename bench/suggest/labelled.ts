/**
 * The labelled set of the suggestion bench: original fictional articles written for this project, marked by hand.
 * Each `labelled/NNN_slug.txt` is an article in a compact form:
 *
 *   @url https://…            (omit for a document without a `Source:` line)
 *   @title Headline
 *   @by Name, Outlet
 *   @date 9:00 AM GMT, Mon May 4, 2026
 *   @crlf / @bom / @nbsp      (optional: CRLF line endings, a leading BOM, no-break spaces inside « »)
 *   @split dev | test
 *
 *   Paragraphs, separated by blank lines, with the labels in them:
 *   ⟪“a quote,”|Speaker Name⟫   a quote (marks included); after `|` the speaker as named in the text, or nothing
 *                              when the text does not name one; a quote may run over several paragraphs
 *   ⟦A check-worthy sentence.⟧  a claim candidate a fact-checker would tag
 *
 * `load` turns one into the seed document format (header, byline, dateline, credit, body, boilerplate) and the
 * labels into UTF-16 offsets of that text (BOM removed, as everywhere).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface LabelledQuote {
  start: number;
  end: number;
  /** '' when the text does not name the speaker. */
  speaker: string;
}

export interface LabelledDocument {
  name: string;
  split: 'dev' | 'test';
  /** The document text as VS Code holds it (BOM removed). */
  text: string;
  /** The file as written to disk (with BOM when @bom). */
  fileText: string;
  quotes: LabelledQuote[];
  claims: Array<{ start: number; end: number }>;
}

export const LABELLED_DIR = path.join(import.meta.dirname, 'labelled');

function assemble(meta: Map<string, string>, paragraphs: string[], eol: string): string {
  const lines: string[] = [];
  const url = meta.get('url');
  if (url) lines.push(`Source: ${url}`, '');
  lines.push(meta.get('title') ?? 'Untitled', '', '');
  const outlet = meta.get('by')?.split(',').at(-1)?.trim();
  if (meta.has('by')) lines.push(`  By ${meta.get('by')}`, ' ');
  if (meta.has('date')) lines.push('Updated: ', `        ${meta.get('date')}`, '     ');
  if (outlet) lines.push(`  Source: ${outlet}`, ' ');
  lines.push(paragraphs.map((p) => `  ${p}`).join(`${eol} ${eol}`));
  lines.push(' See Full Web Article ', '', `    © 2026 ${outlet ?? 'News'}. All Rights Reserved.`, '', '      Terms of Use', '      |', '      Privacy Policy', '');
  return lines.join(eol);
}

/** Reads one labelled article. */
export function load(file: string): LabelledDocument {
  const source = readFileSync(file, 'utf8');
  const meta = new Map<string, string>();
  const body: string[] = [];
  for (const block of source.split(/\n[ \t]*\n/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('@')) {
      for (const line of trimmed.split('\n')) {
        const m = /^@(\w+)\s*(.*)$/.exec(line.trim());
        if (!m) throw new Error(`${file}: bad header line '${line}'`);
        meta.set(m[1]!, m[2]!);
      }
    } else body.push(trimmed.replace(/\s*\n\s*/g, ' '));
  }
  if (meta.has('nbsp')) {
    for (let i = 0; i < body.length; i++) body[i] = body[i]!.replace(/« /g, '«\u00A0').replace(/ »/g, '\u00A0»');
  }
  const eol = meta.has('crlf') ? '\r\n' : '\n';
  const marked = assemble(meta, body, eol);
  let text = '';
  const quotes: LabelledQuote[] = [];
  const claims: Array<{ start: number; end: number }> = [];
  const openQuotes: number[] = [];
  const openClaims: number[] = [];
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i]!;
    if (c === '⟪') openQuotes.push(text.length);
    else if (c === '⟦') openClaims.push(text.length);
    else if (c === '⟧') claims.push({ start: openClaims.pop()!, end: text.length });
    else if (c === '|' && openQuotes.length > 0) {
      const close = marked.indexOf('⟫', i);
      if (close < 0) throw new Error(`${file}: a quote label is not closed`);
      quotes.push({ start: openQuotes.pop()!, end: text.length, speaker: marked.slice(i + 1, close).trim() });
      i = close;
    } else if (c === '⟫') throw new Error(`${file}: a quote label without '|'`);
    else text += c;
  }
  if (openQuotes.length || openClaims.length) throw new Error(`${file}: a label is left open`);
  const split = meta.get('split');
  if (split !== 'dev' && split !== 'test') throw new Error(`${file}: @split must be dev or test`);
  quotes.sort((a, b) => a.start - b.start);
  claims.sort((a, b) => a.start - b.start);
  return { name: path.basename(file), split, text, fileText: meta.has('bom') ? `\uFEFF${text}` : text, quotes, claims };
}

/** Every labelled article, by file name. */
export function loadAll(dir = LABELLED_DIR): LabelledDocument[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => load(path.join(dir, f)));
}
