// Annotations in a real VS Code (issue #4): the tagging commands write the JSON sidecar beside the document with
// exact UTF-16 offsets (BOM removed, CRLF counted as 2, emoji as 2); offsets follow edits and saves; a document
// changed on disk is re-anchored or its annotations orphaned (never dropped); a sidecar that cannot be read is
// left byte-for-byte untouched and reported; Next/Previous Annotation walk the spans; a sidecar changed elsewhere
// is picked up. Every document is a new file this suite writes into `annotation-tests/` of the throw-away
// workspace; every expected value is computed here from the text the test wrote, never taken from the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnnotationsInfo, SeedAnnotatorApi } from '../../src/vscode/api';
import {
  POLL_MS, TEST_DIR, annotationJson, article, createDocument, diagnosticNames, encodeDocument, fileName, indexOfOnly, openEditor,
  readBytes, readSidecar, removeTestFolder, sameBytes, select, selectionOffsets, sha256, sidecarJson, sidecarUriOf, spanOf,
  utf8, waitForAnnotations, waitForSidecar, writeBytes, type SidecarJson,
} from './annotationHelpers';
import { activatedApi, sleep, waitFor } from './helpers';

async function tagSelection(editor: vscode.TextEditor, start: number, end: number, tag = 'claim'): Promise<void> {
  select(editor, start, end);
  await vscode.commands.executeCommand('seedAnnotator.tagSelection', tag);
}

/** The annotation of the sidecar/API list whose exact text is `exact` (fails unless there is exactly one). */
function byExact<T extends { target: { exact: string } }>(list: readonly T[], exact: string): T {
  const found = list.filter((a) => a.target.exact === exact);
  assert.equal(found.length, 1, `one annotation with exact ${JSON.stringify(exact)}; got ${JSON.stringify(list.map((a) => a.target.exact))}`);
  return found[0]!;
}

/** Checks a sidecar annotation against the text it must point into: offsets, exact and 32-character context. */
function assertTarget(text: string, target: SidecarJson['annotations'][number]['target'], start: number, end: number, what: string): void {
  assert.equal(target.start, start, `${what}: start (UTF-16 units)`);
  assert.equal(target.end, end, `${what}: end (UTF-16 units)`);
  assert.equal(target.exact, text.slice(start, end), `${what}: exact`);
  assert.ok(text.slice(0, start).endsWith(target.prefix), `${what}: prefix ${JSON.stringify(target.prefix)} is the text just before the span`);
  assert.ok(text.slice(end).startsWith(target.suffix), `${what}: suffix ${JSON.stringify(target.suffix)} is the text just after the span`);
  // Up to 32 units; one less where the 32nd would split a surrogate pair; fewer only at the ends of the text.
  assert.ok(target.prefix.length <= 32 && target.prefix.length >= Math.min(31, start), `${what}: prefix length ${target.prefix.length}`);
  assert.ok(target.suffix.length <= 32 && target.suffix.length >= Math.min(31, text.length - end), `${what}: suffix length ${target.suffix.length}`);
}

function assertDocumentInfo(sidecar: SidecarJson, doc: vscode.Uri, text: string, source: string): void {
  assert.equal(sidecar.version, 2, 'sidecar version');
  assert.equal(sidecar.document.file, fileName(doc), 'document.file');
  assert.equal(sidecar.document.source, source, 'document.source');
  assert.equal(sidecar.document.length, text.length, 'document.length: UTF-16 units of the text without BOM');
  assert.equal(sidecar.document.sha256, sha256(text), 'document.sha256: SHA-256 of the UTF-8 text without BOM');
}

function assertSortedByStart(sidecar: SidecarJson): void {
  const starts = sidecar.annotations.map((a) => a.target.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'annotations are ordered by target.start');
}

const orphaned = (info: AnnotationsInfo, exact: string) => info.annotations.find((a) => a.target.exact === exact)?.status === 'orphaned';

suite('Annotations', function () {
  this.timeout(90_000);
  let api: SeedAnnotatorApi;

  suiteSetup(async () => {
    api = await activatedApi();
    assert.equal(typeof api.annotations, 'function', 'the API has annotations()');
    assert.equal(typeof api.onDidChangeAnnotations, 'function', 'the API has onDidChangeAnnotations');
  });

  teardown(async () => {
    // Never leave a dirty editor behind: closing it would ask to save.
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.path.includes(`/${TEST_DIR}/`)) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeTestFolder(api, TEST_DIR);
  });

  // 1 ------------------------------------------------------------------------------------------------------------
  test('Tag Selection writes the sidecar beside the document: exact text and UTF-16 offsets after an emoji, BOM removed', async () => {
    const { text, source } = article('markets/rally', 'Markets rally 📈 as rates hold', [
      'Shares rose 📈 sharply on Monday after the central bank held rates at 4.5\u00A0per cent, traders said.',
      'The index gained 2.1\u00A0per cent, its best day since March.',
    ]);
    const uri = await createDocument('bom-emoji', text, { bom: true });
    const sidecarUri = sidecarUriOf(uri);
    assert.equal(await readBytes(sidecarUri), undefined, 'no sidecar before anything is tagged');
    const editor = await openEditor(uri);
    assert.equal(editor.document.getText(), text, 'VS Code holds the text without the BOM');

    // A span after the emoji: UTF-16 offsets differ from code point offsets there.
    const a = spanOf(text, 'sharply on Monday');
    assert.notEqual(a.start, [...text.slice(0, a.start)].length, 'the span lies after a surrogate pair');
    await tagSelection(editor, a.start, a.end);
    const first = await waitForSidecar(uri, 'the sidecar to appear with one annotation', (s) => s.annotations.length === 1);
    assertDocumentInfo(first, uri, text, source);
    assert.equal(first.annotations[0]!.tag, 'claim');
    assert.equal(first.annotations[0]!.status, undefined, 'a new annotation is anchored');
    assert.equal(first.annotations[0]!.target.exact, text.slice(a.start, a.end));
    assertTarget(text, first.annotations[0]!.target, a.start, a.end, 'span after the emoji');

    const info = await api.annotations(uri);
    assert.equal(info.state, 'ready');
    assert.ok(info.sidecar.endsWith(fileName(sidecarUri)), `api.annotations names the sidecar beside the document: ${info.sidecar}`);
    assert.deepEqual(info.annotations.map((x) => [x.id, x.tag, x.target.start, x.target.end, x.target.exact]),
      [[first.annotations[0]!.id, 'claim', a.start, a.end, 'sharply on Monday']]);

    // The same span with the same tag again: a no-op, the file is not even rewritten.
    const before = (await readBytes(sidecarUri))!;
    await tagSelection(editor, a.start, a.end);
    await sleep(1_000);
    assert.ok(sameBytes(await readBytes(sidecarUri), before), 'tagging the same span again leaves the sidecar as it was');
    assert.equal((await readSidecar(uri))!.annotations.length, 1, 'still one annotation');
    assert.equal((await api.annotations(uri)).annotations.length, 1, 'still one annotation in the API');

    // Spans holding a NBSP and starting on the emoji itself.
    const b = spanOf(text, 'rates at 4.5\u00A0per cent');
    const c = spanOf(text, '📈 as rates hold');
    await tagSelection(editor, b.start, b.end);
    await tagSelection(editor, c.start, c.end, 'quote');
    const all = await waitForSidecar(uri, 'three annotations', (s) => s.annotations.length === 3);
    assertDocumentInfo(all, uri, text, source);
    assertSortedByStart(all);
    assertTarget(text, byExact(all.annotations, 'sharply on Monday').target, a.start, a.end, 'span after the emoji');
    assertTarget(text, byExact(all.annotations, 'rates at 4.5\u00A0per cent').target, b.start, b.end, 'span with a NBSP');
    const onEmoji = byExact(all.annotations, '📈 as rates hold');
    assert.equal(onEmoji.tag, 'quote');
    assertTarget(text, onEmoji.target, c.start, c.end, 'span starting on the emoji');
    assert.equal(new Set(all.annotations.map((x) => x.id)).size, 3, 'ids are distinct');

    const bytes = (await readBytes(uri))!;
    assert.ok(sameBytes(bytes, encodeDocument(text, true)), 'the document itself is untouched (BOM kept)');
  });

  test('Tag Selection in a CRLF document: offsets count CRLF as 2, exact keeps the CRLF', async () => {
    const { text, source } = article('local/council-vote', 'Council to vote on the harbour plan', [
      'The plan was first presented in the spring.',
      'Councillors asked for a second opinion on the costs\nand the timetable before any vote.',
      'The council will vote on Thursday, a spokesperson said.',
    ], '\r\n');
    const uri = await createDocument('crlf', text);
    const editor = await openEditor(uri);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF, 'VS Code keeps the CRLF line endings');
    assert.equal(editor.document.getText(), text);

    const late = spanOf(text, 'The council will vote on Thursday');
    const lfOffset = text.replace(/\r\n/g, '\n').indexOf('The council will vote on Thursday');
    const crlfBefore = text.slice(0, late.start).split('\r\n').length - 1;
    assert.equal(late.start, lfOffset + crlfBefore, 'the expected offset counts each CRLF as 2 units');
    await tagSelection(editor, late.start, late.end);
    const across = spanOf(text, 'the costs\r\n  and the timetable');
    await tagSelection(editor, across.start, across.end);

    const sidecar = await waitForSidecar(uri, 'two annotations', (s) => s.annotations.length === 2);
    assertDocumentInfo(sidecar, uri, text, source);
    assertSortedByStart(sidecar);
    assertTarget(text, byExact(sidecar.annotations, 'The council will vote on Thursday').target, late.start, late.end, 'span after CRLFs');
    const multi = byExact(sidecar.annotations, 'the costs\r\n  and the timetable');
    assertTarget(text, multi.target, across.start, across.end, 'span across a CRLF');
  });

  // 2 ------------------------------------------------------------------------------------------------------------
  test('Tag Quotation at Cursor: the innermost quotation with its marks; the speaker from the attribution', async () => {
    const { text } = article('politics/budget', 'Council approves budget', [
      '“The mayor told us the plan was ‘fully funded’ before the vote,” Jane Doe said. She added that the council would meet again in June.',
      'Critics were unconvinced. “We have heard that promise before,” said Tom Smith, who leads the opposition.',
    ]);
    const uri = await createDocument('quotes', text);
    const editor = await openEditor(uri);

    // Inside ‘…’ nested in “…”: the nested one.
    const nested = spanOf(text, '‘fully funded’');
    select(editor, indexOfOnly(text, 'fully funded’') + 5);
    await vscode.commands.executeCommand('seedAnnotator.tagQuotation', { quiet: true });
    let sidecar = await waitForSidecar(uri, 'the nested quotation', (s) => s.annotations.length === 1);
    const inner = sidecar.annotations[0]!;
    assert.equal(inner.tag, 'quote');
    assertTarget(text, inner.target, nested.start, nested.end, 'nested quotation');

    // Inside the outer quotation, outside the nested one: the outer one, said by Jane Doe.
    const outerText = '“The mayor told us the plan was ‘fully funded’ before the vote,”';
    const outer = spanOf(text, outerText);
    select(editor, indexOfOnly(text, 'mayor') + 2);
    await vscode.commands.executeCommand('seedAnnotator.tagQuotation', { quiet: true });
    const quotes = (s: SidecarJson) => s.annotations.filter((a) => a.tag === 'quote');
    sidecar = await waitForSidecar(uri, 'the outer quotation', (s) => quotes(s).length === 2);
    const jane = byExact(sidecar.annotations, outerText);
    assert.equal(jane.tag, 'quote');
    assertTarget(text, jane.target, outer.start, outer.end, 'outer quotation');
    assert.equal(jane.attributes.speaker, 'Jane Doe', '“…,” Jane Doe said.');

    // “…,” said Tom Smith, who …
    const tomText = '“We have heard that promise before,”';
    const tom = spanOf(text, tomText);
    select(editor, indexOfOnly(text, 'promise') + 1);
    await vscode.commands.executeCommand('seedAnnotator.tagQuotation', { quiet: true });
    sidecar = await waitForSidecar(uri, 'the third quotation', (s) => quotes(s).length === 3);
    const smith = byExact(sidecar.annotations, tomText);
    assertTarget(text, smith.target, tom.start, tom.end, 'quotation said by Tom Smith');
    assert.equal(smith.attributes.speaker, 'Tom Smith', '“…,” said Tom Smith, who …');

    // The same quotation again: no second annotation (nor a second source or link).
    const before = (await readSidecar(uri))!;
    await vscode.commands.executeCommand('seedAnnotator.tagQuotation', { quiet: true });
    await sleep(1_000);
    const after = (await readSidecar(uri))!;
    assert.equal(quotes(after).length, 3, 'tagging the same quotation again adds nothing');
    assert.deepEqual([after.annotations.length, after.relations?.length], [before.annotations.length, before.relations?.length]);
  });

  test('Tag Claim: the sentence at the cursor without a selection, else the selection', async () => {
    const { text } = article('economy/jobs', 'Unemployment falls', [
      'Unemployment fell to 4.1% in May, the statistics office said. Economists had expected no change. Wages rose too.',
    ]);
    const uri = await createDocument('claim', text);
    const editor = await openEditor(uri);

    const sentence = spanOf(text, 'Economists had expected no change.');
    select(editor, indexOfOnly(text, 'expected'));
    await vscode.commands.executeCommand('seedAnnotator.tagClaim', { quiet: true });
    let sidecar = await waitForSidecar(uri, 'the claim of the sentence at the cursor', (s) => s.annotations.length === 1);
    assert.equal(sidecar.annotations[0]!.tag, 'claim');
    assertTarget(text, sidecar.annotations[0]!.target, sentence.start, sentence.end, 'sentence at the cursor');

    const words = spanOf(text, 'Unemployment fell to 4.1% in May');
    select(editor, words.start, words.end);
    await vscode.commands.executeCommand('seedAnnotator.tagClaim', { quiet: true });
    sidecar = await waitForSidecar(uri, 'the claim of the selection', (s) => s.annotations.length === 2);
    assertTarget(text, byExact(sidecar.annotations, 'Unemployment fell to 4.1% in May').target, words.start, words.end, 'selection');
  });

  // 3 ------------------------------------------------------------------------------------------------------------
  test('offsets follow edits in the editor and are written when the document is saved', async () => {
    const { text, source } = article('local/harbour', 'Harbour master quits', [
      'Dredging of the main channel resumed on Wednesday after a two-month pause.',
      'The harbour master resigned on Tuesday, citing the cost overruns.',
      'Work is expected to finish by the end of September.',
    ]);
    const uri = await createDocument('edit-save', text);
    const editor = await openEditor(uri);
    const exact = 'harbour master resigned on Tuesday';
    const span = spanOf(text, exact);
    await tagSelection(editor, span.start, span.end);
    const tagged = await waitForSidecar(uri, 'the annotation', (s) => s.annotations.length === 1);
    assertTarget(text, tagged.annotations[0]!.target, span.start, span.end, 'before the edits');

    // Type inside an unrelated paragraph after the span, then at once insert a paragraph before it, as a user
    // keeps typing: the second edit arrives while anything the first one started is still under way.
    const inserted = '  An opening paragraph was added by the test.\n\n';
    select(editor, indexOfOnly(text, 'September') + 'September'.length);
    await vscode.commands.executeCommand('type', { text: ' or October' });
    const ok = await editor.edit((b) => b.insert(editor.document.positionAt(indexOfOnly(text, '  Dredging')), inserted));
    assert.ok(ok, 'the edit applied');
    const edited = editor.document.getText();
    assert.ok(edited.includes('the end of September or October.'), 'the typing reached the document');
    assert.ok(editor.document.isDirty);
    const moved = spanOf(edited, exact);
    assert.equal(moved.start, span.start + inserted.length, 'the test moved the span by the inserted paragraph');

    // In memory the offsets follow at once.
    const live = await waitForAnnotations(api, uri, 'the live offsets to follow the edit',
      (i) => i.annotations.length === 1 && i.annotations[0]!.target.start === moved.start);
    assert.equal(live.annotations[0]!.target.end, moved.end);
    assert.equal(live.annotations[0]!.target.exact, exact);

    assert.ok(await editor.document.save(), 'the document saved');
    const saved = await waitForSidecar(uri, 'the new offsets on disk after saving',
      (s) => s.annotations[0]?.target.start === moved.start && s.document.sha256 === sha256(edited));
    assert.equal(saved.annotations.length, 1);
    assertDocumentInfo(saved, uri, edited, source);
    assertTarget(edited, saved.annotations[0]!.target, moved.start, moved.end, 'after the edits');
    assert.equal(saved.annotations[0]!.target.exact, exact, 'exact unchanged');
    assert.equal(saved.annotations[0]!.id, tagged.annotations[0]!.id, 'same annotation');
    assert.equal(saved.annotations[0]!.status, undefined, 'still anchored');
  });

  // 4 ------------------------------------------------------------------------------------------------------------
  const diskCases = [
    { label: 'disk-loaded', loadedFirst: true, replace: false, title: 'loaded before the change, rewritten in place' },
    { label: 'disk-replaced', loadedFirst: true, replace: true, title: 'loaded before the change, replaced by a rename as git and editors do' },
    { label: 'disk-cold', loadedFirst: false, replace: false, title: 'first loaded after the change' },
  ];
  for (const { label, loadedFirst, replace, title } of diskCases) {
    test(`a document changed on disk re-anchors its annotations or orphans them, never drops them (${title})`, async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const { text, source } = article('local/works', 'Harbour works resume', [
        'Dredging of the main channel resumed on Wednesday after a two-month pause.',
        'The contractor blamed unusually dense silt for the earlier stoppage. A spokesperson declined to say how much the delay had cost.',
        'Work is expected to finish by the end of September.',
      ]);
      const uri = await createDocument(label, text);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the document is not open');
      const kept = 'resumed on Wednesday after a two-month pause';
      const lost = 'declined to say how much the delay had cost';
      const k = spanOf(text, kept);
      const l = spanOf(text, lost);
      const written = sidecarJson(uri, text, source, [
        annotationJson('a1-kept', 'claim', text, k.start, k.end, 'first'),
        annotationJson('a2-lost', 'claim', text, l.start, l.end, 'second'),
      ]);
      await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify(written, null, 2)}\n`));

      if (loadedFirst) {
        // Once the Documents list shows the new file, its creation has reached the extension; the rewrite below
        // then arrives as a change of its own (a create and a change in the same watcher batch merge into a create).
        const relative = vscode.workspace.asRelativePath(uri, false);
        await waitFor(`${relative} to be listed`, async () =>
          (await api.listDocuments()).some((r) => r.relativePath === relative && r.title === 'Harbour works resume') ? true : undefined, POLL_MS);
        const before = await api.annotations(uri);
        assert.equal(before.state, 'ready', `the sidecar written by the test is valid: ${before.problems.join('; ')}`);
        assert.deepEqual(before.annotations.map((a) => [a.id, a.target.start, a.target.end, a.status]),
          [['a1-kept', k.start, k.end, undefined], ['a2-lost', l.start, l.end, undefined]]);
      }

      // Elsewhere: a new paragraph before the first span, the sentence of the second deleted.
      const newParagraph = '  Officials gathered at the quay early in the morning to watch the first dredger leave.\n\n';
      const changed = text
        .replace('  Dredging', `${newParagraph}  Dredging`)
        .replace(' A spokesperson declined to say how much the delay had cost.', '');
      assert.ok(!changed.includes(lost) && changed.includes(kept));
      if (replace) {
        const temp = uri.with({ path: `${uri.path}.partial` });
        await writeBytes(temp, utf8(changed));
        await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
      } else {
        await writeBytes(uri, utf8(changed));
      }
      const k2 = spanOf(changed, kept);
      assert.equal(k2.start, k.start + newParagraph.length);

      const info = await waitForAnnotations(api, uri, 'the first annotation re-anchored and the second orphaned',
        (i) => i.annotations.find((a) => a.id === 'a1-kept')?.target.start === k2.start && i.annotations.find((a) => a.id === 'a2-lost')?.status === 'orphaned');
      assert.equal(info.state, 'ready');
      assert.equal(info.annotations.length, 2, 'no annotation dropped');
      const a1 = info.annotations.find((a) => a.id === 'a1-kept')!;
      assert.equal(a1.status, undefined, 'the first annotation is anchored');
      assert.deepEqual([a1.target.start, a1.target.end, a1.target.exact], [k2.start, k2.end, kept]);
      assert.equal(a1.note, 'first');
      const a2 = info.annotations.find((a) => a.id === 'a2-lost')!;
      assert.equal(a2.target.exact, lost, 'the orphan keeps its text');
      assert.equal(a2.note, 'second', 'the orphan keeps its note');

      const onDisk = await waitForSidecar(uri, 'the re-anchored sidecar on disk',
        (s) => s.document.sha256 === sha256(changed) && s.annotations.length === 2);
      assertDocumentInfo(onDisk, uri, changed, source);
      const d1 = onDisk.annotations.find((a) => a.id === 'a1-kept');
      const d2 = onDisk.annotations.find((a) => a.id === 'a2-lost');
      assert.ok(d1 && d2, `both annotations are still in the sidecar: ${JSON.stringify(onDisk.annotations.map((a) => a.id))}`);
      assert.equal(d1.status, undefined);
      assertTarget(changed, d1.target, k2.start, k2.end, 're-anchored annotation on disk');
      assert.equal(d2.status, 'orphaned', 'the second annotation is kept on disk as orphaned');
      assert.equal(d2.target.exact, lost);
      assert.equal(d2.note, 'second');
      assert.ok(orphaned(info, lost));
    });
  }

  // 5 ------------------------------------------------------------------------------------------------------------
  const corrupt: Array<{ name: string; state: 'unreadable' | 'readonly'; field: string | null; content: (valid: SidecarJson) => string }> = [
    { name: 'truncated JSON', state: 'unreadable', field: null, content: (v) => { const s = JSON.stringify(v, null, 2); return s.slice(0, Math.floor(s.length / 2)); } },
    {
      name: 'a string where an offset belongs', state: 'unreadable', field: 'annotations.0.target.start',
      content: (v) => `${JSON.stringify({ ...v, annotations: v.annotations.map((a, i) => (i === 0 ? { ...a, target: { ...a.target, start: 'ten' } } : a)) }, null, 2)}\n`,
    },
    { name: 'version 3', state: 'readonly', field: 'version', content: (v) => `${JSON.stringify({ ...v, version: 3 }, null, 2)}\n` },
  ];
  for (const c of corrupt) {
    test(`a sidecar with ${c.name} is reported (${c.state}) and left byte-for-byte untouched`, async () => {
      const { text, source } = article('local/corrupt', 'Ferry timetable changes', [
        'The winter timetable starts on Monday with two fewer crossings a day.',
        'Passengers can still book the late crossing on weekends.',
      ]);
      const uri = await createDocument(`corrupt-${c.state}`, text);
      const sidecarUri = sidecarUriOf(uri);
      const s = spanOf(text, 'two fewer crossings a day');
      const valid = sidecarJson(uri, text, source, [annotationJson('c1', 'claim', text, s.start, s.end, 'note')]);
      const bytes = utf8(c.content(valid));
      await writeBytes(sidecarUri, bytes);

      const info = await api.annotations(uri);
      assert.equal(info.state, c.state, `state; problems: ${info.problems.join('; ')}`);
      assert.ok(info.problems.length > 0, 'problems are reported');
      assert.ok(info.problems.every((p) => p.startsWith(fileName(sidecarUri)) || p.includes(`/${fileName(sidecarUri)}`)),
        `each problem names the sidecar: ${info.problems.join('; ')}`);
      if (c.field) assert.ok(info.problems.some((p) => p.includes(c.field!)), `a problem names ${c.field}: ${info.problems.join('; ')}`);
      else assert.ok(info.problems.some((p) => /:\d+:\d+:/.test(p)), `a problem gives line:column: ${info.problems.join('; ')}`);
      if (c.state === 'readonly') {
        assert.deepEqual(info.annotations.map((a) => a.target.exact), ['two fewer crossings a day'], 'a newer file is still shown, read-only');
      }

      const diagnostics = await waitFor(`a diagnostic on ${fileName(sidecarUri)}`, () => {
        const d = vscode.languages.getDiagnostics(sidecarUri);
        return d.length > 0 ? d : undefined;
      }, POLL_MS);
      if (c.field) {
        assert.ok(diagnostics.some((d) => diagnosticNames(d, c.field!)),
          `a diagnostic names ${c.field}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
      }

      // Tagging must not write the file: the command fails or reports an error instead.
      const editor = await openEditor(uri);
      const t = spanOf(text, 'the late crossing');
      select(editor, t.start, t.end);
      try {
        await vscode.commands.executeCommand('seedAnnotator.tagSelection', 'claim');
      } catch {
        /* refusing by throwing is fine */
      }
      await sleep(1_500);
      assert.ok(sameBytes(await readBytes(sidecarUri), bytes), 'the sidecar bytes are exactly what the test wrote');
      const after = await api.annotations(uri);
      assert.equal(after.state, c.state, 'still not editable');
      assert.ok(!after.annotations.some((a) => a.target.exact === 'the late crossing'), 'no annotation was added');
      assert.ok(vscode.languages.getDiagnostics(sidecarUri).length > 0, 'the diagnostic stays');
    });
  }

  test('a repaired sidecar becomes editable again and its diagnostic goes away', async () => {
    const { text, source } = article('local/repaired', 'Bridge reopens', ['The bridge reopened on Friday after repairs.']);
    const uri = await createDocument('repaired', text);
    const sidecarUri = sidecarUriOf(uri);
    const s = spanOf(text, 'reopened on Friday');
    const valid = sidecarJson(uri, text, source, [annotationJson('r1', 'claim', text, s.start, s.end)]);
    const good = `${JSON.stringify(valid, null, 2)}\n`;
    await writeBytes(sidecarUri, utf8(good.replace(`"start": ${s.start}`, '"start": "ten"')));
    assert.equal((await api.annotations(uri)).state, 'unreadable');
    await waitFor('the diagnostic', () => (vscode.languages.getDiagnostics(sidecarUri).length > 0 ? true : undefined), POLL_MS);

    await writeBytes(sidecarUri, utf8(good));
    const info = await waitForAnnotations(api, uri, 'the state to become ready', (i) => i.state === 'ready');
    assert.deepEqual(info.problems, []);
    assert.deepEqual(info.annotations.map((a) => [a.id, a.target.start, a.target.end]), [['r1', s.start, s.end]]);
    await waitFor('the diagnostic to go away', () => (vscode.languages.getDiagnostics(sidecarUri).length === 0 ? true : undefined), POLL_MS);

    const editor = await openEditor(uri);
    const t = spanOf(text, 'after repairs');
    await tagSelection(editor, t.start, t.end);
    const sidecar = await waitForSidecar(uri, 'the new annotation', (x) => x.annotations.length === 2);
    assertTarget(text, byExact(sidecar.annotations, 'after repairs').target, t.start, t.end, 'tagged after the repair');
  });

  // 6 ------------------------------------------------------------------------------------------------------------
  test('Next / Previous Annotation move the selection between the annotation spans in document order', async () => {
    const { text } = article('local/navigation', 'Three claims', [
      'The first claim is here in the opening paragraph.',
      'A second claim sits in the middle paragraph.',
      'And the third claim closes the story.',
    ]);
    const uri = await createDocument('navigate', text);
    const editor = await openEditor(uri);
    const spans = ['first claim is here', 'second claim sits', 'third claim closes'].map((e) => spanOf(text, e));
    // Tagged out of document order: navigation follows positions, not creation.
    for (const i of [2, 0, 1]) await tagSelection(editor, spans[i]!.start, spans[i]!.end);
    await waitForAnnotations(api, uri, 'three annotations', (i) => i.annotations.length === 3);

    const step = async (command: 'next' | 'previous', expected: number) => {
      await vscode.commands.executeCommand(`seedAnnotator.${command}Annotation`);
      const at = selectionOffsets(vscode.window.activeTextEditor!);
      assert.deepEqual(at, spans[expected], `${command} → span ${expected + 1} (${JSON.stringify(text.slice(at.start, at.end))})`);
    };
    select(editor, 0);
    await step('next', 0);
    await step('next', 1);
    await step('next', 2);
    await step('previous', 1);
    await step('previous', 0);
    // From a cursor between spans 1 and 2.
    select(editor, indexOfOnly(text, 'A second'));
    await step('next', 1);
    select(editor, indexOfOnly(text, 'A second'));
    await step('previous', 0);
    // From the end of the document backwards.
    select(editor, text.length);
    await step('previous', 2);
  });

  // 7 ------------------------------------------------------------------------------------------------------------
  test('a sidecar changed elsewhere on disk is picked up', async () => {
    const { text } = article('local/elsewhere', 'Library hours extended', ['The central library will open until 9 pm on weekdays.']);
    const uri = await createDocument('elsewhere', text);
    const editor = await openEditor(uri);
    const s = spanOf(text, 'open until 9 pm on weekdays');
    await tagSelection(editor, s.start, s.end);
    const sidecar = await waitForSidecar(uri, 'the annotation', (x) => x.annotations.length === 1);
    assert.equal((await api.annotations(uri)).annotations[0]!.note, '');

    const note = `Checked against the council minutes (${Date.now()})`;
    const changed: SidecarJson = {
      ...sidecar,
      annotations: [{ ...sidecar.annotations[0]!, note, modified: new Date(Date.now() + 1000).toISOString() }],
    };
    const event = new Promise<string>((resolve) => {
      const sub = api.onDidChangeAnnotations((u) => { if (u === uri.toString()) { sub.dispose(); resolve(u); } });
    });
    await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify(changed, null, 2)}\n`));
    const info = await waitForAnnotations(api, uri, 'the note written elsewhere', (i) => i.annotations[0]?.note === note);
    assert.equal(info.state, 'ready');
    assert.equal(info.annotations.length, 1);
    assert.equal(info.annotations[0]!.id, sidecar.annotations[0]!.id);
    assert.equal(await Promise.race([event, sleep(POLL_MS).then(() => 'no event')]), uri.toString(), 'onDidChangeAnnotations fired with the document URI');
  });

  test('an edit made here right after the sidecar changed elsewhere keeps both (the write re-reads the file and merges by id)', async () => {
    const { text } = article('local/cas', 'Ferry timetable changed', ['The morning ferry now leaves at 7:40.', 'The evening ferry is unchanged.']);
    const uri = await createDocument('cas-race', text);
    const editor = await openEditor(uri);
    const a = spanOf(text, 'now leaves at 7:40');
    const b = spanOf(text, 'evening ferry is unchanged');
    await tagSelection(editor, a.start, a.end);
    const sidecar = await waitForSidecar(uri, 'the first annotation', (x) => x.annotations.length === 1);
    // Another process adds an annotation; before this window has seen the change, the user tags a second span.
    const now = new Date().toISOString();
    const foreign = { ...sidecar.annotations[0]!, id: 'added-elsewhere', note: 'by another process', target: { ...sidecar.annotations[0]!.target, start: b.start, end: b.end, exact: text.slice(b.start, b.end), prefix: undefined, suffix: undefined }, created: now, modified: now };
    await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify({ ...sidecar, annotations: [...sidecar.annotations, foreign] }, null, 2)}\n`));
    const c = spanOf(text, 'morning ferry');
    await tagSelection(editor, c.start, c.end);
    const both = await waitForSidecar(uri, 'all three annotations', (x) => x.annotations.length === 3);
    assert.ok(both.annotations.some((x) => x.id === 'added-elsewhere'), 'the change made elsewhere survives');
    assert.ok(both.annotations.some((x) => x.target.exact === 'morning ferry'), 'the edit made here survives');
  });

  // Edit Note, Remove, Attach to Selection ---------------------------------------------------------------------
  test('Edit Note and Remove Annotation change the sidecar', async () => {
    const { text } = article('local/notes', 'Rail strike cancelled', [
      'The rail strike planned for Friday has been called off, the union said.',
      'Talks will resume next week.',
    ]);
    const uri = await createDocument('note-remove', text);
    const editor = await openEditor(uri);
    const a = spanOf(text, 'called off');
    const b = spanOf(text, 'Talks will resume');
    await tagSelection(editor, a.start, a.end);
    await tagSelection(editor, b.start, b.end);
    const tagged = await waitForSidecar(uri, 'two annotations', (x) => x.annotations.length === 2);
    const ida = byExact(tagged.annotations, 'called off').id;
    const idb = byExact(tagged.annotations, 'Talks will resume').id;

    await vscode.commands.executeCommand('seedAnnotator.editNote', { id: ida, note: 'Union statement, 14 Jan' });
    const noted = await waitForSidecar(uri, 'the note', (x) => x.annotations.find((n) => n.id === ida)?.note === 'Union statement, 14 Jan');
    assert.equal(noted.annotations.find((n) => n.id === idb)!.note, '', 'the other annotation keeps its note');
    assertTarget(text, noted.annotations.find((n) => n.id === ida)!.target, a.start, a.end, 'annotated span unchanged by the note');

    await vscode.commands.executeCommand('seedAnnotator.removeAnnotation', { id: idb });
    const removed = await waitForSidecar(uri, 'the removal', (x) => x.annotations.length === 1);
    assert.equal(removed.annotations[0]!.id, ida);
    assert.equal(removed.annotations[0]!.note, 'Union statement, 14 Jan');

    // Without arguments: the annotation at the cursor.
    select(editor, a.start + 2);
    await vscode.commands.executeCommand('seedAnnotator.removeAnnotation');
    await waitForSidecar(uri, 'no annotation left', (x) => x.annotations.length === 0);
    assert.equal((await api.annotations(uri)).annotations.length, 0);
  });

  test('Attach to Selection places an orphaned annotation on the selection', async () => {
    const { text, source } = article('local/attach', 'Museum reopens', ['The museum reopened its east wing on Saturday after a long renovation.']);
    const uri = await createDocument('attach', text);
    const orphan = {
      ...annotationJson('o1', 'claim', 'x'.repeat(40) + 'a sentence that was deleted long ago' + 'y'.repeat(40), 40, 76, 'keep me'),
      status: 'orphaned' as const,
    };
    await writeBytes(sidecarUriOf(uri), utf8(`${JSON.stringify(sidecarJson(uri, text, source, [orphan]), null, 2)}\n`));
    const editor = await openEditor(uri);
    const before = await api.annotations(uri);
    assert.equal(before.state, 'ready', before.problems.join('; '));
    assert.equal(before.annotations[0]?.status, 'orphaned', 'the annotation cannot be placed on this text');

    const s = spanOf(text, 'reopened its east wing');
    select(editor, s.start, s.end);
    await vscode.commands.executeCommand('seedAnnotator.attachToSelection', { id: 'o1' });
    const sidecar = await waitForSidecar(uri, 'the re-attached annotation', (x) => x.annotations[0]?.status === undefined);
    assert.equal(sidecar.annotations.length, 1);
    const a = sidecar.annotations[0]!;
    assert.equal(a.id, 'o1');
    assert.equal(a.note, 'keep me');
    assertTarget(text, a.target, s.start, s.end, 're-attached');
    const info = await api.annotations(uri);
    assert.equal(info.annotations[0]!.status, undefined);
    assert.deepEqual([info.annotations[0]!.target.start, info.annotations[0]!.target.end], [s.start, s.end]);
  });
});
