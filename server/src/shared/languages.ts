/**
 * The programming languages the server analyses, in the one table every
 * consumer reads: the engine (a path's language by extension), the language
 * server (an editor's language id), the extension (which documents it hands
 * the server) and the compliance watchers (which files re-score a folder).
 * package.json's `onLanguage:` activation events must list the same ids
 * (test/languages.test.ts checks it).
 */
import type { Language } from '../ir/types';

/** File extensions (lower case, with the dot) → the language they are analysed as. */
export const LANGUAGE_EXTENSIONS: Readonly<Record<string, Language>> = {
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

/** Editor (LSP) language ids → the language the server reads them as. */
export const EDITOR_LANGUAGE_IDS: Readonly<Record<string, Language>> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
};

/** A glob matching every source file the server analyses (`**\/*.{py,pyi,js,…}`). */
export const SOURCE_FILES_GLOB = `**/*.{${Object.keys(LANGUAGE_EXTENSIONS)
  .map((e) => e.slice(1))
  .join(',')}}`;

/**
 * Config and deployment documents the server reads, chosen by name whatever
 * language the editor gives them (`yaml` or `dockercompose`, `dockerfile`,
 * `dotenv`, `properties` or `plaintext` for a `.env`, `shellscript`, `json`
 * or `jsonc`, `ini` or `properties` for config files): only the name tells a
 * compose file, a `.env` or an app's config from any other YAML or text. The
 * server applies the same names (frontends/documents/kinds.ts) and skips the
 * example env files (test/document-names.test.ts checks both agree).
 */
export const DOCUMENT_PATTERNS = [
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/{Dockerfile,Containerfile,dockerfile,containerfile}.*',
  '**/*.{dockerfile,Dockerfile,containerfile}',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '**/.env',
  '**/.env.*',
  '**/Procfile',
  '**/*.{sh,bash}',
  // Any YAML: config files by name, Kubernetes manifests by content (the server reads nothing else in it).
  '**/*.{yml,yaml}',
  '**/{config,settings*,secrets,secrets*,appsettings*,credentials*}.json',
  '**/config/*.json',
  '**/{alembic,config,settings}.ini',
  '**/{uwsgi*,*.uwsgi,*-uwsgi,*_uwsgi}.ini',
  '**/supervisor*.conf',
  '**/{supervisor,supervisord,supervisor.d}/*.conf',
];

/** The language of a path by its extension (case-insensitive), or undefined when not analysed. */
export function languageOfPath(path: string): Language | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  const ext = path.slice(dot).toLowerCase();
  return Object.hasOwn(LANGUAGE_EXTENSIONS, ext) ? LANGUAGE_EXTENSIONS[ext] : undefined;
}

/** The language of an editor's language id, or undefined for ids the server reads by name (documents). */
export function languageOfEditorId(languageId: string): Language | undefined {
  return Object.hasOwn(EDITOR_LANGUAGE_IDS, languageId) ? EDITOR_LANGUAGE_IDS[languageId] : undefined;
}
