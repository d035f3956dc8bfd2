/**
 * Copies a workspace fixture (test/workspaces/<name>) to a temporary folder
 * and prepares what cannot be committed: a git repository (nested .git
 * folders cannot live in this repository) and `.env` files.
 */
import { execFileSync } from 'node:child_process';
import { writeFiles } from './support/tempTree';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const WORKSPACES = resolve(__dirname, 'workspaces');

export interface Prepared {
  root: string;
}

export function prepareWorkspace(
  name: string,
  options: { git?: boolean; files?: Record<string, string>; track?: string[] } = {},
): Prepared {
  const root = mkdtempSync(join(tmpdir(), `tf-ws-${name}-`));
  cpSync(join(WORKSPACES, name), root, { recursive: true });
  writeFiles(root, options.files ?? {});
  if (options.git) {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: root,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '-A');
    for (const rel of options.track ?? []) git('add', '-f', rel);
    git('commit', '-q', '-m', 'fixture');
  }
  return { root };
}
