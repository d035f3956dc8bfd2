/** What every check reads: the workspace's source files (findings and signals) and project files. */
import type { FileRole, Finding, InputKind } from '../ir/types';
import type { ProjectFileKind } from '../lib/projectFiles';
import type { FileSignals } from '../ir/signals';

export interface SourceFile {
  /** Root-relative, `/` separators. */
  path: string;
  /** The language, or the document kind of a config or deployment file (Dockerfile, compose, .env). */
  language: InputKind;
  /** What the file is for (the engine's verdict, see semantics/roles.ts). */
  role: FileRole;
  /** `role === 'test'`. */
  test: boolean;
  findings: Finding[];
  signals?: FileSignals;
}

/** `kubernetes`: a walked `yaml` file holding a workload manifest (the others are dropped). */
export type ExtraFileKind = 'ci' | 'makefile' | 'gunicorn' | 'manage-py' | 'kubernetes';

export interface ProjectFile {
  /** Root-relative, `/` separators (may start with `../` for files at the repository root). */
  path: string;
  kind: ProjectFileKind | ExtraFileKind;
  /** The text, when small enough to read (manifests, Procfiles, .env.example). */
  text?: string;
  /** .gitignore excludes it. */
  gitignored?: boolean;
}

export interface CheckContext {
  root: string;
  /** The nearest folder at or above the root holding `.git`. */
  gitRoot?: string;
  /** Env files git tracks (root-relative); undefined when git could not tell. */
  trackedEnvFiles?: string[];
  /** Whether `.gitignore` would exclude `<root>/.env`. */
  envIgnored: boolean;
  /** Sorted by path. */
  projectFiles: ProjectFile[];
  /** Sorted by path; files the engine skipped are not here. */
  sources: SourceFile[];
  /** Rules turned `off` by configuration. */
  disabledRules: ReadonlySet<string>;
}

export function filesOfKind(ctx: CheckContext, ...kinds: ProjectFile['kind'][]): ProjectFile[] {
  return ctx.projectFiles.filter((f) => kinds.includes(f.kind));
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

export function nonTestSources(ctx: CheckContext): SourceFile[] {
  return ctx.sources.filter((s) => !s.test);
}

/** `a`, `a and b`, `a, b and 2 more`. */
export function listSome(items: readonly string[], max = 3): string {
  if (items.length <= max) {
    return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  }
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function sortedUnique(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
