/**
 * Scans a workspace: walks the paths, reads each source file and runs the
 * engine on it. Only per-file results are kept, never file texts, so memory
 * grows with the number of findings rather than the size of the tree.
 *
 * This is the one entry point for whole-workspace analysis (CLI, compliance
 * outline); parallelism lives inside it (pool.ts).
 */
import { initParsers } from '../analysis/engine';
import type { FileResult, Language } from '../analysis/types';
import { analyzeFile, type AnalyzeFileTask } from './analyzeFile';
import type { ProjectConfig } from './config';
import { compileGlobs, relPosix } from './globs';
import { AnalysisPool, poolSize, workerScript } from './pool';
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
  const skippedFiles: SkippedFile[] = [];
  const targets: (WalkFile & { language: Language })[] = [];
  for await (const item of walk(options.paths, { cwd: options.cwd, base: root, exclude: config.exclude, signal })) {
    if (item.kind === 'skipped') skippedFiles.push({ file: item.relPath, reason: item.reason });
    else if (item.language) targets.push({ ...item, language: item.language });
  }
  await initParsers();
  const isTestFile = compileGlobs(config.testFiles);
  const total = targets.length + skippedFiles.length;
  let done = skippedFiles.length;
  const results: (FileResult | undefined)[] = new Array(targets.length);
  const taskOf = (target: (typeof targets)[number]): AnalyzeFileTask => {
    const projectPath = relPosix(root, target.path);
    return {
      abs: target.path,
      projectPath,
      language: target.language,
      options: {
        rules: config.rules,
        isTestFile: isTestFile(projectPath),
        testFileSeverity: config.testFileSeverity,
        signals: options.signals,
      },
    };
  };
  const finished = (i: number, result: FileResult): void => {
    results[i] = result;
    options.onProgress?.({ done: ++done, total });
  };
  // Python files go to worker threads, JS/TS files run here meanwhile (see pool.ts).
  const python = targets.flatMap((t, i) => (t.language === 'python' ? [i] : []));
  const script = workerScript();
  const size = script ? poolSize(python.length) : 0;
  const pool = script && size > 0 ? new AnalysisPool(script, size) : undefined;
  const local = pool ? targets.flatMap((t, i) => (t.language === 'python' ? [] : [i])) : targets.map((_, i) => i);
  try {
    const pooled = pool
      ? python.map(async (i) => {
          if (signal?.aborted) return;
          finished(i, await pool.run(taskOf(targets[i])));
        })
      : [];
    for (const i of local) {
      if (signal?.aborted) break;
      finished(i, await analyzeFile(taskOf(targets[i])));
    }
    await Promise.all(pooled);
  } finally {
    await pool?.close();
  }
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
}
