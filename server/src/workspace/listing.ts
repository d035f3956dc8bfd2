/**
 * The project files of one walk, shared by everything a run gathers from
 * them (the rules' project facts, the factor checks), so that a run walks
 * the tree and asks git for its listing once.
 *
 * The scan supplies the list when its own walk covered the whole root (it
 * then walks for source and project files at once); otherwise it supplies
 * nothing and each consumer walks for itself, as before.
 */
import { basename } from 'node:path';
import { inputKindOf } from '../frontends';
import { projectFileKind } from '../lib/projectFiles';
import { gitTrackedEnvFiles } from './git';
import { listProjectFiles, type WalkFile, type WalkItem } from './walker';

export class ProjectListing {
  private settle: (files: readonly WalkFile[] | undefined) => void = () => undefined;
  private settleTracked: (files: readonly string[] | undefined) => void = () => undefined;
  private envFiles?: Promise<string[] | undefined>;
  /** Undefined when the scan's walk did not cover the root (or failed): walk for yourself. */
  readonly files: Promise<readonly WalkFile[] | undefined>;
  /** What git tracks under the root, from the walk's own question to git; undefined when it cannot tell. */
  private readonly tracked: Promise<readonly string[] | undefined>;

  constructor(
    readonly root: string,
    readonly exclude: readonly string[] | undefined,
  ) {
    this.files = new Promise((resolve) => (this.settle = resolve));
    this.tracked = new Promise((resolve) => (this.settleTracked = resolve));
  }

  /** Settles the list once; later calls are ignored. */
  supply(files: readonly WalkFile[] | undefined): void {
    this.settle(files);
    this.settle = () => undefined;
    // A walk that listed no files never learnt what git tracks either.
    this.supplyTracked(undefined);
  }

  /** Settles what git tracks under the root once (the walk knows it before it lists the files). */
  supplyTracked(files: readonly string[] | undefined): void {
    this.settleTracked(files);
    this.settleTracked = () => undefined;
  }

  /**
   * The `.env` and `.env.*` files git tracks under the root, as
   * `gitTrackedEnvFiles` answers, asked once per run (the scan and the factor
   * checks share the answer): from the walk's listing when it had one, else
   * from git (`signal` is the first asker's).
   */
  trackedEnvFiles(signal?: AbortSignal): Promise<string[] | undefined> {
    this.envFiles ??= this.tracked.then((tracked) =>
      tracked ? tracked.filter(isEnvFileName).sort() : gitTrackedEnvFiles(this.root, { signal }),
    );
    return this.envFiles;
  }

  /** Whether this listing answers a walk of `root` with these exclusions. */
  serves(root: string, exclude: readonly string[] | undefined): boolean {
    return root === this.root && sameList(exclude, this.exclude);
  }
}

/** The project files under `root`: the shared listing's when it serves, else a walk of their own. */
export async function projectFilesOf(
  root: string,
  options: { exclude?: readonly string[]; signal?: AbortSignal; listing?: ProjectListing },
): Promise<readonly WalkFile[]> {
  const { listing, exclude, signal } = options;
  const shared = listing?.serves(root, exclude) ? await listing.files : undefined;
  return shared ?? listProjectFiles(root, { cwd: root, base: root, exclude, signal });
}

/** A project-file item of a walk made with `select: 'all'`, as `listProjectFiles` would list it. */
export function asProjectFile(item: WalkFile, relPath: string): WalkFile | undefined {
  if (!item.project) return undefined;
  const file: WalkFile = { kind: 'file', path: item.path, relPath, project: item.project };
  if (item.gitignored) file.gitignored = true;
  return file;
}

/**
 * Whether a walk for source files alone would also have reported this skip:
 * a link named like a project file (a dangling `package.json`) is only
 * reported because the walk looked for project files too.
 */
export function isSourceSkip(item: Extract<WalkItem, { kind: 'skipped' }>): boolean {
  if (item.reason.startsWith('cannot read directory')) return true;
  const name = basename(item.path);
  return inputKindOf(name) !== undefined || !projectFileKind(name);
}

/** A name the pathspecs of `gitTrackedEnvFiles` match: `.env`, `.env.<anything>`, in any folder. */
function isEnvFileName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === '.env' || name.startsWith('.env.');
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
