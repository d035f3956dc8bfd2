/**
 * A worker thread of the workspace scan (dist/worker.js). The pool sends one
 * list of files to every worker; the workers claim the next file from a
 * shared counter, so no file waits for a round trip through the main thread,
 * and answer each file with a plain, structured-cloneable result.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { initParsers, type PythonWasm } from '../engine/engine';
import { flushCodeCaches } from '../lib/codeCache';
import type { FileResult } from '../ir/types';
import { analyzeFile, type AnalyzeFileTask } from './analyzeFile';

export type WorkerRequest = WorkerInit | WorkerRun;

/**
 * Sent first: the parser's wasm as the pool's thread compiled it (shared machine code, see
 * frontends/py/wasm.ts); without it (that compilation failed) the worker compiles its own.
 */
export interface WorkerInit {
  kind: 'init';
  wasm?: PythonWasm;
}

export interface WorkerRun {
  kind: 'run';
  tasks: AnalyzeFileTask[];
  /**
   * Int32Array view of a SharedArrayBuffer: [0] the next unclaimed index,
   * [1 + slot] the index this worker is analysing (-1 between files). A crash
   * fails that file and the answers not sent yet.
   */
  shared: SharedArrayBuffer;
  slot: number;
}

export type FileAnswer =
  | { index: number; result: FileResult }
  /** The analysis threw (a bug): the scan reports the file as skipped. */
  | { index: number; error: string };

export type WorkerResponse =
  /** Answers are sent in batches: each message wakes the main thread, which costs more than the copy. */
  | { kind: 'results'; answers: FileAnswer[] }
  /** No file left to claim (the last answers came before). */
  | { kind: 'done' };

/** How long answers may wait to be sent (progress stays smooth). */
const BATCH_MS = 25;

const port = parentPort;
if (port) {
  let ready: Promise<void> | undefined;
  port.on('message', (request: WorkerRequest) => {
    if (request.kind === 'init') ready ??= initParsers(request.wasm);
    else void (ready ??= initParsers()).then(() => run(port, request));
  });
}

function run(port: MessagePort, request: WorkerRun): void {
  const counter = new Int32Array(request.shared);
  const { tasks, slot } = request;
  let answers: FileAnswer[] = [];
  let sendAt = performance.now() + BATCH_MS;
  for (let index = Atomics.add(counter, 0, 1); index < tasks.length; index = Atomics.add(counter, 0, 1)) {
    Atomics.store(counter, 1 + slot, index);
    try {
      answers.push({ index, result: analyzeFile(tasks[index]) });
    } catch (error) {
      answers.push({ index, error: error instanceof Error ? error.message : String(error) });
    }
    Atomics.store(counter, 1 + slot, -1);
    if (performance.now() >= sendAt) {
      port.postMessage({ kind: 'results', answers } satisfies WorkerResponse);
      answers = [];
      sendAt = performance.now() + BATCH_MS;
    }
  }
  if (answers.length > 0) port.postMessage({ kind: 'results', answers } satisfies WorkerResponse);
  // The pool terminates a worker once it is done, and exit handlers do not run then: the code
  // cache of its bundle (written only on a first run) is written before it says so.
  flushCodeCaches();
  port.postMessage({ kind: 'done' } satisfies WorkerResponse);
}
