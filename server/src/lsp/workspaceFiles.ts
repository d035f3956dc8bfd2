/**
 * What a fix reads outside the document: other files (the editor's text when
 * open, else the disk), whether git tracks a file, and whether a file may be
 * written at all. Read at request time, never cached: `.env` may change
 * between two requests.
 *
 * The workspace is hostile input: `.env`, `.env.example` or `.gitignore` can
 * be a symbolic link (to a file outside the workspace, or dangling, so that
 * the editor would create its target). A fix refuses to write any link, any
 * file that is not a regular file, and anything outside the workspace folder.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceFiles } from '../fixes/moveToEnv';
import { gitListFiles } from '../workspace/git';
import { isInside, MAX_CONFIG_BYTES, readProjectFile, readProjectText } from '../workspace/readFile';
import type { DocumentStore } from './documents';

export interface FixFiles {
  /**
   * The files of `root` (where the fix writes) for one request; `folder` is
   * the workspace folder nothing may be written outside of.
   */
  at(root: string, folder: string): Promise<WorkspaceFiles>;
}

export function workspaceFiles(documents: DocumentStore): FixFiles {
  return {
    async at(root, folder) {
      // Asked once, asynchronously, through the hardened helper: the fix itself is pure and synchronous.
      const tracked = new Set(await gitListFiles(root, ['--cached', '--', ':(glob)*'], { timeoutMs: 5000 }));
      return {
        read(path) {
          const open = documents.get(pathToFileURL(path).href);
          if (open) return open.document.getText();
          const read = readProjectText(path, { maxBytes: MAX_CONFIG_BYTES, within: folder });
          return read.ok ? read.text : undefined;
        },
        isTracked: (path) => dirname(path) === root && tracked.has(basename(path)),
        writeRefusal: (path) => writeRefusal(path, folder),
        undecodable(path) {
          // An open document is edited in the editor's buffer, in the editor's encoding.
          if (documents.get(pathToFileURL(path).href)) return undefined;
          const read = readProjectFile(path, { maxBytes: MAX_CONFIG_BYTES, within: folder });
          if (!read.ok) return undefined;
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
            return undefined;
          } catch {
            return 'is not valid UTF-8 (Latin-1 or another legacy encoding?)';
          }
        },
      };
    },
  };
}

/** Why `path` must not be written by a fix, or undefined when it may. */
export function writeRefusal(path: string, folder: string): string | undefined {
  const name = basename(path);
  try {
    if (!isInside(realpathSync.native(folder), realpathSync.native(dirname(path)))) {
      return `${name} would be written outside the workspace folder`;
    }
  } catch {
    return `the folder of ${name} cannot be resolved`;
  }
  let st;
  try {
    st = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `${name} cannot be read`;
  }
  if (st.isSymbolicLink()) return `${name} is a symbolic link; the fix writes only regular files`;
  if (!st.isFile()) return `${name} is not a regular file`;
  const read = readProjectText(path, { maxBytes: MAX_CONFIG_BYTES, within: folder });
  return read.ok ? undefined : `${name} cannot be read safely (${read.reason})`;
}
