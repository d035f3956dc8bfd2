/**
 * Walks the paths given to a scan and yields the files worth reading: source
 * files the engine analyses and the project files (manifests, .env, Docker,
 * Procfile) that factor checks read. Inside a git repository it walks what
 * git tracks plus untracked files git does not ignore; elsewhere it honours
 * .gitignore (visibility.ts). The config's `exclude` always applies. It
 * skips dependency, virtualenv and VCS folders; build output (`dist/`,
 * `build/`, `out/`) only where git tracks none of it: committed build output
 * ships what it holds, so the files git tracks there are yielded, marked
 * `compiled` (untracked or ignored build output stays skipped). It never
 * follows a symbolic link out of the walked root, and never throws below a
 * root: what cannot be read is yielded as skipped, with the reason.
 */
import { existsSync, readdirSync, type Dirent } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { inputKindOf } from '../frontends';
import type { InputKind } from '../ir/types';
import { describeError } from './fsErrors';
import { BUILD_OUTPUT_DIRS } from '../lib/buildOutput';
import { compileGlobs, relPosix, type PathMatcher } from '../lib/globs';
import { projectFileKind, type ProjectFileKind } from '../lib/projectFiles';
import { visibilityAt, type Visibility } from './visibility';

export type { ProjectFileKind } from '../lib/projectFiles';
export { projectFileKind } from '../lib/projectFiles';
export { describeError } from './fsErrors';

/** Folders that never hold the project's own code (caches and reports of tools included). */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  'site-packages',
  '__pycache__',
  '.next',
  '.nuxt',
  'coverage',
  '.turbo',
  '.cache',
]);

export interface WalkOptions {
  /** Reported paths are relative to this directory. */
  cwd: string;
  /** The directory `exclude` globs are relative to (default `cwd`). */
  base?: string;
  exclude?: readonly string[];
  /** Which files to yield (default `source`). */
  select?: 'source' | 'project' | 'all';
  signal?: AbortSignal;
  /**
   * Called with each walked root directory and the files git tracks under it
   * (relative to it, `/` separators; undefined when git cannot tell), from
   * the listing the walk asks git for anyway.
   */
  onRoot?: (abs: string, tracked: readonly string[] | undefined) => void;
  /** Runs once, while git lists the first root's files (or before its walk when git is not asked). */
  whileListing?: () => void;
}

export interface WalkFile {
  kind: 'file';
  /** Absolute path as reached from the root (not the symlink target). */
  path: string;
  /** Relative to `cwd`, `/` separators. */
  relPath: string;
  /** The language or document kind the engine reads the file as. */
  language?: InputKind;
  project?: ProjectFileKind;
  /**
   * Set on project files that .gitignore excludes (a git-ignored `.env` is
   * still reported: checks need to know it exists). Source files that are
   * ignored are never yielded.
   */
  gitignored?: true;
  /**
   * Build output git tracks (a file under `dist/`, `build/`, `out/`): what
   * it holds was compiled from a source file, and ships as committed.
   */
  compiled?: true;
}

export interface WalkSkip {
  kind: 'skipped';
  path: string;
  relPath: string;
  reason: string;
}

export type WalkItem = WalkFile | WalkSkip;

/** A path given to the walk that does not exist or cannot be read. */
export class WalkRootError extends Error {}

export async function* walk(paths: readonly string[], options: WalkOptions): AsyncGenerator<WalkItem> {
  const ctx: Context = {
    options,
    base: options.base ?? options.cwd,
    excluded: compileGlobs(options.exclude ?? []),
    seenDirs: new Set(),
    seenFiles: new Set(),
    root: '',
    dirsRead: 0,
    whileListing: options.whileListing,
  };
  const roots = await Promise.all(paths.map((p) => resolveRoot(p, resolve(options.cwd, p))));
  for (const { abs, real, isDir } of roots) {
    if (options.signal?.aborted) return;
    ctx.root = real;
    if (isDir) {
      if (ctx.seenDirs.has(real)) continue;
      ctx.seenDirs.add(real);
      const visibility = await visibilityAt(abs, real, options.signal, ctx.whileListing);
      ctx.whileListing = undefined;
      options.onRoot?.(abs, visibility.trackedFiles());
      yield* walkDir(abs, real, visibility, ctx);
    } else {
      // A file named explicitly is read even when .gitignore or the built-in
      // skips would hide it; only the config's `exclude` still applies.
      if (isExcluded(ctx, abs)) continue;
      const item = fileItem(abs, ctx, false);
      if (item && !ctx.seenFiles.has(real)) {
        ctx.seenFiles.add(real);
        yield item;
      }
    }
  }
}

/** Every project file under `root` (for factor checks), in walk order. */
export async function listProjectFiles(root: string, options: Omit<WalkOptions, 'select'>): Promise<WalkFile[]> {
  const files: WalkFile[] = [];
  for await (const item of walk([root], { ...options, select: 'project' })) {
    if (item.kind === 'file') files.push(item);
  }
  return files;
}

interface Context {
  options: WalkOptions;
  base: string;
  excluded: PathMatcher;
  /** Real paths of directories entered: symlink loops end here. */
  seenDirs: Set<string>;
  /** Real paths of files yielded: a file reached twice is read once. */
  seenFiles: Set<string>;
  /** Real path of the current root; links resolving outside it are not followed. */
  root: string;
  /** Directories read so far. */
  dirsRead: number;
  /** The caller's work to do while git lists the files, until done. */
  whileListing?: () => void;
}

/** How many directories are read between two turns of the event loop. */
const YIELD_EVERY_DIRS = 16;

async function resolveRoot(given: string, abs: string): Promise<{ abs: string; real: string; isDir: boolean }> {
  try {
    const real = await realpath(abs);
    const st = await stat(real);
    if (!st.isDirectory() && !st.isFile()) throw new WalkRootError(`${given}: not a file or directory`);
    return { abs, real, isDir: st.isDirectory() };
  } catch (error) {
    if (error instanceof WalkRootError) throw error;
    throw new WalkRootError(`${given}: ${describeError(error)}`);
  }
}

async function* walkDir(
  dir: string,
  realDir: string,
  parent: Visibility,
  ctx: Context,
  compiled = false,
): AsyncGenerator<WalkItem> {
  if (ctx.options.signal?.aborted) return;
  // A directory is read synchronously (a thread-pool round trip per folder tripled the walk of a warm
  // cached run); the walk still yields to the event loop every few folders, so a server stays responsive.
  if (++ctx.dirsRead % YIELD_EVERY_DIRS === 0) await new Promise((resolve) => setImmediate(resolve));
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT';
    yield skip(dir, ctx, vanished ? 'vanished during the scan' : `cannot read directory: ${describeError(error)}`);
    return;
  }
  // Virtualenvs and conda environments under any name (`env`, `.env3`, ...), told by their own entries.
  if (realDir !== ctx.root && entries.some((e) => isEnvironmentMarker(dir, e))) return;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const visibility = await parent.inside(
    dir,
    realDir,
    entries.map((e) => e.name),
  );
  for (const entry of entries) {
    if (ctx.options.signal?.aborted) return;
    const abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await followLink(abs, ctx);
      if (target.kind === 'skip') {
        if (target.reason && (target.isDir || wanted(abs, ctx))) yield skip(abs, ctx, target.reason);
        continue;
      }
      isDir = target.isDir;
      isFile = !target.isDir;
    }
    const key = join(realDir, entry.name);
    if (isDir) {
      if (isSkippedDir(entry.name)) continue;
      if (visibility.hidesDir(abs, key) || isExcluded(ctx, abs)) continue;
      // Build output: only what git tracks in it, and only for analysis (a project file there is a copy).
      const intoBuild = compiled || BUILD_OUTPUT_DIRS.has(entry.name);
      if (intoBuild && (ctx.options.select === 'project' || !visibility.tracksBelow(key))) continue;
      const real = entry.isSymbolicLink() ? await realpathOrUndefined(abs) : key;
      if (real === undefined) {
        yield skip(abs, ctx, 'vanished during the scan');
        continue;
      }
      if (ctx.seenDirs.has(real)) continue;
      ctx.seenDirs.add(real);
      yield* walkDir(abs, real, visibility, ctx, intoBuild);
    } else if (isFile) {
      if (isExcluded(ctx, abs)) continue;
      if (compiled && !visibility.tracksFile(key)) continue;
      const item = compiled
        ? compiledItem(abs, ctx)
        : fileItem(abs, ctx, visibility.ignoresFile(abs, join(realDir, entry.name)));
      if (!item) continue;
      const real = entry.isSymbolicLink() ? await realpathOrUndefined(abs) : join(realDir, entry.name);
      if (real === undefined || ctx.seenFiles.has(real)) continue;
      ctx.seenFiles.add(real);
      yield item;
    }
    // Sockets, FIFOs and devices are never read: reading a FIFO would block.
  }
}

function fileItem(abs: string, ctx: Context, gitignored: boolean): WalkFile | undefined {
  const select = ctx.options.select ?? 'source';
  const language = select === 'project' ? undefined : inputKindOf(abs);
  const project = select === 'source' ? undefined : projectFileKind(basename(abs));
  if (!language && !project) return undefined;
  if (gitignored && !project) return undefined;
  const item: WalkFile = { kind: 'file', path: abs, relPath: relPosix(ctx.options.cwd, abs) };
  if (language && !gitignored) item.language = language;
  if (project) item.project = project;
  if (gitignored) item.gitignored = true;
  return item;
}

/** A tracked file of build output: yielded only when the engine reads its kind. */
function compiledItem(abs: string, ctx: Context): WalkFile | undefined {
  const language = inputKindOf(abs);
  if (!language) return undefined;
  return { kind: 'file', path: abs, relPath: relPosix(ctx.options.cwd, abs), language, compiled: true };
}

function wanted(abs: string, ctx: Context): boolean {
  const select = ctx.options.select ?? 'source';
  const name = basename(abs);
  return (select !== 'project' && inputKindOf(name) !== undefined) || (select !== 'source' && !!projectFileKind(name));
}

type LinkTarget = { kind: 'follow'; isDir: boolean } | { kind: 'skip'; isDir: boolean; reason?: string };

async function followLink(abs: string, ctx: Context): Promise<LinkTarget> {
  let real: string;
  let isDir: boolean;
  try {
    real = await realpath(abs);
    const st = await stat(real);
    isDir = st.isDirectory();
    if (!isDir && !st.isFile()) return { kind: 'skip', isDir: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a link that points at itself or a cycle of links.
    const reason = code === 'ENOENT' ? 'broken symbolic link' : `symbolic link: ${describeError(error)}`;
    return { kind: 'skip', isDir: false, reason };
  }
  if (real !== ctx.root && !real.startsWith(ctx.root.endsWith(sep) ? ctx.root : ctx.root + sep)) {
    return { kind: 'skip', isDir, reason: 'symbolic link to outside the scanned folder' };
  }
  return { kind: 'follow', isDir };
}

function isSkippedDir(name: string): boolean {
  return SKIPPED_DIRS.has(name);
}

/** `pyvenv.cfg` or `conda-meta` that exists (a link to nothing does not count). */
function isEnvironmentMarker(dir: string, entry: Dirent): boolean {
  if (entry.name !== 'pyvenv.cfg' && entry.name !== 'conda-meta') return false;
  return !entry.isSymbolicLink() || existsSync(join(dir, entry.name));
}

function isExcluded(ctx: Context, abs: string): boolean {
  const rel = relPosix(ctx.base, abs);
  // Outside the base the globs cannot be meant for this path.
  if (rel.startsWith('../') || rel === '..') return false;
  return ctx.excluded(rel);
}

async function realpathOrUndefined(abs: string): Promise<string | undefined> {
  try {
    return await realpath(abs);
  } catch {
    return undefined;
  }
}

function skip(abs: string, ctx: Context, reason: string): WalkSkip {
  return { kind: 'skipped', path: abs, relPath: relPosix(ctx.options.cwd, abs), reason };
}
