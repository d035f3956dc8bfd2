/**
 * What a fix reads outside the document: other files (the editor's text when
 * open, else the disk) and whether git tracks a file. Read at request time,
 * never cached: `.env` may change between two requests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceFiles } from '../fixes/moveToEnv';
import type { DocumentStore } from './documents';

export function workspaceFiles(documents: DocumentStore): WorkspaceFiles {
  return {
    read(path) {
      const open = documents.get(pathToFileURL(path).href);
      if (open) return open.document.getText();
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    undecodable(path) {
      // An open document is edited in the editor's buffer, in the editor's encoding.
      if (documents.get(pathToFileURL(path).href)) return undefined;
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        return undefined;
      }
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return undefined;
      } catch {
        return 'is not valid UTF-8 (Latin-1 or another legacy encoding?)';
      }
    },
    isTracked(path) {
      try {
        const out = execFileSync('git', ['ls-files', '--', basename(path)], {
          cwd: dirname(path),
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
          timeout: 5000,
        });
        return out.trim() !== '';
      } catch {
        // Not a repository, or no git: nothing is tracked.
        return false;
      }
    },
  };
}
