/**
 * The one way project files are read. A cloned repository controls what its
 * paths are: a baseline can be a link to `/dev/zero`, a config a FIFO that
 * blocks the first read forever, a `.env` a link to a file outside the
 * workspace. So a read opens the path without blocking (`O_NONBLOCK`: a FIFO
 * opens at once instead of waiting for a writer), asks the open handle what
 * it is (a FIFO swapped in after a walk's stat is caught here), refuses
 * anything but a regular file, follows no link out of `within`, and reads at
 * most `maxBytes`. Synchronous: config, ignore files and the scan's reads
 * are synchronous by design (see config.ts and analyzeFile.ts).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { describeError } from './fsErrors';

/** `.twelve-factor.json` and baselines are kilobytes; past this they are refused rather than parsed. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export type ReadRefusal =
  | { ok: false; code: 'missing'; reason: string }
  | { ok: false; code: 'not-file' | 'outside' | 'too-large' | 'error'; reason: string };

export type ReadResult = { ok: true; bytes: Buffer } | ReadRefusal;

export interface ReadOptions {
  /** Larger files are refused without being read past this many bytes. */
  maxBytes: number;
  /** When set, the file's real path must lie inside this folder's real path. */
  within?: string;
  /** Refuse the path when it is itself a symbolic link (git does so for `.gitignore`). */
  noLink?: boolean;
}

// Windows has neither flag; opening a FIFO there does not block anyway.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export function readProjectFile(path: string, options: ReadOptions): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS | (options.noLink ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, code: 'missing', reason: 'does not exist' };
    if (code === 'ELOOP' && options.noLink) return { ok: false, code: 'not-file', reason: 'a symbolic link' };
    return { ok: false, code: 'error', reason: describeError(error) };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'not-file', reason: 'not a regular file' };
    if (options.within !== undefined && !sameFileInside(path, options.within, st)) {
      return { ok: false, code: 'outside', reason: 'a symbolic link to outside the workspace' };
    }
    if (st.size > options.maxBytes) return tooLarge(options.maxBytes);
    // The size may grow between fstat and read: never read past the cap.
    const buffer = Buffer.allocUnsafe(Math.min(st.size, options.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > options.maxBytes) return tooLarge(options.maxBytes);
      if (length === buffer.length) break;
    }
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, code: 'error', reason: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Text of a project file: UTF-8, a leading BOM dropped (editors and JSON readers hide it). */
export function readProjectText(path: string, options: ReadOptions): { ok: true; text: string } | ReadRefusal {
  const read = readProjectFile(path, options);
  if (!read.ok) return read;
  const text = read.bytes.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Whether `path`'s real path is inside `root`'s and still names the file that is open. */
function sameFileInside(path: string, root: string, opened: { dev: number; ino: number }): boolean {
  try {
    const real = realpathSync.native(path);
    if (!isInside(realpathSync.native(root), real)) return false;
    const now = statSync(real);
    return now.dev === opened.dev && now.ino === opened.ino;
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or below it (both absolute, already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function tooLarge(maxBytes: number): ReadRefusal {
  return { ok: false, code: 'too-large', reason: `larger than ${formatBytes(maxBytes)}` };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / 1024 / 1024} MB`;
  return n >= 1024 && n % 1024 === 0 ? `${n / 1024} KB` : `${n} bytes`;
}
