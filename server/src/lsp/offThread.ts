/**
 * Analysis of large documents on a worker thread, under a time budget.
 *
 * The engine is synchronous: on the main thread one slow file (measured:
 * 70,000 `export` lines, 17 s on this machine, linear in the exports) would
 * hold every other document's diagnostics and every request behind it. Large
 * documents are therefore analysed by a worker, one at a time; a job running
 * past the budget has its worker terminated (the only way to stop synchronous
 * code) and is answered `timedOut`; the next job gets a fresh worker.
 *
 * Small documents stay on the main thread, where edits re-parse
 * incrementally (lsp/incremental.ts) in milliseconds; the threshold is where
 * a full parse starts to cost a noticeable pause.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { compiledPythonWasm, type AnalyzeOptions } from '../engine/engine';
import type { FileResult, InputKind } from '../ir/types';
import type { AnalysisAnswer, AnalysisJob, ForgetMessage, PreloadMessage } from './analysisWorker';
import { differingStep } from '../frontends/changedRange';

/** Documents from this many characters up are analysed off the main thread. */
export const OFF_THREAD_MIN_CHARS = 100_000;
/** How long one analysis may run before it is stopped (TWELVE_FACTOR_ANALYSIS_BUDGET_MS overrides). */
export const DEFAULT_BUDGET_MS = 5_000;

export function analysisBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.TWELVE_FACTOR_ANALYSIS_BUDGET_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_BUDGET_MS;
}

/** The bundled worker beside the running bundle; absent when the sources run unbundled (tests via tsx). */
export function analysisWorkerScript(): string | undefined {
  const path = join(__dirname, 'lspworker.js');
  return existsSync(path) ? path : undefined;
}

export type OffThreadResult = { result: FileResult } | { timedOut: true } | { error: string };

interface Pending {
  /** The job with its whole text: whether it goes as an edit is decided when it is posted. */
  job: AnalysisJob & { text: string };
  resolve: (r: OffThreadResult) => void;
}

export class OffThreadAnalyzer {
  private worker?: Worker;
  private ready = false;
  private readonly queue: Pending[] = [];
  private current?: { pending: Pending; timer: NodeJS.Timeout };
  private ids = 0;
  /**
   * The last text of each document the current worker was sent: it holds
   * them, so the next version goes as the edit from it (a 5,000-line text
   * costs milliseconds to copy to the thread on every keystroke).
   */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly script: string,
    readonly budgetMs: number,
  ) {}

  /**
   * The analysis of `text`; with `document` (the URI of the open document it
   * is a version of) the worker keeps its trees, so the next version is
   * parsed incrementally.
   */
  analyze(
    text: string,
    path: string,
    language: InputKind,
    options: AnalyzeOptions,
    document?: string,
  ): Promise<OffThreadResult> {
    return new Promise((resolve) => {
      this.queue.push({ job: { kind: 'analyse', id: ++this.ids, text, path, language, options, document }, resolve });
      this.next();
    });
  }

  /**
   * A large document opened: the worker starts now, not when the analysis
   * (after the settings' round trip) asks for it, and loads the JS/TS
   * front-end meanwhile when `javascript`.
   */
  warm(javascript: boolean): void {
    if (!this.worker) this.start();
    if (javascript) this.worker?.postMessage({ kind: 'preload' } satisfies PreloadMessage);
  }

  /** The document closed: the worker drops its trees. */
  forget(document: string): void {
    this.sent.delete(document);
    // A version still queued is analysed as a one-off: the worker must not hold its text again.
    for (const p of this.queue) if (p.job.document === document) p.job.document = undefined;
    if (this.worker && this.ready) this.worker.postMessage({ kind: 'forget', document } satisfies ForgetMessage);
  }

  dispose(): void {
    this.stop();
    for (const p of this.queue.splice(0)) p.resolve({ error: 'the server is shutting down' });
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    if (!this.worker) this.start();
    // The budget runs from when a loaded worker gets the job: start-up (wasm, bundles) is not the file's fault.
    if (!this.ready) return;
    const pending = this.queue.shift()!;
    const timer = setTimeout(() => {
      this.stop();
      this.finish(pending, { timedOut: true });
    }, this.budgetMs);
    this.current = { pending, timer };
    this.worker!.postMessage(this.asPosted(pending.job));
  }

  /** The job as the worker gets it: a known document's text as the edit from the last one it got. */
  private asPosted(job: AnalysisJob & { text: string }): AnalysisJob {
    const document = job.document;
    if (document === undefined) return job;
    const base = this.sent.get(document);
    this.sent.set(document, job.text);
    if (base === undefined) return job;
    const step = differingStep(base, job.text) ?? { start: 0, end: 0, text: '' };
    const { kind, id, path, language, options } = job;
    const edit = { start: step.start, end: step.end, text: step.text, length: base.length };
    return { kind, id, path, language, options, document, edit };
  }

  private start(): void {
    // The parser's wasm as this thread compiled it (frontends/py/wasm.ts); without it the worker compiles its own.
    const worker = new Worker(this.script, { workerData: { wasm: compiledPythonWasm() } });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    // A new worker holds no text.
    this.sent.clear();
    worker.on('message', (answer: AnalysisAnswer) => {
      if (this.worker !== worker) return;
      if (answer.kind === 'ready') {
        this.ready = true;
        this.next();
        return;
      }
      // The parsers did not load: the exit that follows fails the queue.
      if (answer.kind === 'error' && answer.id < 0) return void worker.terminate();
      const pending = this.current?.pending;
      if (!pending || pending.job.id !== answer.id) return;
      // The worker may not hold the text of a job that failed: the next version goes whole.
      if (answer.kind === 'error' && pending.job.document !== undefined) this.sent.delete(pending.job.document);
      this.finish(pending, answer.kind === 'result' ? { result: answer.result } : { error: answer.error });
    });
    const died = (message: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const pending = this.current?.pending;
      if (pending) this.finish(pending, { error: message });
      // A worker that dies before it is ready would die again: the queue fails rather than loops.
      else if (!this.ready) for (const p of this.queue.splice(0)) p.resolve({ error: message });
      else this.next();
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`analysis worker exited with code ${code}`));
  }

  private finish(pending: Pending, result: OffThreadResult): void {
    if (this.current?.pending === pending) {
      clearTimeout(this.current.timer);
      this.current = undefined;
    }
    pending.resolve(result);
    this.next();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = false;
    void worker?.terminate();
  }
}
