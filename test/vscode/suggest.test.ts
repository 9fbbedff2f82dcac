// @node-only: the endpoint tests start a local HTTP server (node:http), which a web worker cannot.
// Suggestions (issue #17) in a real VS Code: Suggest Annotations proposes quotes, speakers and claims without writing
// anything; Enter accepts (an annotation by the user with its origin, a quote's speaker tagged and linked), Backspace
// rejects (kept in the sidecar, not proposed again after the sidecar is read again); a provider registered through
// the API; an endpoint that times out or answers garbage gives a clear message and writes nothing.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import { article, createDocument, openEditor, readSidecar, removeTestFolder, selectionOffsets, spanOf, waitForSidecar } from './annotationHelpers';
import { activatedApi, sleep } from './helpers';

const PARAGRAPHS = [
  '“We had no choice but to halt the work,” said Aldous Perrin. Shippers were less patient.',
  'The delay will add £9,000 to the cost of each call. Costs rose 12% in 2025.',
];

suite('Suggestions', function () {
  this.timeout(90_000);
  let api: SeedAnnotatorApi;
  const config = () => vscode.workspace.getConfiguration('seedAnnotator.suggest');

  suiteSetup(async () => {
    api = await activatedApi();
    await vscode.workspace.getConfiguration('seedAnnotator').update('author', 'suggest-tester', vscode.ConfigurationTarget.Global);
  });
  teardown(async () => {
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('timeoutMs', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('builtin', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('seedAnnotator').update('author', undefined, vscode.ConfigurationTarget.Global);
    await removeTestFolder(api, 'annotation-tests');
  });

  test('suggest writes nothing; Enter accepts a quote with its speaker as a linked source, origin suggested:builtin, author the user', async () => {
    const { text } = article('suggest-accept', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-accept', text);
    const editor = await openEditor(uri);
    const result = (await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations')) as { count: number; errors: string[] };
    assert.deepEqual(result.errors, []);
    const open = api.suggestions(uri);
    assert.deepEqual(open.map((s) => [s.tag, text.slice(s.start, s.end)]), [
      ['quote', '“We had no choice but to halt the work,”'],
      ['source', 'Aldous Perrin'],
      ['claim', 'The delay will add £9,000 to the cost of each call.'],
      ['claim', 'Costs rose 12% in 2025.'],
    ]);
    assert.equal(await readSidecar(uri), undefined, 'suggesting writes no sidecar');
    // Suggest selected the first one; Enter (the keybinding's command) accepts it.
    const quote = spanOf(text, '“We had no choice but to halt the work,”');
    assert.deepEqual(selectionOffsets(editor), quote);
    await vscode.commands.executeCommand('seedAnnotator.acceptSuggestion');
    const sidecar = await waitForSidecar(uri, 'the accepted quote and its source', (s) => s.annotations.length === 2);
    const made = sidecar.annotations.find((a) => a.tag === 'quote')!;
    const source = sidecar.annotations.find((a) => a.tag === 'source')!;
    assert.equal(made.origin, 'suggested:builtin');
    assert.equal(source.origin, 'suggested:builtin');
    assert.deepEqual(made.attributes, { speaker: 'Aldous Perrin', cue: 'said' });
    assert.equal(made.author, 'suggest-tester', 'the author is the user (seedAnnotator.author)');
    assert.deepEqual(sidecar.relations?.map((r) => [r.type, r.from, r.to]), [['attributed-to', made.id, source.id]]);
    // The next suggestion is selected; both accepted ones left the list.
    assert.deepEqual(selectionOffsets(editor), spanOf(text, 'The delay will add £9,000 to the cost of each call.'));
    assert.deepEqual(api.suggestions(uri).map((s) => s.tag), ['claim', 'claim']);
  });

  test('Backspace rejects: kept in the sidecar, not proposed again after the sidecar is read again', async () => {
    const { text } = article('suggest-reject', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-reject', text);
    const editor = await openEditor(uri);
    await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations');
    await vscode.commands.executeCommand('seedAnnotator.nextSuggestion');
    await vscode.commands.executeCommand('seedAnnotator.nextSuggestion');
    assert.deepEqual(selectionOffsets(editor), spanOf(text, 'The delay will add £9,000 to the cost of each call.'));
    await vscode.commands.executeCommand('seedAnnotator.rejectSuggestion');
    const sidecar = await waitForSidecar(uri, 'the rejection', (s) => Array.isArray((s.suggestions as { rejected?: unknown[] } | undefined)?.rejected));
    const rejected = (sidecar.suggestions as { rejected: Array<{ tag: string; exact: string; provider: string }> }).rejected;
    assert.deepEqual(rejected.map((r) => [r.tag, r.exact, r.provider]), [['claim', 'The delay will add £9,000 to the cost of each call.', 'builtin']]);
    assert.deepEqual(sidecar.annotations, [], 'rejecting adds no annotation');
    // The sidecar changes on disk (a git pull): the store reads it again; the rejection holds.
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.parse(`${uri.toString()}.annotations.json`));
    await vscode.workspace.fs.writeFile(vscode.Uri.parse(`${uri.toString()}.annotations.json`), new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/\n$/, '\n\n')));
    await sleep(1500);
    await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations');
    const again = api.suggestions(uri).map((s) => text.slice(s.start, s.end));
    assert.ok(!again.includes('The delay will add £9,000 to the cost of each call.'), JSON.stringify(again));
    assert.ok(again.includes('Costs rose 12% in 2025.'));
  });

  test('a provider registered through the API is asked, validated, and its accepted suggestion marked with its id', async () => {
    const { text } = article('suggest-provider', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-provider', text);
    const target = spanOf(text, 'Shippers were less patient.');
    let asked = 0;
    const registration = api.registerSuggestionProvider({
      id: 'test-model',
      provideSuggestions(request) {
        asked++;
        assert.equal(request.document.text, text);
        return { suggestions: [{ id: 'x1', tag: 'claim', start: target.start, end: target.end }] };
      },
    });
    try {
      assert.throws(() => api.registerSuggestionProvider({ id: 'test-model', provideSuggestions: () => ({ suggestions: [] }) }), /already registered/);
      await config().update('builtin', false, vscode.ConfigurationTarget.Workspace);
      const editor = await openEditor(uri);
      await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations');
      assert.equal(asked, 1);
      assert.deepEqual(api.suggestions(uri).map((s) => [s.provider, text.slice(s.start, s.end)]), [['test-model', 'Shippers were less patient.']]);
      assert.deepEqual(selectionOffsets(editor), target);
      await vscode.commands.executeCommand('seedAnnotator.acceptSuggestion');
      const sidecar = await waitForSidecar(uri, 'the accepted claim', (s) => s.annotations.length === 1);
      assert.equal(sidecar.annotations[0]!.origin, 'suggested:test-model');
    } finally {
      registration.dispose();
    }
  });

  test('an endpoint that times out, answers garbage, or is not on this machine: a clear message, nothing written', async () => {
    const { text } = article('suggest-endpoint', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-endpoint', text);
    let mode: 'hang' | 'garbage' | 'bad-span' = 'hang';
    const server: Server = createServer((req, res) => {
      req.resume();
      if (mode === 'hang') return; // never answers
      res.setHeader('content-type', 'application/json');
      res.end(mode === 'garbage' ? '<html>oops' : JSON.stringify({ suggestions: [{ id: 'a', tag: 'claim', start: 5, end: 999999 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/suggest`;
      await config().update('builtin', false, vscode.ConfigurationTarget.Workspace);
      await config().update('endpoint', url, vscode.ConfigurationTarget.Workspace);
      await config().update('timeoutMs', 800, vscode.ConfigurationTarget.Workspace);
      await openEditor(uri);
      const run = async () => (await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations')) as { count: number; errors: string[] };
      let result = await run();
      assert.equal(result.count, 0);
      assert.match(result.errors[0]!, /Suggestion provider 'http' \(http:\/\/127\.0\.0\.1:\d+\/suggest\): no answer within 0\.8 s/);
      mode = 'garbage';
      result = await run();
      assert.match(result.errors[0]!, /answered something that is not JSON/);
      mode = 'bad-span';
      result = await run();
      assert.match(result.errors[0]!, /its answer is not valid: suggestions\.0\.end: 999999 is past the end of the document/);
      await config().update('endpoint', 'http://192.0.2.7:9/suggest', vscode.ConfigurationTarget.Workspace);
      result = await run();
      assert.match(result.errors[0]!, /192\.0\.2\.7 is not this machine/);
      assert.deepEqual(api.suggestions(uri), []);
      assert.equal(await readSidecar(uri), undefined, 'nothing written');
    } finally {
      server.close();
    }
  });
});
