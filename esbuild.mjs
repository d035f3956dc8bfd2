// One bundler for the three faces: the extension (vscode external), the
// language server and the CLI (`twelve-factor lsp` loads the server's bundle
// and starts it), the scan worker, and the JS/TS front-end as its own bundle
// (dist/jsparser.js, ~10 MB of TypeScript, loaded on first use), plus the
// tree-sitter wasm files they load at run time. The entries are launchers
// that load their bundles through a V8 code cache (see `launcher`).
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR`: somewhere else than dist/ (scripts/pack-cli.mjs builds the npm package there).
const at = process.argv.indexOf('--outdir');
const out = at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

/**
 * Code that loads the bundle `file` beside itself through the V8 code cache
 * (server/src/lib/codeCache.ts) into `module.exports`, then runs `then`.
 */
function cachedLoad(file, then = '') {
  return {
    resolveDir: 'server/src',
    loader: 'js',
    contents: [
      "const { join } = require('node:path');",
      "const { loadBundle } = require('./lib/codeCache');",
      `module.exports = loadBundle(join(__dirname, ${JSON.stringify(file)}), { version: ${JSON.stringify(version)} });`,
      then,
    ].join('\n'),
  };
}

/**
 * `require(from)` in the module `importer` matches becomes a run-time load of the bundle
 * `file` beside the running one: `./javascript` in frontends/index.ts loads dist/jsparser.js
 * (~10 MB of TypeScript) on first use; `../server.js` in cli/main.ts (`twelve-factor lsp`)
 * loads the server's bundle, so the protocol libraries stay out of the one `check` compiles.
 */
function lazyBundle(name, from, importer, file) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: from }, (args) =>
        importer.test(args.importer) ? { path: file, namespace: name } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: name }, () => cachedLoad(file));
    },
  };
}
const lazyJavaScriptFrontEnd = lazyBundle(
  'lazy-javascript-front-end',
  /^\.\/javascript$/,
  /frontends[\\/]index\.ts$/,
  'jsparser.js',
);
const lazyServer = lazyBundle('lazy-server', /^\.\.\/server(?:\.js)?$/, /cli[\\/]main\.ts$/, 'server.bundle.js');

/** A hash of what the analysis is built from: `check --cache` discards results of another build. */
function buildId() {
  const hash = createHash('sha256');
  const files = readdirSync('server/src', { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|json)$/.test(f))
    .sort();
  for (const f of files)
    hash
      .update(f)
      .update('\0')
      .update(readFileSync(`server/src/${f}`))
      .update('\0');
  for (const f of ['package.json', 'package-lock.json']) hash.update(readFileSync(f));
  return hash.digest('hex').slice(0, 32);
}

const common = {
  define: { __TWELVE_FACTOR_BUILD__: JSON.stringify(buildId()) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build calls createRequire(import.meta.url), which is
  // empty in a CommonJS bundle; its CommonJS build works.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
  plugins: [lazyJavaScriptFrontEnd],
};

/**
 * Each entry a user or a thread starts (dist/cli.js, server.js, worker.js, lspworker.js) is a
 * small launcher that loads its bundle (dist/<name>.bundle.js) through the code cache: most of
 * a bundle's compile is then skipped at every start but the first.
 */
function launcher(name, then = '', extra = {}) {
  return {
    ...common,
    sourcemap: false,
    stdin: { ...cachedLoad(`${name}.bundle.js`, then), sourcefile: `${name}-launcher.js` },
    outfile: `${out}/${name}.js`,
    ...extra,
  };
}

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: `${out}/extension.js`, external: ['vscode'] },
  // The server bundle does not start itself under this name (server.ts): its launcher starts it.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: `${out}/server.bundle.js` },
  launcher('server', 'module.exports.startServer();'),
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: `${out}/cli.bundle.js`,
    plugins: [...common.plugins, lazyServer],
  },
  launcher('cli', '', { banner: { js: '#!/usr/bin/env node' } }),
  { ...common, entryPoints: ['server/src/workspace/worker.ts'], outfile: `${out}/worker.bundle.js` },
  launcher('worker'),
  { ...common, entryPoints: ['server/src/lsp/analysisWorker.ts'], outfile: `${out}/lspworker.bundle.js` },
  launcher('lspworker'),
  { ...common, entryPoints: ['server/src/frontends/javascript.ts'], outfile: `${out}/jsparser.js` },
];

mkdirSync(out, { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', `${out}/tree-sitter.wasm`);
copyFileSync('node_modules/tree-sitter-python/tree-sitter-python.wasm', `${out}/tree-sitter-python.wasm`);
// The rule pages, which the extension opens offline (client/src/docs.ts).
mkdirSync(`${out}/docs`, { recursive: true });
for (const rule of readdirSync('server/src/rules')) {
  const page = `server/src/rules/${rule}/README.md`;
  if (existsSync(page)) copyFileSync(page, `${out}/docs/${rule}.md`);
}
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync(`${out}/cli.js`, 0o755);
}
