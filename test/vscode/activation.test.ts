// The extension activates by itself on the seeds folder, exposes its API, logs its activation time and
// registers every command that package.json contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, extension } from './helpers';

suite('Activation', () => {
  test('activates by itself when a folder with sample documents opens', async () => {
    const ext = extension();
    const events = ext.packageJSON.activationEvents as string[];
    assert.ok(events.includes('workspaceContains:**/[0-9][0-9][0-9]_*.txt'), `activationEvents: ${events.join(', ')}`);
    const api = await activatedApi();
    assert.equal(ext.isActive, true);
    assert.equal(api.apiVersion, 1);
    assert.equal(typeof api.listDocuments, 'function');
    assert.equal(typeof api.onDidChangeDocuments, 'function');
  });

  test('reports how long activation took', async () => {
    const api = await activatedApi();
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, `activationMs = ${api.activationMs}`);
  });

  test('registers every command contributed in package.json', async () => {
    await activatedApi();
    const contributed = (extension().packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed commands that are not registered');
  });

  test('Show Log runs without error', async () => {
    await activatedApi();
    await vscode.commands.executeCommand('seedAnnotator.showLog');
  });
});
