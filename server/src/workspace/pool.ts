/**
 * Worker threads for the workspace scan. Measured on 2 cores: tree-sitter
 * (Python) scales with threads, while the TypeScript parser already keeps
 * ~1.6 cores busy with V8's background GC (0.9× with 2 workers). So Python
 * files go to the pool and JS/TS files stay on the main thread, running
 * alongside it.
 *
 * Workers start as soon as the walk has found enough Python files, so their
 * start-up (bundle, wasm) overlaps the rest of the walk. The wasm is compiled
 * once, in this thread, and handed to each worker: they share its machine
 * code, optimised tiers included (frontends/py/wasm.ts). They then take files
 * from one shared list through an atomic counter: nothing waits on the main
 * thread, which may be busy with JS/TS files of its own.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compilePythonWasm, type PythonWasm } from '../engine/engine';
import type { FileResult } from '../ir/types';
import type { WorkerRequest, WorkerResponse } from './worker';
import type { AnalyzeFileTask } from './analyzeFile';

/**
 * Below this many Python files the scan stays on one thread. A worker costs its
 * start (bundle, wasm instance) and its own warm-up of the wasm's baseline code,
 * ~200 ms of CPU each on the shared 2-core machine; in CPU time (GNU time, same
 * run, load 6-8) two workers cost +60% on 20 Django files, +45% on 48, +25% on
 * 116 (40k lines) and saved no wall time at any of them, while on all of Django
 * (859 files) they do. A single worker beside an idle main thread never pays,
 * so the pool is two workers or none.
 */
export const MIN_FILES_FOR_WORKERS = 128;

/** The bundled worker beside the running bundle; absent when the sources run unbundled (tests via tsx). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'worker.js');
  return existsSync(path) ? path : undefined;
}

export function poolSize(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS || process.env.TWELVE_FACTOR_WORKERS === '0') return 0;
  const fromEnv = Number(process.env.TWELVE_FACTOR_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return availableParallelism() < 2 ? 0 : 2;
}

export type OnResult = (index: number, result: FileResult) => void;

interface Slot {
  worker: Worker;
  /** Settles once the worker has been sent the wasm: the run request goes after it. */
  initialised: Promise<void>;
  /** Finished its share (answered `done`) or died. */
  over: boolean;
}

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private running:
    { tasks: AnalyzeFileTask[]; counter: Int32Array; onResult: OnResult; signal?: AbortSignal } | undefined;
  private readonly answered = new Set<number>();
  private lastError = 'unknown error';
  private finish: (() => void) | undefined;

  constructor(
    private readonly script: string,
    size = 0,
    /** The parser's compiled wasm, shared with every worker. */
    private readonly wasm: () => Promise<PythonWasm> = compilePythonWasm,
  ) {
    this.grow(size);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts workers up to `size` (before `run`: they load while the caller still walks). */
  grow(size: number): void {
    if (this.running) return;
    while (this.slots.length < size) {
      const worker = new Worker(this.script);
      // Without the modules (compiling failed here) the worker compiles its own and reports what fails.
      const init = (wasm?: PythonWasm) => worker.postMessage({ kind: 'init', wasm } satisfies WorkerRequest);
      const slot: Slot = {
        worker,
        initialised: this.wasm()
          .then(init)
          .catch(() => init()),
        over: false,
      };
      slot.worker.on('message', (response: WorkerResponse) => this.answer(slot, response));
      // A crashed worker fails the file it was on, not the scan.
      slot.worker.on('error', (error) => this.died(slot, error.message));
      slot.worker.on('exit', (code) => this.died(slot, `worker exited with code ${code}`));
      this.slots.push(slot);
    }
  }

  /** Analyses every task once; `onResult` gets each result as it arrives. */
  run(tasks: AnalyzeFileTask[], onResult: OnResult, signal?: AbortSignal): Promise<void> {
    if (this.running) throw new Error('the pool is already running');
    const shared = new SharedArrayBuffer(4 * (1 + this.slots.length));
    const counter = new Int32Array(shared).fill(-1);
    counter[0] = 0;
    this.running = { tasks, counter, onResult, signal };
    // Aborting lets each worker finish its current file and claim no more.
    const abort = () => Atomics.store(counter, 0, tasks.length);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    const done = new Promise<void>((resolve) => (this.finish = resolve));
    this.slots.forEach((slot, i) => {
      const request: WorkerRequest = { kind: 'run', tasks, shared, slot: i };
      void slot.initialised.then(() => {
        if (!slot.over) slot.worker.postMessage(request);
      });
    });
    this.check();
    return done.finally(() => signal?.removeEventListener('abort', abort));
  }

  async close(): Promise<void> {
    // Workers that answered `done` still listen for work: they end only here.
    for (const s of this.slots) s.over = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private answer(slot: Slot, response: WorkerResponse): void {
    if (!this.running) return;
    if (response.kind === 'done') {
      slot.over = true;
      this.check();
      return;
    }
    for (const a of response.answers) this.deliver(a.index, 'result' in a ? a.result : failed(a.error));
  }

  private deliver(index: number, result: FileResult): void {
    if (this.answered.has(index)) return;
    this.answered.add(index);
    this.running?.onResult(index, result);
  }

  private died(slot: Slot, message: string): void {
    if (slot.over) return;
    slot.over = true;
    this.lastError = message;
    const running = this.running;
    if (running) {
      const index = Atomics.load(running.counter, 1 + this.slots.indexOf(slot));
      if (index >= 0) this.deliver(index, failed(message));
    }
    this.check();
  }

  /** With every worker over, files nobody answered (all workers died) fail rather than hang. */
  private check(): void {
    const running = this.running;
    if (!running || this.slots.some((s) => !s.over)) return;
    // Aborted: the files nobody claimed stay unanalysed, as the scan expects.
    if (!running.signal?.aborted) {
      for (let i = 0; i < running.tasks.length; i++) if (!this.answered.has(i)) this.deliver(i, failed(this.lastError));
    }
    this.finish?.();
  }
}

function failed(message: string): FileResult {
  return { findings: [], skipped: `analysis failed: ${message}` };
}
