/**
 * What loads a project's `.env` files (ProjectFacts.dotenvLoaders): calls in
 * the code (signals/dotenvLoaders.ts), flags in package.json scripts and
 * Procfiles (`-r dotenv/config`, `--env-file`, the dotenv CLIs), compose
 * `env_file:` entries, and frameworks that read `.env` themselves (Next.js
 * puts it in `process.env`; Vite only in `import.meta.env`). Pure functions
 * of the files' texts; workspace/projectFacts.ts reads them.
 */
import { posix } from 'node:path';
import type { FileFacts } from '../ir/facts';
import type { DotenvLoader, Language } from '../ir/types';
import { extractFacts } from '../frontends';
import { procfileLines, readComposeServices } from '../frontends/documents';
import { DOTENV_LOADER_WORDS, dotenvLoadersOf } from '../signals/dotenvLoaders';

const REQUIRE_FLAG =
  /(?:^|\s)(?:-r|--require|--import)(?:=|\s+)(['"]?)(?:dotenv|@dotenvx\/dotenvx)\/config(?:\.js)?\1(?=\s|$|;|&)/;
const ENV_FILE_FLAG = /--env-file(?:-if-exists)?(?:=|\s+)(['"]?)([^\s'"]+)\1/g;
/** dotenv-cli `dotenv -- cmd` / `dotenv -e .env -- cmd`, python-dotenv's and dotenvx's `dotenv run`. */
const DOTENV_CLI = /(?:^|[\s;&|(])(?:dotenvx?[ \t]+run\b|dotenv(?:[ \t]+-[ec][ \t]+\S+)*[ \t]+--\s)/;
/** Scripts that do not start the app. */
const NOT_THE_APP = /^(?:test|lint|format|pretest|posttest|typecheck)(?:$|[:\-_])/;

/** A source file's loaders (parsed only when the prefilter finds a loader's word). */
export function sourceDotenvLoaders(
  path: string,
  language: Language,
  text: string,
  /** Where the facts come from (an open document's last analysis); default a fresh extraction. */
  factsOf: (text: string, language: Language) => FileFacts = (t, l) => extractFacts(l, t, path),
): DotenvLoader[] {
  if (!DOTENV_LOADER_WORDS.test(text)) return [];
  return dotenvLoadersOf(factsOf(text, language)).map((l) => ({ file: path, ...l }));
}

/** A project file's loaders, by its walker kind (`package-json`, `procfile`, `compose`); others have none. */
export function projectFileDotenvLoaders(path: string, kind: string, text: string): DotenvLoader[] {
  switch (kind) {
    case 'package-json':
      return packageJsonLoaders(path, text);
    case 'procfile':
      return procfileLines(text).flatMap((l) =>
        commandLoaders(path, text.slice(l.commandStart, l.lineEnd), `${path} process ${l.name}`),
      );
    case 'compose':
      return composeLoaders(path, text);
    default:
      return [];
  }
}

function packageJsonLoaders(path: string, text: string): DotenvLoader[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null) return [];
  const manifest = json as Record<string, unknown>;
  const out: DotenvLoader[] = [];
  const scripts = manifest.scripts;
  if (typeof scripts === 'object' && scripts !== null) {
    for (const [name, command] of Object.entries(scripts)) {
      if (typeof command === 'string' && !NOT_THE_APP.test(name))
        out.push(...commandLoaders(path, command, `${path} script "${name}"`));
    }
  }
  const deps = new Set<string>();
  for (const field of ['dependencies', 'devDependencies']) {
    const d = manifest[field];
    if (typeof d === 'object' && d !== null) Object.keys(d).forEach((k) => deps.add(k));
  }
  if (deps.has('next')) out.push({ file: path, how: 'Next.js, which loads .env itself', setsEnviron: true });
  if (deps.has('vite') && !deps.has('next')) {
    out.push({ file: path, how: 'Vite, into import.meta.env (VITE_ variables only)', setsEnviron: false });
  }
  return out;
}

/** The loaders a command line names; `where` says which script or process, for the title. */
function commandLoaders(file: string, command: string, where: string): DotenvLoader[] {
  const out: DotenvLoader[] = [];
  if (REQUIRE_FLAG.test(command)) out.push({ file, how: '-r dotenv/config', where, setsEnviron: true });
  for (const m of command.matchAll(ENV_FILE_FLAG)) {
    const envFile = relativeTo(file, m[2]);
    if (envFile) out.push({ file, how: '--env-file', where, setsEnviron: true, envFile });
  }
  if (DOTENV_CLI.test(command)) out.push({ file, how: 'the dotenv CLI', where, setsEnviron: true });
  return out;
}

function composeLoaders(file: string, text: string): DotenvLoader[] {
  const out: DotenvLoader[] = [];
  try {
    for (const service of readComposeServices(text)) {
      for (const written of service.envFiles ?? []) {
        const envFile = relativeTo(file, written);
        if (envFile) {
          out.push({
            file,
            how: 'env_file:',
            where: `service ${service.name} of ${file}`,
            setsEnviron: true,
            envFile,
          });
        }
      }
    }
  } catch {
    // An unreadable compose file declares nothing.
  }
  return out;
}

/** `written` (relative to the folder of `file`) as a root-relative path; undefined for absolute or variable paths. */
function relativeTo(file: string, written: string): string | undefined {
  if (written.startsWith('/') || /^[A-Za-z]:[\\/]/.test(written) || written.includes('$')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(file), written.replace(/\\/g, '/')));
  return joined.startsWith('../') ? undefined : joined;
}
