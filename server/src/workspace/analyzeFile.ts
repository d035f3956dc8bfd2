/**
 * Reads and analyses one file of a workspace scan. The task is plain data so
 * that a worker thread can run it as well as the main thread.
 */
import { readFileSync } from 'node:fs';
import { analyzeText, type AnalyzeOptions } from '../analysis/engine';
import { shouldSkipBytes } from '../analysis/skip';
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
  const skipped = shouldSkipBytes(bytes);
  if (skipped) return { findings: [], skipped };
  // Editors hide a byte-order mark; dropping it keeps line 1's columns the same as theirs.
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return analyzeText(text, task.projectPath, task.language, task.options);
}
