/**
 * VS Code for the Web: the exchange commands' work is its own bundle, dist/web/exchange.js (scripts/build.mjs),
 * read from the extension's folder and run as a CommonJS module on first use — the way the web worker extension host
 * runs the extension itself. Its only import is `vscode`.
 */
import * as vscode from 'vscode';
import type { ExchangeModule } from './load';

let loading: Promise<ExchangeModule> | undefined;

export function loadExchange(extensionUri: vscode.Uri): Promise<ExchangeModule> {
  loading ??= (async () => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'exchange.js');
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const module = { exports: {} as ExchangeModule };
    const require = (id: string): unknown => {
      if (id === 'vscode') return vscode;
      throw new Error(`${uri.path}: cannot load '${id}' in a web worker`);
    };
    new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${uri.toString()}`)(module, module.exports, require);
    return module.exports;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
