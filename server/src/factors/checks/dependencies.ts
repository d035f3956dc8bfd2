/** II. Dependencies: declared in a manifest and locked to exact versions. */
import { isDocumentKind } from '../../ir/types';
import type { Check } from '../../shared/compliance';
import { baseName, type CheckContext, dirName, filesOfKind, listSome, type ProjectFile } from '../context';

const MANIFEST_KINDS = ['package-json', 'requirements', 'pyproject', 'pipfile', 'setup-py'] as const;
const NODE_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
const PY_LOCKS = ['Pipfile.lock', 'poetry.lock', 'uv.lock', 'pdm.lock'];

export function dependencyChecks(ctx: CheckContext): Check[] {
  return [manifest(ctx), locked(ctx)];
}

function manifest(ctx: CheckContext): Check {
  const manifests = filesOfKind(ctx, ...MANIFEST_KINDS);
  const languages = new Set(
    ctx.sources
      .filter((s) => !s.test && !isDocumentKind(s.language))
      .map((s) => (s.language === 'python' ? 'python' : 'node')),
  );
  if (languages.size === 0 && manifests.length === 0) {
    return {
      id: 'dependency-manifest',
      status: 'unknown',
      message: 'no source files and no dependency manifest',
      files: [],
    };
  }
  const missing = [...languages].filter((l) => !manifests.some((m) => (m.kind === 'package-json') === (l === 'node')));
  if (missing.length > 0) {
    const what = missing.map((l) =>
      l === 'python' ? 'Python (requirements.txt, pyproject.toml, Pipfile or setup.py)' : 'JavaScript (package.json)',
    );
    return {
      id: 'dependency-manifest',
      status: 'fail',
      message: `no dependency manifest for the ${what.join(' and the ')} code`,
      files: manifests.map((m) => m.path),
    };
  }
  return {
    id: 'dependency-manifest',
    status: 'pass',
    message: `dependencies declared in ${listSome(manifests.map((m) => m.path))}`,
    files: manifests.map((m) => m.path),
  };
}

/**
 * Each manifest's versions are pinned: a lock file beside it (or above it, for
 * workspaces), or a requirements file whose every requirement is `==`-pinned.
 */
function locked(ctx: CheckContext): Check {
  const manifests = filesOfKind(ctx, ...MANIFEST_KINDS);
  const locks = filesOfKind(ctx, 'lockfile');
  const problems: string[] = [];
  const proof: string[] = [];
  const judged: ProjectFile[] = [];
  for (const m of manifests) {
    const verdict = lockVerdict(m, locks);
    if (verdict === undefined) continue;
    judged.push(m);
    if (verdict.ok) proof.push(...verdict.files);
    else problems.push(verdict.problem);
  }
  if (judged.length === 0) {
    return {
      id: 'dependencies-locked',
      status: 'unknown',
      message: 'no dependency manifest to check for pinned versions',
      files: [],
    };
  }
  if (problems.length > 0) {
    return {
      id: 'dependencies-locked',
      status: 'warn',
      message: listSome(problems, 2),
      files: judged.map((m) => m.path).sort(),
    };
  }
  return {
    id: 'dependencies-locked',
    status: 'pass',
    message: 'dependency versions are pinned (lock file or exact requirements)',
    files: [...new Set(proof)].sort(),
  };
}

type Verdict = { ok: true; files: string[] } | { ok: false; problem: string } | undefined;

function lockVerdict(m: ProjectFile, locks: ProjectFile[]): Verdict {
  const dir = dirName(m.path);
  const lockIn = (names: string[]) =>
    locks.find((l) => names.includes(baseName(l.path)) && isAtOrAbove(dirName(l.path), dir));
  switch (m.kind) {
    case 'package-json': {
      if (!hasNodeDependencies(m.text)) return undefined;
      const lock = lockIn(NODE_LOCKS);
      return lock ? { ok: true, files: [m.path, lock.path] } : { ok: false, problem: `${m.path} has no lock file` };
    }
    case 'pipfile': {
      const lock = lockIn(['Pipfile.lock']);
      return lock ? { ok: true, files: [m.path, lock.path] } : { ok: false, problem: `${m.path} has no Pipfile.lock` };
    }
    case 'pyproject': {
      if (!m.text || !/^[ \t]*(?:dependencies[ \t]*=|\[tool\.poetry\.dependencies\]|\[project\])/m.test(m.text))
        return undefined;
      const lock = lockIn(PY_LOCKS);
      return lock ? { ok: true, files: [m.path, lock.path] } : { ok: false, problem: `${m.path} has no lock file` };
    }
    case 'requirements': {
      const unpinned = unpinnedRequirements(m.text ?? '');
      if (unpinned === undefined) return undefined;
      return unpinned.length === 0
        ? { ok: true, files: [m.path] }
        : { ok: false, problem: `${m.path}: ${listSome(unpinned, 3)} not pinned with ==` };
    }
    default:
      return undefined;
  }
}

/** Names of requirements without an exact pin; undefined when the file lists none. */
export function unpinnedRequirements(text: string): string[] | undefined {
  const unpinned: string[] = [];
  let count = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    // Options (-r other.txt, -e ., --index-url) and URLs are not version specs.
    if (line === '' || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line) || line.includes(' @ ')) continue;
    const name = /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(line)?.[0];
    if (!name) continue;
    count++;
    if (!/===?\s*[^\s,;*]+\s*(?:;|$)/.test(line) && !line.includes('--hash')) unpinned.push(name);
  }
  return count === 0 ? undefined : unpinned;
}

function hasNodeDependencies(text: string | undefined): boolean {
  if (!text) return false;
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some(
      (k) => typeof pkg[k] === 'object' && pkg[k] !== null && Object.keys(pkg[k] as object).length > 0,
    );
  } catch {
    return false;
  }
}

function isAtOrAbove(candidate: string, dir: string): boolean {
  if (candidate === dir || candidate === '.') return true;
  if (candidate.startsWith('..')) return !dir.startsWith('..');
  return dir.startsWith(`${candidate}/`);
}
