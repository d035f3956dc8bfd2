/**
 * A worker thread of the workspace scan (dist/worker.js): reads and analyses
 * the files the pool sends it, one at a time, and answers with plain,
 * structured-cloneable results.
 */
import { parentPort } from 'node:worker_threads';
import { initParsers } from './engine';
import type { FileResult } from './types';
import { analyzeFile, type AnalyzeFileTask } from '../workspace/analyzeFile';

export interface WorkerRequest {
  id: number;
  task: AnalyzeFileTask;
}

export interface WorkerResponse {
  id: number;
  result?: FileResult;
  /** The analysis threw (a bug): the scan reports the file as skipped. */
  error?: string;
}

const port = parentPort;
if (port) {
  const ready = initParsers();
  port.on('message', (request: WorkerRequest) => {
    void ready
      .then(() => analyzeFile(request.task))
      .then(
        (result) => port.postMessage({ id: request.id, result } satisfies WorkerResponse),
        (error: unknown) =>
          port.postMessage({
            id: request.id,
            error: error instanceof Error ? error.message : String(error),
          } satisfies WorkerResponse),
      );
  });
}
