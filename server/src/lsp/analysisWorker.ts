/**
 * The language server's analysis thread (dist/lspworker.js): analyses the
 * text of one large open document at a time, so that a slow one (a 70,000-
 * export bundle, a pathological string) holds up neither the protocol nor
 * the other documents, and can be stopped when it runs over its budget.
 * It keeps the parse trees of the documents it analysed (heldParses.ts), so
 * the next version of one is parsed incrementally.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText, initParsers, type AnalyzeOptions, type PythonWasm } from '../engine/engine';
import type { FileResult, InputKind } from '../ir/types';
import { javascriptFrontEnd } from '../frontends';
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

/** A large JavaScript/TypeScript document opened: the JS/TS front-end (TypeScript) loads before its job comes. */
export interface PreloadMessage {
  kind: 'preload';
}

export type AnalysisRequest = AnalysisJob | ForgetMessage | PreloadMessage;

export type AnalysisAnswer =
  { kind: 'ready' } | { kind: 'result'; id: number; result: FileResult } | { kind: 'error'; id: number; error: string };

const port = parentPort;
if (port) {
  // Ready at once: only Python needs the tree-sitter wasm (compiled once by the main thread), whose set-up runs meanwhile.
  const python = initParsers((workerData as { wasm?: PythonWasm } | null)?.wasm);
  python.catch(() => undefined);
  port.postMessage({ kind: 'ready' } satisfies AnalysisAnswer);
  const held = new HeldParses();
  port.on('message', (request: AnalysisRequest) => {
    if (request.kind === 'forget') held.forget(request.document);
    else if (request.kind === 'preload') javascriptFrontEnd();
    else void answer(request);
  });
  const answer = async (job: AnalysisJob): Promise<void> => {
    const document = job.document;
    try {
      if (job.language === 'python' || job.language === 'notebook') await python;
      const result =
        document === undefined
          ? analyzeText(job.text, job.path, job.language, job.options)
          : analyzeText(job.text, job.path, job.language, job.options, (t, p, l) => held.facts(document, t, p, l));
      port.postMessage({ kind: 'result', id: job.id, result } satisfies AnalysisAnswer);
    } catch (error) {
      port.postMessage({ kind: 'error', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  };
}
