/**
 * `check --cache`: the built CLI, run twice over a project. A warm run answers
 * exactly as an uncached one; edits, config changes and the format asked for
 * are honoured; a cache this machine did not write (one committed to the
 * repository) is ignored, and a cache folder planted as a link is refused.
 */
import { test } from 'node:test';
import { tempTree } from './support/tempTree';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const KEY = 'a test key that stands for the one kept in the user cache folder';

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', TWELVE_FACTOR_CACHE_KEY: KEY, ...env },
    timeout: 120_000,
  });
  if (r.status === null) throw new Error(`twelve-factor ${args.join(' ')}: ${r.error ?? r.signal}`);
  return r;
}

/** The JSON report without its timings. */
function findingsOf(stdout: string): unknown {
  const report = JSON.parse(stdout) as { stats?: unknown };
  delete report.stats;
  return report;
}

function project(): string {
  return tempTree(
    'cache',
    {
      'app/settings.py': `import os\n\nSTRIPE_KEY = "${STRIPE}"\nDEBUG = os.environ.get("DEBUG") == "1"\n`,
      'app/server.js': `const express = require('express');\nexpress().listen(3000);\n`,
      'app/clean.py': 'import os\n\nPORT = int(os.environ["PORT"])\n',
    },
    { gitMarker: true },
  );
}

function cacheFile(root: string): string {
  const dir = join(root, '.twelve-factor-cache');
  const name = readdirSync(dir).find((n) => /^results-[0-9a-f]{16}\.json$/.test(n));
  assert.ok(name, `no cache file in ${dir}: ${readdirSync(dir).join(', ')}`);
  return join(dir, name);
}

/** Rewrites the cache's entries (their results: the last item of each) through `edit`, signed with `key`. */
function forge(
  root: string,
  key: string,
  edit: (entries: Record<string, { result: { findings: unknown[] } }>) => void,
) {
  const file = cacheFile(root);
  const text = readFileSync(file, 'utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { format: number };
  const stored = JSON.parse(text.slice(text.indexOf('\n') + 1)) as { files: Record<string, unknown[]> };
  const entries = Object.fromEntries(
    Object.entries(stored.files).map(([path, e]) => [path, { result: e[4] as { findings: unknown[] } }]),
  );
  edit(entries);
  for (const [path, e] of Object.entries(entries)) stored.files[path][4] = e.result;
  const body = JSON.stringify(stored);
  const mac = createHmac('sha256', key).update(body).digest('hex');
  writeFileSync(file, `${JSON.stringify({ format: header.format, mac })}\n${body}\n`);
}

const CHECK = ['check', '.', '--format', 'json', '--fail-on', 'never', '--no-progress'];

test('a warm run reports what an uncached run reports, in every format', () => {
  const root = project();
  for (const format of ['json', 'text', 'sarif', 'json', 'text']) {
    const args = ['check', '.', '--format', format, '--fail-on', 'never', '--no-progress'];
    const plain = run(args, root);
    const cached = run([...args, '--cache'], root);
    assert.equal(cached.status, plain.status);
    assert.equal(cached.stderr, '');
    if (format === 'text') {
      const strip = (s: string) => s.replace(/ in \d+(\.\d+)? ?m?s\b.*$/gm, '');
      assert.equal(strip(cached.stdout), strip(plain.stdout));
    } else if (format === 'json') assert.deepEqual(findingsOf(cached.stdout), findingsOf(plain.stdout));
    else assert.deepEqual(JSON.parse(cached.stdout).runs[0].results, JSON.parse(plain.stdout).runs[0].results);
  }
  assert.equal(
    readFileSync(join(root, '.twelve-factor-cache', '.gitignore'), 'utf8'),
    '# written by twelve-factor --cache\n*\n',
  );
  rmSync(root, { recursive: true, force: true });
});

test('the warm run takes its findings from the cache, and sees edits and config changes', () => {
  const root = project();
  run([...CHECK, '--cache'], root);
  // Proof that entries are used: a cache signed with this machine's key that says "no findings".
  forge(root, KEY, (entries) => {
    for (const e of Object.values(entries)) e.result.findings = [];
  });
  const forged = JSON.parse(run([...CHECK, '--cache'], root).stdout);
  assert.equal(forged.findings.length, 0);

  // An edited file is analysed again: its new finding shows, the others still come from the cache.
  writeFileSync(join(root, 'app/clean.py'), `import os\n\nTOKEN = "${STRIPE}"\n`);
  const edited = JSON.parse(run([...CHECK, '--cache'], root).stdout);
  assert.deepEqual(
    edited.findings.map((f: { file: string }) => f.file),
    ['app/clean.py'],
  );

  // A config change is part of every key: all files are analysed again.
  writeFileSync(join(root, '.twelve-factor.json'), '{ "rules": { "hardcoded-port": "off" } }\n');
  const configured = JSON.parse(run([...CHECK, '--cache'], root).stdout);
  const plain = JSON.parse(run(CHECK, root).stdout);
  assert.deepEqual(findingsOf(JSON.stringify(configured)), findingsOf(JSON.stringify(plain)));
  assert.ok(configured.findings.some((f: { file: string }) => f.file === 'app/settings.py'));
  assert.ok(!configured.findings.some((f: { rule: string }) => f.rule === 'hardcoded-port'));
  rmSync(root, { recursive: true, force: true });
});

test('a cache another machine wrote (committed to the repository) is ignored', () => {
  const root = project();
  const expected = findingsOf(run(CHECK, root).stdout);
  run([...CHECK, '--cache'], root);
  forge(root, 'the key of whoever committed it', (entries) => {
    for (const e of Object.values(entries)) e.result.findings = [];
  });
  const r = run([...CHECK, '--cache'], root);
  assert.deepEqual(findingsOf(r.stdout), expected);
  // A torn file too.
  writeFileSync(cacheFile(root), '{"format":2,');
  assert.deepEqual(findingsOf(run([...CHECK, '--cache'], root).stdout), expected);
  rmSync(root, { recursive: true, force: true });
});

test('without TWELVE_FACTOR_CACHE_KEY the key is made once in the user cache folder, private', () => {
  const root = project();
  const home = mkdtempSync(join(tmpdir(), 'tf-cache-home-'));
  const env = { TWELVE_FACTOR_CACHE_KEY: '', XDG_CACHE_HOME: home };
  const first = run([...CHECK, '--cache'], root, env);
  const keyFile = join(home, 'twelve-factor', 'cache-key');
  const key = readFileSync(keyFile, 'utf8');
  assert.match(key, /^[0-9a-f]{64}\n$/);
  const second = run([...CHECK, '--cache'], root, env);
  assert.deepEqual(findingsOf(second.stdout), findingsOf(first.stdout));
  assert.equal(readFileSync(keyFile, 'utf8'), key);
  if (process.platform !== 'win32') assert.equal(statSync(keyFile).mode & 0o077, 0);
  rmSync(root, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

test('a cache folder planted as a link is refused with a note; nothing is written through it', () => {
  const root = project();
  const elsewhere = mkdtempSync(join(tmpdir(), 'tf-cache-elsewhere-'));
  symlinkSync(elsewhere, join(root, '.twelve-factor-cache'));
  const expected = findingsOf(run(CHECK, root).stdout);
  const r = run([...CHECK, '--cache'], root);
  assert.deepEqual(findingsOf(r.stdout), expected);
  assert.match(r.stderr, /^twelve-factor: cache not used: .*\.twelve-factor-cache is a symbolic link\n$/);
  assert.deepEqual(readdirSync(elsewhere), []);
  rmSync(root, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

test('--cache-location keeps the cache elsewhere and implies --cache', () => {
  const root = project();
  const where = join(mkdtempSync(join(tmpdir(), 'tf-cache-loc-')), 'cache');
  const r = run([...CHECK, '--cache-location', where], root);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readdirSync(where).some((n) => /^results-/.test(n)));
  assert.ok(!existsSync(join(root, '.twelve-factor-cache')));
  rmSync(root, { recursive: true, force: true });
  rmSync(dirname(where), { recursive: true, force: true });
});
