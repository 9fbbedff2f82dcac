/**
 * Tests for syntaxes/seed-document.tmLanguage.json, tokenised with the same
 * engine VS Code uses (vscode-textmate + vscode-oniguruma's WASM build).
 *
 * Documents are tokenised the way VS Code does it: lines split at CRLF, LF or a
 * lone CR (the EOL is never passed to the tokenizer), BOM stripped, the rule
 * stack carried from one line to the next, INITIAL for the first line.
 */
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as onigNamespace from 'vscode-oniguruma';
import * as vsctmNamespace from 'vscode-textmate';
import type { IGrammar, IToken, StateStack } from 'vscode-textmate';

// Both packages are CommonJS/UMD bundles: under CJS the namespace carries the
// exports, under native ESM only `default` does. Accept either.
const interop = <T extends object>(ns: T): T => ((ns as { default?: T }).default ?? ns);
const oniguruma = interop(onigNamespace);
const vsctm = interop(vsctmNamespace);

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const grammarPath = path.join(root, 'syntaxes', 'seed-document.tmLanguage.json');
const languageConfigPath = path.join(root, 'language-configuration.json');
const fixturesDir = path.join(here, 'grammar-fixtures');
const seedsDir = path.join(root, 'seeds');
const SCOPE = 'text.seed-document';

interface TokenizedLine {
  readonly index: number;
  readonly text: string;
  readonly tokens: readonly IToken[];
}

interface TokenizedDocument {
  readonly lines: readonly TokenizedLine[];
  /** The first line containing `substring` (at or after line `from`). */
  line(substring: string, from?: number): TokenizedLine;
}

let grammar: IGrammar;

async function loadGrammar(): Promise<IGrammar> {
  const wasm = fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
      createOnigString: (s: string) => oniguruma.createOnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName !== SCOPE) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
    },
  });
  const g = await registry.loadGrammar(SCOPE);
  assert.ok(g, 'grammar text.seed-document should load');
  return g;
}

function tokenize(content: string): TokenizedDocument {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content; // VS Code drops the BOM
  let state: StateStack = vsctm.INITIAL;
  const lines: TokenizedLine[] = text.split(/\r\n|\r|\n/).map((lineText, index) => {
    const result = grammar.tokenizeLine(lineText, state);
    assert.equal(result.stoppedEarly, false, `tokenizer stopped early on line ${index + 1}`);
    state = result.ruleStack;
    return { index, text: lineText, tokens: result.tokens };
  });
  return {
    lines,
    line(substring: string, from = 0): TokenizedLine {
      const found = lines.find((l) => l.index >= from && l.text.includes(substring));
      assert.ok(found, `no line contains ${JSON.stringify(substring)}`);
      return found;
    },
  };
}

function fixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, name), 'utf8');
}

/** Tokens overlapping `substring` (its `occurrence`-th appearance in the line). */
function tokensOver(line: TokenizedLine, substring: string, occurrence = 1): IToken[] {
  let start = -1;
  for (let i = 0; i < occurrence; i++) {
    start = line.text.indexOf(substring, start + 1);
    assert.ok(start >= 0, `${JSON.stringify(substring)} (#${occurrence}) not in line ${line.index + 1}: ${JSON.stringify(line.text)}`);
  }
  const end = start + substring.length;
  const over = line.tokens.filter((t) => t.startIndex < end && t.endIndex > start);
  assert.ok(over.length > 0, `no tokens over ${JSON.stringify(substring)}`);
  return over;
}

/** Scopes that cover every character of `substring` (intersection over its tokens). */
function scopesAt(line: TokenizedLine, substring: string, occurrence = 1): string[] {
  const [first, ...rest] = tokensOver(line, substring, occurrence).map((t) => t.scopes);
  return (first ?? []).filter((s) => rest.every((scopes) => scopes.includes(s)));
}

/** Scopes that touch any character of `substring` (union over its tokens). */
function anyScopesAt(line: TokenizedLine, substring: string, occurrence = 1): string[] {
  return [...new Set(tokensOver(line, substring, occurrence).flatMap((t) => t.scopes))];
}

const has = (scopes: readonly string[], prefix: string): boolean =>
  scopes.some((s) => s === prefix || s.startsWith(prefix + '.'));

function assertScope(line: TokenizedLine, substring: string, prefix: string, occurrence = 1): void {
  const scopes = scopesAt(line, substring, occurrence);
  assert.ok(has(scopes, prefix), `${JSON.stringify(substring)} should be ${prefix}; got [${scopes.join(', ')}]`);
}

function assertNoScope(line: TokenizedLine, substring: string, prefix: string, occurrence = 1): void {
  const scopes = anyScopesAt(line, substring, occurrence);
  assert.ok(!has(scopes, prefix), `${JSON.stringify(substring)} should not be ${prefix}; got [${scopes.join(', ')}]`);
}

/** Exactly the characters of `substring` carry `prefix`: not one before, not one after. */
function assertExactScope(line: TokenizedLine, substring: string, prefix: string): void {
  assertScope(line, substring, prefix);
  const start = line.text.indexOf(substring);
  const end = start + substring.length;
  const at = (pos: number) => line.tokens.find((t) => t.startIndex <= pos && pos < t.endIndex)?.scopes ?? [];
  if (start > 0) assert.ok(!has(at(start - 1), prefix), `${prefix} starts before ${JSON.stringify(substring)}`);
  if (end < line.text.length) assert.ok(!has(at(end), prefix), `${prefix} runs past ${JSON.stringify(substring)}`);
}

before(async () => {
  grammar = await loadGrammar();
});

describe('grammar file', () => {
  test('is valid JSON with the scope name package.json declares', () => {
    const raw = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as { scopeName?: string };
    assert.equal(raw.scopeName, SCOPE);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes?: { grammars?: Array<{ scopeName: string; path: string; language: string }> };
    };
    const contributed = pkg.contributes?.grammars?.find((gr) => gr.scopeName === SCOPE);
    assert.ok(contributed, 'package.json contributes the grammar');
    assert.equal(path.resolve(root, contributed.path), grammarPath);
  });
});

describe('standard document (LF)', () => {
  let doc: TokenizedDocument;
  before(() => {
    doc = tokenize(fixture('standard.txt'));
  });

  test('header: label keyword, URL link, whole line meta.header', () => {
    const header = doc.lines[0]!;
    assertScope(header, 'Source', 'keyword.other.source.seed-document');
    assertExactScope(header, 'https://www.lakeshore-ledger.test/2024/02/11/world/reservoir-shortfall/index.html', 'markup.underline.link.seed-document');
    assertScope(header, header.text, 'meta.header.seed-document');
    assertNoScope(header, '2024', 'constant.numeric');
  });

  test('headline is markup.heading (with entity.name.section), and only the headline', () => {
    const headline = doc.line('Reservoir storage falls');
    assert.equal(headline.index, 2);
    assertScope(headline, headline.text, 'markup.heading.1.seed-document');
    assertScope(headline, headline.text, 'entity.name.section.seed-document');
    // inline rules still apply inside the headline
    assertScope(headline, '60%', 'constant.numeric.seed-document');
    assertScope(headline, '“drought emergency”', 'string.quoted.double.seed-document');
    assertNoScope(headline, 'officials’', 'string.quoted.single');
    for (const other of [doc.lines[0]!, doc.line('By Jonas'), doc.line('The regional water board')]) {
      assertNoScope(other, other.text, 'markup.heading');
    }
  });

  test('byline', () => {
    const byline = doc.line('By Jonas');
    assertScope(byline, 'By Jonas Whitfield and Amara Quist, Lakeshore Ledger', 'meta.byline.seed-document');
    assertExactScope(byline, 'By', 'keyword.other.byline.seed-document');
    assertScope(byline, 'Jonas Whitfield and Amara Quist', 'variable.other.author.seed-document');
  });

  test('dateline: label and value on the next line', () => {
    const label = doc.line('Updated:');
    assertScope(label, 'Updated', 'keyword.other.dateline.seed-document');
    assertScope(label, 'Updated:', 'meta.dateline.seed-document');
    const value = doc.line('9:41 AM EST');
    assertExactScope(value, '9:41 AM EST, Sun February 11, 2024', 'constant.other.date.seed-document');
    assertScope(value, '9:41 AM EST, Sun February 11, 2024', 'string.unquoted.date.seed-document');
    assertScope(value, '9:41 AM EST, Sun February 11, 2024', 'meta.dateline.seed-document');
  });

  test('credit "Source: …" inside the body is meta.credit, not a link or header', () => {
    const credit = doc.line('  Source: Lakeshore Ledger');
    assert.ok(credit.index > 2);
    assertScope(credit, 'Source: Lakeshore Ledger', 'meta.credit.seed-document');
    assertScope(credit, 'Source', 'keyword.other.credit.seed-document');
    assertScope(credit, 'Lakeshore Ledger', 'entity.name.type.organization.seed-document');
    assertNoScope(credit, credit.text, 'markup.underline.link');
    assertNoScope(credit, credit.text, 'meta.header');
    assertNoScope(credit, credit.text, 'markup.heading');
  });

  test('numbers', () => {
    const p = doc.line('The regional water board');
    assertExactScope(p, '60%', 'constant.numeric.seed-document');
    assertExactScope(p, '96,000', 'constant.numeric.seed-document');
    assertExactScope(p, '$1.3 billion', 'constant.numeric.seed-document');
    assertExactScope(p, '2027', 'constant.numeric.seed-document');
    const q = doc.line('We warned the ministry');
    assertExactScope(q, '3.5', 'constant.numeric.seed-document');
    const r = doc.line('Iran’s delegation');
    assertExactScope(r, '€4.5 million', 'constant.numeric.seed-document');
    assertExactScope(r, '84', 'constant.numeric.seed-document');
    assertNoScope(r, 'people', 'constant.numeric');
    assertNoScope(r, 'at least', 'constant.numeric');
    assertExactScope(r, '250', 'constant.numeric.seed-document'); // NBSP after the number is not part of it
  });

  test('digits inside words are not numbers (COVID19, COVID-19, b2b)', () => {
    const p = doc.line('A consultant wrote');
    assertNoScope(p, 'COVID19', 'constant.numeric');
    assertNoScope(p, 'COVID-19', 'constant.numeric');
    assertNoScope(p, 'b2b', 'constant.numeric');
  });

  test('nested ‘…’ inside “…” is string.quoted.single and string.quoted.double', () => {
    const p = doc.line('We warned the ministry');
    const quote = '“We warned the ministry in January that the ‘worst case’ was already our planning case,”';
    assertExactScope(p, quote, 'string.quoted.double.seed-document');
    const inner = scopesAt(p, '‘worst case’');
    assert.ok(has(inner, 'string.quoted.single.seed-document'), inner.join(', '));
    assert.ok(has(inner, 'string.quoted.double.seed-document'), inner.join(', '));
    assertExactScope(p, '‘worst case’', 'string.quoted.single.seed-document');
    assertScope(p, '“', 'punctuation.definition.string.begin.seed-document');
    assertScope(p, '”', 'punctuation.definition.string.end.seed-document');
    // text after the closing quote is plain
    assertNoScope(p, 'board chair Lena Ortiz said', 'string');
    assertNoScope(p, 'Officials’ own tables', 'string');
  });

  test('apostrophes are not quotes', () => {
    const p = doc.line('Iran’s delegation');
    assertNoScope(p, 'Iran’s', 'string.quoted.single');
    assertNoScope(p, p.text, 'string');
    assertNoScope(doc.line('We warned'), 'Officials’', 'string.quoted.single');
  });

  test('an unbalanced “ ends at the end of its line', () => {
    const open = doc.line('This sentence opens a quotation');
    assertScope(open, '“This sentence opens a quotation that the editor never closed, and it keeps going until the paragraph ends', 'string.quoted.double.seed-document');
    const next = doc.line('The next paragraph must start outside');
    assertNoScope(next, next.text, 'string');
    assertExactScope(next, '12', 'constant.numeric.seed-document');
    const blank = doc.lines[open.index + 1]!;
    for (const t of blank.tokens) assert.ok(!has(t.scopes, 'string'), 'blank line after unbalanced quote');
  });

  test('straight quotes; straight apostrophes inside are not quotes (as in src/core/quotations.ts)', () => {
    const p = doc.line('A consultant wrote');
    assertExactScope(p, '"the levels weren\'t \'critical\' yet"', 'string.quoted.double.seed-document');
    assertNoScope(p, "weren't 'critical'", 'string.quoted.single');
    assertNoScope(p, 'in a memo', 'string');
  });

  test('"By …" in the body is not a byline', () => {
    const p = doc.line('By contrast');
    assertNoScope(p, p.text, 'meta.byline');
    assertExactScope(p, '71%', 'constant.numeric.seed-document');
  });

  test('boilerplate footer is a comment to the end of the file', () => {
    const start = doc.line('See Full Web Article');
    assertScope(start, 'See Full Web Article', 'comment.block.boilerplate.seed-document');
    assertNoScope(doc.line('By contrast'), 'By contrast', 'comment');
    for (const l of doc.lines.slice(start.index)) {
      for (const t of l.tokens) {
        assert.ok(has(t.scopes, 'comment.block.boilerplate.seed-document'), `line ${l.index + 1} ${JSON.stringify(l.text)} not in comment`);
      }
    }
    const copyright = doc.line('©');
    assertScope(copyright, '© 2024 Lakeshore Ledger Media Group. All Rights Reserved.', 'comment.block.boilerplate.seed-document');
    assertNoScope(copyright, '2024', 'constant.numeric');
    const bar = doc.line('|', start.index);
    assertScope(bar, '|', 'comment.block.boilerplate.seed-document');
    assertScope(bar, '|', 'punctuation.separator.boilerplate.seed-document');
    assertScope(doc.line('Privacy Policy'), 'Privacy Policy', 'comment.block.boilerplate.seed-document');
  });

  test('the front matter is over once the body starts', () => {
    assertNoScope(doc.line('The regional water board'), 'The regional', 'meta.preamble');
    assertScope(doc.line('By Jonas'), 'By', 'meta.preamble.seed-document');
  });
});

describe('CRLF document', () => {
  let doc: TokenizedDocument;
  before(() => {
    let text = fixture('crlf.txt');
    // The fixture is stored with CRLF; if a checkout normalised it, restore CRLF so this test still tests CRLF input.
    if (!text.includes('\r\n')) text = text.replace(/\n/g, '\r\n');
    doc = tokenize(text);
  });

  test('no line carries a stray \\r', () => {
    assert.ok(doc.lines.every((l) => !l.text.includes('\r')));
  });

  test('header, headline, byline, dateline, credit, quote, numbers, footer', () => {
    assertExactScope(doc.lines[0]!, 'https://news.pinecrest-daily.test/2024/06/19/local/levy-vote/index.html', 'markup.underline.link.seed-document');
    const headline = doc.line('Pinecrest council approves');
    assertExactScope(headline, headline.text, 'markup.heading.1.seed-document');
    assertScope(doc.line('By Hollis'), 'Hollis Berrigan, Pinecrest Daily', 'variable.other.author.seed-document');
    assertExactScope(doc.line('11:05 PM CDT'), '11:05 PM CDT, Wed June 19, 2024', 'constant.other.date.seed-document');
    assertScope(doc.line('  Source: Pinecrest Daily'), 'Pinecrest Daily', 'meta.credit.seed-document');
    const p = doc.line('The council voted');
    assertExactScope(p, '4.2%', 'constant.numeric.seed-document');
    assertExactScope(p, '$148', 'constant.numeric.seed-document');
    const q = doc.line('Nobody wanted this');
    assertExactScope(q, '“Nobody wanted this, but it’s the budget we can actually pay for,”', 'string.quoted.double.seed-document');
    assertNoScope(q, 'it’s', 'string.quoted.single');
    assertScope(doc.line('Terms of Use'), 'Terms of Use', 'comment.block.boilerplate.seed-document');
  });
});

describe('BOM + emoji document', () => {
  let doc: TokenizedDocument;
  before(() => {
    const text = fixture('bom-emoji.txt');
    assert.equal(text.charCodeAt(0), 0xfeff, 'fixture starts with a BOM');
    doc = tokenize(text);
  });

  test('header and headline with an emoji', () => {
    assertExactScope(doc.lines[0]!, 'https://www.tidewater-times.test/2025/05/08/markets/kelpco-debut/index.html', 'markup.underline.link.seed-document');
    const headline = doc.line('KelpCo');
    assertExactScope(headline, 'Kelp farmer KelpCo 🌊 jumps 41% in market debut', 'markup.heading.1.seed-document');
    assertExactScope(headline, '41%', 'constant.numeric.seed-document');
  });

  test('quotes and numbers around emoji (surrogate pairs)', () => {
    const p = doc.line('The founder posted');
    assertExactScope(p, '“We’re just getting started 🎉 and we have 18.5 million reasons to celebrate.”', 'string.quoted.double.seed-document');
    assertExactScope(p, '18.5 million', 'constant.numeric.seed-document');
    assertNoScope(p, '🚀', 'string');
    assertNoScope(p, 'We’re', 'string.quoted.single');
    assertExactScope(doc.line('Shares closed'), '$31.02', 'constant.numeric.seed-document');
  });

  test('a BOM left in place (not stripped) still yields a header', () => {
    const withBom = fixture('bom-emoji.txt');
    const first = withBom.split(/\r?\n/)[0]!;
    const result = grammar.tokenizeLine(first, vsctm.INITIAL);
    const url = 'https://www.tidewater-times.test/2025/05/08/markets/kelpco-debut/index.html';
    const start = first.indexOf(url);
    const tok = result.tokens.find((t) => t.startIndex <= start && start < t.endIndex);
    assert.ok(tok && has(tok.scopes, 'markup.underline.link.seed-document'));
  });
});

describe('French document with guillemets and NBSP', () => {
  let doc: TokenizedDocument;
  before(() => {
    doc = tokenize(fixture('french-guillemets.txt'));
  });

  test('guillemets with NBSP inside are quoted, apostrophes are not', () => {
    const p = doc.line('La ligne fermera');
    assertExactScope(p, '«\u00A0bien au-delà de nos moyens\u00A0»', 'string.quoted.other.guillemets.seed-document');
    assertNoScope(p, 'd’euros', 'string');
    assertNoScope(p, 'selon la région', 'string');
    assertExactScope(p, '48\u00A0millions', 'constant.numeric.seed-document');
    assertExactScope(p, '1er', 'constant.numeric.seed-document');
    assertExactScope(p, '2025', 'constant.numeric.seed-document');
  });

  test('“…” nested inside « … »', () => {
    const p = doc.line('On nous parle');
    const inner = scopesAt(p, '“mobilité durable”');
    assert.ok(has(inner, 'string.quoted.double.seed-document'), inner.join(', '));
    assert.ok(has(inner, 'string.quoted.other.guillemets.seed-document'), inner.join(', '));
    assertNoScope(p, 'a lancé la maire', 'string');
  });

  test('NBSP thousands and percent', () => {
    const p = doc.line('La ligne transportait');
    assertExactScope(p, '1\u00A0240', 'constant.numeric.seed-document');
    assertExactScope(p, '60\u00A0%', 'constant.numeric.seed-document');
  });

  test('headline with apostrophe and en dash; "Par" byline', () => {
    const h = doc.line('La région suspend');
    assertExactScope(h, h.text, 'markup.heading.1.seed-document');
    assertNoScope(h, 'l’État', 'string');
    const byline = doc.line('Par Clémence');
    assertExactScope(byline, 'Par', 'keyword.other.byline.seed-document');
    assertScope(byline, 'Clémence Vautrin, La Gazette des Collines', 'variable.other.author.seed-document');
  });
});

describe('document without a Source header', () => {
  let doc: TokenizedDocument;
  before(() => {
    doc = tokenize(fixture('no-header.txt'));
  });

  test('first line is the headline', () => {
    const h = doc.lines[0]!;
    assert.ok(h.text.startsWith('Evacuation orders'));
    assertExactScope(h, h.text, 'markup.heading.1.seed-document');
    assertExactScope(h, '2,400', 'constant.numeric.seed-document');
    assertNoScope(h, h.text, 'meta.header');
  });

  test('byline and dateline, body without a credit line', () => {
    assertScope(doc.line('By Mirela'), 'By', 'keyword.other.byline.seed-document');
    assertExactScope(doc.line('7:30 PM MDT'), '7:30 PM MDT, Mon August 12, 2024', 'constant.other.date.seed-document');
    const p = doc.line('Crews held the fire');
    assertNoScope(p, p.text, 'markup.heading');
    assertNoScope(p, p.text, 'meta.preamble');
    assertExactScope(p, '62%', 'constant.numeric.seed-document');
    assertExactScope(p, '18,750', 'constant.numeric.seed-document');
    assertScope(doc.line('See Full Web Article'), 'See Full Web Article', 'comment.block.boilerplate.seed-document');
  });

  test('blank lines before the headline are allowed', () => {
    const d = tokenize('\n  \nA headline after blank lines\n\n  By Someone Else\n  First paragraph with 3 facts.\n');
    assertExactScope(d.line('A headline'), 'A headline after blank lines', 'markup.heading.1.seed-document');
    assertScope(d.line('By Someone'), 'Someone Else', 'variable.other.author.seed-document');
    assertNoScope(d.line('First paragraph'), 'First paragraph', 'markup.heading');
  });

  test('the header may follow blank lines and be indented (as src/core/parse.ts reads it)', () => {
    const d = tokenize('\n  Source: https://a.example/x  \n\nThe headline\n');
    assertExactScope(d.line('Source:'), 'https://a.example/x', 'markup.underline.link.seed-document');
    assertExactScope(d.line('The headline'), 'The headline', 'markup.heading.1.seed-document');
  });
});

describe('header fields as src/core/parse.ts reads them', () => {
  test('fields in another order, dateline value on the label line', () => {
    const d = tokenize('Source: http://news.example/p?q=1\n\nTitle\n\nSource: Wire\nPublished: January 25, 2024\nBy Ann Lee\n\nBody with 2 facts.\n');
    assertExactScope(d.line('Title'), 'Title', 'markup.heading.1.seed-document');
    assertExactScope(d.line('Source: Wire'), 'Wire', 'entity.name.type.organization.seed-document');
    assertNoScope(d.line('Source: Wire'), 'Wire', 'markup.underline.link');
    const date = d.line('Published:');
    assertExactScope(date, 'Published:', 'keyword.other.dateline.seed-document');
    assertExactScope(date, ':', 'punctuation.separator.key-value.seed-document');
    assertExactScope(date, 'January 25, 2024', 'constant.other.date.seed-document');
    assertExactScope(d.line('By Ann'), 'Ann Lee', 'variable.other.author.seed-document');
    const body = d.line('Body with');
    assertNoScope(body, body.text, 'meta.preamble');
    assertExactScope(body, '2', 'constant.numeric.seed-document');
  });

  test('"Updated:" followed by a long paragraph: the paragraph is body, not a date', () => {
    const long = 'This is a long first paragraph that clearly is not a dateline, it goes on and on for a while, really.';
    const d = tokenize(`T\n\nUpdated:\n\n  ${long}\n`);
    const p = d.line('This is a long');
    assertNoScope(p, p.text, 'constant.other.date');
    assertNoScope(p, p.text, 'meta.dateline');
    assertNoScope(p, p.text, 'meta.preamble');
  });

  test('"Updated:" followed by a byline: the byline is not a date', () => {
    const d = tokenize('T\n\nUpdated:\n  By Ann Lee\n  10:00 AM GMT\n\n  Body.\n');
    assertScope(d.line('By Ann'), 'Ann Lee', 'variable.other.author.seed-document');
    assertNoScope(d.line('By Ann'), 'Ann Lee', 'constant.other.date');
  });

  test('"By" + lower case right after the headline is a sentence, not a byline', () => {
    const d = tokenize('Headline\n\nBy the time the polls closed, turnout was high.\n');
    const p = d.line('By the time');
    assertNoScope(p, p.text, 'meta.byline');
    assertNoScope(p, p.text, 'meta.preamble');
  });

  test('a marker line right after the header is boilerplate, not a headline', () => {
    const d = tokenize('Source: https://a.example/x\n\n See Full Web Article \n  Terms of Use\n');
    assertNoScope(d.line('See Full'), 'See Full Web Article', 'markup.heading');
    assertScope(d.line('See Full'), 'See Full Web Article', 'comment.block.boilerplate.seed-document');
    assertScope(d.line('Terms of Use'), 'Terms of Use', 'comment.block.boilerplate.seed-document');
  });

  test('empty, whitespace-only and header-only texts tokenise without error', () => {
    for (const text of ['', '\uFEFF', ' ', '\n \t\r\n\u00A0\r ', 'Source: https://a.example/x\n']) tokenize(text);
  });

  test('lone CR line breaks (split like VS Code)', () => {
    const d = tokenize('Source: https://a.example/x\r\rHeadline here\r\r  By Ann Lee\r\r  “Open quote never closed\r  Next line 5%\r');
    assertExactScope(d.line('Headline here'), 'Headline here', 'markup.heading.1.seed-document');
    const next = d.line('Next line');
    assertNoScope(next, next.text, 'string');
    assertExactScope(next, '5%', 'constant.numeric.seed-document');
  });
});

describe('quotation details (as src/core/quotations.ts pairs marks)', () => {
  const para = (text: string) => tokenize(`H\n\n  ${text}\n`).line(text.slice(0, 8));

  test('‹ › single guillemets', () => {
    const p = para('Il a dit ‹\u00A0non\u00A0› hier.');
    assertExactScope(p, '‹\u00A0non\u00A0›', 'string.quoted.other.guillemets.single.seed-document');
  });

  test('‘90s and ’em are not quotations', () => {
    const p = para('Back in the ‘90s they’d tell ’em to wait.');
    assertNoScope(p, p.text, 'string');
    assertExactScope(p, '90s', 'constant.numeric.seed-document');
  });

  test('inch marks are not quotations', () => {
    const p = para('He is 6\'2" tall and weighs 80 kg.');
    assertNoScope(p, p.text, 'string');
  });

  test('plural possessive closes the single quotation; a following apostrophe word stays plain', () => {
    const p = para('“They called it ‘the officials’ plan,” she said, “and it wasn’t.”');
    assertExactScope(p, '‘the officials’', 'string.quoted.single.seed-document');
    assertExactScope(p, '“They called it ‘the officials’ plan,”', 'string.quoted.double.seed-document');
    assertExactScope(p, '“and it wasn’t.”', 'string.quoted.double.seed-document');
    assertNoScope(p, 'wasn’t', 'string.quoted.single');
    assertNoScope(p, 'she said', 'string');
  });

  test('an unclosed ‘ inside a closed “…” ends with it', () => {
    const p = para('“He wrote ‘never again, then left.” The rest is plain.');
    assertExactScope(p, '“He wrote ‘never again, then left.”', 'string.quoted.double.seed-document');
    assertNoScope(p, 'The rest is plain.', 'string');
  });

  test('«…» nested in “…” and straight quotes in «…»', () => {
    const p = para('“Le slogan « vivre ici » reste,” dit-il. « Un \"mot\" de trop »');
    const inner = scopesAt(p, '« vivre ici »');
    assert.ok(has(inner, 'string.quoted.double.seed-document') && has(inner, 'string.quoted.other.guillemets.seed-document'), inner.join(', '));
    const straight = scopesAt(p, '"mot"');
    assert.ok(has(straight, 'string.quoted.double.seed-document') && has(straight, 'string.quoted.other.guillemets.seed-document'), straight.join(', '));
  });
});

describe('robustness on the repository seeds', () => {
  const seeds = fs.existsSync(seedsDir) ? fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort() : [];

  test('every seed: headline found, no quote leaks across lines, footer is a comment', { skip: seeds.length === 0 && 'no seeds/ directory' }, () => {
    for (const name of seeds) {
      const doc = tokenize(fs.readFileSync(path.join(seedsDir, name), 'utf8'));
      const where = (l: TokenizedLine) => `${name}:${l.index + 1}`;
      const headings = doc.lines.filter((l) => l.tokens.some((t) => has(t.scopes, 'markup.heading')));
      assert.equal(headings.length, 1, `${name}: exactly one headline line`);
      const footer = doc.lines.findIndex((l) => /^\s*See Full Web Article\s*$/.test(l.text));
      for (const l of doc.lines) {
        const firstToken = l.tokens[0];
        const startsWithQuote = /^\s*["“«„‘]/.test(l.text);
        if (firstToken && !startsWithQuote) {
          assert.ok(!has(firstToken.scopes, 'string'), `${where(l)} starts inside a string`);
        }
        if (footer >= 0 && l.index >= footer) {
          assert.ok(l.tokens.every((t) => has(t.scopes, 'comment.block.boilerplate')), `${where(l)} not in footer comment`);
        }
      }
      if (doc.lines[0]?.text.replace(/^\uFEFF/, '').startsWith('Source:')) {
        assert.ok(doc.lines[0].tokens.some((t) => has(t.scopes, 'markup.underline.link')), `${name}: header URL`);
      }
    }
  });
});

describe('language-configuration.json', () => {
  interface Pair { open: string; close: string }
  interface LanguageConfiguration {
    brackets?: [string, string][];
    autoClosingPairs?: Array<Pair | [string, string]>;
    surroundingPairs?: Array<Pair | [string, string]>;
    wordPattern?: string | { pattern: string; flags?: string };
  }
  const config = JSON.parse(fs.readFileSync(languageConfigPath, 'utf8')) as LanguageConfiguration;
  const pairs = (list: Array<Pair | [string, string]> | undefined) =>
    (list ?? []).map((p) => (Array.isArray(p) ? `${p[0]}${p[1]}` : `${p.open}${p.close}`));
  const expected = ['“”', '‘’', '«»', '""', '()', '[]'];

  test('auto-closing and surrounding pairs', () => {
    for (const p of expected) {
      assert.ok(pairs(config.autoClosingPairs).includes(p), `autoClosingPairs has ${p}`);
      assert.ok(pairs(config.surroundingPairs).includes(p), `surroundingPairs has ${p}`);
    }
  });

  test('wordPattern keeps apostrophes inside words', () => {
    const wp = config.wordPattern;
    assert.ok(wp, 'wordPattern is set');
    const source = typeof wp === 'string' ? wp : wp.pattern;
    const flags = typeof wp === 'string' ? '' : wp.flags ?? '';
    // VS Code compiles it with the given flags and adds 'g'.
    const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
    const words = (s: string) => s.match(re) ?? [];
    assert.deepEqual(words('Iran’s officials’ view'), ['Iran’s', 'officials', 'view']);
    assert.deepEqual(words("weren't l’État"), ["weren't", 'l’État']);
    assert.deepEqual(words('“right to know”'), ['right', 'to', 'know']);
    assert.deepEqual(words('«\u00A0Aujourd’hui\u00A0»'), ['Aujourd’hui']);
    assert.deepEqual(words('96,000 and 3.5'), ['96,000', 'and', '3.5']);
  });
});
