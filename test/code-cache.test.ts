/**
 * The V8 code cache of our bundles (server/src/lib/codeCache.ts): a bundle
 * loads as `require` would load it, the cache written by one load is taken by
 * the next, and a corrupt, foreign, stale (version bump) or unsafe cache is
 * ignored (and rewritten where the folder is ours). A cache folder that cannot
 * be used never stops a load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flushCodeCaches, loadBundleWithCache, type LoadOptions } from '../server/src/lib/codeCache';
import { codeCacheDir, isPrivateDir, userCacheRoot } from '../server/src/lib/codeCacheDir';

const BUNDLE = [
  '#!/usr/bin/env node',
  "const { helper } = require('./helper.js');",
  'function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; }',
  'exports.answer = helper(work(4));',
  'exports.where = [__dirname, __filename, module.filename];',
  "exports.text = '\u00e9t\u00e9';",
  '',
].join('\n');

/** A bundle with a relative require of its own, in a fresh folder; a fresh cache folder beside it. */
function fixture(source = BUNDLE): { file: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'tf-code-cache-'));
  writeFileSync(join(root, 'helper.js'), 'exports.helper = (x) => x * 7;\n');
  const file = join(root, 'bundle.js');
  writeFileSync(file, source);
  const dir = join(root, 'cache');
  mkdirSync(dir, { mode: 0o700 });
  return { file, dir };
}

/** A load as a new process would do it (this process's module cache forgotten). */
function load(file: string, options: LoadOptions) {
  delete require.cache[file];
  const loaded = loadBundleWithCache(file, options);
  flushCodeCaches();
  return loaded;
}

test('a bundle loads with its exports, its own paths and relative requires, and its cache is taken next time', () => {
  const { file, dir } = fixture();
  const first = load(file, { version: '1.2.3', dir });
  assert.equal(first.cache, 'miss');
  const exports = first.exports as { answer: number; where: string[]; text: string };
  assert.equal(exports.answer, 42);
  assert.deepEqual(exports.where, [join(file, '..'), file, file]);
  assert.equal(exports.text, '\u00e9t\u00e9', 'a non-ASCII bundle is read as UTF-8');
  assert.ok(first.cacheFile && statSync(first.cacheFile).size > 0);
  assert.equal(statSync(first.cacheFile).mode & 0o777, 0o600);
  const second = load(file, { version: '1.2.3', dir });
  assert.equal(second.cache, 'hit');
  assert.equal((second.exports as { answer: number }).answer, 42);
});

test('a second load in the same process is the same module, as with require', () => {
  const { file, dir } = fixture();
  const a = loadBundleWithCache(file, { version: '1', dir });
  const b = loadBundleWithCache(file, { version: '1', dir });
  assert.equal(a.exports, b.exports);
});

test('a corrupt cache is ignored and rewritten', () => {
  const { file, dir } = fixture();
  const { cacheFile } = load(file, { version: '1', dir });
  assert.ok(cacheFile);
  const good = readFileSync(cacheFile);
  const variants = [
    Buffer.from('not a cache'),
    good.subarray(0, good.length - 100),
    Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([good[good.length - 1] ^ 0xff])]),
    Buffer.alloc(0),
  ];
  for (const bad of variants) {
    writeFileSync(cacheFile, bad);
    const again = load(file, { version: '1', dir });
    assert.equal(again.cache, 'miss');
    assert.equal((again.exports as { answer: number }).answer, 42);
    assert.equal(load(file, { version: '1', dir }).cache, 'hit', 'rewritten');
  }
});

test("another bundle's cache, or one of the same bundle before it changed, is not taken", () => {
  const one = fixture();
  const other = fixture(BUNDLE.replace('helper(work(4))', 'helper(work(4)) + 0'));
  const { cacheFile } = load(one.file, { version: '1', dir: one.dir });
  assert.ok(cacheFile);
  // Where `other` keeps its cache, the cache of `one`: it must not be used for it.
  const otherCache = load(other.file, { version: '1', dir: other.dir }).cacheFile;
  assert.ok(otherCache);
  writeFileSync(otherCache, readFileSync(cacheFile));
  assert.equal(load(other.file, { version: '1', dir: other.dir }).cache, 'miss');
  assert.equal(load(other.file, { version: '1', dir: other.dir }).cache, 'hit');
  // The bundle rebuilt in place with the same length.
  writeFileSync(one.file, BUNDLE.replace('work(4)', 'work(5)'));
  const rebuilt = load(one.file, { version: '1', dir: one.dir });
  assert.equal(rebuilt.cache, 'miss');
  assert.equal((rebuilt.exports as { answer: number }).answer, 70);
});

test('a version bump does not take the previous version’s cache', () => {
  const { file, dir } = fixture();
  load(file, { version: '1.0.0', dir });
  assert.equal(load(file, { version: '1.0.0', dir }).cache, 'hit');
  assert.equal(load(file, { version: '1.0.1', dir }).cache, 'miss');
  // And by default each version has its own folder.
  const root = mkdtempSync(join(tmpdir(), 'tf-code-cache-root-'));
  assert.notEqual(codeCacheDir('1.0.0', root), codeCacheDir('1.0.1', root));
});

test('runs under other Node options keep a cache of their own (V8 rejects one made under other flags)', () => {
  const { file, dir } = fixture();
  const plain = load(file, { version: '1', dir });
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = '--max-old-space-size=4096';
  try {
    const other = load(file, { version: '1', dir });
    assert.notEqual(other.cacheFile, plain.cacheFile);
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  assert.equal(load(file, { version: '1', dir }).cache, 'hit', 'the first one was not overwritten');
});

test('no cache folder, or one that cannot be written, still loads', () => {
  const { file } = fixture();
  assert.equal(load(file, { version: '1', dir: null }).cache, 'off');
  const notADir = join(mkdtempSync(join(tmpdir(), 'tf-code-cache-')), 'file');
  writeFileSync(notADir, '');
  // A cache root that is a file: no folder can be made in it.
  assert.equal(codeCacheDir('1', notADir), undefined);
  const missing = join(notADir, 'below');
  const loaded = load(file, { version: '1', dir: missing });
  assert.equal(loaded.cache, 'off');
  assert.equal((loaded.exports as { answer: number }).answer, 42);
  const readOnly = fixture();
  chmodSync(readOnly.dir, 0o500);
  try {
    assert.equal((load(readOnly.file, { version: '1', dir: readOnly.dir }).exports as { answer: number }).answer, 42);
  } finally {
    chmodSync(readOnly.dir, 0o700);
  }
});

test('the cache folder is private: created 0700, refused when others may write to it', () => {
  const root = mkdtempSync(join(tmpdir(), 'tf-code-cache-root-'));
  const dir = codeCacheDir('2.0.0', root);
  assert.ok(dir);
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  assert.equal(statSync(join(root, 'twelve-factor')).mode & 0o777, 0o700);
  const { file } = fixture();
  load(file, { version: '2.0.0', dir });
  assert.equal(load(file, { version: '2.0.0', dir }).cache, 'hit');
  chmodSync(dir, 0o777);
  assert.equal(isPrivateDir(dir), false);
  // The same valid cache, in a folder others could have written it to, is not read.
  assert.equal(load(file, { version: '2.0.0', dir }).cache, 'off');
  assert.equal(codeCacheDir('2.0.0', root), undefined);
  chmodSync(dir, 0o700);
  chmodSync(join(root, 'twelve-factor'), 0o777);
  assert.equal(codeCacheDir('2.0.0', root), undefined, 'a parent others may write to is refused too');
  // Not a version that could leave the folder.
  assert.equal(codeCacheDir('../x', root), undefined);
});

test('the cache root follows XDG_CACHE_HOME, else the platform convention', () => {
  assert.equal(userCacheRoot({ XDG_CACHE_HOME: '/x/cache' }, 'linux'), '/x/cache');
  assert.match(userCacheRoot({ XDG_CACHE_HOME: 'relative' }, 'linux') ?? '', /[\\/]\.cache$/);
  assert.match(userCacheRoot({}, 'darwin') ?? '', /Library[\\/]Caches$/);
  assert.equal(userCacheRoot({}, 'win32'), undefined, 'no LOCALAPPDATA, no cache');
});

test('the built CLI: its caches are written, taken, and when corrupt or unwritable change nothing', () => {
  const cli = join(__dirname, '..', 'dist', 'cli.js');
  const project = mkdtempSync(join(tmpdir(), 'tf-code-cache-project-'));
  writeFileSync(join(project, 'app.ts'), 'const app = { listen(p: number) { return p; } };\napp.listen(3000);\n');
  writeFileSync(join(project, 'app.py'), 'import logging\nlogging.FileHandler("app.log")\n');
  const cacheHome = mkdtempSync(join(tmpdir(), 'tf-code-cache-home-'));
  const run = (home: string) => {
    const r = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, XDG_CACHE_HOME: home, TWELVE_FACTOR_CODE_CACHE: '' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] };
    return out.findings.map((f) => `${f.file} ${f.rule}`).sort();
  };
  const dir = join(
    cacheHome,
    'twelve-factor',
    JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version,
  );
  // `--version` compiles next to nothing: its cache would stand for every check after it.
  const version = spawnSync(process.execPath, [cli, '--version'], {
    env: { ...process.env, XDG_CACHE_HOME: cacheHome, TWELVE_FACTOR_CODE_CACHE: '' },
  });
  assert.equal(version.status, 0);
  assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
  const expected = run(cacheHome);
  assert.deepEqual(expected, ['app.py file-logging', 'app.ts hardcoded-port']);
  const caches = () => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
  // The launcher's bundle and the TypeScript front-end it loaded.
  assert.deepEqual(
    caches()
      .map((f) => f.replace(/-\w+\.v8cache$/, ''))
      .sort(),
    ['cli.bundle.js', 'jsparser.js'],
  );
  assert.deepEqual(run(cacheHome), expected);
  for (const f of caches()) writeFileSync(join(dir, f), readFileSync(join(dir, f)).subarray(0, 200));
  assert.deepEqual(run(cacheHome), expected);
  for (const f of caches()) assert.ok(statSync(join(dir, f)).size > 200, `${f} rewritten`);
  const file = join(cacheHome, 'a-file');
  writeFileSync(file, '');
  assert.deepEqual(run(file), expected);
});

test('the built bundles are ASCII: they are read as latin1, ~60 times faster than UTF-8 for 10 MB', () => {
  const dist = join(__dirname, '..', 'dist');
  const bundles = readdirSync(dist).filter((f) => f.endsWith('.js'));
  assert.ok(bundles.includes('jsparser.js') && bundles.includes('cli.bundle.js'), bundles.join(', '));
  // esbuild escapes non-ASCII in strings; what it keeps is in comments and regular expression literals.
  const offenders = bundles.filter((f) => !isAscii(readFileSync(join(dist, f))));
  assert.deepEqual(offenders, [], 'write \\uXXXX in regular expressions, plain ASCII in comments');
});
