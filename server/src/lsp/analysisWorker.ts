/**
 * The language server's analysis thread (dist/lspworker.js): analyses the
 * text of one large open document at a time, so that a slow one (a 70,000-
 * export bundle, a pathological string) holds up neither the protocol nor
 * the other documents, and can be stopped when it runs over its budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText, initParsers, type AnalyzeOptions, type PythonWasm } from '../engine/engine';
import type { FileResult, InputKind } from '../ir/types';

export interface AnalysisJob {
  id: number;
  text: string;
  path: string;
  language: InputKind;
  options: AnalyzeOptions;
}

export type AnalysisAnswer =
  { kind: 'ready' } | { kind: 'result'; id: number; result: FileResult } | { kind: 'error'; id: number; error: string };

const port = parentPort;
if (port) {
  void initParsers((workerData as { wasm?: PythonWasm } | null)?.wasm).then(
    () => port.postMessage({ kind: 'ready' } satisfies AnalysisAnswer),
    (error: unknown) => port.postMessage({ kind: 'error', id: -1, error: String(error) } satisfies AnalysisAnswer),
  );
  port.on('message', (job: AnalysisJob) => {
    try {
      const result = analyzeText(job.text, job.path, job.language, job.options);
      port.postMessage({ kind: 'result', id: job.id, result } satisfies AnalysisAnswer);
    } catch (error) {
      port.postMessage({ kind: 'error', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
