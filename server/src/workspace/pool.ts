/**
 * Worker threads for the workspace scan. Measured on 2 cores: tree-sitter
 * (Python) scales with threads (1.8× with 2 workers on Django), while the
 * TypeScript parser already keeps ~1.6 cores busy with V8's background GC
 * (0.9× with 2 workers). So Python files go to the pool and JS/TS files stay
 * on the main thread, running alongside it.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../analysis/types';
import type { WorkerRequest, WorkerResponse } from '../analysis/worker';
import type { AnalyzeFileTask } from './analyzeFile';

/** Below this many files, starting threads (and loading the wasm in each) costs more than it saves. */
export const MIN_FILES_FOR_WORKERS = 16;

/** The bundled worker beside the running bundle; absent when the sources run unbundled (tests via tsx). */
export function workerScript(): string | undefined {
  const path = join(__dirname, 'worker.js');
  return existsSync(path) ? path : undefined;
}

export function poolSize(files: number): number {
  if (files < MIN_FILES_FOR_WORKERS || process.env.TWELVE_FACTOR_WORKERS === '0') return 0;
  const fromEnv = Number(process.env.TWELVE_FACTOR_WORKERS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.min(2, availableParallelism(), Math.ceil(files / MIN_FILES_FOR_WORKERS));
}

interface Pending {
  resolve: (result: FileResult) => void;
}

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { request: WorkerRequest; pending: Pending }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly assigned = new Map<Worker, number>();
  private nextId = 0;

  constructor(script: string, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on('message', (response: WorkerResponse) => this.answered(worker, response));
      // A crashed worker fails its file, not the scan.
      worker.on('error', (error) => this.failed(worker, error.message));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: AnalyzeFileTask): Promise<FileResult> {
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, task }, pending: { resolve } });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { request, pending } = this.queue.shift()!;
      this.pending.set(request.id, pending);
      this.assigned.set(worker, request.id);
      worker.postMessage(request);
    }
  }

  private answered(worker: Worker, response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    this.pending.delete(response.id);
    this.assigned.delete(worker);
    this.idle.push(worker);
    pending?.resolve(
      response.result ?? { findings: [], skipped: `analysis failed: ${response.error ?? 'unknown error'}` },
    );
    this.dispatch();
  }

  private failed(worker: Worker, message: string): void {
    const id = this.assigned.get(worker);
    if (id !== undefined) {
      this.pending.get(id)?.resolve({ findings: [], skipped: `analysis failed: ${message}` });
      this.pending.delete(id);
      this.assigned.delete(worker);
    }
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
    // With no worker left, the remaining files fail rather than hang.
    if (this.workers.length === 0) {
      for (const { pending } of this.queue.splice(0))
        pending.resolve({ findings: [], skipped: `analysis failed: ${message}` });
    }
  }
}
