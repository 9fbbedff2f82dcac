// @node-only: writes fixture folders with node:fs (and reads git-free files beside the workspace), which a web worker cannot.
// Issue #10 in a real VS Code: what a first-time user tripped over (palette entries and their shortcuts, calm hints,
// the panel following new annotations, Skip and the end of the document, the Documents tree's labels, the Problems
// panel, Go to Annotation's search, read-only documents, word wrap, hover labels, the log) and the work queue
// (Next / Previous Document, Mark Document Done, the status filter and progress). Documents are new files this
// suite writes into `queue-tests/` of the throw-away workspace, named like samples (`9xx_…`) so they sort last.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/vscode/annotations/store';
import { DocumentIndex } from '../../src/vscode/documentIndex';
import { DocumentsTreeProvider } from '../../src/vscode/documentsTree';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import { ActiveSeedDocument } from '../../src/vscode/panel/annotationsView';
import { AnnotationsPanelController } from '../../src/vscode/panel/controller';
import { TagSets } from '../../src/vscode/annotations/tagSets';
import { panelHtml, webviewOptions } from '../../src/vscode/panel/html';
import {
  POLL_MS, annotationJson, article, openEditor, removeTestFolder, select, selectionOffsets, sidecarJson, sidecarUriOf, utf8, waitForSidecar,
} from './annotationHelpers';
import { activatedApi, extension, sleep, waitFor, workspaceFolder } from './helpers';

const DIR = 'queue-tests';
const PARAGRAPHS = [
  'The port will not finish dredging until September. “We had no choice but to halt the work,” said Aldous Perrin.',
  'Freight rates rose 12% in a year, the ministry said.',
];

interface PanelInfo {
  ready: boolean;
  document: string | null;
  selected: string | null;
  notice: string | null;
}
const panelInfo = () => vscode.commands.executeCommand<PanelInfo>('seedAnnotator.annotationsPanelState');

let serial = 900;
/** A document `9xx_<hex>.txt` in queue-tests/, listed like a sample (sorted by name, after the samples). */
async function createDoc(paragraphs = PARAGRAPHS): Promise<{ uri: vscode.Uri; text: string }> {
  const { text } = article(`queue-${randomBytes(3).toString('hex')}`, 'Harbour plan delayed again', paragraphs);
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, DIR, `${serial++}_${randomBytes(4).toString('hex')}.txt`);
  await vscode.workspace.fs.writeFile(uri, utf8(text));
  return { uri, text };
}

function withStatus(doc: vscode.Uri, text: string, status: 'todo' | 'in-progress' | 'done', annotations = [] as ReturnType<typeof annotationJson>[]) {
  return { ...sidecarJson(doc, text, null, annotations), version: 2, relations: [], status: { '': { status, modified: '2025-01-01T12:00:00.000Z' } } };
}

async function setConfig(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('seedAnnotator').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('First use and work queue (issue 10)', function () {
  this.timeout(120_000);
  let api: SeedAnnotatorApi;

  suiteSetup(async () => {
    api = await activatedApi(110_000); // activation by workspaceContains takes long on a loaded machine
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await setConfig('workQueue.openNextWhenDone', undefined);
    await removeTestFolder(api, DIR);
  });

  test('the palette: "tag quot" words reach Tag Quotation only; each shortcut runs the entry it is shown beside', () => {
    const pkg = extension().packageJSON.contributes;
    const titles = (pkg.commands as Array<{ command: string; title: string }>).map((c) => ({ id: c.command, words: c.title.toLowerCase() }));
    // VS Code's palette matches typed words in order: only one entry holds "tag" followed by "quot".
    const reach = titles.filter((t) => /\btag\b.*\bquot/.test(t.words)).map((t) => t.id);
    assert.deepEqual(reach, ['seedAnnotator.tagQuotation']);
    // One keybinding per command (a second one with `args` would be shown beside the plain command).
    const bindings = pkg.keybindings as Array<{ command: string; key: string; args?: unknown }>;
    assert.ok(bindings.every((b) => b.args === undefined), 'no keybinding passes arguments');
    const keysOf = (id: string) => bindings.filter((b) => b.command === id).map((b) => b.key);
    assert.deepEqual(keysOf('seedAnnotator.tagSelection'), ['ctrl+alt+t']);
    assert.deepEqual(keysOf('seedAnnotator.tagSelectionAsSource'), ['ctrl+alt+3']);
    assert.deepEqual(keysOf('seedAnnotator.tagQuotation'), ['ctrl+alt+2']);
    assert.deepEqual(keysOf('seedAnnotator.nextDocument'), ['ctrl+alt+pagedown']);
    assert.deepEqual(keysOf('seedAnnotator.previousDocument'), ['ctrl+alt+pageup']);
    assert.deepEqual(keysOf('seedAnnotator.skipNext'), ['ctrl+alt+\\']);
    // The empty-folder welcome is plain text (no Markdown code spans shown as backticks).
    assert.ok(!(pkg.viewsWelcome[0].contents as string).includes('`'));
  });

  test('Tag Selection with nothing selected is a calm hint (no error); Tag Selection as Source tags without asking', async () => {
    const { uri, text } = await createDoc();
    const editor = await openEditor(uri);
    select(editor, text.indexOf('Aldous'));
    const result = await vscode.commands.executeCommand('seedAnnotator.tagSelection');
    assert.equal(result, undefined, 'resolves (no error) with nothing tagged');
    const name = 'Aldous Perrin';
    select(editor, text.indexOf(name), text.indexOf(name) + name.length);
    await vscode.commands.executeCommand('seedAnnotator.tagSelectionAsSource');
    const sidecar = await waitForSidecar(uri, 'the source', (s) => s.annotations.length === 1);
    assert.equal(sidecar.annotations[0]!.tag, 'source');
    assert.equal(sidecar.annotations[0]!.target.exact, name);
  });

  test('a tag command selects the new annotation in the Annotations panel', async () => {
    const { uri, text } = await createDoc();
    const editor = await openEditor(uri);
    await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
    await waitFor('the panel to follow the document', async () => ((await panelInfo()).ready && (await panelInfo()).document === uri.toString() ? true : undefined), POLL_MS);
    await openEditor(uri);
    select(editor, text.indexOf('Freight'));
    const created = await vscode.commands.executeCommand<{ id: string }>('seedAnnotator.tagClaim', { quiet: true });
    assert.ok(created?.id);
    await waitFor('the panel to select the new claim', async () => ((await panelInfo()).selected === created.id ? true : undefined), POLL_MS, panelInfo);
  });

  test('Tag Quotation at Cursor (which also tags and links the speaker) selects the new quote in the Annotations panel', async () => {
    const { uri, text } = await createDoc();
    const editor = await openEditor(uri);
    await vscode.commands.executeCommand('seedAnnotator.annotations.focus');
    await waitFor('the panel to follow the document', async () => ((await panelInfo()).ready && (await panelInfo()).document === uri.toString() ? true : undefined), POLL_MS);
    await openEditor(uri);
    select(editor, text.indexOf('“') + 3);
    const created = await vscode.commands.executeCommand<{ id: string; tag: string }>('seedAnnotator.tagQuotation', { quiet: true });
    assert.equal(created?.tag, 'quote');
    await waitFor('the panel to select the new quote', async () => ((await panelInfo()).selected === created!.id ? true : undefined), POLL_MS, panelInfo);
  });

  test('Skip passes over the next span without tagging it; at the end of the document Tag next says so as information', async () => {
    const { uri, text } = await createDoc(['Freight rates rose 12% in a year. Costs doubled since 2020.']);
    const editor = await openEditor(uri);
    select(editor, text.indexOf('Freight'));
    const skipped = await vscode.commands.executeCommand<{ start: number; end: number }>('seedAnnotator.skipNext');
    assert.equal(text.slice(skipped!.start, skipped!.end), 'Freight rates rose 12% in a year.');
    assert.equal(text.slice(selectionOffsets(editor).start, selectionOffsets(editor).end), 'Freight rates rose 12% in a year.', 'the skipped span is selected');
    await vscode.commands.executeCommand('seedAnnotator.tagNext');
    const sidecar = await waitForSidecar(uri, 'one claim', (s) => s.annotations.length === 1);
    assert.equal(sidecar.annotations[0]!.target.exact, 'Costs doubled since 2020.', 'the skipped sentence stays untagged');
    // Nothing left: no error (the command resolves), and the panel is told (its notice line).
    const atEnd = await vscode.commands.executeCommand('seedAnnotator.tagNext');
    assert.equal(atEnd, undefined);
    await waitFor('the end-of-document notice', async () => (/end of the document/.test((await panelInfo()).notice ?? '') ? true : undefined), POLL_MS, panelInfo);
  });

  test('the panel: rows carry their line; a broken sidecar disables nothing it cannot save and the tree marks it', async () => {
    const { uri, text } = await createDoc();
    const at = text.indexOf('Freight');
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(withStatus(uri, text, 'in-progress', [
      annotationJson('c1', 'claim', text, at, at + 'Freight rates rose 12% in a year, the ministry said.'.length),
    ]))));
    const log = vscode.window.createOutputChannel('Seed Annotator issue-10 test', { log: true });
    const store = new AnnotationStore(log, () => undefined);
    const tagSets = new TagSets(() => undefined);
    const panel = vscode.window.createWebviewPanel('seedIssue10', 'Annotations (test)', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(extension().extensionUri));
    const followed = { uri, onDidChange: new vscode.EventEmitter<void>().event };
    const controller = new AnnotationsPanelController(panel.webview, { store, tagSets, log }, followed);
    panel.webview.html = panelHtml(panel.webview, extension().extensionUri);
    const index = new DocumentIndex(log, store);
    const tree = new DocumentsTreeProvider(index, store);
    try {
      const state = await controller.buildState();
      const line = text.slice(0, at).split('\n').length;
      assert.equal(state.annotations[0]!.line, line, 'the row shows the line of its start');

      // The tree: status first, counts with plurals, counts in the tooltip.
      await index.whenIdle();
      const row = index.find(uri.toString());
      assert.ok(row, 'the document is listed');
      await store.get(uri);
      const item = tree.getTreeItem(row);
      const label = typeof item.label === 'string' ? item.label : item.label!.label;
      assert.equal(label, '◐ 1 claim · Harbour plan delayed again');
      assert.match((item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), /Annotations: 1 claim/);

      // Broken: the tree says so at the start of the row; the panel state says it cannot be written.
      await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8('{ "version": 2, "annotations": ['));
      await store.reload(uri);
      const broken = tree.getTreeItem(row);
      const brokenLabel = typeof broken.label === 'string' ? broken.label : broken.label!.label;
      assert.equal(brokenLabel, '⚠ sidecar unreadable · Harbour plan delayed again');
      assert.equal((broken.iconPath as vscode.ThemeIcon).id, 'warning');
      assert.equal((await controller.buildState()).document!.sidecar, 'unreadable');
    } finally {
      controller.dispose();
      panel.dispose();
      tree.dispose();
      index.dispose();
      store.dispose();
      tagSets.dispose();
      log.dispose();
    }
  });

  test('what validate reports about a sidecar shows in the Problems panel (an evidence link that is not http(s))', async () => {
    const { uri, text } = await createDoc();
    const at = text.indexOf('Freight');
    const claim = { ...annotationJson('c1', 'claim', text, at, at + 7), attributes: { evidence: ['javascript:alert(9)', 'https://example.org/ok'] } };
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(withStatus(uri, text, 'todo', [claim]))));
    await openEditor(uri);
    const diagnostics = await waitFor('a diagnostic on the evidence link', () => {
      const list = vscode.languages.getDiagnostics(sidecarUriOf(uri)).filter((d) => /evidence/.test(d.message));
      return list.length ? list : undefined;
    }, POLL_MS);
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /http\(s\) URL/);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
  });

  test('Go to Annotation finds quotes by speaker across the workspace, with filters, and shows the line', async () => {
    const { uri, text } = await createDoc();
    const q = text.indexOf('“We had');
    // Other tests tag Perrin's quotes too: a token in the notes keeps this test's hits its own.
    const token = `queue${randomBytes(4).toString('hex')}`;
    const quote = { ...annotationJson('q1', 'quote', text, q, text.indexOf('”', q) + 1), attributes: { speaker: 'Aldous Perrin', cue: 'said' }, note: token };
    const c = text.indexOf('Freight');
    const claim = { ...annotationJson('c1', 'claim', text, c, c + 7), attributes: { verdict: 'false' }, note: token };
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(withStatus(uri, text, 'todo', [quote, claim]))));
    const found = await waitFor('the quote by its speaker', async () => {
      const r = await vscode.commands.executeCommand<{ uri: string; id: string; line: number } | undefined>('seedAnnotator.goToAnnotation', { query: `tag:quote speaker:Perrin note:${token}` });
      return r?.uri === uri.toString() ? r : undefined;
    }, POLL_MS);
    assert.equal(found.id, 'q1');
    assert.equal(found.line, text.slice(0, q).split('\n').length);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the document is opened at it');
    const byVerdict = await vscode.commands.executeCommand<{ id: string; uri: string }>('seedAnnotator.goToAnnotation', { query: `verdict:false Freight note:${token}` });
    assert.equal(byVerdict?.id, 'c1');
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.goToAnnotation', { query: 'tag:quote speaker:Nobody-at-all' }), undefined);
  });

  test('work queue: Next / Previous Document skip done documents and select the first untagged span; Mark Done moves on when asked', async () => {
    const a = await createDoc();
    const b = await createDoc();
    const c = await createDoc();
    await vscode.workspace.fs.writeFile(sidecarUriOf(b.uri), utf8(JSON.stringify(withStatus(b.uri, b.text, 'done'))));
    const at = c.text.indexOf('The port');
    const first = 'The port will not finish dredging until September.';
    await vscode.workspace.fs.writeFile(sidecarUriOf(c.uri), utf8(JSON.stringify(withStatus(c.uri, c.text, 'in-progress', [
      annotationJson('c1', 'claim', c.text, at, at + first.length),
    ]))));
    await waitFor('the three documents to be listed', async () => {
      const listed = (await api.listDocuments()).map((d) => d.uri);
      return [a, b, c].every((d) => listed.includes(d.uri.toString())) ? true : undefined;
    }, POLL_MS);
    await openEditor(a.uri);
    const step = await vscode.commands.executeCommand<{ uri: string; unit: { start: number; end: number } | null }>('seedAnnotator.nextDocument');
    assert.equal(step?.uri, c.uri.toString(), 'the done document is passed over');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), c.uri.toString(), 'opened');
    const { start, end } = selectionOffsets(editor);
    assert.equal(c.text.slice(start, end), '“We had no choice but to halt the work,”', 'the first untagged span is selected');

    const back = await vscode.commands.executeCommand<{ uri: string }>('seedAnnotator.previousDocument');
    assert.equal(back?.uri, a.uri.toString());

    // Mark done (the tree's context menu passes its row; here the uri): moves on only with the setting on.
    await setConfig('workQueue.openNextWhenDone', false);
    assert.equal(await vscode.commands.executeCommand('seedAnnotator.markDocumentDone', a.uri), undefined);
    await waitForSidecar(a.uri, 'done', (s) => Object.values(s.status ?? {}).some((x) => x.status === 'done'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), a.uri.toString(), 'stays without the setting');
    await setConfig('workQueue.openNextWhenDone', true);
    const moved = await vscode.commands.executeCommand<{ uri: string }>('seedAnnotator.markDocumentDone', c.uri.toString());
    assert.ok(moved && moved.uri !== c.uri.toString() && moved.uri !== a.uri.toString() && moved.uri !== b.uri.toString(), `moved on to a document not done: ${moved?.uri}`);
    await setConfig('workQueue.openNextWhenDone', undefined);
  });

  test('the Documents view filters by status and shows the progress in its title', async () => {
    const { uri, text } = await createDoc();
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(withStatus(uri, text, 'done'))));
    const log = vscode.window.createOutputChannel('Seed Annotator issue-10 tree test', { log: true });
    const store = new AnnotationStore(log, () => undefined);
    const index = new DocumentIndex(log, store);
    const tree = new DocumentsTreeProvider(index, store);
    // Its own provider, index and store over the same files; the title is read from what `attach` was given.
    const view = { description: undefined as string | undefined, dispose() {} } as unknown as vscode.TreeView<never>;
    try {
      tree.attach(view as never);
      await index.whenIdle();
      await waitFor('the done document to count', () => (store.peek(uri)?.documentStatus === 'done' ? true : undefined), POLL_MS);
      const all = tree.getChildren();
      const { done, total } = tree.progress();
      assert.equal(total, all.length);
      assert.ok(done >= 1);
      tree.refresh(null);
      assert.equal(view.description, `${done}/${total} done`);
      tree.setStatusFilter('done');
      const shown = tree.getChildren() as Array<{ uri: string }>;
      assert.ok(shown.some((r) => r.uri === uri.toString()));
      assert.ok(shown.every((r) => store.peek(vscode.Uri.parse(r.uri))?.documentStatus === 'done'));
      assert.equal(view.description, `${done}/${total} done · showing done`);
      tree.setStatusFilter('todo');
      assert.ok(!(tree.getChildren() as Array<{ uri: string }>).some((r) => r.uri === uri.toString()));
      tree.setStatusFilter(null);
      // The command sets the real view's filter without asking when given the status.
      assert.equal(await vscode.commands.executeCommand('seedAnnotator.filterDocuments', 'todo'), 'todo');
      assert.equal(await vscode.commands.executeCommand('seedAnnotator.filterDocuments', 'all'), 'all');
    } finally {
      view.dispose();
      tree.dispose();
      index.dispose();
      store.dispose();
      log.dispose();
    }
  });

  test('source documents are read-only by default (VS Code\'s own mode); Allow Editing Source Documents lifts it', async () => {
    const { uri } = await createDoc();
    await setConfig('readOnlyDocuments', undefined); // the default (the runner turns it off for the other suites)
    try {
      const editor = await openEditor(uri);
      await vscode.commands.executeCommand('seedAnnotator.readOnlyDocumentsSettled');
      const before = editor.document.getText();
      // Typing (what a stray key press does) is refused; API edits are not what this guards against.
      select(editor, 0);
      await vscode.commands.executeCommand('type', { text: 'X' });
      await sleep(300);
      assert.equal(editor.document.getText(), before, 'typing does not change a read-only document');
      await vscode.commands.executeCommand('seedAnnotator.allowEditingDocuments');
      await vscode.commands.executeCommand('seedAnnotator.readOnlyDocumentsSettled');
      assert.equal(vscode.workspace.getConfiguration('seedAnnotator').get('readOnlyDocuments'), false);
      await vscode.commands.executeCommand('type', { text: 'X' });
      await waitFor('the typed X', () => (editor.document.getText() === `X${before}` ? true : undefined), POLL_MS);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await setConfig('readOnlyDocuments', false);
    }
  });

  test('word wrap never breaks a number at its comma or point; the hover names attributes as the panel does', async () => {
    const wrap = vscode.workspace.getConfiguration('editor', { languageId: 'seed-document' });
    for (const key of ['wordWrapBreakAfterCharacters', 'wordWrapBreakBeforeCharacters']) {
      const chars = wrap.get<string>(key) ?? '';
      for (const c of [',', '.', '$', '£', '€', '%']) assert.ok(!chars.includes(c), `${key} holds ${c}`);
    }
    const { uri, text } = await createDoc();
    const at = text.indexOf('Freight');
    const claim = { ...annotationJson('c1', 'claim', text, at, at + 7), attributes: { checkworthy: 'yes' } };
    await vscode.workspace.fs.writeFile(sidecarUriOf(uri), utf8(JSON.stringify(withStatus(uri, text, 'todo', [claim]))));
    const editor = await openEditor(uri);
    const hovers = await waitFor('the hover', async () => {
      const list = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(at + 2));
      const text = list.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('Check') ? text.replace(/&nbsp;/g, ' ') : undefined;
    }, POLL_MS);
    assert.match(hovers, /Check-worthy: yes/);
    assert.doesNotMatch(hovers, /checkworthy/);
  });

  test('after a reload with a JSON tab active, the panel follows the source document tab that is open', async () => {
    const { uri } = await createDoc();
    await openEditor(uri);
    const json = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
    await vscode.window.showTextDocument(json, { preview: false });
    const followed = new ActiveSeedDocument();
    try {
      await waitFor('the open tab to be followed', () => (followed.uri?.toString() === uri.toString() ? true : undefined), POLL_MS);
    } finally {
      followed.dispose();
    }
  });

  test('Refresh Documents lists the samples again (the scan time is printed, not asserted)', async () => {
    const started = performance.now();
    await vscode.commands.executeCommand('seedAnnotator.refreshDocuments');
    const scanMs = performance.now() - started;
    const listed = await api.listDocuments();
    assert.ok(listed.filter((d) => /^\d{3}_[0-9a-f]+\.txt$/.test(d.relativePath)).length >= 10, 'the ten samples are listed');
    console.log(`      (scan of the workspace: ${scanMs.toFixed(1)} ms for ${listed.length} documents)`);
  });

  test('the bundle does not touch `navigator` (no PendingMigrationError in the log)', () => {
    const bundle = fs.readFileSync(path.join(extension().extensionPath, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(bundle, /\bnavigator\b/);
  });
});
