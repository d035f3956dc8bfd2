/**
 * The CLI's result cache (`check --cache`), as ruff's and eslint's: per file,
 * the findings of its last analysis keyed by a hash of its bytes and of
 * everything else the analysis read (tool build, options, project facts), in
 * `.twelve-factor-cache/` under the project root.
 *
 * The folder is part of the scanned repository, so a repository could commit
 * a cache that maps its files to "no findings". Entries are therefore
 * authenticated with a key that lives outside the repository (the user's cache
 * folder, or `TWELVE_FACTOR_CACHE_KEY`): a cache this machine did not write is
 * ignored. A folder that is a link, or a cache file that is not a regular
 * file, is refused; writes go to a fresh temporary file renamed into place, so
 * they never follow a link planted in the folder.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileResult, ProjectFacts } from '../ir/types';
import type { AnalyzeFileTask } from './analyzeFile';
import { decodeEntries, encodeEntries, type CacheEntry } from './cacheFormat';
import { readProjectFile } from './readFile';
import { userCacheRoot } from '../lib/codeCacheDir';

/** Set by esbuild to a hash of the sources the bundle was built from; absent when run from source. */
declare const __TWELVE_FACTOR_BUILD__: string | undefined;

const FORMAT = 2;
/** Past this the cache is ignored rather than parsed (859 Django files take ~400 kB). */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
export const CACHE_DIR_NAME = '.twelve-factor-cache';

/** A file's cache key, how it was salted, and the stat stamp it was computed at. */
export interface FileKey {
  key: string;
  salt: string;
  /** Size, modification and change times, inode: unchanged, the bytes need not be read again. */
  stamp?: string;
}

type Entry = CacheEntry;

export interface CacheOptions {
  /** The cache folder. */
  dir: string;
  /** The tool's version; with the build hash it names the cache file. */
  version: string;
  /** Where a refused cache is explained (one line each); the run goes on uncached. */
  note: (message: string) => void;
  /** The authentication key; default TWELVE_FACTOR_CACHE_KEY or the user's key file. */
  secret?: string;
}

export class ResultCache {
  private loaded?: Map<string, Entry>;
  private changed = false;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly secret: string,
    private readonly exists: boolean,
  ) {}

  /**
   * Reads the cache file now rather than at first use: a scan calls it while
   * git lists the files, so the two overlap.
   */
  preload(): void {
    this.loaded ??= this.exists ? load(this.file, this.secret) : new Map();
  }

  private get entries(): Map<string, Entry> {
    this.preload();
    return this.loaded as Map<string, Entry>;
  }

  /** Opens the cache; undefined (with a note) when it cannot be used safely. */
  static open(options: CacheOptions): ResultCache | undefined {
    const secret = options.secret ?? cacheSecret(options.note);
    if (secret === undefined) return undefined;
    const kind = pathKind(options.dir);
    if (kind !== 'missing' && kind !== 'dir') {
      options.note(`cache not used: ${options.dir} is ${kind === 'link' ? 'a symbolic link' : 'not a folder'}`);
      return undefined;
    }
    const build = typeof __TWELVE_FACTOR_BUILD__ === 'string' ? __TWELVE_FACTOR_BUILD__ : 'source';
    const name = `results-${sha256(`${FORMAT}\0${options.version}\0${build}`).slice(0, 16)}.json`;
    const file = join(options.dir, name);
    return new ResultCache(options.dir, file, secret, kind === 'dir');
  }

  /**
   * The key of a file whose stat stamp and salt match its entry (the bytes
   * are not read again, as with ruff's and eslint's metadata check); else its
   * key from its bytes, read now. Undefined when it cannot be read.
   */
  keyOf(projectPath: string, abs: string, salt: string, maxBytes: number): FileKey | undefined {
    const stamp = stampOf(abs);
    const entry = this.entries.get(projectPath);
    if (stamp !== undefined && entry?.stamp === stamp && entry.salt === salt) return { key: entry.key, salt, stamp };
    const read = readProjectFile(abs, { maxBytes });
    return read.ok ? { key: contentKey(read.bytes, salt), salt, stamp } : undefined;
  }

  /**
   * The result cached for this file and key, if any. One cached with signals
   * answers a run without them too (text after JSON); one without does not
   * answer a run that needs them.
   */
  get(projectPath: string, key: string, signals: boolean): FileResult | undefined {
    const entry = this.entries.get(projectPath);
    if (entry?.key !== key || (signals && !entry.signals)) return undefined;
    if (signals || !entry.signals) return entry.result;
    const { signals: _unused, ...result } = entry.result;
    return result;
  }

  /** Remembers a fresh result; results that may differ on a re-run (skips, rule errors) are not kept. */
  set(projectPath: string, { key, salt, stamp }: FileKey, result: FileResult, signals: boolean): void {
    // A text run's result does not replace one that also holds the signals a JSON run needs.
    const old = this.entries.get(projectPath);
    if (old?.key === key && old.signals && !signals) return;
    if (result.skipped !== undefined || (result.errors?.length ?? 0) > 0) {
      if (this.entries.delete(projectPath)) this.changed = true;
      return;
    }
    this.entries.set(projectPath, { key, salt, stamp, signals, result });
    this.changed = true;
  }

  /** Writes the cache when it changed; a failure is a note, never an error of the run. */
  save(note: (message: string) => void): void {
    if (!this.changed) return;
    try {
      if (pathKind(this.dir) === 'missing') {
        mkdirSync(this.dir, { recursive: true });
        // Never committed, whatever the repository's .gitignore says.
        writeFileSync(join(this.dir, '.gitignore'), '# written by twelve-factor --cache\n*\n', { flag: 'wx' });
      }
      if (pathKind(this.dir) !== 'dir') throw new Error(`${this.dir} is not a folder`);
      const body = encodeEntries(this.entries);
      const header = JSON.stringify({ format: FORMAT, mac: mac(this.secret, body) });
      const temp = join(this.dir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      // 'wx' refuses an existing path (a planted link included); rename replaces the name, not a link's target.
      writeFileSync(temp, `${header}\n${body}\n`, { flag: 'wx', mode: 0o600 });
      renameSync(temp, this.file);
      this.changed = false;
      removeOtherBuilds(this.dir, this.file);
    } catch (error) {
      note(`cache not written: ${(error as Error).message}`);
    }
  }
}

/**
 * What a file's result depends on besides its bytes and its path (entries
 * are looked up by path, which the fingerprints are keyed by): its kind, the
 * options of its analysis and the project's declared facts (hashed once per
 * distinct options).
 */
export function taskSalt(task: AnalyzeFileTask): string {
  return `${task.language}:${optionsKey(task.options)}`;
}

const projectKeys = new WeakMap<ProjectFacts, string>();
const optionsKeys = new WeakMap<AnalyzeFileTask['options'], string>();

/** The options of a scan's tasks are shared objects (scan.ts): each is hashed once. */
function optionsKey(taskOptions: AnalyzeFileTask['options']): string {
  let key = optionsKeys.get(taskOptions);
  if (key === undefined) {
    // Signals are asked per run, not per file: get() tells whether an entry holds them.
    const { project, signals: _signals, ...options } = taskOptions;
    key = sha256(JSON.stringify([options, project && projectKey(project)], sets));
    optionsKeys.set(taskOptions, key);
  }
  return key;
}

/** The cache key of a file: its bytes under the salt of its task. */
function contentKey(bytes: Buffer, salt: string): string {
  return createHash('sha256').update(salt).update('\0').update(bytes).digest('hex');
}

/** One project's facts are the same object for every file of a scan: hashed once. */
function projectKey(project: ProjectFacts): string {
  let key = projectKeys.get(project);
  if (key === undefined) {
    key = sha256(JSON.stringify([[...project.declaredTools].sort(), [...(project.toolingDirs ?? [])].sort()]));
    projectKeys.set(project, key);
  }
  return key;
}

function sets(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...(value as Set<unknown>)].map(String).sort() : value;
}

function load(file: string, secret: string): Map<string, Entry> {
  const read = readProjectFile(file, { maxBytes: MAX_CACHE_BYTES, noLink: true });
  if (!read.ok) return new Map();
  const bytes = read.bytes;
  const nl = bytes.indexOf(10);
  // The body without its final line break; authenticated as bytes, parsed only once it is ours.
  const end = bytes.length > nl + 1 && bytes[bytes.length - 1] === 10 ? bytes.length - 1 : bytes.length;
  try {
    if (nl < 0) return new Map();
    const header = JSON.parse(bytes.toString('utf8', 0, nl)) as { format?: unknown; mac?: unknown };
    const body = bytes.subarray(nl + 1, end);
    if (header.format !== FORMAT || typeof header.mac !== 'string' || !sameMac(header.mac, mac(secret, body))) {
      return new Map();
    }
    return decodeEntries(body.toString('utf8'));
  } catch {
    // A torn or foreign file: start cold, it is rewritten at the end of the run.
    return new Map();
  }
}

/** Older builds' cache files go once this build has written its own. */
function removeOtherBuilds(dir: string, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path !== keep && /^results-[0-9a-f]{16}\.json$/.test(name)) rmSync(path, { force: true });
  }
}

/** The key that authenticates entries: TWELVE_FACTOR_CACHE_KEY, or one made once per user. */
function cacheSecret(note: (message: string) => void): string | undefined {
  const fromEnv = process.env.TWELVE_FACTOR_CACHE_KEY;
  if (fromEnv) return fromEnv;
  // The same per-user folder as the code caches of the bundles.
  const base = userCacheRoot();
  if (base === undefined) {
    note('cache not used: no user cache folder to keep its key in (no home folder)');
    return undefined;
  }
  const dir = join(base, 'twelve-factor');
  const file = join(dir, 'cache-key');
  const read = readProjectFile(file, { maxBytes: 1024, noLink: true });
  if (read.ok && read.bytes.length >= 32) return read.bytes.toString('utf8').trim();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    // Another run may have just written it.
    const again = readProjectFile(file, { maxBytes: 1024, noLink: true });
    if (again.ok && again.bytes.length >= 32) return again.bytes.toString('utf8').trim();
    note(`cache not used: cannot keep its key in ${file}: ${(error as Error).message}`);
    return undefined;
  }
}

function stampOf(abs: string): string | undefined {
  try {
    const st = statSync(abs, { bigint: true });
    return st.isFile() ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : undefined;
  } catch {
    return undefined;
  }
}

function pathKind(path: string): 'missing' | 'dir' | 'link' | 'other' {
  try {
    const st = lstatSync(path);
    return st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function mac(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function sameMac(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
