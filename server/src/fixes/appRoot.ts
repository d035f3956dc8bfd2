/**
 * Where "Move to environment" writes `.env`, `.env.example` and `.gitignore`:
 * the app the file belongs to, not the repository. The nearest folder at or
 * above the file that holds a dependency manifest or `.twelve-factor.json`,
 * within `boundary` (the workspace folder); two apps of one repository then
 * get a `.env` each, and a name is chosen against that app's `.env` only.
 */
import { dirname, join } from 'node:path';
import { isInside } from '../workspace/readFile';

/** Files that mark the root of an app: what its `.env` sits beside. */
export const APP_MARKERS = [
  '.twelve-factor.json',
  'package.json',
  'pyproject.toml',
  'requirements.txt',
  'manage.py',
  'setup.py',
  'setup.cfg',
  'Pipfile',
] as const;

/**
 * The nearest folder from `fileDir` up to `boundary` holding one of
 * APP_MARKERS, else `boundary`. A `fileDir` outside `boundary` gets `boundary`.
 */
export function appRoot(fileDir: string, boundary: string, isFile: (path: string) => boolean): string {
  if (!isInside(boundary, fileDir)) return boundary;
  for (let dir = fileDir; ; dir = dirname(dir)) {
    if (APP_MARKERS.some((name) => isFile(join(dir, name)))) return dir;
    if (dir === boundary || dirname(dir) === dir) return boundary;
  }
}

/** The folders from `top` down to `root` (both included; `root` alone when it is not below `top`). */
export function foldersDown(top: string, root: string): string[] {
  if (!isInside(top, root)) return [root];
  const out: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    out.unshift(dir);
    if (dir === top || dirname(dir) === dir) return out;
  }
}
