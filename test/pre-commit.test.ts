/**
 * The pre-commit hook (.pre-commit-hooks.yaml), run as pre-commit runs it:
 * its entry, then the staged files whose type the hook's `types_or` lists
 * (pre-commit passes file names as arguments). The `twelve-factor` on PATH is
 * the built CLI, as `language: node` installs it from the packed repository.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');

interface Hook {
  id: string;
  entry: string;
  language: string;
  types_or?: string[];
  pass_filenames?: boolean;
}

/** pre-commit's file types (the `identify` library) for the extensions the hook can see. */
const TYPES: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'jsx',
  ts: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  md: 'markdown',
  json: 'json',
};

const hooks = parse(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'twelve-factor');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', ...args], { cwd, encoding: 'utf8' });
}

/** Runs the hook on what is staged in `repo`, as pre-commit would. */
function runHook(repo: string, bin: string) {
  assert.ok(hook);
  const staged = git(repo, 'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z').split('\0').filter(Boolean);
  const wanted = new Set(hook.types_or);
  const files = staged.filter((f) => wanted.has(TYPES[f.slice(f.lastIndexOf('.') + 1)] ?? ''));
  const [command, ...args] = hook.entry.split(/\s+/);
  const r = spawnSync(command, [...args, ...(hook.pass_filenames === false ? [] : files)], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
  });
  return { ...r, files };
}

test('the pre-commit hook checks the staged files and stops the commit on an error', (t) => {
  assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build');
  assert.ok(hook, 'no twelve-factor hook');
  assert.equal(hook.language, 'node');
  assert.match(hook.entry, /^twelve-factor check\b.*--fail-on error/);
  const root = mkdtempSync(join(tmpdir(), 'tf-pre-commit-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'twelve-factor'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'twelve-factor'), 0o755);

  const repo = join(root, 'repo');
  mkdirSync(join(repo, 'app'), { recursive: true });
  git(repo, 'init', '-q');
  const secret = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
  writeFileSync(join(repo, 'app', 'settings.py'), `STRIPE_KEY = "${secret}"\n`);
  writeFileSync(join(repo, 'app', 'server.ts'), 'const port = Number(process.env.PORT);\n');
  writeFileSync(join(repo, 'README.md'), `the key is ${secret}\n`);
  // Not staged: the hook must not look at it.
  writeFileSync(join(repo, 'app', 'wip.js'), `const token = "${secret}";\n`);
  git(repo, 'add', 'app/settings.py', 'app/server.ts', 'README.md');

  const failing = runHook(repo, bin);
  assert.deepEqual(failing.files.sort(), ['app/server.ts', 'app/settings.py']);
  assert.equal(failing.status, 1, failing.stdout + failing.stderr);
  assert.match(failing.stdout, /app\/settings\.py:1:\d+/);
  assert.match(failing.stdout, /hardcoded-secret/);
  assert.doesNotMatch(failing.stdout, /wip\.js/);
  assert.ok(!failing.stdout.includes(secret), 'the hook prints the secret');

  // The secret moved out; the unstaged file still has one.
  writeFileSync(join(repo, 'app', 'settings.py'), 'import os\nSTRIPE_KEY = os.environ["STRIPE_KEY"]\n');
  git(repo, 'add', 'app/settings.py');
  const passing = runHook(repo, bin);
  assert.equal(passing.status, 0, passing.stdout + passing.stderr);
});
