/**
 * Which walked paths git would hide. Inside a git repository the answer is
 * git's own: what it tracks plus what is untracked and not ignored
 * (`git ls-files --cached --others --exclude-standard`, through the hardened
 * helper), so a tracked file that `.gitignore` also lists is still checked,
 * exactly as CI sees the repository. The listing also says which files are
 * tracked: build output is only walked where git tracks it (walker.ts).
 * Where git cannot answer (no git, not a repository, a listing too large)
 * the ignore files are read as git reads them (gitignore.ts), and nothing
 * counts as tracked.
 *
 * Paths are looked up by the real path of their parent directory joined with
 * their own name: git lists a symbolic link under its own name, and the
 * contents of a linked directory under the directory it points to.
 */
import { relative, sep } from 'node:path';
import { pathBelow } from '../lib/globs';
import { gitIgnoresCase, gitListFiles } from './git';
import { findRepoRoot, IgnoreStack } from './gitignore';

export interface Visibility {
  /** The visibility inside `dir` (real path `realDir`) whose entries are `names`. */
  inside(dir: string, realDir: string, names: readonly string[]): Promise<Visibility>;
  /** Whether the directory `abs`, reached as `key` (real parent + name), is left out. */
  hidesDir(abs: string, key: string): boolean;
  /** Whether the file `abs`, reached as `key`, is ignored. */
  ignoresFile(abs: string, key: string): boolean;
  /** Whether git tracks a file below the directory reached as `key` (false when git cannot tell). */
  tracksBelow(key: string): boolean;
  /** Whether git tracks the file reached as `key` (false when git cannot tell). */
  tracksFile(key: string): boolean;
  /** Every file git tracks here (`/`-separated, relative to the walked directory); undefined when git cannot tell. */
  trackedFiles(): readonly string[] | undefined;
}

/** Bounds the listing: past this the ignore files are read instead. */
const MAX_LISTING_BYTES = 256 * 1024 * 1024;

/** The visibility at a walked root directory `abs` (real path `real`). */
export async function visibilityAt(
  abs: string,
  real: string,
  signal?: AbortSignal,
  whileListing?: () => void,
): Promise<Visibility> {
  const repo = findRepoRoot(abs);
  if (repo) {
    // `-t` tags each path: `? ` for untracked, a status letter (`H `, `S `…) for what the index holds.
    const listing = gitListFiles(real, ['-t', '--cached', '--others', '--exclude-standard'], {
      maxBytes: MAX_LISTING_BYTES,
      timeoutMs: 60_000,
      signal,
    });
    // git runs in its own process meanwhile.
    whileListing?.();
    const listed = await listing;
    if (listed) return new GitListing(real, listed);
  } else {
    whileListing?.();
  }
  const ignoreCase = repo ? await gitIgnoresCase(real) : false;
  return new IgnoreFiles(IgnoreStack.above(abs, { ignoreCase }));
}

class GitListing implements Visibility {
  private readonly files = new Set<string>();
  /** Directories holding a listed file. */
  private readonly dirs = new Set<string>();
  /** Files the index holds. */
  private readonly tracked = new Set<string>();
  /** Directories holding a tracked file. */
  private readonly trackedDirs = new Set<string>();
  /** Untracked repositories inside this one (`--others` lists them as `dir/`). */
  private readonly nested = new Set<string>();

  constructor(
    private readonly base: string,
    listed: readonly string[],
  ) {
    for (const entry of listed) {
      const path = entry.slice(2);
      const tracked = !entry.startsWith('?');
      if (path.endsWith('/')) this.nested.add(path.slice(0, -1));
      else this.files.add(path);
      if (tracked) this.tracked.add(path);
      addParents(path, this.dirs);
      if (tracked) addParents(path, this.trackedDirs);
    }
  }

  async inside(dir: string, realDir: string): Promise<Visibility> {
    const key = this.keyOf(realDir);
    // A submodule (listed as one entry) or a nested repository: its own git answers for it.
    if (key !== '' && (this.nested.has(key) || this.files.has(key))) return visibilityAt(dir, realDir);
    return this;
  }

  hidesDir(_abs: string, key: string): boolean {
    const k = this.keyOf(key);
    return !(this.dirs.has(k) || this.files.has(k) || this.nested.has(k));
  }

  ignoresFile(_abs: string, key: string): boolean {
    return !this.files.has(this.keyOf(key));
  }

  tracksBelow(key: string): boolean {
    return this.trackedDirs.has(this.keyOf(key));
  }

  tracksFile(key: string): boolean {
    return this.tracked.has(this.keyOf(key));
  }

  trackedFiles(): readonly string[] {
    return [...this.tracked];
  }

  private keyOf(real: string): string {
    if (real === this.base) return '';
    return pathBelow(this.base, real) ?? relative(this.base, real).split(sep).join('/');
  }
}

class IgnoreFiles implements Visibility {
  constructor(private readonly stack: IgnoreStack) {}

  async inside(dir: string, _realDir: string, names: readonly string[]): Promise<Visibility> {
    return names.includes('.gitignore') ? new IgnoreFiles(this.stack.withDir(dir)) : this;
  }

  hidesDir(abs: string): boolean {
    return this.stack.ignores(abs, true);
  }

  ignoresFile(abs: string): boolean {
    return this.stack.ignores(abs, false);
  }

  tracksBelow(): boolean {
    return false;
  }

  tracksFile(): boolean {
    return false;
  }

  trackedFiles(): undefined {
    return undefined;
  }
}

/** Adds every folder above `path` (a `/`-separated listing path) to `dirs`. */
function addParents(path: string, dirs: Set<string>): void {
  for (let i = path.lastIndexOf('/', path.length - 2); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const dir = path.slice(0, i);
    if (dirs.has(dir)) break;
    dirs.add(dir);
  }
}
