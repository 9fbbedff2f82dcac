// The Annotations panel (issue #5) in a real VS Code: the view resolves and its webview (CSP, assets, script) comes
// up and says `ready`; it follows the active source document; Tag Next tags the next quotation or sentence through
// the store; and the host side of the panel, on a real webview, drops every invalid message and answers requests
// through the store (edits written to the sidecar; bad URLs, unknown annotations and an unreadable sidecar refused
// with an error reply). Documents are new files this suite writes into `panel-tests/` of the throw-away workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/vscode/annotations/store';
import { TagSets } from '../../src/vscode/annotations/tagSets';
import { AnnotationsPanelController } from '../../src/vscode/panel/controller';
import { panelHtml, webviewOptions } from '../../src/vscode/panel/html';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import type { ToWebview } from '../../src/webview/protocol';
import {
  POLL_MS, annotationJson, openEditor, readBytes, removeTestFolder, sameBytes, select, selectionOffsets, sidecarJson, sidecarUriOf,
  utf8, waitForSidecar,
} from './annotationHelpers';
import { activatedApi, extension, randomHex, sleep, waitFor, workspaceFolder } from './helpers';

const PANEL_DIR = 'panel-tests';

interface PanelStateInfo {
  resolved: boolean;
  visible: boolean;
  ready: boolean;
  document: string | null;
  annotations: number;
  dropped: number;
  replies: number;
}

const panelInfo = () => vscode.commands.executeCommand<PanelStateInfo>('seedAnnotator.annotationsPanelState');

function article(paragraphs: string[]): { text: string; source: string } {
  const source = `https://www.example.com/2025/02/01/panel-${randomHex(3)}`;
  const lines = [`Source: ${source}`, '', 'Harbour plan delayed again', '', '  By Test Writer, Example News', ''];
  paragraphs.forEach((p, i) => {
    if (i > 0) lines.push(' ');
    lines.push(`  ${p}`);
  });
  return { text: lines.join('\n') + '\n', source };
}

async function createDocument(label: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, PANEL_DIR, `tmp-${randomHex(4)}_${label}.txt`);
  await vscode.workspace.fs.writeFile(uri, utf8(text));
  return uri;
}

const PARAGRAPHS = [
  'The port will not finish dredging until September. “We had no choice but to halt the work,” said Aldous Perrin.',
  'Shippers were less patient. The delay will cost £9,000 per call.',
];

suite('Annotations panel', function () {
  this.timeout(90_000);
  let api: SeedAnnotatorApi;

  suiteSetup(async () => {
    api = await activatedApi();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestFolder(api, PANEL_DIR);
  });

  test('package.json contributes the Annotations webview view below Documents, and Tag Next', () => {
    const contributes = extension().packageJSON.contributes;
    const views = contributes.views.seedAnnotator as Array<{ id: string; type?: string; name: string }>;
    assert.deepEqual(views.map((v) => v.id), ['seedAnnotator.documents', 'seedAnnotator.annotations']);
    assert.equal(views[1]!.type, 'webview');
    assert.equal(views[1]!.name, 'Annotations');
    assert.ok((contributes.commands as Array<{ command: string }>).some((c) => c.command === 'seedAnnotator.tagNext'));
  });

  test('the view resolves, its webview loads under the CSP and says ready, and it follows the active source document', async () => {
    const { text } = article(PARAGRAPHS);
    const uri = await createDocument('follow', text);
    const at = text.indexOf('The delay will cost');
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(sidecarJson(uri, text, null, [
      annotationJson('a1', 'claim', text, at, at + 'The delay will cost £9,000 per call.'.length, 'first note'),
    ]))));
    await openEditor(uri);
    await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
    let last: PanelStateInfo | undefined;
    const info = await waitFor('the panel to resolve, say ready and show the document', async () => {
      last = await panelInfo();
      return last.resolved && last.ready && last.document === uri.toString() && last.annotations === 1 ? last : undefined;
    }, POLL_MS, () => last);
    assert.equal(info.visible, true);

    // Another source document becomes active: the panel follows it.
    const other = await createDocument('follow-other', article(['Nothing tagged here yet.']).text);
    await openEditor(other);
    await waitFor('the panel to follow the other document', async () => {
      last = await panelInfo();
      return last.document === other.toString() && last.annotations === 0 ? true : undefined;
    }, POLL_MS, () => last);
    assert.equal((await panelInfo()).dropped, 0, 'the real webview never sent an invalid message');
  });

  test('Tag Next tags the next untagged quotation (as a quote, with its speaker) or check-worthy sentence (as a claim) and selects it', async () => {
    const { text } = article(PARAGRAPHS);
    const uri = await createDocument('tag-next', text);
    const editor = await openEditor(uri);
    select(editor, text.indexOf('The port'));
    const expected = [
      ['claim', 'The port will not finish dredging until September.'],
      // Not the sentence around the quote (it would overlap), nor the trivial 'Shippers were less patient.'
      ['quote', '“We had no choice but to halt the work,”'],
      ['claim', 'The delay will cost £9,000 per call.'],
    ];
    for (const [i, [tag, exact]] of expected.entries()) {
      await vscode.commands.executeCommand('seedAnnotator.tagNext');
      const sidecar = await waitForSidecar(uri, `${i + 1} annotation(s)`, (s) => s.annotations.length === i + 1);
      const made = sidecar.annotations.find((a) => a.target.exact === exact);
      assert.ok(made, `an annotation of ${JSON.stringify(exact)}; got ${JSON.stringify(sidecar.annotations.map((a) => a.target.exact))}`);
      assert.equal(made.tag, tag);
      const { start, end } = selectionOffsets(editor);
      assert.equal(text.slice(start, end), exact, 'the editor selection moved to the new annotation');
      if (tag === 'quote') assert.equal(made.attributes.speaker, 'Aldous Perrin');
      if (tag === 'claim') assert.equal(made.attributes.verdict, 'unverified', 'the tag set default');
    }
  });

  suite('host side on a real webview', () => {
    let store: AnnotationStore;
    let tagSets: TagSets;
    let log: vscode.LogOutputChannel;
    let panel: vscode.WebviewPanel;
    let controller: AnnotationsPanelController;
    let posted: ToWebview[];
    let followedUri: vscode.Uri | undefined;
    const followedChanged = new vscode.EventEmitter<void>();

    setup(() => {
      log = vscode.window.createOutputChannel('Seed Annotator panel test', { log: true });
      store = new AnnotationStore(log, () => undefined);
      tagSets = new TagSets(() => undefined);
      const extensionUri = extension().extensionUri;
      panel = vscode.window.createWebviewPanel('seedAnnotatorPanelTest', 'Panel test', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extensionUri));
      controller = new AnnotationsPanelController(panel.webview, { store, tagSets, log }, {
        get uri() { return followedUri; },
        onDidChange: followedChanged.event,
      });
      posted = [];
      controller.onDidPost((m) => posted.push(m));
      panel.webview.html = panelHtml(panel.webview, extensionUri);
    });

    teardown(() => {
      controller.dispose();
      panel.dispose();
      store.dispose();
      tagSets.dispose();
      log.dispose();
    });

    const replyTo = (requestId: number) => waitFor(`the reply to request ${requestId}`, () => {
      const found = posted.find((m): m is Extract<ToWebview, { type: 'reply' }> => m.type === 'reply' && m.requestId === requestId);
      return found;
    }, POLL_MS, () => posted.map((m) => m.type));

    test('the page loads our script (CSP nonce, dist/webview) and says ready; the host then sends the state', async () => {
      const { text } = article(PARAGRAPHS);
      followedUri = await createDocument('ready', text);
      followedChanged.fire();
      await waitFor('the test webview to say ready', () => (controller.info().ready ? true : undefined), POLL_MS, () => controller.info());
      const state = await waitFor('a state message', () => posted.find((m) => m.type === 'state'), POLL_MS);
      assert.ok(state.type === 'state' && state.state.document?.uri === followedUri.toString());
      assert.equal(state.type === 'state' && state.state.document?.title, 'Harbour plan delayed again');
      assert.deepEqual(state.type === 'state' && state.state.tags.map((t) => t.id), ['claim', 'quote', 'source']);
    });

    test('a selection asked while the page is away (hidden, reloading) is sent after the state once it says ready', async () => {
      const { text } = article(PARAGRAPHS);
      const uri = await createDocument('away', text);
      const at = text.indexOf('Shippers');
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(sidecarJson(uri, text, null, [annotationJson('a1', 'claim', text, at, at + 8)]))));
      posted = [];
      followedUri = uri;
      followedChanged.fire();
      await waitFor('the test webview to say ready', () => (controller.info().ready ? true : undefined), POLL_MS, () => controller.info());
      // The store reads the sidecar on its own time (slower in the web worker host): the page has it first.
      const holdsA1 = (m: ToWebview): boolean => m.type === 'state' && m.state.annotations.some((a) => a.id === 'a1');
      await waitFor('a state holding a1', () => (posted.some(holdsA1) ? true : undefined), POLL_MS, () => posted.map((m) => m.type));
      controller.suspend(); // what hiding the view does: the page is dropped
      posted = [];
      controller.select('a1');
      assert.equal(controller.info().ready, false);
      assert.equal(posted.length, 0, 'nothing is sent to a page that is not there');
      // The page is back. (The test's real page may also say ready again meanwhile: either way one state, then the selection.)
      await controller.receive({ type: 'ready' });
      const selectAt = posted.findIndex((m) => m.type === 'select');
      assert.ok(selectAt > 0, `a selection is sent after a state: ${posted.map((m) => m.type).join(', ')}`);
      const select = posted[selectAt];
      assert.ok(select?.type === 'select' && select.id === 'a1');
      const state = posted[selectAt - 1];
      assert.ok(state && holdsA1(state), 'the state before it holds what is selected');
      assert.equal(posted.filter((m) => m.type === 'select').length, 1, 'sent once');
      await controller.receive({ type: 'ready' });
      assert.equal(posted.filter((m) => m.type === 'select').length, 1, 'not sent again on the next ready');
    });

    test('invalid messages are dropped and logged: no reply, no write', async () => {
      const { text } = article(PARAGRAPHS);
      const uri = await createDocument('invalid', text);
      const at = text.indexOf('Shippers');
      const sidecar = utf8(JSON.stringify(sidecarJson(uri, text, null, [annotationJson('a1', 'claim', text, at, at + 8, 'keep me')])));
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), sidecar);
      followedUri = uri; // followed once its sidecar is written (else a `ready` between may load it without)
      followedChanged.fire();
      const before = controller.info().dropped;
      const invalid: unknown[] = [
        undefined,
        'update',
        { type: 'update', requestId: 1, id: 'a1', patch: { note: 7 } },
        { type: 'update', requestId: 2, id: 'a1', patch: { note: 'x' }, extra: true },
        { type: 'remove', id: 'a1' },
        { type: 'remove', requestId: -3, id: 'a1' },
        { type: 'setStatus', requestId: 4, status: 'finished' },
        { type: 'update', requestId: 5, id: '<img src=x onerror=alert(1)>', patch: { note: 'x' } },
        { type: 'eval', requestId: 6, code: 'alert(1)' },
      ];
      for (const m of invalid) await controller.receive(m);
      assert.equal(controller.info().dropped - before, invalid.length, 'every invalid message was dropped');
      await sleep(300);
      assert.deepEqual(posted.filter((m) => m.type === 'reply'), [], 'no reply to a dropped message');
      assert.ok(sameBytes(await readBytes(sidecarUriOf(followedUri)), sidecar), 'the sidecar is untouched');
    });

    test('requests go through the store: the note is written; bad URLs and unknown ids get an error reply', async () => {
      const { text } = article(PARAGRAPHS);
      const uri = await createDocument('requests', text);
      const at = text.indexOf('Shippers were less patient.');
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(sidecarJson(uri, text, null, [
        annotationJson('a1', 'claim', text, at, at + 'Shippers were less patient.'.length),
      ]))));
      followedUri = uri; // followed once its sidecar is written (else a `ready` between may load it without)
      followedChanged.fire();

      await controller.receive({ type: 'update', requestId: 11, id: 'a1', patch: { note: 'checked with the port', attributes: { verdict: 'true', evidence: ['https://port.example/report'] } } });
      assert.deepEqual(await replyTo(11), { type: 'reply', requestId: 11, ok: true });
      const written = await waitForSidecar(followedUri, 'the note and attributes', (s) => s.annotations[0]?.note === 'checked with the port');
      assert.deepEqual(written.annotations[0]!.attributes, { verdict: 'true', evidence: ['https://port.example/report'] });
      const stateIndex = posted.findIndex((m) => m.type === 'state' && m.state.annotations[0]?.note === 'checked with the port');
      const replyIndex = posted.findIndex((m) => m.type === 'reply' && m.requestId === 11);
      assert.ok(stateIndex >= 0 && stateIndex < replyIndex, 'the new state reaches the panel before the reply');

      const bytes = await readBytes(sidecarUriOf(followedUri));
      await controller.receive({ type: 'update', requestId: 12, id: 'a1', patch: { attributes: { evidence: ['javascript:alert(1)'] } } });
      const bad = await replyTo(12);
      assert.ok(!bad.ok && /http\(s\)/.test(bad.error), JSON.stringify(bad));
      await controller.receive({ type: 'update', requestId: 13, id: 'a1', patch: { attributes: { verdict: 'perhaps' } } });
      const badEnum = await replyTo(13);
      assert.ok(!badEnum.ok && /Verdict/.test(badEnum.error), JSON.stringify(badEnum));
      await controller.receive({ type: 'openLink', requestId: 14, url: 'javascript:alert(1)' });
      const badLink = await replyTo(14);
      assert.ok(!badLink.ok && /http/.test(badLink.error), JSON.stringify(badLink));
      await controller.receive({ type: 'openLink', requestId: 15, url: 'https://not-in-the-annotations.example/' });
      assert.equal((await replyTo(15)).ok, false, 'a link the annotations do not hold is not opened');
      await controller.receive({ type: 'remove', requestId: 16, id: 'no-such-id' });
      assert.equal((await replyTo(16)).ok, false);
      assert.ok(sameBytes(await readBytes(sidecarUriOf(followedUri)), bytes!), 'refused requests wrote nothing');

      await controller.receive({ type: 'setStatus', requestId: 17, status: 'in-progress' });
      assert.equal((await replyTo(17)).ok, true);
      await waitForSidecar(followedUri, 'status in-progress', (s) => typeof s.status === 'object' && Object.values(s.status).some((x) => x.status === 'in-progress'));

      await controller.receive({ type: 'update', requestId: 18, id: 'a1', patch: { tag: 'quote' } });
      assert.equal((await replyTo(18)).ok, true);
      const retagged = await waitForSidecar(followedUri, 'the tag quote', (s) => s.annotations[0]?.tag === 'quote');
      assert.deepEqual(retagged.annotations[0]!.attributes, {}, 'the claim attributes do not carry over to a quote');
      assert.equal(retagged.annotations[0]!.note, 'checked with the port', 'the note stays');

      await controller.receive({ type: 'remove', requestId: 19, id: 'a1' });
      assert.equal((await replyTo(19)).ok, true);
      await waitForSidecar(followedUri, 'no annotations', (s) => s.annotations.length === 0);
    });

    test('links: the state carries relation types and links; link, reveal the other end, unlink, and remove with its links', async () => {
      const { text } = article(PARAGRAPHS);
      const uri = await createDocument('links', text);
      const quote = '“We had no choice but to halt the work,”';
      const q = text.indexOf(quote);
      const n = text.indexOf('Aldous Perrin');
      const c = text.indexOf('Shippers were less patient.');
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(sidecarJson(uri, text, null, [
        annotationJson('q1', 'quote', text, q, q + quote.length),
        annotationJson('s1', 'source', text, n, n + 'Aldous Perrin'.length),
        annotationJson('c1', 'claim', text, c, c + 'Shippers were less patient.'.length),
      ]))));
      followedUri = uri; // followed once its sidecar is written (else a `ready` between may load it without)
      followedChanged.fire();
      await controller.receive({ type: 'ready' });
      const first = await waitFor('the state of the document', () => posted.find((m) => m.type === 'state' && m.state.document?.uri === followedUri!.toString()), POLL_MS);
      assert.ok(first.type === 'state');
      assert.deepEqual(first.state.relationTypes.map((t) => [t.id, t.symmetric]), [['attributed-to', false], ['supports', false], ['contradicts', false], ['same-as', true]]);
      assert.deepEqual(first.state.relations, []);

      await controller.receive({ type: 'link', requestId: 31, relationType: 'attributed-to', from: 'q1', to: 's1' });
      assert.deepEqual(await replyTo(31), { type: 'reply', requestId: 31, ok: true });
      const linked = await waitForSidecar(followedUri, 'the link', (s) => s.relations?.length === 1);
      const relation = linked.relations![0]!;
      assert.deepEqual([relation.type, relation.from, relation.to], ['attributed-to', 'q1', 's1']);
      const stateIndex = posted.findIndex((m) => m.type === 'state' && m.state.relations.some((r) => r.id === relation.id));
      assert.ok(stateIndex >= 0 && stateIndex < posted.findIndex((m) => m.type === 'reply' && m.requestId === 31), 'the panel gets the link before the reply');

      // Refused: a type whose tags do not fit, the same link again. Nothing written.
      const bytes = (await readBytes(sidecarUriOf(followedUri)))!;
      await controller.receive({ type: 'link', requestId: 32, relationType: 'same-as', from: 'q1', to: 's1' });
      const wrongTags = await replyTo(32);
      assert.ok(!wrongTags.ok && /Same as/.test(wrongTags.error), JSON.stringify(wrongTags));
      await controller.receive({ type: 'link', requestId: 33, relationType: 'attributed-to', from: 'q1', to: 's1' });
      const again = await replyTo(33);
      assert.ok(!again.ok && /already/.test(again.error), JSON.stringify(again));
      await controller.receive({ type: 'link', requestId: 34, relationType: 'supports', from: 'q1', to: 'no-such-id' });
      assert.equal((await replyTo(34)).ok, false);
      assert.ok(sameBytes(await readBytes(sidecarUriOf(followedUri)), bytes), 'refused links wrote nothing');

      // Clicking the other end of a link reveals it: the editor selects the source.
      await controller.receive({ type: 'reveal', requestId: 35, id: 's1' });
      assert.equal((await replyTo(35)).ok, true);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === followedUri!.toString());
      assert.ok(editor, 'the document is shown');
      assert.equal(editor.document.getText(editor.selection), 'Aldous Perrin');

      await controller.receive({ type: 'link', requestId: 36, relationType: 'supports', from: 'q1', to: 'c1' });
      assert.equal((await replyTo(36)).ok, true);
      const two = await waitForSidecar(followedUri, 'two links', (s) => s.relations?.length === 2);
      const supports = two.relations!.find((r) => r.type === 'supports')!;
      await controller.receive({ type: 'unlink', requestId: 37, id: supports.id });
      assert.equal((await replyTo(37)).ok, true);
      await waitForSidecar(followedUri, 'the supports link removed', (s) => s.relations?.length === 1 && s.annotations.length === 3);

      // Removing an end removes its links in the same write.
      await controller.receive({ type: 'remove', requestId: 38, id: 's1' });
      assert.equal((await replyTo(38)).ok, true);
      const after = await waitForSidecar(followedUri, 'the source and its link gone', (s) => s.annotations.length === 2);
      assert.deepEqual(after.relations, []);
    });

    test('an unreadable sidecar: the edit is refused with an error reply and the file is left byte for byte', async () => {
      const { text } = article(PARAGRAPHS);
      const uri = await createDocument('unreadable', text);
      const broken = utf8('{ "version": 1, "annotations": [ { "id": "a1", ');
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), broken);
      followedUri = uri; // followed once its sidecar is written (else a `ready` between may load it without)
      followedChanged.fire();
      await controller.receive({ type: 'ready' });
      const state = await waitFor('the state of the unreadable sidecar', () => posted.find((m) => m.type === 'state' && m.state.document?.uri === followedUri!.toString()), POLL_MS);
      assert.ok(state.type === 'state' && state.state.document?.sidecar === 'unreadable' && state.state.document.problems.length > 0);
      await controller.receive({ type: 'setStatus', requestId: 21, status: 'done' });
      const reply = await replyTo(21);
      assert.ok(!reply.ok && /unreadable/.test(reply.error), JSON.stringify(reply));
      assert.ok(sameBytes(await readBytes(sidecarUriOf(followedUri)), broken), 'the broken sidecar is untouched');
    });
  });
});
