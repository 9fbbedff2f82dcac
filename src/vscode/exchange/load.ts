/**
 * The exchange commands' work (every import and export format) is a bundle of its own, dist/exchange.js
 * (scripts/build.mjs), read from the extension's folder and run as a CommonJS module on first use — the same way in
 * the Node and the web worker extension hosts (which runs extensions like this itself). Its only import is `vscode`.
 * The extension bundles stay small: the web worker's has a budget.
 */
import * as vscode from 'vscode';

export type ExchangeModule = typeof import('./run');

let loading: Promise<ExchangeModule> | undefined;

export function loadExchange(extensionUri: vscode.Uri): Promise<ExchangeModule> {
  loading ??= (async () => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'exchange.js');
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const module = { exports: {} as ExchangeModule };
    const require = (id: string): unknown => {
      if (id === 'vscode') return vscode;
      throw new Error(`${uri.path}: cannot load '${id}' (the formats bundle imports only vscode)`);
    };
    new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${uri.toString()}`)(module, module.exports, require);
    return module.exports;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
