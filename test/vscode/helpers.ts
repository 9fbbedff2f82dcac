// Shared helpers of the extension-host tests (bundled into each test file by scripts/build.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, type SeedAnnotatorApi } from '../../src/vscode/api';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined, or fails with `describe()` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, describe?: () => unknown): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const detail = describe ? `; last state: ${JSON.stringify(await describe(), null, 1)}` : '';
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(100);
  }
}

export function extension(): vscode.Extension<SeedAnnotatorApi> {
  const ext = vscode.extensions.getExtension<SeedAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed in the extension host`);
  return ext;
}

/**
 * The extension's API once it has activated by itself (activation event `workspaceContains:`).
 * It never calls activate(): a test would then pass even if the activation events were wrong.
 */
export async function activatedApi(timeoutMs = 20_000): Promise<SeedAnnotatorApi> {
  const ext = extension();
  await waitFor('the extension to activate on its own', () => (ext.isActive ? true : undefined), timeoutMs);
  return ext.exports;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (the runners open a copy of seeds/)');
  return folder;
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function deleteIfExists(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
  } catch {
    /* not there */
  }
}

/** Resolves on the next event of `event`, or after `timeoutMs` (false). */
export function nextEvent(event: vscode.Event<unknown>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => { sub.dispose(); resolve(false); }, timeoutMs);
    const sub = event(() => { clearTimeout(timer); sub.dispose(); resolve(true); });
  });
}

/** `bytes` random bytes as lower-case hex (Web Crypto: the same in the Node and the web worker extension host). */
export function randomHex(bytes: number): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
