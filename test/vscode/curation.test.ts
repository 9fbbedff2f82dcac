// Adjudication in a real VS Code (issue #13): a document two annotators tagged (sidecar written by the test),
// the curation commands run with arguments as the panel runs them; the sidecar on disk then holds gold
// annotations with their curation.from, the curation status, and every annotator's annotation byte-identical.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/annotations/schema';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import { POLL_MS, annotationJson, article, createDocument, readSidecar, removeTestFolder, sidecarJson, sidecarUriOf, spanOf, utf8, waitForSidecar, writeBytes } from './annotationHelpers';
import { activatedApi, waitFor } from './helpers';

const DIR = 'annotation-tests';

suite('Adjudication (curation)', function () {
  this.timeout(300_000);
  let api: SeedAnnotatorApi;
  const { text, source } = article('ferry-fares', 'Ferry fares to rise by a fifth', [
    'The council said fares rose 20% in a year. “We had no choice,” said Ines Marlow.',
    'Critics called it a tax. The vote is in May.',
  ]);
  const by = (author: string, id: string, tag: string, needle: string, attributes: Record<string, unknown> = {}): Annotation => {
    const { start, end } = spanOf(text, needle);
    return { ...annotationJson(id, tag, text, start, end), author, attributes };
  };
  const annotators = [
    by('ana', 'ana-fares', 'claim', 'The council said fares rose 20% in a year.', { checkworthy: 'yes' }),
    by('ben', 'ben-fares', 'claim', 'The council said fares rose 20% in a year.', { checkworthy: 'yes' }),
    by('ana', 'ana-quote', 'quote', '“We had no choice,”', { speaker: 'Ines Marlow' }),
    by('ben', 'ben-quote', 'claim', '“We had no choice,”', { checkworthy: 'no' }),
    by('ana', 'ana-marlow', 'source', 'Ines Marlow'),
    by('ana', 'ana-critics', 'claim', 'Critics called it a tax.', { checkworthy: 'no' }),
    by('ben', 'ben-critics', 'claim', 'called it a tax', { checkworthy: 'no' }),
    by('ben', 'ben-vote', 'claim', 'The vote is in May.', { checkworthy: 'no' }),
  ];
  const link = { id: 'ana-link', type: 'attributed-to', from: 'ana-quote', to: 'ana-marlow', attributes: {}, note: '', author: 'ana', created: '2025-01-01T12:00:00.000Z', modified: '2025-01-01T12:00:00.000Z' };

  suiteSetup(async () => {
    api = await activatedApi(180_000); // run alone (--grep) on a loaded machine, this suite may wait for the activation
    await vscode.workspace.getConfiguration('seedAnnotator').update('author', 'cora', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('seedAnnotator').update('author', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestFolder(api, DIR);
  });

  /** Each annotator annotation as it is serialised in the file: must never change. */
  const annotatorBytes = async (doc: vscode.Uri) => {
    const s = await readSidecar(doc);
    return JSON.stringify([s!.annotations.filter((a) => !a.curation), (s!.relations ?? []).filter((r) => !r.curation)], null, 2);
  };

  test('accept all agreed, accept, edit, reject, add, accept a link: gold annotations with curation.from; annotators byte-identical; curated at the end', async () => {
    const doc = await createDocument('curate', text);
    await writeBytes(sidecarUriOf(doc), utf8(`${JSON.stringify({ ...sidecarJson(doc, text, source, annotators), version: 2, relations: [link] }, null, 2)}\n`));
    await waitFor('the document in the Documents list', async () => ((await api.listDocuments()).some((r) => r.uri === doc.toString()) ? true : undefined), POLL_MS);
    await waitFor('the annotators\' annotations loaded', async () => ((await api.annotations(doc)).annotations.length === annotators.length ? true : undefined), POLL_MS);
    const uri = doc.toString();
    const before = await annotatorBytes(doc);

    assert.equal(await vscode.commands.executeCommand('seedAnnotator.acceptAllAgreed', { uri }), 1);
    let s = await waitForSidecar(doc, 'the agreed claim accepted', (x) => x.annotations.some((a) => a.curation));
    const agreed = s.annotations.find((a) => a.curation)!;
    assert.deepEqual(agreed.curation, { from: ['ana-fares', 'ben-fares'], decision: 'accepted' });
    assert.equal(agreed.author, 'cora');
    assert.deepEqual(agreed.target, annotators[0]!.target);
    assert.equal((s as { curation?: { status: string } }).curation?.status, 'in-progress');

    const quoteGold = await vscode.commands.executeCommand<string>('seedAnnotator.acceptVersion', { uri, id: 'ana-quote' });
    const critics = spanOf(text, 'Critics called it a tax.');
    const editedGold = await vscode.commands.executeCommand<string>('seedAnnotator.editVersion', { uri, id: 'ben-critics', changes: { start: critics.start, end: critics.end, attributes: { checkworthy: 'yes' } } });
    const rejected = await vscode.commands.executeCommand<string>('seedAnnotator.rejectUnit', { uri, id: 'ben-vote' });
    // A settled unit is refused; a version id that is none is refused with a clear message.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('seedAnnotator.acceptVersion', { uri, id: 'ben-quote' })), /already settled/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('seedAnnotator.rejectUnit', { uri, id: agreed.id })), /already settled/);
    s = await waitForSidecar(doc, 'three more decisions', (x) => x.annotations.filter((a) => a.curation).length === 4);
    const gold = (id: string) => s.annotations.find((a) => a.id === id)!;
    assert.deepEqual(gold(quoteGold).curation, { from: ['ana-quote', 'ben-quote'], decision: 'accepted' });
    assert.equal(gold(quoteGold).tag, 'quote');
    assert.deepEqual(gold(editedGold).curation, { from: ['ben-critics', 'ana-critics'], decision: 'edited' });
    assert.deepEqual([gold(editedGold).target.exact, gold(editedGold).attributes.checkworthy], ['Critics called it a tax.', 'yes']);
    assert.deepEqual(gold(rejected).curation, { from: ['ben-vote'], decision: 'rejected-all' });

    // The source only Ana tagged: accepted; then her link, between the gold ends.
    const marlowGold = await vscode.commands.executeCommand<string>('seedAnnotator.acceptVersion', { uri, id: 'ana-marlow' });
    await vscode.commands.executeCommand('seedAnnotator.acceptLink', { uri, id: 'ana-link' });
    const twenty = spanOf(text, '20%');
    const added = await vscode.commands.executeCommand<string>('seedAnnotator.addGoldAnnotation', { uri, tag: 'claim', start: twenty.start, end: twenty.end });
    s = await waitForSidecar(doc, 'the link and the added claim', (x) => (x.relations ?? []).some((r) => r.curation) && x.annotations.some((a) => a.id === added));
    const goldLink = s.relations!.find((r) => r.curation)!;
    assert.deepEqual([goldLink.from, goldLink.to, goldLink.curation], [quoteGold, marlowGold, { from: ['ana-link'], decision: 'accepted' }]);
    assert.deepEqual(gold(added).curation, { from: [], decision: 'added' });
    assert.equal(gold(added).attributes.verdict, 'unverified', 'a new gold claim gets the tag\'s defaults');
    assert.equal((s as { curation?: { status: string; curator?: string } }).curation?.status, 'curated');
    assert.equal((s as { curation?: { curator?: string } }).curation?.curator, 'cora');

    // Undo: the gold item goes (never an annotator's), the document is in progress again.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('seedAnnotator.undoCurationDecision', { uri, id: 'ana-vote' })), /not a gold item/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('seedAnnotator.undoCurationDecision', { uri, id: 'ben-vote' })), /never removes an annotator's work/);
    await vscode.commands.executeCommand('seedAnnotator.undoCurationDecision', { uri, id: rejected });
    s = await waitForSidecar(doc, 'the rejection undone', (x) => !x.annotations.some((a) => a.id === rejected));
    assert.equal((s as { curation?: { status: string } }).curation?.status, 'in-progress');

    assert.equal(await annotatorBytes(doc), before, "every annotator's annotation and relation is byte-identical");
    assert.equal(s.annotations.filter((a) => !a.curation).length, annotators.length);

    // Export: the gold standard skips the document while it is in progress, exports its gold so far on request.
    const out = vscode.Uri.joinPath(doc, '..', 'gold-export.json');
    const skipped = await vscode.commands.executeCommand<{ documents: number; problems: string[] }>('seedAnnotator.exportAnnotations', { format: 'json', uris: [uri], out: out.toString(), gold: true });
    assert.equal(skipped.documents, 0);
    assert.match(skipped.problems.join('\n'), /not curated \(in-progress\)/);
    const partial = await vscode.commands.executeCommand<{ annotations: number; relations: number }>('seedAnnotator.exportAnnotations', { format: 'json', uris: [uri], out: out.toString(), gold: true, includeUncurated: true });
    assert.deepEqual([partial.annotations, partial.relations], [5, 1], 'the gold annotations (no rejection left) and the gold link');
    const exported = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(out)));
    assert.deepEqual(exported.documents[0].annotations.map((a: Annotation) => a.author), ['cora', 'cora', 'cora', 'cora', 'cora']);
    const ana = await vscode.commands.executeCommand<{ annotations: number; relations: number }>('seedAnnotator.exportAnnotations', { format: 'json', uris: [uri], out: out.toString(), author: 'ana' });
    assert.deepEqual([ana.annotations, ana.relations], [4, 1], "Ana's work only");
    await vscode.workspace.fs.delete(out);
  });
});
