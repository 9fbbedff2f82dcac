// Bundles the extension (node, `vscode` external), its browser twin for VS Code for the Web (dist/web/), the CLI
// and the extension-host test suite (for Node, and for the web worker host in out/test/web/) with esbuild.
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
// Neither the extension nor the CLI generates JSON Schemas (scripts/gen-schemas.ts does, in Node, from the sources):
// zod's generator and the schemas' descriptions are left out of every shipped bundle (see the plugins below).
const shipped = () => [withoutZodJsonSchema(), withoutSchemaDescriptions()];
const builds = [
  { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: shipped() },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: shipped() },
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
// The Agreement Report's webview: its own bundle (budget 150 KB) and styles, beside the panel's.
builds.push({ ...webview, entryPoints: ['src/webview/report/main.ts'], outfile: 'dist/webview/report.js' });
function copyWebviewAssets() {
  const out = path.join(root, 'dist', 'webview');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(root, 'src/webview/panel.css'), path.join(out, 'panel.css'));
  fs.copyFileSync(path.join(root, 'src/webview/report/report.css'), path.join(out, 'report.css'));
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(codicons, f), path.join(out, f));
}

// VS Code for the Web: the same extension as a web worker bundle (package.json `browser`). Always minified: its size
// is budgeted. src/vscode/platform/node.ts is swapped for ./web.ts; any other Node module fails the build.
export const WEB_BUNDLE = 'dist/web/extension.js';
export const WEB_BUNDLE_BUDGET = 300 * 1024;
const browserCommon = {
  ...common,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  external: ['vscode'],
  charset: 'utf8',
  // csv-stringify's ES sources instead of its browser build, which carries a 24 KB Buffer polyfill.
  alias: { 'csv-stringify/browser/esm/sync': 'csv-stringify/sync' },
};
builds.push({
  ...browserCommon,
  minify: true,
  legalComments: 'none',
  entryPoints: ['src/vscode/extension.ts'],
  outfile: WEB_BUNDLE,
  metafile: true,
  plugins: [webPlatformPlugin({ guard: true }), ...shipped()],
});
// The exchange commands' work (every import and export format): one bundle for both extension hosts (browser-safe,
// `vscode` its only import), loaded on first use by src/vscode/exchange/load.ts, so the extension bundles stay small.
export const EXCHANGE_BUNDLE = 'dist/exchange.js';
builds.push({
  ...browserCommon,
  minify: true,
  legalComments: 'none',
  entryPoints: ['src/vscode/exchange/run.ts'],
  outfile: EXCHANGE_BUNDLE,
  plugins: [webPlatformPlugin({ guard: true }), ...shipped()],
});
// The extension-host suite for the web worker host: one bundle of every test/vscode/*.test.ts without a
// `// @node-only` line, with mocha's browser build, `assert` for node:assert and the `process` shim.
const webTests = entriesOf('test/vscode').filter((f) => f.endsWith('.test.ts') && !/^\/\/ @node-only\b/m.test(fs.readFileSync(path.join(root, f), 'utf8')));
builds.push({
  ...browserCommon,
  minify: false,
  stdin: {
    contents: [
      "import { runWebSuite } from '../vscode-web/runner';",
      `export function run() { return runWebSuite(() => { ${webTests.map((f) => `require('./${path.basename(f)}');`).join(' ')} }); }`,
    ].join('\n'),
    resolveDir: path.join(root, 'test/vscode'),
    sourcefile: 'web-suite.ts',
    loader: 'ts',
  },
  outfile: 'out/test/web/index.js',
  alias: { ...browserCommon.alias, 'node:assert/strict': './test/vscode-web/assertStrict.cjs', 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  inject: ['./test/vscode-web/process.mjs'],
  plugins: [webPlatformPlugin({ guard: false })],
});

/**
 * Browser builds: src/vscode/platform/node.ts → web.ts, csv-stringify's sources get the small `Buffer` they use,
 * and (guard) a Node built-in imported anywhere fails the build naming the importer.
 */
function webPlatformPlugin({ guard }) {
  const NODE_BUILTIN = /^(node:.*|assert|buffer|child_process|crypto|events|fs|fs\/promises|net|os|path|process|stream|url|util|worker_threads|zlib)$/;
  return {
    name: 'seed-web-platform',
    setup(b) {
      b.onResolve({ filter: /(^|[\\/])node$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, `${args.path}.ts`);
        if (resolved !== path.join(root, 'src/vscode/platform/node.ts')) return undefined;
        return { path: path.join(root, 'src/vscode/platform/web.ts') };
      });
      if (!guard) {
        // The web suite: a test file importing a Node module is named, with the way out.
        b.onResolve({ filter: NODE_BUILTIN }, (args) => (/[\\/]test[\\/]vscode[\\/]/.test(args.importer) && args.path !== 'node:assert/strict' ? {
          errors: [{ text: `${path.relative(root, args.importer)} imports '${args.path}', which the web worker suite (out/test/web) cannot load: use vscode.workspace.fs, globalThis.crypto or randomHex() of ./helpers, or mark the file with a line \`// @node-only: <why>\`` }],
        } : undefined));
      }
      if (guard) {
        // A lazy `require()` of a Node module stays a run-time require, which throws in a web worker (code must catch
        // it and do without); an `import` of one fails the build.
        b.onResolve({ filter: NODE_BUILTIN }, (args) => (args.kind === 'require-call' ? { path: args.path, external: true } : {
          errors: [{ text: `'${args.path}' is a Node module, imported by ${path.relative(root, args.importer)}: the browser bundle cannot use it (put it behind src/vscode/platform)` }],
        }));
      }
      b.onLoad({ filter: /[\\/]csv-stringify[\\/]lib[\\/].*\.js$/ }, (args) => ({
        contents: `import { Buffer } from ${JSON.stringify(path.join(root, 'src/vscode/platform/csvBuffer.ts'))};\n${fs.readFileSync(args.path, 'utf8')}`,
        loader: 'js',
        resolveDir: path.dirname(args.path),
      }));
    },
  };
}

/**
 * zod's JSON Schema generation (17 KB: `z.toJSONSchema`, the `.minLength`-style getters) left out of the browser
 * bundle: the extension validates with zod but never generates a schema (scripts/gen-schemas.ts does, in Node). Its
 * two modules become stubs with the same exports; calling one throws.
 */
function withoutZodJsonSchema() {
  return {
    name: 'seed-without-zod-json-schema',
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const names = new Set([...source.matchAll(/^export (?:const|function|let|class) (\w+)/gm)].map((m) => m[1]));
        for (const [, list] of source.matchAll(/^export \{([^}]*)\}/gm)) {
          for (const item of list.split(',')) if (item.trim()) names.add(item.trim().split(/\s+as\s+/).pop());
        }
        const makers = new Set(['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod']); // called when a schema is built
        const lines = ['const unavailable = () => { throw new Error("JSON Schema generation is not in Seed Annotator\'s browser bundle"); };'];
        for (const name of names) lines.push(`export const ${name} = ${makers.has(name) ? '() => unavailable' : 'unavailable'};`);
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/**
 * The schemas' descriptions (`z.describe('…')`, about 10 KB of text) left out of the browser bundle: they feed only the
 * JSON Schemas, which scripts/gen-schemas.ts generates in Node. Each call keeps its place with an empty text.
 */
function withoutSchemaDescriptions() {
  return {
    name: 'seed-without-schema-descriptions',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]core[\\/]annotations[\\/]schema\.ts$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        let out = '';
        let at = 0;
        for (let i = source.indexOf('z.describe(', at); i >= 0; i = source.indexOf('z.describe(', at)) {
          const open = i + 'z.describe'.length;
          out += source.slice(at, open) + "('')";
          at = closingParen(source, open) + 1;
        }
        return { contents: out + source.slice(at), loader: 'ts' };
      });
    },
  };
}

/** The index of the `)` closing the `(` at `open`, skipping string and template literals. */
function closingParen(source, open) {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced z.describe( at ${open}`);
}

/** Fails when the web bundle is over its budget; prints its size. */
function checkWebBundle() {
  const size = fs.statSync(path.join(root, WEB_BUNDLE)).size;
  const line = `${WEB_BUNDLE}: ${(size / 1024).toFixed(1)} KB minified (budget ${WEB_BUNDLE_BUDGET / 1024} KB)`;
  if (size > WEB_BUNDLE_BUDGET) throw new Error(`${line}: over budget; see \`node scripts/build.mjs --analyze\` (note: \`import { z } from 'zod'\` pulls in all of zod, \`import * as z from 'zod'\` only what is used)`);
  console.log(line);
  const formats = fs.statSync(path.join(root, EXCHANGE_BUNDLE)).size;
  console.log(`${EXCHANGE_BUNDLE}: ${(formats / 1024).toFixed(1)} KB minified (both hosts load it on the first export or import)`);
}

for (const folder of ['test/vscode', 'test/vscode-bench']) {
  const entryPoints = entriesOf(folder);
  if (entryPoints.length) builds.push({ ...node, minify: false, entryPoints, outdir: `out/${folder}`, external: ['vscode', 'mocha'] });
}

copyWebviewAssets();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  fs.watch(path.join(root, 'src/webview/panel.css'), () => copyWebviewAssets());
  fs.watch(path.join(root, 'src/webview/report/report.css'), () => copyWebviewAssets());
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
  if (process.argv.includes('--analyze')) {
    console.log(await esbuild.analyzeMetafile(results[builds.findIndex((b) => b.outfile === WEB_BUNDLE)].metafile));
  }
  checkWebBundle();
}
