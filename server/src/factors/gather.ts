/**
 * Reads what the checks need from disk besides the source files: project
 * files (through the same walker and exclusions as the scan), CI definitions,
 * whether `.env` is ignored and whether git tracks env files.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IgnoreStack, findRepoRoot } from '../workspace/gitignore';
import { relPosix } from '../workspace/globs';
import { listProjectFiles } from '../workspace/walker';
import type { CheckContext, ProjectFile } from './context';

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
  options: { exclude?: readonly string[]; signal?: AbortSignal } = {},
): Promise<ProjectInfo> {
  const gitRoot = findRepoRoot(root);
  const walked = await listProjectFiles(root, {
    cwd: root,
    base: root,
    exclude: options.exclude,
    signal: options.signal,
  });
  const files: ProjectFile[] = [];
  for (const w of walked) {
    if (!w.project) continue;
    const file: ProjectFile = { path: w.relPath, kind: w.project };
    if (w.gitignored) file.gitignored = true;
    // Lock files are only needed by name; everything else is small config worth reading.
    if (w.project !== 'lockfile') file.text = await readSmall(w.path);
    files.push(file);
  }
  files.push(...(await extraFiles(root, gitRoot)));
  files.sort((a, b) => compare(a.path, b.path));
  const envIgnored = IgnoreStack.above(root).withDir(root).ignores(join(root, '.env'), false);
  const trackedEnvFiles = gitRoot ? await gitTrackedEnvFiles(root) : undefined;
  return { root, gitRoot, projectFiles: files, envIgnored, trackedEnvFiles };
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
    else if (/^gunicorn[\w.-]*\.py$/.test(name)) out.push({ path: name, kind: 'gunicorn', text: await readSmall(abs) });
  }
  return out;
}

/**
 * Env files git tracks under the root. Undefined when git cannot tell (not
 * installed, not a repository). The repository's own config must not run
 * anything: fsmonitor and hooks are turned off for this call.
 */
function gitTrackedEnvFiles(root: string): Promise<string[] | undefined> {
  const args = [
    '-c',
    'core.fsmonitor=false',
    '-c',
    'core.hooksPath=/dev/null',
    'ls-files',
    '-z',
    '--',
    ':(glob)**/.env',
    ':(glob)**/.env.*',
  ];
  return new Promise((resolve) => {
    execFile('git', args, { cwd: root, timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(undefined);
      resolve(
        stdout
          .split('\0')
          .filter((p) => p !== '')
          .sort(),
      );
    });
  });
}

async function readSmall(abs: string): Promise<string | undefined> {
  try {
    if (statSync(abs).size > MAX_TEXT) return undefined;
    return await readFile(abs, 'utf8');
  } catch {
    return undefined;
  }
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
