import * as vscode from 'vscode';

/** The extension's one output channel, `Seed Annotator` (a log channel: levels, timestamps). */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Seed Annotator', { log: true });
}
