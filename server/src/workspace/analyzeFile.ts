/**
 * Reads and analyses one file of a workspace scan. The task is plain data so
 * that a worker thread can run it as well as the main thread.
 */
import { analyzeText, type AnalyzeOptions } from '../engine/engine';
import { decodeSource } from '../frontends/decode';
import { MAX_FILE_BYTES, MAX_NOTEBOOK_BYTES } from '../frontends/skip';
import type { FileResult, InputKind } from '../ir/types';
import { readProjectFile } from './readFile';

export interface AnalyzeFileTask {
  abs: string;
  /** Relative to the project root, `/` separators: what the engine and fingerprints see. */
  projectPath: string;
  language: InputKind;
  options: AnalyzeOptions;
}

/**
 * Synchronous on purpose: a cached read is a few microseconds, while the
 * promise API costs four thread-pool round trips per file, time in which the
 * scanning thread sits idle.
 */
export function analyzeFile(task: AnalyzeFileTask): FileResult {
  // A file swapped for a FIFO or a device since the walk saw it is refused here, unread.
  const maxBytes = maxBytesOf(task);
  const read = readProjectFile(task.abs, { maxBytes });
  if (!read.ok) {
    const skipped =
      read.code === 'missing'
        ? 'vanished during the scan'
        : read.code === 'too-large' || read.code === 'not-file'
          ? read.reason
          : `cannot read: ${read.reason}`;
    return { findings: [], skipped };
  }
  const decoded = decodeSource(read.bytes, maxBytes);
  if (decoded.skipped !== undefined) return { findings: [], skipped: decoded.skipped };
  return analyzeText(decoded.text, task.projectPath, task.language, task.options);
}

/** The largest file of the task's kind that is read (notebooks carry their outputs). */
export function maxBytesOf(task: Pick<AnalyzeFileTask, 'language'>): number {
  return task.language === 'notebook' ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES;
}
