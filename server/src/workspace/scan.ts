/**
 * Scans a workspace: walks the paths, reads each source file and runs the
 * engine on it. Only per-file results are kept, never file texts, so memory
 * grows with the number of findings rather than the size of the tree.
 *
 * This is the one entry point for whole-workspace analysis (CLI, compliance
 * outline); parallelism, when it comes, belongs inside it.
 */
import { readFile } from 'node:fs/promises';
import { analyzeText, initParsers } from '../analysis/engine';
import { shouldSkipBytes } from '../analysis/skip';
import type { FileResult, Language } from '../analysis/types';
import type { ProjectConfig } from './config';
import { compileGlobs, relPosix } from './globs';
import { describeError, walk, type WalkFile } from './walker';

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
  const files = new Map<string, FileResult>();
  const total = targets.length + skippedFiles.length;
  let done = skippedFiles.length;
  for (const target of targets) {
    if (signal?.aborted) break;
    const projectPath = relPosix(root, target.path);
    const result = await analyzeFile(target.path, projectPath, target.language, config, isTestFile(projectPath), {
      signals: options.signals,
    });
    if (result.skipped) skippedFiles.push({ file: target.relPath, reason: result.skipped });
    else files.set(target.relPath, result);
    options.onProgress?.({ done: ++done, total });
  }
  return {
    files,
    stats: { files: files.size, skipped: skippedFiles.length, durationMs: Math.round(performance.now() - started) },
    skippedFiles,
  };
}

async function analyzeFile(
  abs: string,
  projectPath: string,
  language: Language,
  config: ProjectConfig,
  isTestFile: boolean,
  extra: { signals?: boolean } = {},
): Promise<FileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(abs);
  } catch (error) {
    const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { findings: [], skipped: vanished ? 'vanished during the scan' : `cannot read: ${describeError(error)}` };
  }
  const skipped = shouldSkipBytes(bytes, projectPath);
  if (skipped) return { findings: [], skipped };
  // Editors hide a byte-order mark; dropping it keeps line 1's columns the same as theirs.
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return analyzeText(text, projectPath, language, {
    rules: config.rules,
    isTestFile,
    testFileSeverity: config.testFileSeverity,
    signals: extra.signals,
  });
}
