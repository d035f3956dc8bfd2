/**
 * What the engine reads an open document as: its LSP language id for code,
 * else the path (extension for code; the file name for documents: an editor
 * says `yaml` for every YAML file and `dockerfile`, `dotenv`, `properties` or
 * `plaintext` for the others, but only the name tells a compose file or a
 * `.env` from another one).
 */
import { inputKindOf } from '../engine/engine';
import type { InputKind } from '../ir/types';
import { languageOfEditorId } from '../shared/languages';

export function documentLanguage(languageId: string, relPath: string): InputKind | undefined {
  return languageOfEditorId(languageId) ?? inputKindOf(relPath);
}
