// `seed-annotator suggest PATH [--json]`: the built-in suggestions of a document or a folder; what the sidecar tags or
// rejected is left out; a broken sidecar is named; offsets in UTF-16 code units without the BOM.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { run } from './support/cli';
import { sha256Hex } from '../../src/core/annotations/hash';

const tmp = mkdtempSync(path.join(tmpdir(), 'seed-suggest-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const TEXT = [
  'Source: https://news.example/a',
  '',
  'Port dredging delayed',
  '',
  '  “We had no choice but to halt the work,” said Aldous Perrin. Costs rose 12% in 2025.',
  ' ',
  '  Shippers were less patient. The delay will add £9,000 to each call.',
  '',
].join('\r\n');

test('suggest --json: quotes with speaker, the speaker as a linked source, claim candidates; offsets without the BOM', async () => {
  const dir = path.join(tmp, 'json');
  const file = path.join(dir, 'a.txt');
  await import('node:fs').then((fs) => fs.mkdirSync(dir));
  writeFileSync(file, `\uFEFF${TEXT}`);
  const { code, stdout, stderr } = await run('suggest', dir, '--json');
  assert.equal(code, 0, stderr);
  const [doc] = JSON.parse(stdout).documents;
  assert.equal(doc.provider, 'builtin');
  const byTag = (tag: string) => doc.suggestions.filter((s: { tag: string }) => s.tag === tag).map((s: { exact: string }) => s.exact);
  assert.deepEqual(byTag('quote'), ['“We had no choice but to halt the work,”']);
  assert.deepEqual(byTag('source'), ['Aldous Perrin']);
  assert.deepEqual(byTag('claim'), ['Costs rose 12% in 2025.', 'The delay will add £9,000 to each call.']);
  for (const s of doc.suggestions) assert.equal(TEXT.slice(s.start, s.end), s.exact);
  const quote = doc.suggestions.find((s: { tag: string }) => s.tag === 'quote');
  assert.deepEqual(quote.attributes, { speaker: 'Aldous Perrin', cue: 'said' });
  assert.equal(doc.suggestions.find((s: { id: string }) => s.id === quote.links[0].to).exact, 'Aldous Perrin');
});

test('suggest: what the sidecar tags or rejected is not proposed; a broken sidecar is named, exit 1; text lines', async () => {
  const file = path.join(tmp, 'b.txt');
  writeFileSync(file, TEXT);
  const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
  const costs = at('Costs rose 12% in 2025.');
  const now = '2026-12-05T08:00:00.000Z';
  writeFileSync(`${file}.annotations.json`, JSON.stringify({
    version: 2,
    document: { file: 'b.txt', source: 'https://news.example/a', sha256: await sha256Hex(TEXT), length: TEXT.length },
    annotations: [{ id: 'a1', tag: 'claim', target: { ...costs, exact: 'Costs rose 12% in 2025.', prefix: '', suffix: '' }, attributes: {}, note: '', author: '', created: now, modified: now }],
    relations: [],
    suggestions: { rejected: [{ tag: 'quote', exact: '“We had no choice but to halt the work,”', prefix: TEXT.slice(at('“We had').start - 16, at('“We had').start), provider: 'builtin', author: 'alice', created: now }] },
  }));
  const { code, stdout, stderr } = await run('suggest', file);
  assert.equal(code, 0, stderr);
  assert.deepEqual(stdout.trim().split('\n'), [`${file}:7:31: claim The delay will add £9,000 to each call.`]);

  writeFileSync(`${file}.annotations.json`, '{"version": 2, "annotations": 3}');
  const broken = await run('suggest', file);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /b\.txt\.annotations\.json: .*\n[\s\S]*its sidecar cannot be read/);
});

test('suggest: a missing PATH exits 2 naming it', async () => {
  const { code, stderr } = await run('suggest', path.join(tmp, 'nope'));
  assert.equal(code, 2);
  assert.match(stderr, /nope: no such file or folder/);
});
