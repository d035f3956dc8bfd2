/**
 * The CLI's npm package (scripts/pack-cli.mjs): the tarball holds what the
 * CLI loads at run time (found from the packed dist/cli.js by the names the
 * bundles hold, as for the .vsix), its docs and licence, and nothing of the
 * sources; `npx ./twelve-factor-<version>.tgz check …` runs it offline on a
 * machine that has only the tarball.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { runtimeFiles } from './support/bundles';

const REPO = join(__dirname, '..');
const run = promisify(execFile);

test('npm run pack:cli makes a tarball npx runs offline', { timeout: 240_000 }, async (t) => {
  const work = mkdtempSync(join(tmpdir(), 'tf-npm-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  const { stdout } = await run(process.execPath, ['scripts/pack-cli.mjs', '--out', work], {
    cwd: REPO,
    maxBuffer: 16 * 1024 * 1024,
  });
  const tarball = stdout.split('\n')[0];
  assert.match(basename(tarball), /^twelve-factor-\d+\.\d+\.\d+\.tgz$/);

  const unpacked = join(work, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
  const pkg = join(unpacked, 'package');
  const files = listFiles(pkg);

  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.private, undefined, 'the package is publishable');
  assert.equal(manifest.bin['twelve-factor'], 'dist/cli.js');
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles need no dependencies');

  const built = readdirSync(join(pkg, 'dist'));
  const needed = runtimeFiles(pkg, 'dist/cli.js', built);
  for (const file of ['dist/worker.js', 'dist/jsparser.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm']) {
    assert.ok(needed.has(file), `the CLI does not load ${file}: ${[...needed].join(', ')}`);
  }
  const dist = files.filter((f) => f.startsWith('dist/'));
  assert.deepEqual(dist.filter((f) => !needed.has(f)).sort(), [], 'dist/ files the CLI never loads');
  for (const doc of ['LICENSE', 'README.md', 'CHANGELOG.md', 'docs/ci.md', 'docs/rules/hardcoded-secret.md']) {
    assert.ok(files.includes(doc), `${doc} is not in the package`);
  }
  const stray = files.filter((f) => /\.(?:ts|map)$|^(?:server|client|test|node_modules|scripts)\//.test(f));
  assert.deepEqual(stray, [], 'sources, maps or tests in the package');

  // A machine with only the tarball: an empty npm cache, no network, a folder outside any package.
  const machine = join(work, 'machine');
  mkdirSync(join(machine, 'app'), { recursive: true });
  cpSync(tarball, join(machine, basename(tarball)));
  writeFileSync(join(machine, 'app', 'settings.py'), `STRIPE_KEY = "sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}"\n`);
  const npx = await run(
    'npx',
    ['--offline', '--yes', `./${basename(tarball)}`, 'check', 'app', '--format', 'json', '--fail-on', 'never'],
    {
      cwd: machine,
      env: { ...process.env, npm_config_cache: join(work, 'npm-cache'), npm_config_update_notifier: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const report = JSON.parse(npx.stdout) as { findings: { rule: string }[] };
  assert.ok(
    report.findings.some((f) => f.rule === 'hardcoded-secret'),
    `no hardcoded-secret finding from the packed CLI: ${npx.stdout.slice(0, 400)}`,
  );
  assert.ok(!npx.stdout.includes('4eC39HqLyjWDarjtT1zdp7dc'), 'the packed CLI prints the secret');
  t.diagnostic(`${basename(tarball)}: ${(statSync(tarball).size / 1024 / 1024).toFixed(1)} MB, ${files.length} files`);
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
