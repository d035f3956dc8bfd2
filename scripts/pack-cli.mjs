#!/usr/bin/env node
// The CLI as an npm package: `npm run pack:cli` builds the bundles for
// production and packs, from a staging folder with a manifest of its own,
// only what the CLI loads at run time (cli.js and the bundles it starts, the
// parser wasm), its docs and the licence. The repository's package.json is
// the VS Code extension's manifest and stays private.
//
//   node scripts/pack-cli.mjs [--out DIR]
//
// The bundles are built into a temporary staging folder, never over dist/
// (tests running beside it start dist/cli.js).
// Prints the tarball's path and size. `npx ./twelve-factor-<version>.tgz
// check .` then works on a machine without this repository.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : REPO);
const STAGE = mkdtempSync(join(tmpdir(), 'twelve-factor-pack-'));

/** What the CLI loads at run time (test/npm-package.test.ts checks that the bundles name nothing more). */
const RUNTIME = [
  'dist/cli.js',
  'dist/cli.bundle.js',
  'dist/server.bundle.js',
  'dist/worker.js',
  'dist/worker.bundle.js',
  'dist/lspworker.js',
  'dist/lspworker.bundle.js',
  'dist/jsparser.js',
  'dist/tree-sitter.wasm',
  'dist/tree-sitter-python.wasm',
];
const DOCS = ['README.md', 'CHANGELOG.md', 'LICENSE', 'docs'];

const root = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const manifest = {
  name: root.name,
  version: root.version,
  description:
    'Twelve-Factor App checks for Python and JavaScript/TypeScript services: hardcoded secrets and backing services, file logs, PID files, in-process state, hardcoded ports, and a compliance outline of all twelve factors. Text, JSON and SARIF output.',
  keywords: root.keywords,
  license: root.license,
  repository: root.repository,
  homepage: root.homepage,
  bugs: root.bugs,
  engines: { node: root.engines.node },
  bin: { 'twelve-factor': 'dist/cli.js' },
  files: [...RUNTIME, 'CHANGELOG.md', 'docs'],
};

try {
  pack();
} finally {
  rmSync(STAGE, { recursive: true, force: true });
}

function pack() {
  const built = join(STAGE, 'build');
  execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', built], {
    cwd: REPO,
    stdio: ['ignore', 2, 2],
  });
  mkdirSync(join(STAGE, 'dist'), { recursive: true });
  for (const file of RUNTIME) copyFileSync(join(built, file.slice('dist/'.length)), join(STAGE, file));
  for (const doc of DOCS) cpSync(join(REPO, doc), join(STAGE, doc), { recursive: true });
  // The rule pages, which the CLI's messages link to by id (esbuild.mjs writes them beside the bundles).
  cpSync(join(built, 'docs'), join(STAGE, 'docs', 'rules'), { recursive: true });
  rmSync(built, { recursive: true });
  writeFileSync(join(STAGE, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  mkdirSync(out, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: STAGE,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
    }),
  )[0];
  const tarball = join(out, packed.filename);
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(
    `${tarball}\n${packed.entryCount} files, ${mb(statSync(tarball).size)} packed, ${mb(packed.unpackedSize)} unpacked\n`,
  );
}
