/**
 * Loads one of our CommonJS bundles (dist/jsparser.js, ~10 MB of TypeScript,
 * and the bundles the launchers start) with a V8 code cache, as `require`
 * would, minus most of the compile. Node 20 has no module.enableCompileCache,
 * so this is vm.Script with `cachedData`: the first run compiles as usual and
 * writes what V8 compiled by then (functions compiled lazily while it ran
 * included) to the user's cache folder (lib/codeCacheDir.ts); later runs hand
 * it back to V8.
 *
 * The cache file names what it was made from (tool version, Node version, the
 * bundle's bytes) and a checksum of its payload: V8 itself checks little more
 * than the source's length, so a cache of another build, a corrupt or a
 * foreign one is detected here, ignored, and rewritten. Any problem with the
 * cache falls back to a plain load; only errors of the bundle itself propagate.
 *
 * The bundle's bytes are read as latin1 when they are ASCII (esbuild escapes
 * non-ASCII in code): Node's UTF-8 read of 10 MB costs ~60-100 ms, latin1 ~1.
 */
import { isAscii } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheDir, codeCacheDisabled, isPrivateDir } from './codeCacheDir';

/** What happened to the cache of one load. */
export type CodeCacheUse =
  /** V8 took the cache. */
  | 'hit'
  /** No usable cache (none, another build's, corrupt, rejected by V8): compiled, a new one is written. */
  | 'miss'
  /** No cache folder (turned off, no home, not private): compiled, nothing written. */
  | 'off';

export interface LoadOptions {
  /** The tool's version: part of the cache folder and of every cache's identity. */
  version: string;
  /** The cache folder; default the user's (codeCacheDir). `null`: no cache. */
  dir?: string | null;
}

export interface Loaded {
  exports: unknown;
  cache: CodeCacheUse;
  /** Where the cache of this bundle is (or would be) kept. */
  cacheFile?: string;
}

const MAGIC = Buffer.from('TFCC\x01');
const HEADER = MAGIC.length + 32 + 32;

/**
 * Caches still to write: at exit, or a few seconds after the load, whichever comes first. Kept
 * on the global object: a launcher and the bundle it loads each hold a copy of this module, and
 * the bundle's `flushCodeCaches` must write the launcher's pending cache too.
 */
const PENDING = Symbol.for('twelve-factor.codeCache.pending');
const pending: Set<() => void> = ((globalThis as Record<symbol, Set<() => void> | undefined>)[PENDING] ??= new Set());
const WRITE_AFTER_MS = 4000;

interface ModuleInternals {
  _nodeModulePaths(dir: string): string[];
  wrap(source: string): string;
}

export function loadBundle(file: string, options: LoadOptions): unknown {
  return loadBundleWithCache(file, options).exports;
}

export function loadBundleWithCache(file: string, options: LoadOptions): Loaded {
  // Loaded before (by this loader or a plain require): the same module, as require would give.
  const known = require.cache[file];
  if (known?.loaded) return { exports: known.exports, cache: 'off' };
  let compiled: Compiled;
  try {
    compiled = compile(file, options);
  } catch {
    // The cache machinery failed (vm, the file system): load the way Node would.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { exports: require(file), cache: 'off' };
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(dirname(file));
  require.cache[file] = mod;
  // Scheduled before the bundle runs: what it runs at load (the CLI's `--version`) may discard it.
  const write = compiled.write && schedule(compiled.write);
  try {
    const wrapper = compiled.script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, createRequire(file), mod, file, dirname(file));
  } catch (error) {
    delete require.cache[file];
    if (write) pending.delete(write);
    throw error;
  }
  mod.loaded = true;
  return { exports: mod.exports, cache: compiled.use, cacheFile: compiled.cacheFile };
}

/** Writes every cache still pending now (also what happens at exit). */
export function flushCodeCaches(): void {
  for (const write of [...pending]) write();
}

/**
 * Writes none of the caches still pending: for a run too short to be worth one (`--version`),
 * which compiled little beyond the top level and whose cache, once taken, would stand for the
 * longer runs after it.
 */
export function discardCodeCaches(): void {
  pending.clear();
}

interface Compiled {
  script: Script;
  use: CodeCacheUse;
  cacheFile?: string;
  write?: () => void;
}

function compile(file: string, options: LoadOptions): Compiled {
  const bytes = readFileSync(file);
  // A leading `#!` line is not valid inside the module wrapper; `//` keeps offsets and lines.
  let source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const wrapped = (Module as unknown as ModuleInternals).wrap(source);
  const dir = options.dir === null || codeCacheDisabled() ? undefined : (options.dir ?? codeCacheDir(options.version));
  if (!dir || !isPrivateDir(dir)) return { script: new Script(wrapped, { filename: file }), use: 'off' };
  // One cache per installed copy and per set of Node options (V8 rejects a cache made under other
  // flags): the extension's and the CLI's copy, or runs with and without NODE_OPTIONS, do not take
  // turns overwriting one file.
  const where = createHash('sha256')
    .update(`${file}\0${process.execArgv.join('\0')}\0${process.env.NODE_OPTIONS ?? ''}`)
    .digest('hex')
    .slice(0, 12);
  const cacheFile = join(dir, `${basename(file)}-${where}.v8cache`);
  const identity = createHash('sha256')
    .update(`${options.version}\0${process.version}\0${process.arch}\0`)
    .update(bytes)
    .digest();
  const cachedData = readCache(cacheFile, identity);
  const script = new Script(wrapped, { filename: file, cachedData });
  if (cachedData && !script.cachedDataRejected) return { script, use: 'hit', cacheFile };
  const write = () => writeCache(cacheFile, identity, script);
  return { script, use: 'miss', cacheFile, write };
}

/** The payload of a cache made from `identity`, or undefined (missing, foreign, corrupt). */
function readCache(cacheFile: string, identity: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!data.subarray(MAGIC.length, MAGIC.length + 32).equals(identity)) return undefined;
  const payload = data.subarray(HEADER);
  const sum = createHash('sha256').update(payload).digest();
  return sum.equals(data.subarray(MAGIC.length + 32, HEADER)) ? payload : undefined;
}

function writeCache(cacheFile: string, identity: Buffer, script: Script): void {
  const temp = `${cacheFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const payload = script.createCachedData();
    const sum = createHash('sha256').update(payload).digest();
    writeFileSync(temp, Buffer.concat([MAGIC, identity, sum, payload]), { mode: 0o600, flag: 'wx' });
    // Readers see the old file or the whole new one, never half of it.
    renameSync(temp, cacheFile);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written.
    }
  }
}

let exitHook = false;

/** Registers `write` to run once, later; returns what was registered. */
function schedule(write: () => void): () => void {
  const once = () => {
    if (!pending.delete(once)) return;
    write();
  };
  pending.add(once);
  // Written after the first work (more of the bundle compiled by then), or at exit for a short run.
  setTimeout(once, WRITE_AFTER_MS).unref();
  // One exit hook per copy of this module; each writes what is pending for all of them.
  if (!exitHook) {
    exitHook = true;
    process.once('exit', flushCodeCaches);
  }
  return once;
}
