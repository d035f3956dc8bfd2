/** Temporary project trees for tests, from `{ 'a/b.py': 'text' }` maps. */
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type TreeFiles = Record<string, string | Buffer>;

/** Writes each file under `root`, making its folders; returns `root`. */
export function writeFiles(root: string, files: TreeFiles): string {
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

export interface TreeOptions {
  /** An empty `.git` folder: the tree is a project root, as a checkout would be. */
  gitMarker?: boolean;
  /** The real path (macOS' /tmp is a link), for tests that compare paths. */
  realPath?: boolean;
}

/** A fresh folder under the system's temp folder (`tf-<prefix>-…`) holding `files`. */
export function tempTree(prefix: string, files: TreeFiles, options: TreeOptions = {}): string {
  const made = mkdtempSync(join(tmpdir(), `tf-${prefix}-`));
  const root = options.realPath ? realpathSync(made) : made;
  if (options.gitMarker) mkdirSync(join(root, '.git'));
  return writeFiles(root, files);
}
