/**
 * Reads and analyses one file of a workspace scan. The task is plain data so
 * that a worker thread can run it as well as the main thread.
 */
import { readFileSync } from 'node:fs';
import { analyzeText, type AnalyzeOptions } from '../analysis/engine';
import { decodeSource } from '../analysis/decode';
import type { FileResult, Language } from '../analysis/types';
import { describeError } from './walker';

export interface AnalyzeFileTask {
  abs: string;
  /** Relative to the project root, `/` separators: what the engine and fingerprints see. */
  projectPath: string;
  language: Language;
  options: AnalyzeOptions;
}

/**
 * Synchronous on purpose: a cached read is a few microseconds, while the
 * promise API costs four thread-pool round trips per file, time in which the
 * scanning thread sits idle.
 */
export function analyzeFile(task: AnalyzeFileTask): FileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(task.abs);
  } catch (error) {
    const vanished = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { findings: [], skipped: vanished ? 'vanished during the scan' : `cannot read: ${describeError(error)}` };
  }
  const decoded = decodeSource(bytes);
  if (decoded.skipped !== undefined) return { findings: [], skipped: decoded.skipped };
  return analyzeText(decoded.text, task.projectPath, task.language, task.options);
}
