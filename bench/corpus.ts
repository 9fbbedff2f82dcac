/**
 * A synthetic corpus of source documents in the CNN lite layout: header, headline, byline,
 * dateline, credit, body paragraphs of original news-like prose (bench/news.ts: invented
 * names, places, figures and quotations, several kinds of paragraph), then the web
 * boilerplate. Some documents use guillemets with non-breaking spaces, NBSPs inside figures,
 * emoji, CRLF line endings or a BOM. Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { article, type Piece } from './news';
import { Random } from './prng';

const NBSP = '\u00a0';
const SITES = ['lite.example-news.com', 'www.example-news.com', 'news.example.org', 'www.harbourgazette.example'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ZONES = ['EST', 'EDT', 'CST', 'PDT', 'GMT'];
const EMOJI = ['📈', '🌊', '🗳️', '🚧'];
const AUTHORS = ['Marguerite Oyelaran', 'Idris Kowalczyk', 'Freya Castellano', 'Kwame Lindqvist', 'Hana Ferreira'];

type Span = [number, number];

/** A document with the spans of its body parts (offsets into `text`). */
export interface Article {
  text: string;
  paragraphs: Span[];
  sentences: Span[];
  quotations: Span[];
}

/** Header, headline, byline, dateline and credit lines (LF endings), then the body's indent. */
function headerLines(rng: Random, index: number, headline: string): string {
  const site = rng.pick(SITES);
  const day = rng.int(1, 28);
  const month = rng.int(0, 11);
  const year = rng.int(2019, 2025);
  const dateline = `${rng.int(1, 12)}:${String(rng.int(0, 59)).padStart(2, '0')} ${rng.pick(['AM', 'PM'])} ${rng.pick(ZONES)}, ${rng.pick(DAYS)} ${MONTHS[month]} ${day}, ${year}`;
  const slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40);
  return [
    `Source: https://${site}/${year}/${month + 1}/${day}/${slug}-${index}/index.html`,
    '',
    headline,
    '',
    '',
    `  By ${rng.pick(AUTHORS)}${rng.chance(0.3) ? ` and ${rng.pick(AUTHORS)}` : ''}, Example News`,
    ' ',
    'Updated: ',
    `        ${dateline}`,
    '     ',
    '  Source: Example News',
    ' ',
    '',
  ].join('\n');
}

const FOOTER = [
  ' See Full Web Article ', '', '      Go to the full Example News experience', '    ', ' ', '    © 2025 Example News. All Rights Reserved.', '   ', '',
  ...['Terms of Use', '|', 'Privacy Policy', '|', 'Ad Choices', '|', 'Cookie Settings'].flatMap((l) => [`      ${l}`, '    ', '']),
].join('\n');

/** Lays out body paragraphs (indented by two spaces, separated by a line holding one space). */
export function layout(head: string, pieces: readonly Piece[], foot = FOOTER): Article {
  const out: Article = { text: head, paragraphs: [], sentences: [], quotations: [] };
  pieces.forEach((p, i) => {
    out.text += i === 0 ? '  ' : '\n \n  ';
    const base = out.text.length;
    out.text += p.text;
    out.paragraphs.push([base, out.text.length]);
    for (const [s, e] of p.sentences) out.sentences.push([base + s, base + e]);
    for (const [s, e] of p.quotations) out.quotations.push([base + s, base + e]);
  });
  out.text += `\n${foot}`;
  return out;
}

/** An English article of about `target` characters, LF line endings, no BOM. */
export function makeArticle(rng: Random, index: number, target: number): Article {
  const pieces = article(rng, Math.max(200, target - 900));
  const headline = pieces[0]!.text.split(/[.,:]/)[0]!.split(' ').slice(0, 9).join(' ');
  return layout(headerLines(rng, index, headline), pieces);
}

/** One document of roughly `target` characters, with the format's variations (see the module comment). */
export function makeDocument(rng: Random, index: number, target: number): string {
  let text = makeArticle(rng, index, target).text;
  if (rng.chance(0.15)) text = text.replace(/“([^”]*)”/g, `«${NBSP}$1${NBSP}»`);
  if (rng.chance(0.3)) text = text.replace(/(\d) percent/g, `$1${NBSP}percent`);
  if (rng.chance(0.1)) text = text.replace(/\.\n \n/, `. ${rng.pick(EMOJI)}\n \n`);
  if (rng.chance(0.1)) text = text.replace(/\n/g, '\r\n');
  return (rng.chance(0.05) ? '\uFEFF' : '') + text;
}

export interface Corpus {
  dir: string;
  files: string[];
  /** Total size on disk. */
  bytes: number;
}

/** Writes `count` documents (~2.2–3.8 KB each) into `dir`. */
export function writeCorpus(dir: string, count: number, seed: number): Corpus {
  mkdirSync(dir, { recursive: true });
  const rng = new Random(seed);
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${String(i).padStart(5, '0')}_${(seed + i).toString(16).padStart(16, '0')}.txt`);
    const data = Buffer.from(makeDocument(rng, i, rng.int(2000, 3400)), 'utf8');
    writeFileSync(file, data);
    files.push(file);
    bytes += data.length;
  }
  return { dir, files, bytes };
}
