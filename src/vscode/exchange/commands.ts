/**
 * Export Annotations… and Import Annotations…: the commands. Their work (src/vscode/exchange/run.ts, with every
 * format) is loaded on first use: in Node it is part of the bundle; in VS Code for the Web it is a bundle of its own,
 * dist/web/exchange.js, which keeps the activation bundle within its budget.
 */
import type * as vscode from 'vscode';
import { registerReportingCommand } from '../reportingCommand';
import { loadExchange } from './load';
import type { ExchangeDeps } from './run';

export type { ExchangeDeps, ExportArgs, ExportResult, FormatOptions, ImportArgs, ImportResult } from './run';

export function registerExchangeCommands(deps: ExchangeDeps): vscode.Disposable[] {
  return [
    registerReportingCommand('seedAnnotator.exportAnnotations', async (...args) => (await loadExchange(deps.extensionUri)).exportCommand(deps, args), deps.log),
    registerReportingCommand('seedAnnotator.importAnnotations', async (...args) => (await loadExchange(deps.extensionUri)).importCommand(deps, args), deps.log),
  ];
}
