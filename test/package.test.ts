/**
 * The .vsix carries every file its bundles load at run time. The list is not
 * written down here: it is what the built bundles name. Starting from the
 * manifest's `main`, each shipped bundle is searched for the names of the
 * files esbuild.mjs wrote into dist/ (`join(__dirname, 'worker.js')`,
 * `require('./jsparser.js')`, the wasm files, `dist/server.js`), and every
 * bundle found that way is searched in turn. vsce's own file list (what
 * `vsce package` zips, after .vscodeignore) must hold them all, so a new
 * run-time file that esbuild writes but the whitelist leaves out fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { runtimeFiles } from './support/bundles';

const REPO = join(__dirname, '..');
const DIST = join(REPO, 'dist');
const VSCE = join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');

test('the .vsix ships every file the bundles load at run time', async () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string };
  const main = posix.normalize(manifest.main);
  assert.ok(existsSync(join(REPO, main)), `${main} is missing: run npm run build`);
  // Source maps are for debugging; everything else esbuild.mjs writes is a candidate.
  const built = readdirSync(DIST, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.map'))
    .map((e) => e.name);
  const needed = runtimeFiles(REPO, main, built);
  // The search must still see what the bundles are known to load; an empty list would pass vacuously.
  for (const file of ['dist/server.js', 'dist/worker.js', 'dist/jsparser.js']) {
    assert.ok(needed.has(file), `${file} not found from ${main}: ${[...needed].join(', ')}`);
  }
  assert.ok([...needed].filter((f) => f.endsWith('.wasm')).length >= 2, `the wasm files: ${[...needed].join(', ')}`);

  const { stdout } = await promisify(execFile)(process.execPath, [VSCE, 'ls', '--no-dependencies'], {
    cwd: REPO,
    maxBuffer: 16 * 1024 * 1024,
  });
  const shipped = new Set(stdout.split(/\r?\n/).map((l) => l.trim()));
  const missing = [...needed].filter((f) => !shipped.has(f)).sort();
  assert.deepEqual(missing, [], `loaded at run time but left out of the .vsix (see .vscodeignore): ${missing}`);
  // The rule pages the extension opens offline (client/src/docs.ts builds their names from rule ids).
  const pages = readdirSync(join(DIST, 'docs')).map((f) => `dist/docs/${f}`);
  assert.ok(pages.includes('dist/docs/hardcoded-secret.md'), `rule pages in dist/docs: ${pages.join(', ')}`);
  assert.deepEqual(
    pages.filter((f) => !shipped.has(f)),
    [],
    'rule pages left out of the .vsix',
  );
});

test('the manifest has no "files" list: vsce package refuses one beside .vscodeignore', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { files?: unknown };
  assert.ok(existsSync(join(REPO, '.vscodeignore')));
  assert.equal(manifest.files, undefined, 'npm pack reads .npmignore instead');
});
