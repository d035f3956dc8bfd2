import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listProjectFiles, walk, WalkRootError, type WalkItem, type WalkOptions } from '../server/src/workspace/walker';
import { scanWorkspace } from '../server/src/workspace/scan';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { initParsers } from '../server/src/engine/engine';

/** A temp tree from `{ 'a/b.py': 'text' }`; returns its root. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tf-walk-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

async function collect(paths: string[], options: WalkOptions): Promise<WalkItem[]> {
  const items: WalkItem[] = [];
  for await (const item of walk(paths, options)) items.push(item);
  return items;
}

async function files(root: string, extra: Partial<WalkOptions> = {}): Promise<string[]> {
  const items = await collect(['.'], { cwd: root, ...extra });
  return items.filter((i) => i.kind === 'file').map((i) => i.relPath);
}

test('honours root and nested .gitignore files, negations and .git/info/exclude', async () => {
  const root = tree({
    '.gitignore': 'secret_*.py\ngenerated/\n',
    '.git/info/exclude': 'local.py\n',
    'app.py': '',
    'local.py': '',
    'secret_a.py': '',
    'generated/x.py': '',
    'pkg/.gitignore': '*.js\n!keep.js\n',
    'pkg/a.js': '',
    'pkg/keep.js': '',
    'pkg/b.ts': '',
    'other/a.js': '',
  });
  assert.deepEqual(await files(root), ['app.py', 'other/a.js', 'pkg/b.ts', 'pkg/keep.js']);
});

test('applies the .gitignore of the repository when a subfolder is scanned', async () => {
  const root = tree({ '.git/HEAD': '', '.gitignore': 'skip_me.py\n', 'src/skip_me.py': '', 'src/ok.py': '' });
  const items = await collect(['src'], { cwd: root });
  assert.deepEqual(
    items.map((i) => i.relPath),
    ['src/ok.py'],
  );
});

test('skips dependency, virtualenv, VCS and build folders', async () => {
  const root = tree({
    'main.py': '',
    'node_modules/lib/index.js': '',
    '.venv/lib/x.py': '',
    'venv/lib/x.py': '',
    'env/pyvenv.cfg': '',
    'env/lib/x.py': '',
    'myenv/pyvenv.cfg': '',
    'myenv/y.py': '',
    'config/env/settings.py': '',
    '.tox/a.py': '',
    'lib/site-packages/p.py': '',
    'pkg/__pycache__/m.py': '',
    'dist/bundle.js': '',
    'build/out.js': '',
    '.next/page.js': '',
    'coverage/lcov.js': '',
    '.git/hooks/pre-commit.py': '',
    'src/index.ts': '',
  });
  assert.deepEqual(await files(root), ['config/env/settings.py', 'main.py', 'src/index.ts']);
});

test('a folder named explicitly is walked even when the built-in skips would hide it', async () => {
  const root = tree({ 'build/gen.py': '', 'build/node_modules/x.js': '' });
  const items = await collect(['build'], { cwd: root });
  assert.deepEqual(
    items.map((i) => i.relPath),
    ['build/gen.py'],
  );
});

test('config exclude globs apply to folders and files, relative to the base', async () => {
  const root = tree({
    'app/main.py': '',
    'app/migrations/0001_initial.py': '',
    'app/models.generated.ts': '',
    'legacy/old.js': '',
    'vendor/v.js': '',
  });
  const got = await files(root, { exclude: ['**/migrations/**', '*.generated.ts', 'legacy', 'vendor/**'] });
  assert.deepEqual(got, ['app/main.py']);
});

test('reports paths relative to cwd with / separators, for several roots without duplicates', async () => {
  const root = tree({ 'a/x.py': '', 'a/b/y.ts': '', 'c/z.js': '' });
  const items = await collect(['../a', '../a/b', join(root, 'c', 'z.js')], { cwd: join(root, 'c') });
  assert.deepEqual(
    items.map((i) => i.relPath),
    ['../a/b/y.ts', '../a/x.py', 'z.js'],
  );
});

test('survives symlink loops and does not follow links out of the root', async () => {
  const outside = tree({ 'outside.py': '' });
  const root = tree({ 'src/a.py': '' });
  symlinkSync(root, join(root, 'src', 'loop'));
  symlinkSync(join(root, 'src'), join(root, 'src', 'again'));
  symlinkSync(outside, join(root, 'ext'));
  symlinkSync(join(root, 'self.py'), join(root, 'self.py'));
  symlinkSync(join(root, 'src', 'a.py'), join(root, 'alias.py'));
  const items = await collect(['.'], { cwd: root });
  const got = items.map((i) => (i.kind === 'file' ? i.relPath : `skipped ${i.relPath}: ${i.reason}`));
  assert.ok(got.includes('src/a.py') || got.includes('alias.py'));
  assert.equal(got.filter((g) => !g.startsWith('skipped')).length, 1, `one real file, once: ${got.join(', ')}`);
  assert.ok(got.includes('skipped ext: symbolic link to outside the scanned folder'), got.join(', '));
  assert.ok(
    got.some((g) => g.startsWith('skipped self.py: symbolic link')),
    got.join(', '),
  );
  assert.ok(!got.some((g) => g.includes('outside.py')));
});

test('a folder that vanishes mid-walk is counted as skipped, not thrown', async () => {
  const root = tree({ 'a/one.py': '', 'b/two.py': '' });
  const items: WalkItem[] = [];
  for await (const item of walk(['.'], { cwd: root })) {
    items.push(item);
    // The walk is lazy and sorted: b/ is read only after a/one.py was yielded.
    if (item.relPath === 'a/one.py') rmSync(join(root, 'b'), { recursive: true });
  }
  assert.deepEqual(
    items.map((i) => [i.kind, i.relPath, i.kind === 'skipped' ? i.reason : '']),
    [
      ['file', 'a/one.py', ''],
      ['skipped', 'b', 'vanished during the scan'],
    ],
  );
});

test('a file that vanishes between the walk and the read is skipped by the scan', async () => {
  const root = tree({ 'a.py': 'x = 1\n', 'b.py': 'y = 2\n' });
  const result = await scanWorkspace({
    paths: ['.'],
    cwd: root,
    config: DEFAULT_CONFIG,
    onProgress: (p) => {
      if (p.done === 1) rmSync(join(root, 'b.py'));
    },
  });
  assert.deepEqual([...result.files.keys()], ['a.py']);
  assert.deepEqual(result.skippedFiles, [{ file: 'b.py', reason: 'vanished during the scan' }]);
  assert.deepEqual({ files: result.stats.files, skipped: result.stats.skipped }, { files: 1, skipped: 1 });
});

/**
 * Runs `body` as a user the mode bits stop. Root reads whatever they say (CI
 * runs as root), so there the effective ids become nobody's for the call
 * (glibc applies seteuid to every thread, libuv's pool too) and root's again
 * after; the tree must be open to nobody up to the files under test.
 */
async function asUnprivileged<T>(root: string, body: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return body();
  await initParsers(); // the grammars are read as root: the checkout may be closed to nobody
  chmodSync(root, 0o755);
  process.setegid(65534);
  process.seteuid(65534);
  try {
    return await body();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}

test('unreadable files and folders are skipped with a reason', async () => {
  const root = tree({ 'locked/a.py': '', 'secret.py': 'x = 1\n', 'ok.py': 'y = 1\n' });
  chmodSync(join(root, 'locked'), 0o000);
  chmodSync(join(root, 'secret.py'), 0o000);
  try {
    const result = await asUnprivileged(root, () => scanWorkspace({ paths: ['.'], cwd: root, config: DEFAULT_CONFIG }));
    assert.deepEqual([...result.files.keys()], ['ok.py']);
    assert.deepEqual(result.skippedFiles, [
      { file: 'locked', reason: 'cannot read directory: permission denied' },
      { file: 'secret.py', reason: 'cannot read: permission denied' },
    ]);
  } finally {
    chmodSync(join(root, 'locked'), 0o755);
  }
  assert.equal(process.geteuid?.(), process.getuid?.(), 'the effective user is restored');
});

test('never reads FIFOs or other special files', async () => {
  const root = tree({ 'a.py': '' });
  const { execFileSync } = await import('node:child_process');
  execFileSync('mkfifo', [join(root, 'pipe.py')]);
  assert.deepEqual(await files(root), ['a.py']);
});

test('a missing root is an error the CLI turns into exit 2', async () => {
  const root = tree({});
  await assert.rejects(collect(['nope'], { cwd: root }), (e: unknown) => {
    assert.ok(e instanceof WalkRootError);
    assert.equal(e.message, 'nope: does not exist');
    return true;
  });
});

test('lists project files, including git-ignored .env files', async () => {
  const root = tree({
    '.gitignore': '.env\n',
    '.env': 'A=1\n',
    '.env.example': 'A=\n',
    Dockerfile: '',
    'deploy/docker-compose.prod.yml': '',
    Procfile: '',
    'package.json': '{}',
    'package-lock.json': '{}',
    'requirements-dev.txt': '',
    'pyproject.toml': '',
    'setup.py': '',
    'node_modules/x/package.json': '{}',
    'app.py': '',
  });
  const list = await listProjectFiles(root, { cwd: root });
  assert.deepEqual(
    list.map((f) => [f.relPath, f.project, f.gitignored ?? false]),
    [
      ['.env', 'env', true],
      ['.env.example', 'env', false],
      ['Dockerfile', 'dockerfile', false],
      ['Procfile', 'procfile', false],
      ['deploy/docker-compose.prod.yml', 'compose', false],
      ['package-lock.json', 'lockfile', false],
      ['package.json', 'package-json', false],
      ['pyproject.toml', 'pyproject', false],
      ['requirements-dev.txt', 'requirements', false],
      ['setup.py', 'setup-py', false],
    ],
  );
});
