/** Chooses the front-end for a file and turns its text into facts. */
import type { FileFacts } from '../ir/facts';
import type { InputKind, Language } from '../ir/types';
import { documentKindOf } from './documents/kinds';
import { compilePythonWasm, compiledPythonWasm, extractPython, initPython, type PythonWasm } from './python';
import { languageOfPath } from '../shared/languages';

export { cellOffsetToFile, readNotebook, type Notebook, type NotebookCell } from './notebook';

type JavaScriptFrontEnd = typeof import('./javascript');
let javascript: JavaScriptFrontEnd | undefined;

/**
 * The JS/TS front-end carries TypeScript (~10 MB of bundle): it is loaded on
 * first use, so `--help`, Python-only scans and the worker threads that parse
 * Python start fast. In the bundles esbuild makes this require point at
 * dist/jsparser.js (see esbuild.mjs); from sources it loads the module itself.
 */
export function javascriptFrontEnd(): JavaScriptFrontEnd {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  javascript ??= require('./javascript') as JavaScriptFrontEnd;
  return javascript;
}

/** The language of a path by its extension (shared/languages.ts), or undefined when not analysed. */
export const languageOf = languageOfPath;

/** What the engine reads a path as: a language by extension, a notebook, else a document kind by name. */
export function inputKindOf(path: string): InputKind | undefined {
  return languageOf(path) ?? (/\.ipynb$/i.test(path) ? 'notebook' : documentKindOf(path));
}

export { compilePythonWasm, compiledPythonWasm, type PythonWasm };

/**
 * Loads the tree-sitter wasm; call (and await) once before analysing Python.
 * `compiled`: modules compiled by another thread (`compilePythonWasm` there).
 */
export async function initParsers(compiled?: PythonWasm): Promise<void> {
  await initPython(compiled);
}

export function extractFacts(language: Language, text: string, path: string): FileFacts {
  return language === 'python'
    ? extractPython(text, path)
    : javascriptFrontEnd().extractJavaScript(text, path, language);
}
