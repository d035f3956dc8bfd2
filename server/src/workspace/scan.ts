/**
 * Scans a workspace: walks the paths, reads each source file and runs the
 * engine on it. Only per-file results are kept, never file texts, so memory
 * grows with the number of findings rather than the size of the tree.
 *
 * This is the one entry point for whole-workspace analysis (CLI, compliance
 * outline); parallelism lives inside it (pool.ts).
 */
import { dirname, resolve } from 'node:path';
import { compilePythonWasm, initParsers } from '../engine/engine';
import type { FileResult, InputKind, ProjectFacts } from '../ir/types';
import { analyzeFile, maxBytesOf, type AnalyzeFileTask } from './analyzeFile';
import { taskSalt, type FileKey, type ResultCache } from './cache';
import { analyzeOptionsFor, type ProjectConfig } from './config';
import { compileGlobs, relPosix } from '../lib/globs';
import { AnalysisPool, poolSize, workerScript } from './pool';
import { envMappedKeys, isConfigJsonOrYaml } from './nodeConfig';
import { gatherProjectFacts } from './projectFacts';
import { asProjectFile, isSourceSkip, ProjectListing } from './listing';
import { walk, type WalkFile } from './walker';

export interface ScanProgress {
  /** Files analysed or skipped so far. */
  done: number;
  /** Files found by the walk. */
  total: number;
}

export interface ScanOptions {
  /** Files or directories, relative to `cwd` or absolute. */
  paths: readonly string[];
  cwd: string;
  config: ProjectConfig;
  /**
   * The project root: `exclude`/`testFiles` globs and the paths the engine
   * sees (hence fingerprints) are relative to it. Default `cwd`.
   */
  root?: string;
  onProgress?: (progress: ScanProgress) => void;
  signal?: AbortSignal;
  /** Also compute each file's workspace signals (the compliance outline needs them). */
  signals?: boolean;
  /** What the project declares; gathered from the project files under `root` when not given. */
  project?: ProjectFacts;
  /** Results of unchanged files come from here, fresh ones go to it (the caller saves it). */
  cache?: ResultCache;
  /**
   * Filled with the project files under `root` when the walk covers all of
   * it, for the caller's own gathering (`gatherProject`); the scan's project
   * facts read it either way.
   */
  listing?: ProjectListing;
}

export interface SkippedFile {
  /** Relative to `cwd`, `/` separators. */
  file: string;
  reason: string;
}

export interface ScanResult {
  /** Analysed files by path relative to `cwd` (`/` separators), in walk order. */
  files: Map<string, FileResult>;
  stats: { files: number; skipped: number; durationMs: number };
  skippedFiles: SkippedFile[];
}

/**
 * Throws WalkRootError when a given path does not exist; every problem below
 * the given paths is reported in `skippedFiles` instead.
 */
export async function scanWorkspace(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const root = options.root ?? options.cwd;
  const { config, signal } = options;
  // One walk finds the source files and, when it covers the root, the project files as well.
  const listing = options.listing ?? new ProjectListing(root, config.exclude);
  const covers =
    listing.serves(root, config.exclude) &&
    options.paths.length === 1 &&
    resolve(options.cwd, options.paths[0]) === resolve(root);
  const projectFiles: WalkFile[] = [];
  // Read as soon as the walk has listed them: every file's analysis needs it.
  const projectFacts = options.project ?? gatherProjectFacts(root, { exclude: config.exclude, signal, listing });
  const skippedFiles: SkippedFile[] = [];
  const targets: (WalkFile & { language: InputKind })[] = [];
  // Python files go to worker threads, JS/TS files run here meanwhile (see pool.ts).
  const script = workerScript();
  let pool: AnalysisPool | undefined;
  const poolFor = (pythonFiles: number): void => {
    const size = script ? poolSize(pythonFiles) : 0;
    if (script && size > (pool?.size ?? 0)) {
      pool ??= new AnalysisPool(script);
      pool.grow(size);
    }
  };
  const { cache } = options;
  let pythonFiles = 0;
  try {
    const select = covers ? 'all' : 'source';
    for await (const item of walk(options.paths, {
      cwd: options.cwd,
      base: root,
      exclude: config.exclude,
      signal,
      select,
      onRoot: covers ? (_abs, tracked) => listing.supplyTracked(tracked) : undefined,
      whileListing: cache && (() => cache.preload()),
    })) {
      if (item.kind === 'skipped') {
        if (isSourceSkip(item)) skippedFiles.push({ file: item.relPath, reason: item.reason });
        continue;
      }
      const project = covers ? asProjectFile(item, relPosix(root, item.path)) : undefined;
      if (project) projectFiles.push(project);
      if (item.language) {
        targets.push({ ...item, language: item.language });
        if (inWorkers(item.language)) {
          // The wasm compiles in the background while the walk goes on (a failure shows when it is used),
          // and workers start loading; with a cache, both wait until the misses are known.
          if (pythonFiles === 0 && !cache) compilePythonWasm().catch(() => undefined);
          if (!cache) poolFor(pythonFiles + 1);
          pythonFiles++;
        }
      }
    }
    listing.supply(covers && !signal?.aborted ? projectFiles : undefined);
    const isTestFile = compileGlobs(config.testFiles);
    const project = await projectFacts;
    // Only asked when there is a `.env` to judge: whether git tracks it decides whether its values are findings.
    const listed = targets.some((t) => t.language === 'dotenv') ? await listing.trackedEnvFiles(signal) : undefined;
    const trackedEnv = listed && new Set(listed);
    // node-config's variable mapping, read once per folder that holds config files.
    const mappings = new Map<string, string[] | undefined>();
    const mappedIn = (abs: string): string[] | undefined => {
      const dir = dirname(abs);
      if (!mappings.has(dir)) mappings.set(dir, envMappedKeys(abs));
      return mappings.get(dir);
    };
    const total = targets.length + skippedFiles.length;
    let done = skippedFiles.length;
    const results: (FileResult | undefined)[] = new Array(targets.length);
    // Files with the same options share one object: the cache hashes it once (taskSalt).
    const optionSets = new Map<string, AnalyzeFileTask['options']>();
    const optionsOf = (per: {
      isTest: boolean;
      tracked?: boolean;
      compiled?: boolean;
      envMapped?: string[];
    }): AnalyzeFileTask['options'] => {
      const { isTest, tracked, compiled, envMapped } = per;
      const id = JSON.stringify([isTest, tracked, compiled, envMapped]);
      let set = optionSets.get(id);
      if (!set) {
        set = { ...analyzeOptionsFor(config, isTest), signals: options.signals, project, tracked, compiled, envMapped };
        optionSets.set(id, set);
      }
      return set;
    };
    const taskOf = (target: (typeof targets)[number]): AnalyzeFileTask => {
      const projectPath = relPosix(root, target.path);
      const tracked = target.language === 'dotenv' ? trackedEnv?.has(projectPath) : undefined;
      return {
        abs: target.path,
        projectPath,
        language: target.language,
        options: optionsOf({
          isTest: isTestFile(projectPath),
          tracked,
          compiled: target.compiled,
          envMapped: isConfigJsonOrYaml(target.language) ? mappedIn(target.path) : undefined,
        }),
      };
    };
    const finished = (i: number, result: FileResult): void => {
      results[i] = result;
      options.onProgress?.({ done: ++done, total });
    };
    const tasks = targets.map(taskOf);
    const keys = cache
      ? tasks.map((task) => cache.keyOf(task.projectPath, task.abs, taskSalt(task), maxBytesOf(task)))
      : [];
    const todo = cache ? lookUp(cache, tasks, keys, options.signals === true, finished) : tasks.map((_, i) => i);
    const analysed = (i: number, result: FileResult): void => {
      const key = keys[i];
      if (cache && key !== undefined) cache.set(tasks[i].projectPath, key, result, options.signals === true);
      finished(i, result);
    };
    if (cache) poolFor(todo.filter((i) => inWorkers(targets[i].language)).length);
    const pooled = pool ? todo.filter((i) => inWorkers(targets[i].language)) : [];
    const local = pool ? todo.filter((i) => !inWorkers(targets[i].language)) : todo;
    const inPool = pool?.run(
      pooled.map((i) => tasks[i]),
      (k, result) => analysed(pooled[k], result),
      signal,
    );
    if (local.length > 0) {
      // A project without Python never loads its parser.
      if (local.some((i) => inWorkers(targets[i].language))) await initParsers();
      await analyzeHere(local, (i) => analysed(i, analyzeFile(tasks[i])), signal);
    }
    await inPool;
    const files = new Map<string, FileResult>();
    targets.forEach((target, i) => {
      const result = results[i];
      if (!result) return;
      if (result.skipped) skippedFiles.push({ file: target.relPath, reason: result.skipped });
      else files.set(target.relPath, result);
    });
    return {
      files,
      stats: { files: files.size, skipped: skippedFiles.length, durationMs: Math.round(performance.now() - started) },
      skippedFiles,
    };
  } finally {
    // A walk that failed lists nothing: whoever waits on the listing walks for itself.
    listing.supply(undefined);
    await pool?.close();
  }
}

/** Finishes every file the cache answers; returns the indices still to analyse. */
function lookUp(
  cache: ResultCache,
  tasks: AnalyzeFileTask[],
  keys: (FileKey | undefined)[],
  signals: boolean,
  finished: (i: number, result: FileResult) => void,
): number[] {
  const todo: number[] = [];
  tasks.forEach((task, i) => {
    const key = keys[i];
    const hit = key === undefined ? undefined : cache.get(task.projectPath, key.key, signals);
    if (hit) finished(i, hit);
    else todo.push(i);
  });
  return todo;
}

/** Python (notebooks are Python cells) is parsed in the workers; the rest here. */
function inWorkers(language: InputKind): boolean {
  return language === 'python' || language === 'notebook';
}

/** Time the main thread analyses before it lets progress, workers' answers and cancellation through. */
const SLICE_MS = 50;

async function analyzeHere(indices: number[], analyze: (i: number) => void, signal?: AbortSignal): Promise<void> {
  let sliceEnd = performance.now() + SLICE_MS;
  for (const i of indices) {
    if (signal?.aborted) return;
    analyze(i);
    if (performance.now() >= sliceEnd) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceEnd = performance.now() + SLICE_MS;
    }
  }
}
