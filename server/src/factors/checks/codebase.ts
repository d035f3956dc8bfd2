/** I. Codebase: one codebase tracked in revision control, one app per repository. */
import type { Check } from '../../shared/compliance';
import { type CheckContext, dirName, filesOfKind, listSome } from '../context';
import { relPosix } from '../../lib/globs';

export function codebaseChecks(ctx: CheckContext): Check[] {
  return [gitRepository(ctx), oneApp(ctx)];
}

function gitRepository(ctx: CheckContext): Check {
  if (ctx.gitRoot) {
    const where = relPosix(ctx.root, ctx.gitRoot);
    return {
      id: 'git-repository',
      status: 'pass',
      message: where === '.' ? 'a git repository' : `inside the git repository at ${where}`,
      files: [where === '.' ? '.git' : `${where}/.git`],
    };
  }
  if (ctx.sources.length === 0 && ctx.projectFiles.length === 0) {
    return {
      id: 'git-repository',
      status: 'unknown',
      message: 'no git repository, and no app code to judge',
      files: [],
    };
  }
  return {
    id: 'git-repository',
    status: 'fail',
    message: 'not in a git repository (no .git at or above the folder)',
    files: [],
  };
}

/**
 * Folders with a dependency manifest are deployables. Several of them in one
 * repository are several apps, unless one folder holds them all as workspaces
 * of one package, or a Python and a Node manifest share a folder (one app
 * with front-end assets).
 */
function oneApp(ctx: CheckContext): Check {
  const manifests = filesOfKind(ctx, 'package-json', 'requirements', 'pyproject', 'pipfile', 'setup-py').filter(
    (f) => !f.path.startsWith('../'),
  );
  const dirs = [...new Set(manifests.map((m) => dirName(m.path)))].sort();
  if (dirs.length === 0) {
    return { id: 'one-app', status: 'unknown', message: 'no dependency manifest marks an app', files: [] };
  }
  const rootPackage = manifests.find((m) => m.path === 'package.json');
  const workspaces = rootPackage?.text ? /"workspaces"\s*:/.test(rootPackage.text) : false;
  const apps = workspaces
    ? ['.']
    : collapseNested(
        dirs,
        manifests.map((m) => m.path),
      );
  if (apps.length <= 1) {
    return {
      id: 'one-app',
      status: 'pass',
      message: workspaces ? 'one app (npm workspaces)' : `one app${apps[0] === '.' ? '' : ` in ${apps[0]}`}`,
      files: manifests.map((m) => m.path).sort(),
    };
  }
  return {
    id: 'one-app',
    status: 'warn',
    message: `${apps.length} deployables in one repository: ${listSome(apps)}`,
    files: manifests
      .filter((m) => apps.includes(dirName(m.path)))
      .map((m) => m.path)
      .sort(),
  };
}

/** Requirement files in sub-folders (`requirements/dev.txt`) belong to the app above them. */
function collapseNested(dirs: string[], manifests: string[]): string[] {
  const isRequirementsDir = (d: string) =>
    manifests
      .filter((m) => dirName(m) === d)
      .every((m) => /\/requirements[\w.-]*\.txt$|^requirements[\w.-]*\.txt$/.test(m)) && /(^|\/)requirements$/.test(d);
  return dirs.filter((d) => !isRequirementsDir(d));
}
