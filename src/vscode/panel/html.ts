import * as vscode from 'vscode';

/** Folder of the built webview assets (scripts/build.mjs): the only folder the webview may load from. */
export function webviewAssetsRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** Webview options: scripts on, resources from dist/webview only. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewAssetsRoot(extensionUri)] };
}

/** A fresh nonce for one page load: 16 random bytes from Web Crypto (Node and browsers alike), base64. */
export function makeNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The Content-Security-Policy of the panel: nothing but our script (by nonce), our styles and the codicon font. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`].join('; ');
}

/** What differs between our webview pages: the title, the styles, the root element and the script (all in dist/webview). */
export interface WebviewPage {
  title: string;
  stylesheet: string;
  root: string;
  script: string;
}

/**
 * A webview page of ours. It holds no document or user text at all: everything it shows arrives later as validated
 * messages and is rendered as text nodes by its script.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage, nonce = makeNonce()): string {
  const assets = webviewAssetsRoot(extensionUri);
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(assets, name)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset(page.stylesheet)}">
<title>${page.title}</title>
</head>
<body>
${page.root}
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}

/** The Annotations panel's page. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = makeNonce()): string {
  return webviewPage(webview, extensionUri, { title: 'Annotations', stylesheet: 'panel.css', root: '<div id="seed-panel" class="panel"></div>', script: 'main.js' }, nonce);
}
