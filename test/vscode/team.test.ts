// Working as a team (issue #12) in a real VS Code: blind mode (seedAnnotator.show = "mine") hides the others'
// annotations from the API, hovers, the Documents view's counts and Tag next, while the sidecar keeps them; the
// status-bar command toggles it; a sidecar git left with conflict markers is reported and never overwritten, then
// resolved from its markers; a conflicted annotation is resolved with one click (the CodeLens command).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/vscode/annotations/store';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import { annotationCounts } from '../../src/vscode/documentsTree';
import { visibleTo } from '../../src/core/team/visibility';
import {
  POLL_MS, TEST_DIR, annotationJson, article, createDocument, openEditor, readBytes, removeTestFolder, sameBytes, select, sidecarJson,
  sidecarUriOf, spanOf, utf8, waitForAnnotations, waitForSidecar, writeBytes,
} from './annotationHelpers';
import { activatedApi, waitFor } from './helpers';

const PARAGRAPHS = [
  'The port will not finish dredging until September. “We had no choice but to halt the work,” said Aldous Perrin.',
  'Harbour users disagree. The delay will cost £9,000 per call.',
];
const when = '2025-01-01T12:00:00.000Z';

async function hoverText(uri: vscode.Uri, doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, doc.positionAt(offset));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('Working as a team', function () {
  this.timeout(120_000);
  let api: SeedAnnotatorApi;
  const config = () => vscode.workspace.getConfiguration('seedAnnotator');

  suiteSetup(async () => {
    api = await activatedApi(60_000);
    await config().update('author', 'me', vscode.ConfigurationTarget.Global);
  });

  teardown(async () => {
    await config().update('show', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await config().update('author', undefined, vscode.ConfigurationTarget.Global);
    await removeTestFolder(api, TEST_DIR);
  });

  test('blind mode: the others\' annotations are hidden everywhere and kept in the sidecar; the status bar toggles it', async () => {
    const { text, source } = article('team/blind', 'Port dredging delayed', PARAGRAPHS);
    const uri = await createDocument('blind', text);
    const first = spanOf(text, 'The port will not finish dredging until September.');
    const quote = spanOf(text, '“We had no choice but to halt the work,”');
    const mine = spanOf(text, 'Harbour users disagree.');
    const byOther = (a: ReturnType<typeof annotationJson>) => ({ ...a, author: 'other' });
    const written = {
      ...sidecarJson(uri, text, source, [
        byOther(annotationJson('o-claim', 'claim', text, first.start, first.end)),
        byOther(annotationJson('o-quote', 'quote', text, quote.start, quote.end)),
        { ...annotationJson('m-claim', 'claim', text, mine.start, mine.end), author: 'me' },
      ]),
      version: 2,
      status: { other: { status: 'done', modified: when }, me: { status: 'in-progress', modified: when } },
      relations: [{ id: 'o-link', type: 'supports', from: 'o-quote', to: 'o-claim', attributes: {}, note: '', author: 'other', created: when, modified: when }],
    };
    await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify(written, null, 2)}\n`));
    await config().update('show', 'mine', vscode.ConfigurationTarget.Workspace);
    const editor = await openEditor(uri);

    // The store's read side (what the panel, decorations and tree read): only mine.
    const info = await waitForAnnotations(api, uri, 'only my annotation', (i) => i.annotations.length === 1);
    assert.deepEqual(info.annotations.map((a) => a.id), ['m-claim']);
    assert.deepEqual(info.relations, []);
    // Hovers.
    assert.equal(await hoverText(uri, editor.document, quote.start + 3), '', 'no hover on the other\'s quote');
    assert.match(await hoverText(uri, editor.document, mine.start + 2), /Claim/);
    // The Documents view's counts and status (a store of its own with the same filter).
    const log = vscode.window.createOutputChannel('Seed Annotator team test', { log: true });
    const store = new AnnotationStore(log, () => undefined, () => 'me');
    store.setReadFilter((d) => visibleTo(d, 'me', 'mine'));
    try {
      const doc = await store.get(uri);
      assert.equal(annotationCounts(doc), '1 claim');
      assert.equal(doc.documentStatus, 'in-progress', 'the tree shows my status');
      assert.deepEqual(Object.keys(doc.statuses).sort(), ['me', 'other'], 'the tooltip has everyone\'s');
    } finally {
      store.dispose();
      log.dispose();
    }
    // Tag next: the first sentence, tagged by the other annotator only, is untagged for me.
    select(editor, first.start);
    await vscode.commands.executeCommand('seedAnnotator.tagNext');
    const after = await waitForSidecar(uri, 'my claim on the first sentence', (s) => s.annotations.length === 4);
    const made = after.annotations.filter((a) => a.target.start === first.start && a.target.end === first.end);
    assert.deepEqual(made.map((a) => a.author).sort(), ['me', 'other']);
    assert.deepEqual(after.relations!.map((r) => r.id), ['o-link'], 'the other\'s link is kept untouched');
    assert.equal(after.annotations.find((a) => a.id === 'o-quote')!.note, '');

    // The status-bar command shows everyone's again.
    await vscode.commands.executeCommand('seedAnnotator.toggleShow');
    const all = await waitForAnnotations(api, uri, 'everyone\'s annotations', (i) => i.annotations.length === 4);
    assert.deepEqual(all.relations.map((r) => r.id), ['o-link']);
    assert.match(await hoverText(uri, editor.document, quote.start + 3), /Quote/);
  });

  test('a sidecar with git conflict markers is reported as a merge conflict, left untouched, and resolved by id', async () => {
    const { text, source } = article('team/conflicted', 'Port dredging delayed', PARAGRAPHS);
    const uri = await createDocument('conflicted', text);
    const a = spanOf(text, 'Harbour users disagree.');
    const b = spanOf(text, 'The delay will cost £9,000 per call.');
    const side = (annotations: ReturnType<typeof annotationJson>[]) => JSON.stringify({ ...sidecarJson(uri, text, source, annotations), version: 2, relations: [] }, null, 2);
    const ours = side([{ ...annotationJson('a-1', 'claim', text, a.start, a.end), author: 'alice' }]);
    const theirs = side([{ ...annotationJson('b-1', 'claim', text, b.start, b.end), author: 'bob' }]);
    const conflicted = utf8(`<<<<<<< HEAD\n${ours}\n=======\n${theirs}\n>>>>>>> bob\n`);
    await writeBytes(sidecarUriOf(uri), conflicted);
    await openEditor(uri);
    const info = await waitForAnnotations(api, uri, 'the merge conflict', (i) => i.state === 'unreadable');
    assert.match(info.problems.join('\n'), /merge conflict/);
    // An edit is refused; the file is untouched.
    await vscode.commands.executeCommand('seedAnnotator.tagClaim').then(undefined, () => undefined);
    assert.ok(sameBytes(await readBytes(sidecarUriOf(uri)), conflicted));

    const message = await vscode.commands.executeCommand<string>('seedAnnotator.resolveSidecarConflict', uri);
    assert.match(message ?? '', /merged by id \(2 annotations/);
    await waitForAnnotations(api, uri, 'both sides\' annotations', (i) => i.state === 'ready' && i.annotations.length === 2);
    const file = await waitForSidecar(uri, 'the merged sidecar', (s) => s.annotations.length === 2);
    assert.deepEqual(file.annotations.map((x) => x.author).sort(), ['alice', 'bob']);
  });

  test('an annotation kept in two versions by a merge: one click keeps one, its links follow', async () => {
    const { text, source } = article('team/versions', 'Port dredging delayed', PARAGRAPHS);
    const uri = await createDocument('versions', text);
    const span = spanOf(text, 'Harbour users disagree.');
    const other = spanOf(text, 'The delay will cost £9,000 per call.');
    const theirs = { ...annotationJson('c-1', 'claim', text, span.start, span.end, 'theirs'), conflict: { with: 'c-2' } };
    const ours = { ...annotationJson('c-2', 'claim', text, span.start, span.end, 'ours'), conflict: { with: 'c-1' } };
    const written = {
      ...sidecarJson(uri, text, source, [theirs, ours, annotationJson('x', 'claim', text, other.start, other.end)]),
      version: 2,
      relations: [{ id: 'l', type: 'supports', from: 'x', to: 'c-1', attributes: {}, note: '', author: 'test', created: when, modified: when }],
    };
    await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify(written, null, 2)}\n`));
    const editor = await openEditor(uri);
    const lenses = await waitFor('a CodeLens per version', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      const keep = (found ?? []).filter((l) => l.command?.command === 'seedAnnotator.keepConflictVersion');
      return keep.length === 2 ? keep : undefined;
    }, POLL_MS);
    assert.match(await hoverText(uri, editor.document, span.start + 2), /Merge conflict/, 'the hover says so');
    const keepOurs = lenses.find((l) => l.command!.arguments![1] === 'c-2')!;
    await vscode.commands.executeCommand(keepOurs.command!.command, ...keepOurs.command!.arguments!);
    const after = await waitForSidecar(uri, 'one version left', (s) => s.annotations.length === 2);
    const kept = after.annotations.find((x) => x.id === 'c-2')!;
    assert.equal(kept.note, 'ours');
    assert.equal(kept.conflict, undefined);
    assert.deepEqual(after.relations!.map((r) => [r.from, r.to]), [['x', 'c-2']]);
  });
});
