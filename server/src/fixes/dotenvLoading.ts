/**
 * Whether anything loads the `.env` a "Move to .env" writes, from the
 * project's loaders (ProjectFacts.dotenvLoaders): the words the fix's title
 * uses, and whether fix-all may move values there on its own. A loader
 * applies to a `.env` when it names that file (`env_file:`, `--env-file`) or
 * sits in the same app (fixes/appRoot.ts): python-dotenv and npm dotenv read
 * the `.env` of the app they run in.
 */
import { dirname, join } from 'node:path';
import type { DotenvLoader } from '../ir/types';

export interface DotenvLoading {
  /** What puts this `.env` into the process environment, when something does. */
  loader?: DotenvLoader;
  /** What reads this `.env` for its own API only (python-decouple, pydantic-settings, Vite). */
  readers: DotenvLoader[];
}

export interface ProjectLoaders {
  /** The folder the loaders' paths are relative to (the workspace folder). */
  base: string;
  loaders: readonly DotenvLoader[];
  /** The app root of an absolute file path (fixes/appRoot.ts). */
  appOf(absPath: string): string;
}

/** The loaders of the `.env` at `envPath`. */
export function dotenvLoading(envPath: string, project: ProjectLoaders): DotenvLoading {
  const app = dirname(envPath);
  const applies = (l: DotenvLoader): boolean =>
    l.envFile !== undefined
      ? join(project.base, l.envFile) === envPath
      : project.appOf(join(project.base, l.file)) === app;
  const mine = project.loaders.filter(applies);
  return { loader: mine.find((l) => l.setsEnviron), readers: mine.filter((l) => !l.setsEnviron) };
}

/** `python-dotenv's load_dotenv() in app/settings.py`. */
export function describeLoader(l: DotenvLoader): string {
  return `${l.how} in ${l.where ?? l.file}`;
}

/**
 * The title's note on loading: which loader reads `.env` into `via`, or that
 * nothing does (and what reads it for its own API only).
 */
export function loadingNote(loading: DotenvLoading, via: string): string {
  if (loading.loader) return `loaded by ${describeLoader(loading.loader)}`;
  const reader = loading.readers[0];
  if (reader) return `${describeLoader(reader)} reads .env, but ${via} does not see it`;
  return `nothing in the app loads .env into ${via}`;
}

/** Why fix-all leaves the move out, or undefined when `.env` reaches the process without a look. */
export function unsafeToMoveAlone(loading: DotenvLoading | undefined, via: string): string | undefined {
  if (!loading) return 'what loads .env is not known yet';
  return loading.loader ? undefined : loadingNote(loading, via);
}
