// Bundles the extension (node, `vscode` external), the CLI and the extension-host test suite with esbuild.
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const root = path.resolve(import.meta.dirname, '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // Prefer packages' ES module builds: jsonc-parser's UMD main requires './impl/*' at run time, which a bundle lacks.
  mainFields: ['module', 'main'],
};

/** The `.ts` files of a test folder: each becomes a bundle of its own in out/<folder>. */
const entriesOf = (folder) =>
  fs.existsSync(path.join(root, folder))
    ? fs.readdirSync(path.join(root, folder)).filter((f) => f.endsWith('.ts')).map((f) => `${folder}/${f}`)
    : [];

// zod probes `navigator` (a Cloudflare check) when it loads; in the extension host that global logs
// "PendingMigrationError: navigator is now a global in nodejs" in every window. Node bundles have no use for it.
const node = { ...common, define: { navigator: 'undefined' } };
const builds = [
  { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
// The Annotations panel's webview: a browser bundle plus its styles and the codicon font, in dist/webview/ (the
// only folder the webview may load from). Always minified: its size is budgeted (120 KB, zod included).
const webview = {
  ...common,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  mainFields: ['browser', 'module', 'main'],
  entryPoints: ['src/webview/main.ts'],
  outfile: 'dist/webview/main.js',
};
builds.push(webview);
function copyWebviewAssets() {
  const out = path.join(root, 'dist', 'webview');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(root, 'src/webview/panel.css'), path.join(out, 'panel.css'));
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(out, f));
}

for (const folder of ['test/vscode', 'test/vscode-bench']) {
  const entryPoints = entriesOf(folder);
  if (entryPoints.length) builds.push({ ...node, minify: false, entryPoints, outdir: `out/${folder}`, external: ['vscode', 'mocha'] });
}

copyWebviewAssets();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  fs.watch(path.join(root, 'src/webview/panel.css'), () => copyWebviewAssets());
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}
