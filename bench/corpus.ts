/**
 * A synthetic corpus of source documents in the CNN lite layout, made of invented words:
 * header, dateline, credit, paragraphs with curly/straight quotes, nested quotes, apostrophes,
 * NBSPs, ellipses, emoji, some French documents with guillemets, some CRLF, some BOM,
 * then the web boilerplate. Deterministic for a given seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Random } from './prng';

const NBSP = '\u00a0';
const WORDS = (
  'the council city river board plan vote week report budget officials residents water bridge road ' +
  'school county state court judge police hospital market price energy policy agency statement ' +
  'project election campaign party leader minister border trade talks deal group members study data ' +
  'said would could after before during while since about against between under over into from with ' +
  'new local federal public early late major small first last recent several many most other ' +
  'approved rejected warned announced delayed reviewed expected reported confirmed planned'
).split(' ');
const MOTS = (
  'le la les un une des conseil ville projet budget maire région habitants rapport vote semaine ' +
  'gouvernement ministre accord école route prix marché énergie été a dit selon après avant pendant ' +
  'nouveau public local premier dernier plusieurs annoncé prévu confirmé rejeté'
).split(' ');
const NAMES = ['Lena Ortiz', 'Sam Okafor', 'Ada Park', 'Marta Quinn', 'Tomas Berg', 'Nadia Haddad', 'Ivo Petrov'];
const SITES = ['lite.example-news.com', 'www.example-news.com', 'news.example.org'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const ZONES = ['EST', 'EDT', 'CST', 'PDT', 'GMT'];
const EMOJI = ['😀', '🌊', '📈', '🗳️'];

function words(rng: Random, vocabulary: readonly string[], count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let word = rng.pick(vocabulary);
    if (rng.chance(0.04)) word += '’s';
    out.push(word);
  }
  return out.join(rng.chance(0.1) ? NBSP : ' ');
}

function sentence(rng: Random, vocabulary: readonly string[]): string {
  const text = words(rng, vocabulary, rng.int(6, 20));
  return text.charAt(0).toUpperCase() + text.slice(1) + (rng.chance(0.05) ? '…' : '.');
}

function englishParagraph(rng: Random): string {
  const parts: string[] = [];
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    if (roll < 0.2) {
      const inner = rng.chance(0.3) ? ` ‘${words(rng, WORDS, rng.int(2, 4))}’` : '';
      parts.push(`“${sentence(rng, WORDS).slice(0, -1)},${inner} ${words(rng, WORDS, 3)}.” ${rng.pick(NAMES)} said.`);
    } else if (roll < 0.27) {
      parts.push(`${sentence(rng, WORDS).slice(0, -1)} a “${words(rng, WORDS, 2)}” ${words(rng, WORDS, 3)}.`);
    } else if (roll < 0.3) {
      parts.push(`Officials said "${words(rng, WORDS, 4)}" on Monday.`);
    } else if (roll < 0.32) {
      parts.push(`${sentence(rng, WORDS)} ${rng.pick(EMOJI)}`);
    } else {
      parts.push(sentence(rng, WORDS));
    }
  }
  return parts.join(' ');
}

function frenchParagraph(rng: Random): string {
  const parts: string[] = [];
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.25)) {
      const inner = rng.chance(0.3) ? ` “${words(rng, MOTS, 2)}”` : '';
      parts.push(`${rng.pick(NAMES)} a déclaré${NBSP}: «${NBSP}${words(rng, MOTS, rng.int(5, 12))}${inner}${NBSP}».`);
    } else {
      parts.push(sentence(rng, MOTS).replace(' le ', ' l’'));
    }
  }
  return parts.join(' ');
}

/** One document of roughly `target` UTF-8 bytes (before the boilerplate). */
export function makeDocument(rng: Random, index: number, target: number): string {
  const french = rng.chance(0.15);
  const site = french ? 'www.exemple.fr' : rng.pick(SITES);
  const credit = french ? 'Exemple' : 'Example News';
  const day = rng.int(1, 28);
  const month = rng.int(0, 11);
  const year = rng.int(2019, 2024);
  const dateline = french
    ? `${day} ${MOIS[month]} ${year}`
    : `${rng.int(1, 12)}:${String(rng.int(0, 59)).padStart(2, '0')} ${rng.pick(['AM', 'PM'])} ${rng.pick(ZONES)}, ${rng.pick(DAYS)} ${MONTHS[month]} ${day}, ${year}`;
  const headline = french ? sentence(rng, MOTS).slice(0, -1) : sentence(rng, WORDS).slice(0, -1);
  const lines = [
    `Source: https://${site}/${year}/${month + 1}/${day}/story-${index}/index.html`,
    '',
    headline,
    '',
    '',
    `  ${french ? 'Par' : 'By'} ${rng.pick(NAMES)}${rng.chance(0.3) ? ` and ${rng.pick(NAMES)}` : ''}, ${credit}`,
    ' ',
    'Updated: ',
    `        ${dateline}`,
    '     ',
    `  Source: ${credit}`,
    ' ',
  ];
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  while (size < target) {
    const paragraph = `  ${french ? frenchParagraph(rng) : englishParagraph(rng)}`;
    lines.push(paragraph, ' ');
    size += paragraph.length + 3;
  }
  lines.pop();
  lines.push(' See Full Web Article ', '', `      Go to the full ${credit} experience`, '    ', ' ');
  lines.push(`    © ${year} ${credit}. All Rights Reserved.`, '   ', '');
  for (const link of ['Terms of Use', '|', 'Privacy Policy', '|', 'Ad Choices', '|', 'Cookie Settings']) {
    lines.push(`      ${link}`, '    ', '');
  }
  const eol = rng.chance(0.1) ? '\r\n' : '\n';
  return (rng.chance(0.05) ? '\uFEFF' : '') + lines.join(eol);
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
