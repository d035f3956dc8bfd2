/**
 * Makes sure `.env` is ignored by git before a secret is written to it.
 * The `.gitignore` files from the workspace folder down to the `.env`'s
 * folder are read (deeper ones win, as in git); only the one beside `.env`
 * is written. `.git/info/exclude`, files above the workspace folder and the
 * user's global excludes file are not consulted, so `ensureIgnoredEdit` may
 * add a line that one of those already makes redundant (harmless), never the
 * other way round.
 */
import { relPosix } from '../lib/globs';
import { gitignoreMatcher } from '../workspace/gitignore';
import type { FilePatch } from './patch';

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

/**
 * Whether `path` is ignored by these `.gitignore` texts (outermost first,
 * each of the folder `dir`; `undefined` where there is none): the last
 * pattern that matches decides, a deeper file's over an outer one's.
 */
export function ignoredByLayers(layers: readonly { dir: string; text: string | undefined }[], path: string): boolean {
  let ignored = false;
  for (const { dir, text } of layers) {
    if (text === undefined) continue;
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const verdict = gitignoreMatcher(body).test(relPosix(dir, path));
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
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
 * keeping every existing byte and using the file's own line ending. Line
 * endings are git's: LF or CRLF; a lone CR ends no line, so a file ending in
 * one gets an LF first (git would read `.env` as part of the last pattern).
 */
export function ensureIgnoredEdit(gitignoreText: string | undefined, relPath = '.env'): GitignoreEdit | undefined {
  if (gitignoreText === undefined) return { create: true, offset: 0, newText: `${relPath}\n` };
  if (isIgnored(gitignoreText, relPath)) return undefined;
  const eol = gitLineEnding(gitignoreText);
  const body = gitignoreText.charCodeAt(0) === 0xfeff ? gitignoreText.slice(1) : gitignoreText;
  // After a trailing lone CR only an LF keeps the last pattern as git read it (CR then LF: the CR is dropped).
  const lineBreak = body.length === 0 || body.endsWith('\n') ? '' : body.endsWith('\r') ? '\n' : eol;
  return {
    create: false,
    offset: gitignoreText.length,
    newText: `${lineBreak}${escapePattern(relPath)}${eol}`,
  };
}

/**
 * The patch that makes the `.gitignore` at `gitignorePath` (its text, or
 * undefined when there is none) ignore `relPath`; undefined when it already does.
 */
export function ensureIgnoredPatch(
  gitignorePath: string,
  gitignoreText: string | undefined,
  relPath = '.env',
): FilePatch | undefined {
  const edit = ensureIgnoredEdit(gitignoreText, relPath);
  return (
    edit && {
      path: gitignorePath,
      create: edit.create,
      text: gitignoreText ?? '',
      changes: [{ start: edit.offset, end: edit.offset, newText: edit.newText }],
    }
  );
}

/** CRLF when most of the file's line ends are CRLF, else LF. */
function gitLineEnding(text: string): string {
  const lf = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  return crlf > lf - crlf ? '\r\n' : '\n';
}

/** A path as a pattern that matches exactly that name (git treats these characters specially). */
function escapePattern(relPath: string): string {
  return relPath.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
}
