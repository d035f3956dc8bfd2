/**
 * Path helpers for the walk. Globs are matched by the same code as in the
 * language server (lsp/globs.ts), so the CLI and the editor agree on which
 * files `exclude` and `testFiles` cover.
 */
import { relative } from 'node:path';

export { compileGlobs, type PathMatcher } from '../lsp/globs';

/** `to` relative to `from` with `/` separators; `.` for the same directory. */
export function relPosix(from: string, to: string): string {
  const rel = relative(from, to).split('\\').join('/');
  return rel === '' ? '.' : rel;
}
