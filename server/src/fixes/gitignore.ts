/**
 * Makes sure `.env` is ignored by git before a secret is written to it.
 * Only the workspace-root `.gitignore` is read and written: nested
 * `.gitignore` files, `.git/info/exclude` and the user's global excludes file
 * are not consulted, so `ensureIgnoredEdit` may add a line that one of those
 * already makes redundant (harmless), never the other way round.
 */
import { gitignoreMatcher } from '../workspace/gitignore';
import { lineEnding } from './dotenv';

/**
 * Whether `relPath` (relative to the root, `/` separators) is ignored by this
 * `.gitignore` text, read as git reads it (see workspace/gitignore.ts).
 * Case-sensitive even where `core.ignorecase` is set: there a `.ENV` line
 * would also do, and the fix adds a redundant `.env` line, which is harmless;
 * the other way round a `.ENV` line would let the secret be committed.
 */
export function isIgnored(gitignoreText: string, relPath: string): boolean {
  const text = gitignoreText.charCodeAt(0) === 0xfeff ? gitignoreText.slice(1) : gitignoreText;
  return gitignoreMatcher(text).ignores(relPath);
}

export interface GitignoreEdit {
  /** True when there is no `.gitignore` yet and the edit creates it. */
  create: boolean;
  /** Offset in the given text (its length): the edit is an insertion at the end. */
  offset: number;
  newText: string;
}

/**
 * `undefined` when `relPath` is already ignored; else an insertion at the end
 * of the file (created when `gitignoreText` is undefined) that ignores it,
 * keeping every existing byte and using the file's own line ending.
 */
export function ensureIgnoredEdit(gitignoreText: string | undefined, relPath = '.env'): GitignoreEdit | undefined {
  if (gitignoreText === undefined) return { create: true, offset: 0, newText: `${relPath}\n` };
  if (isIgnored(gitignoreText, relPath)) return undefined;
  const eol = lineEnding(gitignoreText);
  const body = gitignoreText.charCodeAt(0) === 0xfeff ? gitignoreText.slice(1) : gitignoreText;
  const needsBreak = body.length > 0 && !/[\r\n]$/.test(body);
  return {
    create: false,
    offset: gitignoreText.length,
    newText: `${needsBreak ? eol : ''}${escapePattern(relPath)}${eol}`,
  };
}

/** A path as a pattern that matches exactly that name (git treats these characters specially). */
function escapePattern(relPath: string): string {
  return relPath.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}
