/**
 * Path helpers shared by the walk, the CLI and the language server, so that
 * every face agrees on which files `exclude` and `testFiles` cover.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** `to` relative to `from` with `/` separators; `.` for the same directory. */
export function relPosix(from: string, to: string): string {
  const rel = pathBelow(from, to) ?? relative(from, to);
  if (rel === '') return '.';
  return rel.includes('\\') ? rel.split('\\').join('/') : rel;
}

/** A path segment `.` or `..`, or an empty one: the tail would need normalising. */
const UNNORMAL = /(?:^|[\\/])\.{0,2}(?:[\\/]|$)/;

/** The last base checked: a walk asks for the same base thousands of times. */
let lastBase = '';
let lastBaseNormal = false;

function isNormal(base: string): boolean {
  if (base !== lastBase) {
    lastBase = base;
    lastBaseNormal = !UNNORMAL.test(base.slice(1));
  }
  return lastBaseNormal;
}

/**
 * `to` below `from` without `path.relative` (which resolves both paths, a
 * third of a warm cached run's walk): only for absolute, already-normal paths
 * where `to` literally continues `from`, with `/` separators (posix
 * `relative` compares case-sensitively too); anything else (undefined) goes
 * through `relative`.
 */
export function pathBelow(from: string, to: string): string | undefined {
  if (sep !== '/' || to.length <= from.length + 1 || !isAbsolute(from) || from.endsWith('/')) return undefined;
  if (to.charCodeAt(from.length) !== 47 || !to.startsWith(from) || !isNormal(from)) return undefined;
  const tail = to.slice(from.length + 1);
  return UNNORMAL.test(tail) ? undefined : tail;
}

/**
 * Glob matching for the `exclude` and `testFiles` settings, against
 * project-relative paths with `/` separators. Follows .gitignore habits: a
 * pattern without a `/` matches a file or folder name at any depth, a
 * pattern that matches a folder matches everything under it, `**` spans
 * folders, `*` and `?` stay within one name, `{a,b}` are alternatives.
 * (node's `path.matchesGlob` would do, but it prints an experimental
 * warning on stderr in node 20.)
 */

export type PathMatcher = (relPath: string) => boolean;

export function compileGlobs(patterns: readonly string[]): PathMatcher {
  const regexes = patterns
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !p.startsWith('#'))
    .map(globToRegExp);
  if (regexes.length === 0) return () => false;
  return (relPath) => regexes.some((re) => re.test(relPath));
}

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.replace(/\/+$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  let body = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slashAfter = p[i + 2] === '/';
        // `**/` matches zero or more whole folders; a bare `**` anything.
        body += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        body += '[^/]*';
      }
    } else if (c === '?') {
      body += '[^/]';
    } else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) {
        body += '\\{';
        continue;
      }
      const alternatives = p
        .slice(i + 1, close)
        .split(',')
        .map(escapeRegExp);
      body += `(?:${alternatives.join('|')})`;
      i = close;
    } else {
      body += escapeRegExp(c);
    }
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return new RegExp(`${prefix}${body}(?:/.*)?$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}
