/**
 * Reads what the checks need from disk besides the source files: project
 * files (through the same walker and exclusions as the scan), CI definitions,
 * whether `.env` is ignored and whether git tracks env files.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gitIgnoresCase, gitTrackedEnvFiles } from '../workspace/git';
import { IgnoreStack, findRepoRoot } from '../workspace/gitignore';
import { relPosix } from '../lib/globs';
import { readProjectText } from '../workspace/readFile';
import { projectFilesOf, type ProjectListing } from '../workspace/listing';
import type { CheckContext, ProjectFile } from './context';
import { isKubernetesManifest } from '../frontends/documents';

/** Project files larger than this are listed but not read (a lock file can be megabytes). */
const MAX_TEXT = 256 * 1024;
const CI_FILES = [
  '.gitlab-ci.yml',
  '.circleci/config.yml',
  'Jenkinsfile',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
];
const CI_DIRS = ['.github/workflows'];

export type ProjectInfo = Omit<CheckContext, 'sources' | 'disabledRules'>;

export async function gatherProject(
  root: string,
  options: { exclude?: readonly string[]; signal?: AbortSignal; listing?: ProjectListing } = {},
): Promise<ProjectInfo> {
  const gitRoot = findRepoRoot(root);
  // git answers while the files are listed (the scan's walk, when shared).
  // The scan's walk has asked git what it tracks: the shared listing answers without another git process.
  const { listing } = options;
  const shared = listing?.serves(root, options.exclude) ? listing : undefined;
  const trackedEnv = !gitRoot
    ? Promise.resolve(undefined)
    : (shared?.trackedEnvFiles(options.signal) ?? gitTrackedEnvFiles(root, { signal: options.signal }));
  // Awaited below, after the listing; it must not reject unhandled meanwhile.
  trackedEnv.catch(() => undefined);
  const walked = await projectFilesOf(root, options);
  const files: ProjectFile[] = [];
  for (const w of walked) {
    if (!w.project) continue;
    if (w.project === 'yaml') {
      // Only Kubernetes manifests among the other YAML files (workflows, OpenAPI specs, Helm values).
      const text = w.gitignored ? undefined : readSmall(w.path, root);
      if (text !== undefined && isKubernetesManifest(text)) files.push({ path: w.relPath, kind: 'kubernetes', text });
      continue;
    }
    const file: ProjectFile = { path: w.relPath, kind: w.project };
    if (w.gitignored) file.gitignored = true;
    // Lock files are only needed by name; everything else is small config worth reading.
    if (w.project !== 'lockfile') file.text = readSmall(w.path, root);
    files.push(file);
  }
  files.push(...(await extraFiles(root, gitRoot)));
  files.sort((a, b) => compare(a.path, b.path));
  const envIgnored = await ignoresEnv(root, gitRoot);
  const trackedEnvFiles = await trackedEnv;
  return { root, gitRoot, projectFiles: files, envIgnored, trackedEnvFiles };
}

/**
 * Whether the ignore files hide `.env` at `root`. git compares without case
 * where the repository sets `core.ignorecase`; it is asked only when that
 * changes the answer (a line such as `.ENV`), which saves a git process.
 */
async function ignoresEnv(root: string, gitRoot: string | undefined): Promise<boolean> {
  const stack = (ignoreCase: boolean) => IgnoreStack.above(root, { ignoreCase }).withDir(root);
  const exact = stack(false);
  const env = join(root, '.env');
  const answer = exact.ignores(env, false);
  if (!gitRoot || !exact.dependsOnCase() || answer === stack(true).ignores(env, false)) return answer;
  return stack(await gitIgnoresCase(root)).ignores(env, false);
}

/** CI workflows, Makefiles, gunicorn configs and manage.py: not in the walker's project kinds. */
async function extraFiles(root: string, gitRoot: string | undefined): Promise<ProjectFile[]> {
  const out: ProjectFile[] = [];
  const seen = new Set<string>();
  // CI lives at the repository root, which may be above the analysed folder.
  for (const base of gitRoot && gitRoot !== root ? [root, gitRoot] : [root]) {
    for (const rel of CI_FILES) {
      const abs = join(base, rel);
      if (isFile(abs) && !seen.has(abs)) {
        seen.add(abs);
        out.push({ path: relPosix(root, abs), kind: 'ci' });
      }
    }
    for (const dir of CI_DIRS) {
      for (const name of listDir(join(base, dir))) {
        const abs = join(base, dir, name);
        if (/\.ya?ml$/.test(name) && isFile(abs) && !seen.has(abs)) {
          seen.add(abs);
          out.push({ path: relPosix(root, abs), kind: 'ci' });
        }
      }
    }
  }
  for (const name of listDir(root)) {
    const abs = join(root, name);
    if (!isFile(abs)) continue;
    if (name === 'Makefile' || name === 'makefile' || name === 'justfile') out.push({ path: name, kind: 'makefile' });
    else if (name === 'manage.py') out.push({ path: name, kind: 'manage-py' });
    else if (/^gunicorn[\w.-]*\.py$/.test(name)) out.push({ path: name, kind: 'gunicorn', text: readSmall(abs, root) });
  }
  return out;
}

/** A project file's text; undefined when it is not a small regular file inside the root. */
function readSmall(abs: string, root: string): string | undefined {
  const read = readProjectText(abs, { maxBytes: MAX_TEXT, within: root });
  return read.ok ? read.text : undefined;
}

function listDir(dir: string): string[] {
  try {
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  } catch {
    return [];
  }
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
