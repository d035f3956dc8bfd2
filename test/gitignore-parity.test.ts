/**
 * `.gitignore` read exactly as git reads it. Inside a repository the walk is
 * git's own listing, so a tracked file is checked even when `.gitignore`
 * lists it; elsewhere, and in the "Move to environment" fix, the ignore files
 * are matched with git's rules: case-sensitive unless `core.ignorecase`,
 * lines end at LF (a lone CR is part of the pattern), trailing spaces and
 * `\` escapes, negation, `**`, directory-only patterns. Cross-checked against
 * the real `git check-ignore` and `git ls-files`.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempTree } from './support/tempTree';
import { ensureIgnoredEdit, isIgnored } from '../server/src/fixes/gitignore';
import { gitEnvironment } from '../server/src/workspace/git';
import { IgnoreStack } from '../server/src/workspace/gitignore';
import { walk } from '../server/src/workspace/walker';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');

/** A temp tree from `{ 'a/b.py': 'text' }`, removed after the test. */
function tree(t: TestContext, files: Record<string, string>): string {
  const root = tempTree('ignore', files);
  t.after(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, env: gitEnvironment(), encoding: 'utf8' });
}

/** Every file path the walker yields (all kinds), relative to the root. */
async function walked(root: string): Promise<string[]> {
  const out: string[] = [];
  for await (const item of walk(['.'], { cwd: root, select: 'all' })) {
    if (item.kind === 'file' && !item.gitignored) out.push(item.relPath);
  }
  return out.sort();
}

test('a tracked file that .gitignore lists is still checked', (t) => {
  const root = tree(t, { 'settings.py': `API_KEY = "${SECRET}"\n`, 'app.py': 'x = 1\n' });
  git(root, 'init', '-q');
  git(root, 'add', 'settings.py', 'app.py');
  // Listed after the fact: git keeps tracking it, so CI must keep checking it.
  writeFileSync(join(root, '.gitignore'), 'settings.py\n');
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '.'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 1, r.stderr);
  const findings = (JSON.parse(r.stdout) as { findings: { file: string; rule: string }[] }).findings;
  assert.ok(
    findings.some((f) => f.file === 'settings.py' && f.rule === 'hardcoded-secret'),
    JSON.stringify(findings),
  );
});

test('inside a repository the walk is what git tracks plus untracked files it does not ignore', async (t) => {
  const root = tree(t, {
    '.gitignore': 'build_out/\n*.log.py\nSETTINGS.PY\n',
    'tracked_ignored.log.py': '',
    'untracked.log.py': '',
    'settings.py': '',
    'build_out/gen.py': '',
    'src/app.py': '',
  });
  git(root, 'init', '-q');
  git(root, 'config', 'core.ignorecase', 'false');
  git(root, 'add', '-f', 'tracked_ignored.log.py');
  const expected = git(root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((p) => p !== '' && p.endsWith('.py'))
    .sort();
  assert.deepEqual(await walked(root), expected);
  assert.ok(expected.includes('tracked_ignored.log.py') && expected.includes('settings.py'));
});

test('outside a repository SETTINGS.PY does not hide settings.py, and a lone CR does not end a line', async (t) => {
  const root = tree(t, {
    '.gitignore': 'SETTINGS.PY\na.py\rb.py\nc.py\r\n',
    'settings.py': '',
    'a.py': '',
    'b.py': '',
    'c.py': '',
  });
  assert.deepEqual(await walked(root), ['a.py', 'b.py', 'settings.py']);
});

test('the .env fix reads .gitignore as git does: case, lone CR, escapes', () => {
  // `.ENV` is another name to git: .env is not ignored, the line must be added.
  assert.equal(isIgnored('.ENV\n', '.env'), false);
  assert.ok(ensureIgnoredEdit('.ENV\n', '.env'));
  // A lone CR joins two lines into one pattern git never matches against `.env`.
  assert.equal(isIgnored('node_modules/\r.env\n', '.env'), false);
  assert.deepEqual(ensureIgnoredEdit('node_modules/\r.env\n', '.env'), {
    create: false,
    offset: 19,
    newText: '.env\n',
  });
  // Appended after a final lone CR, `.env` would join the last pattern: an LF comes first.
  assert.equal(ensureIgnoredEdit('dist\r', '.env')?.newText, '\n.env\n');
  assert.equal(isIgnored('.env\r\n', '.env'), true, 'CRLF: the CR before LF is dropped');
  assert.equal(isIgnored('.env   \n', '.env'), true, 'unescaped trailing spaces are trimmed');
  assert.equal(isIgnored('.env\\ \n', '.env'), false, 'an escaped space stays');
  assert.equal(isIgnored('.env\n!.env\n', '.env'), false, 'negation, last match wins');
  assert.equal(isIgnored('\ufeff.env\n', '.env'), true, 'a BOM is skipped');
});

/** Patterns with the paths each is tried on, as `git check-ignore --no-index` answers for them. */
const PATTERNS = [
  'SETTINGS.PY',
  '*.PY',
  'foo   ',
  'bar\\ ',
  '\\#hash.py',
  '\\!bang.py',
  '!keep.log',
  '*.log',
  '**/deep/*.py',
  'a/**/b.py',
  'only_dir/',
  '/rooted.py',
  'x\r',
  'y\ry.py',
  'nested/*.txt',
  '[ab]c.py',
  'q?.py',
];
const PATHS = [
  'settings.py',
  'SETTINGS.PY',
  'app.py',
  'foo',
  'bar ',
  'bar',
  '#hash.py',
  '!bang.py',
  'keep.log',
  'other.log',
  'x/deep/z.py',
  'deep/z.py',
  'a/b.py',
  'a/m/n/b.py',
  'only_dir/f.py',
  'rooted.py',
  'sub/rooted.py',
  'x',
  'y\ry.py',
  'y.py',
  'nested/t.txt',
  'nested/more/t.txt',
  'ac.py',
  'cc.py',
  'q1.py',
  'q12.py',
];

for (const ignoreCase of [false, true]) {
  test(`ignore files agree with git check-ignore (core.ignorecase=${ignoreCase})`, (t) => {
    const root = tree(t, { '.gitignore': PATTERNS.join('\n') + '\n' });
    git(root, 'init', '-q');
    git(root, 'config', 'core.ignorecase', String(ignoreCase));
    // only_dir must exist as a directory for git to apply a directory-only pattern to what it holds.
    mkdirSync(join(root, 'only_dir'));
    const r = spawnSync('git', ['check-ignore', '--no-index', '-z', '--stdin'], {
      cwd: root,
      env: gitEnvironment(),
      input: PATHS.join('\0'),
      encoding: 'utf8',
    });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    // `-z --stdin` reads NUL-separated paths only with -z; each answer is NUL-terminated.
    const byGit = new Set(r.stdout.split('\0').filter((p) => p !== ''));
    const stack = IgnoreStack.empty({ ignoreCase }).withDir(root);
    const mismatches = PATHS.filter((p) => {
      const ours = ancestorsAndSelf(p).some((q, i, all) => stack.ignores(join(root, q), i < all.length - 1));
      return ours !== byGit.has(p);
    });
    assert.deepEqual(mismatches, [], `git ignores: ${JSON.stringify([...byGit])}`);
    if (!ignoreCase) {
      const fixSays = PATHS.filter((p) => !p.includes('/') && isIgnored(PATTERNS.join('\n') + '\n', p));
      assert.deepEqual(
        fixSays,
        PATHS.filter((p) => !p.includes('/') && byGit.has(p)),
      );
    }
  });
}

/** `a`, `a/b`, `a/b/c` for `a/b/c`: a path is ignored when it or a directory above it is. */
function ancestorsAndSelf(rel: string): string[] {
  const parts = rel.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
