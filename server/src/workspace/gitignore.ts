/**
 * .gitignore semantics across nested files: every .gitignore from the
 * repository root down to a directory applies, deeper files win, and
 * `.git/info/exclude` applies at the root. Read as git reads them: lines end
 * at LF (a CR before it is dropped, a lone CR is part of the pattern), a BOM
 * is skipped, a `.gitignore` that is a symbolic link is not followed, and
 * matching is case-sensitive unless the repository sets `core.ignorecase`.
 * Inside a git repository the walker asks git itself (walker.ts); this is
 * the answer where git cannot be asked.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { relPosix } from '../lib/globs';
import { readProjectText } from './readFile';

/** Git warns past 100 MB; a real ignore file is kilobytes, so a few MB is plenty. */
const MAX_IGNORE_BYTES = 4 * 1024 * 1024;

export interface IgnoreOptions {
  /** `core.ignorecase` of the repository (git's default on case-insensitive file systems). */
  ignoreCase?: boolean;
}

interface Layer {
  base: string;
  ig: Ignore;
  /** Whether its rules hold an upper-case letter: only then can `core.ignorecase` change what they match in a lower-case path. */
  cased: boolean;
}

/** A rule (not a `#` comment) with an upper-case letter. */
const CASED_RULE = /^(?!#)[^\n]*[A-Z]/m;

export class IgnoreStack {
  private constructor(
    private readonly layers: readonly Layer[],
    private readonly ignoreCase: boolean,
  ) {}

  static empty(options: IgnoreOptions = {}): IgnoreStack {
    return new IgnoreStack([], options.ignoreCase === true);
  }

  /**
   * The rules in force at `dir` before its own .gitignore is read: those of
   * the enclosing git repository's root and of every directory in between.
   */
  static above(dir: string, options: IgnoreOptions = {}): IgnoreStack {
    const repo = findRepoRoot(dir);
    if (!repo) return IgnoreStack.empty(options);
    let stack = IgnoreStack.empty(options).withFile(repo, join(repo, '.git', 'info', 'exclude'), false);
    const above: string[] = [];
    for (let d = dirname(dir); dir !== repo; d = dirname(d)) {
      above.unshift(d);
      if (d === repo) break;
    }
    for (const d of above) stack = stack.withDir(d);
    return stack;
  }

  /** Adds `dir/.gitignore` when there is one. */
  withDir(dir: string): IgnoreStack {
    return this.withFile(dir, join(dir, '.gitignore'), true);
  }

  private withFile(base: string, file: string, inWorkTree: boolean): IgnoreStack {
    // Missing, unreadable, linked or oversized ignore files add no rules; a FIFO never blocks.
    const read = readProjectText(file, { maxBytes: MAX_IGNORE_BYTES, noLink: inWorkTree });
    if (!read.ok) return this;
    const ig = gitignoreMatcher(read.text, this.ignoreCase);
    return new IgnoreStack([...this.layers, { base, ig, cased: CASED_RULE.test(read.text) }], this.ignoreCase);
  }

  /** Whether `core.ignorecase` can change the answer for a path without upper-case letters. */
  dependsOnCase(): boolean {
    return this.layers.some((l) => l.cased);
  }

  ignores(abs: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, ig } of this.layers) {
      if (relative(base, abs).startsWith('..')) continue;
      let rel = relPosix(base, abs);
      if (rel === '.') continue;
      if (isDir) rel += '/';
      const r = ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}

/** The nearest directory at or above `dir` holding `.git`. */
export function findRepoRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The matcher of one ignore file's text. `ignore` splits a string at LF and
 * CRLF only and trims as git does; its default is case-insensitive, git's is not.
 */
export function gitignoreMatcher(text: string, ignoreCase = false): Ignore {
  return ignore({ ignorecase: ignoreCase }).add(text);
}
