/** Chooses the front-end for a file and turns its text into facts. */
import type { FileFacts } from '../facts';
import type { Language } from '../types';
import { extractJavaScript } from './javascript';
import { extractPython, initPython } from './python';

const EXTENSIONS: Record<string, Language> = {
  '.py': 'python',
  '.pyi': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
};

/** The language of a path by its extension, or undefined when not analysed. */
export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  return EXTENSIONS[path.slice(dot).toLowerCase()];
}

/** Loads the tree-sitter wasm; call (and await) once before analysing Python. */
export async function initParsers(): Promise<void> {
  await initPython();
}

export function extractFacts(language: Language, text: string, path: string): FileFacts {
  return language === 'python' ? extractPython(text, path) : extractJavaScript(text, path, language);
}
