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
import { AnnotationStore } from '../../src/vscode/annotations/store';
import { TagSets } from '../../src/vscode/annotations/tagSets';
import { AnnotationsPanelController } from '../../src/vscode/panel/controller';
import { panelHtml, webviewOptions } from '../../src/vscode/panel/html';
import { SuggestionsController } from '../../src/vscode/suggest/controller';
import { SuggestionProviders } from '../../src/vscode/suggest/providers';
import type { PanelState, ToWebview } from '../../src/webview/protocol';
import { POLL_MS, article, createDocument, openEditor, readSidecar, removeTestFolder, selectionOffsets, spanOf, waitForSidecar } from './annotationHelpers';
import { activatedApi, extension, sleep, waitFor } from './helpers';

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

  test('the Annotations panel lists the pending suggestions (its Suggestions group)', async () => {
    const { text } = article('suggest-panel-view', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-panel-view', text);
    await openEditor(uri);
    await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
    await vscode.commands.executeCommand('seedAnnotator.suggestAnnotations');
    const expected = api.suggestions(uri).length;
    assert.ok(expected > 0);
    const info = () => vscode.commands.executeCommand<{ ready: boolean; document: string | null; suggestions: number }>('seedAnnotator.annotationsPanelState');
    await waitFor('the panel to list the suggestions', async () => {
      const i = await info();
      return i.ready && i.document === uri.toString() && i.suggestions === expected ? true : undefined;
    }, POLL_MS, info);
  });

  test('the panel\'s Accept, Reject and Accept all go through the suggestion controller; the state follows', async () => {
    const { text } = article('suggest-panel', 'Port delay', PARAGRAPHS);
    const uri = await createDocument('suggest-panel', text);
    await openEditor(uri);
    const log = vscode.window.createOutputChannel('Seed Annotator suggestions panel test', { log: true });
    const store = new AnnotationStore(log, () => undefined);
    const tagSets = new TagSets(() => undefined);
    const suggestions = new SuggestionsController({ store, tagSets, providers: new SuggestionProviders(), log, documents: async () => [uri] });
    const extensionUri = extension().extensionUri;
    const panel = vscode.window.createWebviewPanel('seedAnnotatorSuggestTest', 'Suggestions test', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
    const followedChanged = new vscode.EventEmitter<void>();
    const controller = new AnnotationsPanelController(panel.webview, { store, tagSets, log, suggestions }, { uri, onDidChange: followedChanged.event });
    const posted: ToWebview[] = [];
    controller.onDidPost((m) => posted.push(m));
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    const lastState = (): PanelState | undefined => posted.filter((m): m is Extract<ToWebview, { type: 'state' }> => m.type === 'state').at(-1)?.state;
    const replyTo = (requestId: number) => waitFor(`the reply to request ${requestId}`, () => posted.find((m): m is Extract<ToWebview, { type: 'reply' }> => m.type === 'reply' && m.requestId === requestId), POLL_MS, () => posted.map((m) => m.type));
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    try {
      await waitFor('the test webview to say ready', () => (controller.info().ready ? true : undefined), POLL_MS, () => controller.info());
      await suggestions.suggest(uri);
      const state = await waitFor('a state with the suggestions', () => (lastState()?.suggestions?.length === 4 ? lastState() : undefined), POLL_MS, lastState);
      const quote = spanOf(text, '“We had no choice but to halt the work,”');
      assert.deepEqual(state.suggestions!.map((s) => [s.tag, s.exact, s.line, s.provider, s.speaker ?? null]), [
        ['quote', '“We had no choice but to halt the work,”', lineOf(quote.start), 'builtin', 'Aldous Perrin'],
        ['source', 'Aldous Perrin', lineOf(text.indexOf('Aldous Perrin')), 'builtin', null],
        ['claim', 'The delay will add £9,000 to the cost of each call.', lineOf(text.indexOf('The delay')), 'builtin', null],
        ['claim', 'Costs rose 12% in 2025.', lineOf(text.indexOf('Costs rose')), 'builtin', null],
      ]);
      assert.equal(controller.info().suggestions, 4);
      assert.equal(await readSidecar(uri), undefined, 'listing suggestions writes nothing');

      // Accept (the row's Enter or its button): the quote and its speaker become annotations marked with their origin.
      await controller.receive({ type: 'suggestion', requestId: 1, action: 'accept', id: state.suggestions![0]!.id });
      assert.deepEqual(await replyTo(1), { type: 'reply', requestId: 1, ok: true });
      let sidecar = await waitForSidecar(uri, 'the quote accepted from the panel', (sc) => sc.annotations.length === 2);
      const made = sidecar.annotations.find((a) => a.tag === 'quote')!;
      assert.deepEqual([made.target.start, made.target.end], [quote.start, quote.end]);
      assert.equal(made.origin, 'suggested:builtin');
      assert.equal(sidecar.annotations.find((a) => a.tag === 'source')!.origin, 'suggested:builtin');
      assert.deepEqual(sidecar.relations?.map((r) => [r.type, r.from]), [['attributed-to', made.id]]);
      const claims = await waitFor('the state after accepting', () => (lastState()?.suggestions?.length === 2 ? lastState()!.suggestions! : undefined), POLL_MS, lastState);
      assert.deepEqual(claims.map((s) => s.tag), ['claim', 'claim']);

      // Reject (Backspace): remembered in the sidecar; Accept all claims takes the one left.
      await controller.receive({ type: 'suggestion', requestId: 2, action: 'reject', id: claims[0]!.id });
      assert.equal((await replyTo(2)).ok, true);
      await controller.receive({ type: 'suggestion', requestId: 3, action: 'acceptAll', tag: 'claim' });
      assert.deepEqual(await replyTo(3), { type: 'reply', requestId: 3, ok: true, notice: 'Accepted 1 claim suggestion.' });
      sidecar = await waitForSidecar(uri, 'the rejection and the accepted claim', (sc) => sc.annotations.length === 3 && (sc.suggestions as { rejected?: unknown[] } | undefined)?.rejected?.length === 1);
      const claim = sidecar.annotations.find((a) => a.tag === 'claim')!;
      assert.equal(claim.target.exact, 'Costs rose 12% in 2025.');
      assert.equal(claim.origin, 'suggested:builtin');
      await waitFor('a state without suggestions', () => (lastState() && lastState()!.suggestions === undefined ? true : undefined), POLL_MS, lastState);

      // A suggestion no longer open gets an error reply; a malformed request is dropped.
      await controller.receive({ type: 'suggestion', requestId: 4, action: 'accept', id: claims[0]!.id });
      const refused = await replyTo(4);
      assert.ok(!refused.ok && /no longer open/.test(refused.error), JSON.stringify(refused));
      const dropped = controller.info().dropped;
      await controller.receive({ type: 'suggestion', requestId: 5, action: 'approve', id: claims[0]!.id });
      assert.equal(controller.info().dropped, dropped + 1);
      assert.equal((await readSidecar(uri))!.annotations.length, 3, 'nothing else written');
    } finally {
      controller.dispose();
      panel.dispose();
      suggestions.dispose();
      followedChanged.dispose();
      store.dispose();
      tagSets.dispose();
      log.dispose();
    }
  });
});
