import * as vscode from 'vscode';

/**
 * Registers a command whose failures are logged and shown to the user as `Seed Annotator: <message>`.
 * `failure: 'rethrow'` (default) also rejects `executeCommand`, so callers and tests see the error; 'undefined'
 * resolves it with undefined. A cancelled dialog (CancellationError) is no failure.
 */
export function registerReportingCommand(
  id: string,
  fn: (...args: any[]) => Promise<unknown>,
  log: vscode.LogOutputChannel,
  failure: 'rethrow' | 'undefined' = 'rethrow',
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof vscode.CancellationError) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(`Seed Annotator: ${message}`);
      if (failure === 'rethrow') throw error;
      return undefined;
    }
  });
}
