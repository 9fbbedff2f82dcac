/** The exchange commands' work, loaded on first use. In Node it is bundled with the extension (the URI is unused). */
import type * as vscode from 'vscode';

export type ExchangeModule = typeof import('./run');

export function loadExchange(_extensionUri: vscode.Uri): Promise<ExchangeModule> {
  return import('./run');
}
