import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, emptyDocument, type ParsedDocument, type Span } from '../../src/core/parse';

const NBSP = '\u00a0';
const slice = (text: string, span: Span | null): string | null => (span ? text.slice(span.start, span.end) : null);
const quotes = (text: string, doc: ParsedDocument): [number, string, string][] =>
  doc.quotations.map((q) => [q.depth, q.kind, text.slice(q.start, q.end)]);
const paragraphs = (text: string, doc: ParsedDocument): string[] => doc.paragraphs.map((p) => text.slice(p.start, p.end));

// An invented article in the layout of the CNN lite pages.
const CNN_LINES = [
  'Source: https://www.example-news.com/2024/03/02/world/harbor-bridge/index.html',
  '',
  'Council approves “harbor bridge” plan',
  '',
  '',
  '  By Jane Roe and Omar Sy, Example News',
  ' ',
  'Updated: ',
  '        9:05 AM PST, Sat March 2, 2024',
  '     ',
  '  Source: Example News',
  ' ',
  '  The city council voted 7–2 on Friday to fund the bridge, the mayor’s office said.',
  ' ',
  `  “We listened to residents’ concerns,” council president Ada${NBSP}Park said. “The ‘quiet route’ option was the clear favourite.”`,
  ' ',
  '  Critics called the plan “rushed… and costly.”',
  ' See Full Web Article ',
  '',
  '      Go to the full Example News experience',
  '    ',
  ' ',
  '    © 2024 Example News. All Rights Reserved.',
  '   ',
  '',
  '      Terms of Use',
  '    ',
  '',
  '      |',
  '    ',
];
const CNN = CNN_LINES.join('\n') + '\n';
const CNN_PARAGRAPHS = [
  'The city council voted 7–2 on Friday to fund the bridge, the mayor’s office said.',
  `“We listened to residents’ concerns,” council president Ada${NBSP}Park said. “The ‘quiet route’ option was the clear favourite.”`,
  'Critics called the plan “rushed… and costly.”',
];
const CNN_QUOTES: [number, string, string][] = [
  [0, 'double', '“harbor bridge”'],
  [0, 'double', '“We listened to residents’ concerns,”'],
  [0, 'double', '“The ‘quiet route’ option was the clear favourite.”'],
  [1, 'single', '‘quiet route’'],
  [0, 'double', '“rushed… and costly.”'],
];

test('CNN-like document: header fields, paragraphs, quotations, boilerplate', () => {
  const doc = parse(CNN);
  assert.deepEqual(doc.source, {
    url: 'https://www.example-news.com/2024/03/02/world/harbor-bridge/index.html',
    site: 'example-news.com',
  });
  assert.equal(doc.title, 'Council approves “harbor bridge” plan');
  assert.equal(doc.byline, 'Jane Roe and Omar Sy, Example News');
  assert.deepEqual(doc.updated, { text: '9:05 AM PST, Sat March 2, 2024', iso: '2024-03-02T09:05:00-08:00' });
  assert.equal(doc.credit, 'Example News');
  assert.deepEqual(paragraphs(CNN, doc), CNN_PARAGRAPHS);
  assert.deepEqual(quotes(CNN, doc), CNN_QUOTES);

  // Exact offsets.
  assert.deepEqual(doc.sourceSpan, { start: 8, end: 78 });
  assert.deepEqual(doc.titleSpan, { start: 80, end: 80 + doc.title.length });
  const first = CNN.indexOf('The city council');
  assert.deepEqual(doc.paragraphs[0], { start: first, end: first + CNN_PARAGRAPHS[0]!.length });
  const marker = CNN.indexOf('See Full Web Article');
  assert.deepEqual(doc.boilerplate, { start: marker, end: CNN.indexOf('|') + 1 });
  assert.ok(slice(CNN, doc.boilerplate)!.endsWith('Terms of Use\n    \n\n      |'));

  // Header spans point at the values.
  assert.equal(slice(CNN, doc.titleSpan), doc.title);
  assert.equal(slice(CNN, doc.bylineSpan), doc.byline);
  assert.equal(slice(CNN, doc.updatedSpan), doc.updated!.text);
  assert.equal(slice(CNN, doc.creditSpan), doc.credit);
  assert.equal(slice(CNN, doc.sourceSpan), doc.source!.url);
});

test('CRLF: same model, offsets count CR LF as two units', () => {
  const crlf = CNN_LINES.join('\r\n') + '\r\n';
  const doc = parse(crlf);
  assert.deepEqual(paragraphs(crlf, doc), CNN_PARAGRAPHS);
  assert.deepEqual(quotes(crlf, doc), CNN_QUOTES);
  assert.equal(doc.updated!.iso, '2024-03-02T09:05:00-08:00');
  assert.deepEqual(doc.titleSpan, { start: 82, end: 82 + doc.title.length }); // two CRs before it
  const lf = parse(CNN);
  const lfLine = CNN.slice(0, lf.paragraphs[0]!.start).split('\n').length - 1;
  assert.equal(doc.paragraphs[0]!.start, lf.paragraphs[0]!.start + lfLine);
  assert.ok(slice(crlf, doc.boilerplate)!.startsWith('See Full Web Article \r\n'));
  assert.ok(slice(crlf, doc.boilerplate)!.endsWith('|'));
});

test('a paragraph may span several lines, CRLF kept inside', () => {
  const text = 'Title\r\n\r\n  first line “of a\r\n  wrapped” paragraph\r\n \r\nsecond\r\n';
  const doc = parse(text);
  assert.deepEqual(paragraphs(text, doc), ['first line “of a\r\n  wrapped” paragraph', 'second']);
  assert.deepEqual(quotes(text, doc), [[0, 'double', '“of a\r\n  wrapped”']]);
});

test('BOM is dropped; astral characters count two units', () => {
  const body = 'Source: https://x.org/a\n\n🎉 Party “time 🎈” now\n\n  Body 😀 “quote 🙂 here” end.\n';
  const doc = parse(`\uFEFF${body}`);
  assert.deepEqual(doc, parse(body));
  assert.deepEqual(doc.titleSpan, { start: 25, end: 47 });
  assert.deepEqual(doc.quotations, [
    { start: 34, end: 43, depth: 0, kind: 'double' },
    { start: 59, end: 74, depth: 0, kind: 'double' },
  ]);
  assert.equal(body.slice(34, 43), '“time 🎈”');
  assert.equal(body.slice(59, 74), '“quote 🙂 here”');
  assert.deepEqual(doc.paragraphs, [{ start: 51, end: 79 }]);
  assert.equal(doc.source!.site, 'x.org');
});

test('French: Par byline, French date, guillemets with NBSP, apostrophes', () => {
  const text = [
    'Source: https://www.exemple.fr/politique/article.html',
    '',
    `Le maire défend le «${NBSP}plan vélo${NBSP}»`,
    '',
    '  Par Jeanne Martin, Exemple',
    ' ',
    'Updated: ',
    '        25 janvier 2024',
    ' ',
    `  Le maire a déclaré${NBSP}: «${NBSP}Nous irons jusqu’au bout, et “sans détour”${NBSP}». L’opposition dénonce un projet «${NBSP}coûteux${NBSP}».`,
    '',
  ].join('\n');
  const doc = parse(text);
  assert.equal(doc.source!.site, 'exemple.fr');
  assert.equal(doc.byline, 'Jeanne Martin, Exemple');
  assert.deepEqual(doc.updated, { text: '25 janvier 2024', iso: '2024-01-25' });
  assert.equal(doc.credit, null);
  assert.equal(doc.paragraphs.length, 1);
  assert.deepEqual(quotes(text, doc), [
    [0, 'guillemet', `«${NBSP}plan vélo${NBSP}»`],
    [0, 'guillemet', `«${NBSP}Nous irons jusqu’au bout, et “sans détour”${NBSP}»`],
    [1, 'double', '“sans détour”'],
    [0, 'guillemet', `«${NBSP}coûteux${NBSP}»`],
  ]);
});

test('no header: the first non-empty line is the headline', () => {
  const text = '\n\n  Storm hits the coast  \n\nWinds reached 100 km/h.\n\nOfficials said "stay home".\n';
  const doc = parse(text);
  assert.equal(doc.source, null);
  assert.equal(doc.title, 'Storm hits the coast');
  assert.deepEqual(doc.titleSpan, { start: 4, end: 24 });
  assert.equal(doc.byline, null);
  assert.equal(doc.updated, null);
  assert.deepEqual(paragraphs(text, doc), ['Winds reached 100 km/h.', 'Officials said "stay home".']);
  assert.deepEqual(quotes(text, doc), [[0, 'straight', '"stay home"']]);
  assert.equal(doc.boilerplate, null);
});

test('a sentence starting with "By" is body text, not a byline', () => {
  const doc = parse('Headline\n\nBy the time the polls closed, turnout was high.\n');
  assert.equal(doc.byline, null);
  assert.equal(doc.paragraphs.length, 1);
});

test('header fields in another order, dateline on the label line', () => {
  const text = 'Source: http://user@WWW.News.example:8080/p?q=1\n\nTitle\n\nSource: Wire\nUpdated: January 25, 2024\nBy Ann Lee\n\nBody.\n';
  const doc = parse(text);
  assert.deepEqual(doc.source, { url: 'http://user@WWW.News.example:8080/p?q=1', site: 'news.example' });
  assert.equal(doc.credit, 'Wire');
  assert.deepEqual(doc.updated, { text: 'January 25, 2024', iso: '2024-01-25' });
  assert.equal(doc.byline, 'Ann Lee');
  assert.deepEqual(paragraphs(text, doc), ['Body.']);
});

test('an `Updated:` label followed by body text leaves the dateline unset', () => {
  const long = 'This is a long first paragraph that clearly is not a dateline, it goes on and on for a while, really.';
  const doc = parse(`T\n\nUpdated:\n\n${long}\n`);
  assert.equal(doc.updated, null);
  assert.equal(doc.paragraphs.length, 1);
});

test('empty and whitespace-only texts give the empty document', () => {
  const empty = {
    source: null,
    title: '',
    byline: null,
    updated: null,
    credit: null,
    paragraphs: [],
    quotations: [],
    boilerplate: null,
  };
  for (const text of ['', '\uFEFF', ' ', `\n \t\r\n${NBSP}\r `]) {
    const doc = parse(text);
    assert.deepEqual(doc, emptyDocument());
    assert.deepEqual({ ...doc, sourceSpan: undefined, titleSpan: undefined, bylineSpan: undefined, updatedSpan: undefined, creditSpan: undefined }, {
      ...empty,
      sourceSpan: undefined,
      titleSpan: undefined,
      bylineSpan: undefined,
      updatedSpan: undefined,
      creditSpan: undefined,
    });
  }
});

test('only a Source line', () => {
  const doc = parse('Source: https://a.example/x\n');
  assert.deepEqual(doc.source, { url: 'https://a.example/x', site: 'a.example' });
  assert.equal(doc.title, '');
  assert.equal(doc.titleSpan, null);
});

test('unbalanced marks never reach into the next paragraph', () => {
  const text = 'T\n\nHe said “this never closes.\n \n“Second part,” he added. A stray ” closer.\n\n‘Open single and « open guillemet\n\nlast "straight\n';
  const doc = parse(text);
  assert.deepEqual(quotes(text, doc), [[0, 'double', '“Second part,”']]);
});

test('an opened quotation left unclosed inside a closed one is dropped', () => {
  const text = 'T\n\n“He said ‘no and left.” Then « un “deux » trois.\n';
  assert.deepEqual(quotes(text, parse(text)), [
    [0, 'double', '“He said ‘no and left.”'],
    [0, 'guillemet', '« un “deux »'],
  ]);
});

test('nested quotations get increasing depth', () => {
  const text = 'T\n\nShe wrote: “outer ‘inner “deep” still’ end” and “next”.\n';
  assert.deepEqual(quotes(text, parse(text)), [
    [0, 'double', '“outer ‘inner “deep” still’ end”'],
    [1, 'single', '‘inner “deep” still’'],
    [2, 'double', '“deep”'],
    [0, 'double', '“next”'],
  ]);
});

test('apostrophes are not quotation marks', () => {
  const text = 'T\n\nOfficials’ statements and Iran’s response were ‘firm’, the ’90s and the ‘80s aside, it’s “Ali’s call”.\n';
  assert.deepEqual(quotes(text, parse(text)), [
    [0, 'single', '‘firm’'],
    [0, 'double', '“Ali’s call”'],
  ]);
});

test('straight quotes: pairs, inch marks, a second opener restarts', () => {
  const text = 'T\n\nHe is 6\'2" tall and said "fine" then "ok," then ("yes").\n\nA "stray one and "another one".\n';
  assert.deepEqual(quotes(text, parse(text)), [
    [0, 'straight', '"fine"'],
    [0, 'straight', '"ok,"'],
    [0, 'straight', '"yes"'],
    [0, 'straight', '"another one"'],
  ]);
});

test('boilerplate right after the last paragraph, no blank line between', () => {
  const text = 'T\n\npara one\n See Full Web Article \nGo to the full site\n© 2024\n\n';
  const doc = parse(text);
  assert.deepEqual(paragraphs(text, doc), ['para one']);
  assert.equal(slice(text, doc.boilerplate), 'See Full Web Article \nGo to the full site\n© 2024');
});

test('lone CR breaks lines too', () => {
  const text = 'T\r\rfirst\r \rsecond “q”\r';
  const doc = parse(text);
  assert.deepEqual(paragraphs(text, doc), ['first', 'second “q”']);
  assert.deepEqual(quotes(text, doc), [[0, 'double', '“q”']]);
});

test('pathological inputs stay linear: 4× the input costs far less than 16× the time', () => {
  const builders = [
    (n: number) => `T\n\n${'“'.repeat(n)}${'»'.repeat(n)}`,
    (n: number) => `T\n\n${'"a '.repeat(n)}${' " '.repeat(n)}`,
    (n: number) => `T\n\n${'‘a '.repeat(n)}${'’'.repeat(n)}`,
    (n: number) => `T\n\n${'« “ ‘x '.repeat(n)}`,
    (n: number) => `T\n\n${'x\n\n'.repeat(n)}”`,
    (n: number) => `Updated:\n${'1 '.repeat(n)}`,
  ];
  // The fastest of a few runs, so that a busy machine does not decide the outcome; a quadratic parser would
  // take ~16× as long on 4× the input, a linear one ~4×.
  const fastest = (text: string) => {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      parse(text);
      best = Math.min(best, performance.now() - started);
    }
    return Math.max(best, 0.05);
  };
  for (const [i, build] of builders.entries()) {
    const small = fastest(build(25_000));
    const large = fastest(build(100_000));
    assert.ok(large / small < 10, `input ${i}: 4× the input took ${(large / small).toFixed(1)}× the time (${small.toFixed(1)} → ${large.toFixed(1)} ms)`);
  }
});
