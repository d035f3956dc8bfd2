/**
 * The language server's analysis thread (dist/lspworker.js): analyses the
 * text of one large open document at a time, so that a slow one (a 70,000-
 * export bundle, a pathological string) holds up neither the protocol nor
 * the other documents, and can be stopped when it runs over its budget.
 * It keeps the parse trees of the documents it analysed (heldParses.ts), so
 * the next version of one is parsed incrementally.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeText, initParsers, type AnalyzeOptions } from '../engine/engine';
import type { FileResult, InputKind } from '../ir/types';
import { HeldParses } from './heldParses';

export interface AnalysisJob {
  kind: 'analyse';
  id: number;
  text: string;
  path: string;
  language: InputKind;
  options: AnalyzeOptions;
  /** The open document the text is a version of (its URI): its trees are kept for the next version. */
  document?: string;
}

/** The document closed: its trees go. */
export interface ForgetMessage {
  kind: 'forget';
  document: string;
}

export type AnalysisRequest = AnalysisJob | ForgetMessage;

export type AnalysisAnswer =
  { kind: 'ready' } | { kind: 'result'; id: number; result: FileResult } | { kind: 'error'; id: number; error: string };

const port = parentPort;
if (port) {
  void initParsers().then(
    () => port.postMessage({ kind: 'ready' } satisfies AnalysisAnswer),
    (error: unknown) => port.postMessage({ kind: 'error', id: -1, error: String(error) } satisfies AnalysisAnswer),
  );
  const held = new HeldParses();
  port.on('message', (job: AnalysisRequest) => {
    if (job.kind === 'forget') return held.forget(job.document);
    const document = job.document;
    try {
      const result =
        document === undefined
          ? analyzeText(job.text, job.path, job.language, job.options)
          : analyzeText(job.text, job.path, job.language, job.options, (t, p, l) => held.facts(document, t, p, l));
      port.postMessage({ kind: 'result', id: job.id, result } satisfies AnalysisAnswer);
    } catch (error) {
      port.postMessage({ kind: 'error', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
