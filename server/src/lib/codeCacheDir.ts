/**
 * Where the V8 code caches of our bundles live (lib/codeCache.ts): the user's
 * own cache folder, one folder per tool version, private to the user.
 *
 * A code cache is compiled code that V8 runs as is, so a cache someone else
 * could write is a way to run their code: the folder is created 0700 and used
 * only when it is a real folder of this user that no one else may write to.
 * Anything unexpected means no cache, never an error.
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** `TWELVE_FACTOR_CODE_CACHE=0` turns the code cache off. */
export function codeCacheDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TWELVE_FACTOR_CODE_CACHE === '0';
}

/** The per-user cache root: $XDG_CACHE_HOME, else the platform's usual place; undefined without a home. */
export function userCacheRoot(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return env.XDG_CACHE_HOME;
  if (platform === 'win32') return env.LOCALAPPDATA && isAbsolute(env.LOCALAPPDATA) ? env.LOCALAPPDATA : undefined;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home || !isAbsolute(home)) return undefined;
  return platform === 'darwin' ? join(home, 'Library', 'Caches') : join(home, '.cache');
}

/** `<root>/twelve-factor/<version>`, created 0700; undefined when it cannot be made or is not safely ours. */
export function codeCacheDir(version: string, root = userCacheRoot()): string | undefined {
  if (!root || !/^[\w.+-]+$/.test(version)) return undefined;
  const dir = join(root, 'twelve-factor', version);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // The parent too: whoever may write there could swap the version folder for their own.
    return isPrivateDir(join(root, 'twelve-factor')) && isPrivateDir(dir) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** A folder (not a link) owned by this user that neither group nor others may write to. */
export function isPrivateDir(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    if (!st.isDirectory()) return false;
    // Windows has no POSIX owner or mode bits: the per-user LOCALAPPDATA is the protection there.
    if (typeof process.getuid !== 'function') return true;
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
