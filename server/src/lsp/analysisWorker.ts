/**
 * The language server's analysis thread (dist/lspworker.js): analyses the
 * text of one large open document at a time, so that a slow one (a 70,000-
 * export bundle, a pathological string) holds up neither the protocol nor
 * the other documents, and can be stopped when it runs over its budget.
 * It keeps the parse trees of the documents it analysed (heldParses.ts), so
 * the next version of one is parsed incrementally, and their texts: the next
 * version of an open document comes as the one edit from the last (`edit`),
 * not as the whole text again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeText, initParsers, type AnalyzeOptions, type PythonWasm } from '../engine/engine';
import type { FileResult, InputKind } from '../ir/types';
import { javascriptFrontEnd } from '../frontends';
import type { TextStep } from '../frontends/changedRange';
import { KeywordGate } from '../engine/keywords';
import { HeldParses } from './heldParses';

export interface AnalysisJob {
  kind: 'analyse';
  id: number;
  /** The whole text; absent when `edit` says how it differs from the document's last one. */
  text?: string;
  /** The document's last text sent, with [start, end) replaced by `text` (only with `document`). */
  edit?: TextEdit;
  path: string;
  language: InputKind;
  options: AnalyzeOptions;
  /** The open document the text is a version of (its URI): its trees are kept for the next version. */
  document?: string;
}

/** An edit of a text `length` characters long: [start, end) becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  length: number;
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
  /** The last text of each open document analysed here: the base of its next job's `edit`. */
  const texts = new Map<string, string>();
  /** Where each open document's rules' keywords were found, for its next job. */
  const keywords = new Map<string, KeywordGate>();
  port.on('message', (request: AnalysisRequest) => {
    if (request.kind === 'forget') {
      held.forget(request.document);
      texts.delete(request.document);
      keywords.delete(request.document);
    } else if (request.kind === 'preload') javascriptFrontEnd();
    else void answer(request);
  });
  const answer = async (job: AnalysisJob): Promise<void> => {
    const document = job.document;
    try {
      const { text, step } = jobText(job, document === undefined ? undefined : texts.get(document));
      let gate: KeywordGate | undefined;
      if (document !== undefined) {
        texts.set(document, text);
        gate = keywords.get(document) ?? new KeywordGate();
        keywords.set(document, gate);
      }
      if (job.language === 'python' || job.language === 'notebook') await python;
      const result =
        document === undefined
          ? analyzeText(text, job.path, job.language, job.options)
          : analyzeText(
              text,
              job.path,
              job.language,
              job.options,
              (t, p, l) => held.facts(document, t, p, l, step),
              gate,
            );
      port.postMessage({ kind: 'result', id: job.id, result } satisfies AnalysisAnswer);
    } catch (error) {
      port.postMessage({ kind: 'error', id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** The job's text, and the edit that made it from `base` (the document's last text here) when it came as one. */
export function jobText(job: AnalysisJob, base: string | undefined): { text: string; step?: TextStep } {
  if (job.text !== undefined) return { text: job.text };
  const edit = job.edit;
  // The sender keeps track of what this thread holds: a mismatch is a bug, answered as an error.
  if (!edit || base === undefined || base.length !== edit.length) throw new Error('the analysis thread lost the text');
  const text = base.slice(0, edit.start) + edit.text + base.slice(edit.end);
  return { text, step: { before: base, start: edit.start, end: edit.end, text: edit.text } };
}
