/** The engine language of an open document: its LSP language id, else its extension. */
import { languageOf } from '../analysis/engine';
import type { Language } from '../analysis/types';

const LANGUAGE_IDS: Record<string, Language> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
};

export function documentLanguage(languageId: string, relPath: string): Language | undefined {
  return LANGUAGE_IDS[languageId] ?? languageOf(relPath);
}
