// Helpers of the annotation tests (test/vscode/annotations.test.ts): throw-away documents in their own folder of
// the workspace, their sidecars read straight from disk, and polling with the 10 s limit these tests use.
import * as assert from 'node:assert/strict';
import { sha256 as sha256Bytes } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as vscode from 'vscode';
import type { Annotation, Sidecar } from '../../src/core/annotations/schema';
import type { AnnotationsInfo, SeedAnnotatorApi } from '../../src/vscode/api';
import { deleteIfExists, randomHex, waitFor, workspaceFolder } from './helpers';

/** How long a poll waits for the extension (a real VS Code on a small machine). */
export const POLL_MS = 10_000;

/** Folder of the workspace that holds every file these tests create. */
export const TEST_DIR = 'annotation-tests';

export function testFolder(): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, TEST_DIR);
}

/** Deletes the workspace folder `dir` the tests wrote: sidecars first, then the documents, each gone from the
 *  Documents list before the folder goes. Nothing to do when the folder is not there. */
export async function removeTestFolder(api: SeedAnnotatorApi, dir: string): Promise<void> {
  const folder = vscode.Uri.joinPath(workspaceFolder().uri, dir);
  let names: string[] = [];
  try {
    names = (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n);
  } catch {
    return;
  }
  for (const n of names.filter((n) => n.endsWith('.annotations.json'))) await deleteIfExists(vscode.Uri.joinPath(folder, n));
  for (const n of names.filter((n) => !n.endsWith('.annotations.json'))) await deleteIfExists(vscode.Uri.joinPath(folder, n));
  let left: string[] = [];
  await waitFor(`${dir}/ to leave the Documents list`, async () => {
    left = (await api.listDocuments()).map((r) => r.relativePath).filter((p) => p.startsWith(`${dir}/`));
    return left.length ? undefined : true;
  }, 15_000, () => left);
  await deleteIfExists(folder);
}

/** A source document in the layout of the samples: Source line, headline, byline, indented paragraphs. */
export function article(slug: string, headline: string, paragraphs: string[], eol: '\n' | '\r\n' = '\n'): { text: string; source: string } {
  const source = `https://www.example.com/2025/01/15/${slug}`;
  const lines = [`Source: ${source}`, '', headline, '', '  By Test Writer, Example News', ''];
  paragraphs.forEach((p, i) => {
    if (i > 0) lines.push('');
    lines.push(...p.split('\n').map((l) => `  ${l}`));
  });
  return { text: lines.join(eol) + eol, source };
}

/** Lower-case hex SHA-256 of the UTF-8 encoding of `text`, computed here independently of the extension. */
export function sha256(text: string): string {
  return bytesToHex(sha256Bytes(new TextEncoder().encode(text)));
}

export const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Writes a new document `tmp-<random>_<label>.txt` into the test folder; `text` is the text without the BOM. */
export async function createDocument(label: string, text: string, options: { bom?: boolean } = {}): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(testFolder(), `tmp-${randomHex(4)}_${label}.txt`);
  await vscode.workspace.fs.writeFile(uri, encodeDocument(text, options.bom ?? false));
  return uri;
}

export function encodeDocument(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(BOM.length + body.length);
  out.set(BOM, 0);
  out.set(body, BOM.length);
  return out;
}

export function sidecarUriOf(doc: vscode.Uri): vscode.Uri {
  return doc.with({ path: `${doc.path}.annotations.json` });
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array | undefined> {
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** The sidecar as JSON straight from disk, or undefined when there is no file. */
export async function readSidecar(doc: vscode.Uri): Promise<SidecarJson | undefined> {
  const bytes = await readBytes(sidecarUriOf(doc));
  return bytes === undefined ? undefined : (JSON.parse(new TextDecoder().decode(bytes)) as SidecarJson);
}

/** Polls the sidecar on disk until `accept` holds (a missing or half-written file is polled again). */
export async function waitForSidecar(doc: vscode.Uri, what: string, accept: (s: SidecarJson) => boolean): Promise<SidecarJson> {
  let last: unknown;
  return waitFor(`${what} (sidecar of ${fileName(doc)})`, async () => {
    try {
      const s = await readSidecar(doc);
      last = s;
      return s !== undefined && accept(s) ? s : undefined;
    } catch (error) {
      last = String(error);
      return undefined;
    }
  }, POLL_MS, () => last);
}

/** Polls `api.annotations(doc)` until `accept` holds. */
export async function waitForAnnotations(
  api: SeedAnnotatorApi, doc: vscode.Uri, what: string, accept: (info: AnnotationsInfo) => boolean,
): Promise<AnnotationsInfo> {
  let last: unknown;
  return waitFor(`${what} (api.annotations of ${fileName(doc)})`, async () => {
    const info = await api.annotations(doc);
    last = info;
    return accept(info) ? info : undefined;
  }, POLL_MS, () => last);
}

/** Opens the document in an editor (pinned) and makes it the active one. */
export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the document is in the active editor');
  return editor;
}

export function select(editor: vscode.TextEditor, start: number, end = start): void {
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
}

/** Offsets of the selection in the document. */
export function selectionOffsets(editor: vscode.TextEditor): { start: number; end: number } {
  const doc = editor.document;
  return { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
}

/** Start of the only occurrence of `needle` in `text` (fails when there is none or several). */
export function indexOfOnly(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `the test text contains ${JSON.stringify(needle)}`);
  assert.equal(text.indexOf(needle, at + 1), -1, `${JSON.stringify(needle)} occurs once in the test text`);
  return at;
}

/** [start, end) of the only occurrence of `needle`. */
export function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = indexOfOnly(text, needle);
  return { start, end: start + needle.length };
}

/** Sidecar JSON as these tests read and write it (version 1 files have no `relations`). */
export interface SidecarJson {
  [key: string]: unknown;
  version: number;
  status?: Sidecar['status'];
  document: Sidecar['document'];
  annotations: Annotation[];
  relations?: Sidecar['relations'];
}
export type AnnotationJson = Annotation;

/** A v1 annotation of text[start, end) with 32 characters of context, built by the test itself. */
export function annotationJson(id: string, tag: string, text: string, start: number, end: number, note = ''): AnnotationJson {
  const when = '2025-01-01T12:00:00.000Z';
  return {
    id,
    tag,
    target: {
      start,
      end,
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
    },
    attributes: {},
    note,
    author: 'test',
    created: when,
    modified: when,
  };
}

/** A v1 sidecar for `text` (the document text without BOM), built by the test itself. */
export function sidecarJson(doc: vscode.Uri, text: string, source: string | null, annotations: AnnotationJson[]): SidecarJson {
  return { version: 1, document: { file: fileName(doc), source, sha256: sha256(text), length: text.length }, annotations };
}

export async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, bytes);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether a diagnostic names `field`, in its message or its code. */
export function diagnosticNames(d: vscode.Diagnostic, field: string): boolean {
  const code = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
  return d.message.includes(field) || code.includes(field);
}
