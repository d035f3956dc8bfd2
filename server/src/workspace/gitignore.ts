/**
 * .gitignore semantics across nested files: every .gitignore from the
 * repository root down to a directory applies, deeper files win, and
 * `.git/info/exclude` applies at the root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { relPosix } from './globs';

interface Layer {
  base: string;
  ig: Ignore;
}

export class IgnoreStack {
  private constructor(private readonly layers: readonly Layer[]) {}

  static empty(): IgnoreStack {
    return new IgnoreStack([]);
  }

  /**
   * The rules in force at `dir` before its own .gitignore is read: those of
   * the enclosing git repository's root and of every directory in between.
   */
  static above(dir: string): IgnoreStack {
    const repo = findRepoRoot(dir);
    if (!repo) return IgnoreStack.empty();
    let stack = IgnoreStack.empty().withFile(repo, join(repo, '.git', 'info', 'exclude'));
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
    return this.withFile(dir, join(dir, '.gitignore'));
  }

  private withFile(base: string, file: string): IgnoreStack {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Missing or unreadable ignore files simply add no rules.
      return this;
    }
    const ig = ignore().add(text);
    return new IgnoreStack([...this.layers, { base, ig }]);
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
