// Export and import in a real VS Code (issue #6): tag a span with the real command, run
// `seedAnnotator.exportAnnotations` with arguments (no dialogs) and check the written files against values
// computed here from the text; import a doccano file with `seedAnnotator.importAnnotations` and find the
// annotation through the API and in the sidecar. Documents live in `exchange-tests/` of the throw-away
// workspace; outputs go to a temporary folder beside it, read through vscode.workspace.fs (so this suite runs in
// the web worker extension host too).
import * as assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { SeedAnnotatorApi } from '../../src/vscode/api';
import { POLL_MS, encodeDocument, openEditor, select, spanOf, waitForAnnotations, waitForSidecar } from './annotationHelpers';
import { activatedApi, deleteIfExists, randomHex, waitFor, workspaceFolder } from './helpers';

const DIR = 'exchange-tests';
const NBSP = '\u00a0';

/** Code points before UTF-16 offset `u`, as Python and W3C TextPositionSelector count. */
const cp = (text: string, u: number) => [...text.slice(0, u)].length;

/** A written file's text as is (a BOM kept). */
const readText = async (uri: vscode.Uri) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(uri));

suite('Export and import', function () {
  this.timeout(120_000);
  let api: SeedAnnotatorApi;
  let folder: vscode.Uri;
  let outDir: vscode.Uri;
  const source = 'https://www.example.com/2025/03/02/markets/port-rally';
  const text = [
    `Source: ${source}`,
    '',
    'Port rally 📈 lifts freight',
    '',
    '  By Test Writer, Example News',
    '',
    `  Shares rose 📈 sharply after the port reopened, lifting volumes by 12${NBSP}per cent.`,
    '',
    '  “We have never seen traffic like this,” said the harbour master.',
    '',
  ].join('\r\n');
  const claim = `sharply after the port reopened, lifting volumes by 12${NBSP}per cent`;
  let doc: vscode.Uri;

  suiteSetup(async () => {
    api = await activatedApi();
    folder = vscode.Uri.joinPath(workspaceFolder().uri, DIR);
    await vscode.workspace.fs.createDirectory(folder);
    doc = vscode.Uri.joinPath(folder, '900_exchangeemoji.txt');
    await vscode.workspace.fs.writeFile(doc, encodeDocument(text, true));
    outDir = vscode.Uri.joinPath(workspaceFolder().uri, '..', `seed-exchange-${randomHex(6)}`);
    await vscode.workspace.fs.createDirectory(outDir);
    await waitFor('the new document in the Documents list', async () => ((await api.listDocuments()).some((r) => r.uri === doc.toString()) ? true : undefined), POLL_MS);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [name] of await vscode.workspace.fs.readDirectory(folder).then((x) => x, () => [] as [string, vscode.FileType][])) {
      if (name.endsWith('.annotations.json')) await deleteIfExists(vscode.Uri.joinPath(folder, name));
    }
    await deleteIfExists(folder);
    await waitFor(`${DIR}/ to leave the Documents list`, async () => ((await api.listDocuments()).some((r) => r.relativePath.startsWith(`${DIR}/`)) ? undefined : true), 15_000);
    await deleteIfExists(outDir);
  });

  test('Export Annotations writes W3C, JSON Lines and brat for a span tagged after an emoji in a BOM + CRLF document', async () => {
    const editor = await openEditor(doc);
    assert.equal(editor.document.getText(), text, 'VS Code holds the text without the BOM');
    const span = spanOf(text, claim);
    select(editor, span.start, span.end);
    await vscode.commands.executeCommand('seedAnnotator.tagSelection', 'claim');
    const sidecar = await waitForSidecar(doc, 'the tagged claim', (s) => s.annotations.length === 1);
    const id = sidecar.annotations[0]!.id;
    const note = 'Figure from "the port", not the ministry,\nchecked twice';
    await vscode.commands.executeCommand('seedAnnotator.editNote', { id, note, uri: doc.toString() });
    await waitForSidecar(doc, 'the note', (s) => s.annotations[0]?.note === note);

    // W3C, current document.
    const w3cOut = vscode.Uri.joinPath(outDir, 'doc.jsonld');
    const result = await vscode.commands.executeCommand<{ documents: number; annotations: number; out: string }>('seedAnnotator.exportAnnotations', {
      format: 'w3c', scope: 'document', out: w3cOut.toString(),
    });
    assert.equal(result?.documents, 1);
    assert.equal(result?.annotations, 1);
    const collection = JSON.parse(await readText(w3cOut));
    assert.equal(collection['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(collection.type, 'AnnotationCollection');
    const [anno] = collection.first.items;
    assert.equal(anno.type, 'Annotation');
    assert.equal(anno.id, `urn:uuid:${id}`);
    assert.equal(anno['@context'], 'http://www.w3.org/ns/anno.jsonld', 'each annotation carries its @context');
    assert.equal(anno.target.source, doc.toString(), 'the source is the document file');
    assert.equal(anno.target.scope, source, 'the scope is its Source URL');
    const position = anno.target.selector.find((s: { type: string }) => s.type === 'TextPositionSelector');
    assert.deepEqual({ start: position.start, end: position.end }, { start: cp(text, span.start), end: cp(text, span.end) }, 'code point offsets');
    assert.notEqual(position.start, span.start, 'the emoji before the span makes code points differ from UTF-16 units');
    assert.equal(anno.target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector').exact, claim);
    assert.deepEqual(anno.body.filter((b: { purpose: string }) => b.purpose !== 'describing').map((b: { purpose: string; value: string }) => [b.purpose, b.value]), [['tagging', 'claim'], ['commenting', note]]);

    // JSON Lines, whole workspace: our annotation is there with UTF-16 offsets.
    const jsonlOut = vscode.Uri.joinPath(outDir, 'all.jsonl');
    await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'jsonl', scope: 'workspace', out: jsonlOut.toString() });
    const lines = (await readText(jsonlOut)).trimEnd().split('\n').map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.file === `${DIR}/900_exchangeemoji.txt`);
    assert.equal(mine.length, 1, `one line for the document; files: ${lines.map((l) => l.file).join(', ')}`);
    assert.deepEqual([mine[0].source, mine[0].target.start, mine[0].target.end, mine[0].note], [source, span.start, span.end, note]);

    // brat into a folder: the text without BOM (CRLF kept), the T line in code points.
    const bratOut = vscode.Uri.joinPath(outDir, 'brat');
    await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'brat', scope: 'document', out: bratOut.toString() });
    assert.equal(await readText(vscode.Uri.joinPath(bratOut, DIR, '900_exchangeemoji.txt')), text);
    const ann = (await readText(vscode.Uri.joinPath(bratOut, DIR, '900_exchangeemoji.ann'))).split('\n');
    assert.equal(ann[0], `T1\tclaim ${cp(text, span.start)} ${cp(text, span.end)}\t${claim}`);
  });

  test('Export follows the seedAnnotator.export settings: CSV formula cells neutralised unless csv.rawCells; ClaimReview organisation and review URL', async () => {
    const sidecar = await waitForSidecar(doc, 'the claim of the first test', (s) => s.annotations.some((a) => a.tag === 'claim'));
    const id = sidecar.annotations.find((a) => a.tag === 'claim')!.id;
    await vscode.commands.executeCommand('seedAnnotator.editNote', { id, note: '=HYPERLINK("http://x.example")', uri: doc.toString() });
    await waitForSidecar(doc, 'the formula note', (s) => s.annotations.some((a) => a.note.startsWith('=')));
    const config = vscode.workspace.getConfiguration('seedAnnotator.export');
    const csvOut = vscode.Uri.joinPath(outDir, 'notes.csv');
    const noteCell = async () => {
      await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'csv', scope: 'document', out: csvOut.toString() });
      const [row] = parseCsv(await readText(csvOut), { columns: true }) as Array<Record<string, string>>;
      return row!.note;
    };
    assert.equal(await noteCell(), `'=HYPERLINK("http://x.example")`, 'a leading quote by default');
    await config.update('csv.rawCells', true, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await noteCell(), '=HYPERLINK("http://x.example")', 'as it is with csv.rawCells');
    } finally {
      await config.update('csv.rawCells', undefined, vscode.ConfigurationTarget.Global);
    }
    // A BOM on request (for spreadsheets), once, before the header: in the web bundle too (its own small Buffer).
    await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'csv', scope: 'document', out: csvOut.toString(), bom: true });
    const withBom = await readText(csvOut);
    assert.ok(withBom.startsWith('\uFEFFfile,source,id,') && withBom.lastIndexOf('\uFEFF') === 0, JSON.stringify(withBom.slice(0, 20)));
    // ClaimReview: without the organisation and review URL settings the export says what Google will miss; with them it does not.
    const reviews = vscode.Uri.joinPath(outDir, 'reviews.jsonld').toString();
    const missing = (r: { problems: string[] } | undefined) => (r?.problems ?? []).some((p) => p.includes('ClaimReview without url'));
    assert.ok(missing(await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'claimreview', scope: 'document', out: reviews })));
    await config.update('claimReview.organization', 'Harbour Checks', vscode.ConfigurationTarget.Global);
    await config.update('claimReview.reviewUrlBase', 'https://factcheck.example/reviews/', vscode.ConfigurationTarget.Global);
    try {
      assert.ok(!missing(await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'claimreview', scope: 'document', out: reviews })));
    } finally {
      await config.update('claimReview.organization', undefined, vscode.ConfigurationTarget.Global);
      await config.update('claimReview.reviewUrlBase', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Import Annotations adds doccano spans through the store (sidecar written, API updated), and skips them the second time', async () => {
    const quote = '“We have never seen traffic like this,”';
    const span = spanOf(text, quote);
    const input = vscode.Uri.joinPath(outDir, 'doccano.jsonl');
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(`${JSON.stringify({ text, label: [[span.start, span.end, 'Quote']] })}\n`));
    const first = await vscode.commands.executeCommand<{ added: number; duplicates: number; problems: string[] }>('seedAnnotator.importAnnotations', { format: 'doccano', input: input.toString() });
    assert.deepEqual(first?.problems, []);
    assert.equal(first?.added, 1);
    const info = await waitForAnnotations(api, doc, 'the imported quote', (i) => i.annotations.some((a) => a.tag === 'quote'));
    const imported = info.annotations.find((a) => a.tag === 'quote')!;
    assert.deepEqual([imported.target.start, imported.target.end, imported.target.exact], [span.start, span.end, quote]);
    await waitForSidecar(doc, 'the imported quote on disk', (s) => s.annotations.some((a) => a.tag === 'quote' && a.target.start === span.start && a.target.end === span.end));
    const second = await vscode.commands.executeCommand<{ added: number; duplicates: number }>('seedAnnotator.importAnnotations', { format: 'doccano', input: input.toString() });
    assert.equal(second?.added, 0);
    assert.equal(second?.duplicates, 1);
  });

  test('Import Annotations brings the relations of Label Studio tasks through the store in one batch (ids kept); doccano and CSV exports write them back', async () => {
    const relText = ['Source: https://www.example.com/2025/03/04/port', '', 'Port 🚢 opens', '', '  “Traffic is back,” said Ines Duarte, the port director.', ''].join('\r\n');
    const relDoc = vscode.Uri.joinPath(folder, '901_exchangerelations.txt');
    await vscode.workspace.fs.writeFile(relDoc, encodeDocument(relText, true));
    await waitFor('the second document in the Documents list', async () => ((await api.listDocuments()).some((r) => r.uri === relDoc.toString()) ? true : undefined), POLL_MS);
    const region = (id: string, needle: string, label: string) => {
      const { start, end } = spanOf(relText, needle);
      return { id, from_name: 'label', to_name: 'text', type: 'labels', value: { start, end, text: needle, labels: [label] } };
    };
    const task = {
      data: { text: relText },
      annotations: [{ result: [region('q1', '“Traffic is back,”', 'quote'), region('s1', 'Ines Duarte', 'source'), { type: 'relation', from_id: 'q1', to_id: 's1', direction: 'right', labels: ['attributed-to'], meta: { id: 'link-1', text: ['named «\u00a0in the text\u00a0»'] } }] }],
    };
    const input = vscode.Uri.joinPath(outDir, 'tasks.json');
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(JSON.stringify([task])));
    type Result = { added: number; linked: number; linkDuplicates: number; problems: string[] };
    const first = await vscode.commands.executeCommand<Result>('seedAnnotator.importAnnotations', { format: 'labelstudio', input: input.toString() });
    assert.deepEqual(first?.problems, []);
    assert.deepEqual([first?.added, first?.linked], [2, 1]);
    const sidecar = await waitForSidecar(relDoc, 'the imported link', (x) => (x.relations ?? []).length === 1);
    assert.deepEqual(sidecar.relations!.map((r) => [r.id, r.type, r.from, r.to, r.note]), [['link-1', 'attributed-to', 'q1', 's1', 'named «\u00a0in the text\u00a0»']]);
    assert.deepEqual(sidecar.annotations.map((a) => a.id).sort(), ['q1', 's1'], 'region ids kept as annotation ids');
    const second = await vscode.commands.executeCommand<Result>('seedAnnotator.importAnnotations', { format: 'labelstudio', input: input.toString() });
    assert.deepEqual([second?.added, second?.linked, second?.linkDuplicates], [0, 0, 1], 'the second time the link is already there');

    const doccano = vscode.Uri.joinPath(outDir, 'relations.jsonl');
    const exported = await vscode.commands.executeCommand<{ relations: number }>('seedAnnotator.exportAnnotations', { format: 'doccano', uris: [relDoc.toString()], out: doccano.toString() });
    assert.equal(exported?.relations, 1);
    const [line] = (await readText(doccano)).trimEnd().split('\n').map((l) => JSON.parse(l));
    const entity = (id: string) => line.entities.find((e: { annotation_id: string }) => e.annotation_id === id);
    assert.deepEqual(line.relations.map((r: { from_id: number; to_id: number; type: string }) => [r.from_id, r.to_id, r.type]), [[entity('q1').id, entity('s1').id, 'attributed-to']]);
    assert.equal(line.text.slice(entity('s1').start_offset, entity('s1').end_offset), 'Ines Duarte', 'UTF-16 offsets into the text without BOM');

    const csvOut = vscode.Uri.joinPath(outDir, 'csv', 'annotations.csv');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(csvOut, '..'));
    await vscode.commands.executeCommand('seedAnnotator.exportAnnotations', { format: 'csv', uris: [relDoc.toString()], out: csvOut.toString() });
    const rows = parseCsv(await readText(vscode.Uri.joinPath(outDir, 'csv', 'relations.csv')), { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(rows.map((r) => [r.id, r.type, r.from_text, r.to_text]), [['link-1', 'attributed-to', '“Traffic is back,”', 'Ines Duarte']]);
  });
});
