// One bundler for the three faces: the extension (vscode external), the
// language server and the CLI (`twelve-factor lsp` loads the server's bundle
// and starts it), the scan worker, and the JS/TS front-end as its own bundle
// (dist/jsparser.js, ~10 MB of TypeScript, loaded on first use), plus the
// tree-sitter wasm files they load at run time.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--outdir DIR`: somewhere else than dist/ (scripts/pack-cli.mjs builds the npm package there).
const at = process.argv.indexOf('--outdir');
const out = at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : 'dist';

/**
 * `require('./javascript')` in frontends/index.ts becomes a run-time load of dist/jsparser.js
 * beside the bundle, through the V8 code cache (server/src/lib/codeCache.ts).
 */
const lazyJavaScriptFrontEnd = {
  name: 'lazy-javascript-front-end',
  setup(build) {
    build.onResolve({ filter: /^\.\/javascript$/ }, (args) =>
      /frontends[\\/]index\.ts$/.test(args.importer)
        ? { path: 'jsparser', namespace: 'lazy-javascript-front-end' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-javascript-front-end' }, () => ({
      resolveDir: 'server/src',
      loader: 'js',
      contents: [
        "const { join } = require('node:path');",
        "const { loadBundle } = require('./lib/codeCache');",
        "const { version } = require('../../package.json');",
        "module.exports = loadBundle(join(__dirname, 'jsparser.js'), { version });",
      ].join('\n'),
    }));
  },
};

/**
 * `import('../server.js')` in cli/main.ts (`twelve-factor lsp`) becomes a run-time require of
 * dist/server.js: the language server and its protocol libraries (~0.5 MB) stay out of the
 * bundle every `check` loads and compiles.
 */
const lazyServer = {
  name: 'lazy-server',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/server(?:\.js)?$/ }, (args) =>
      /cli[\\/]main\.ts$/.test(args.importer) ? { path: './server.js', external: true } : undefined,
    );
  },
};

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

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: `${out}/extension.js`, external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: `${out}/server.js` },
  {
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: `${out}/cli.js`,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, lazyServer],
  },
  { ...common, entryPoints: ['server/src/workspace/worker.ts'], outfile: `${out}/worker.js` },
  { ...common, entryPoints: ['server/src/lsp/analysisWorker.ts'], outfile: `${out}/lspworker.js` },
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
