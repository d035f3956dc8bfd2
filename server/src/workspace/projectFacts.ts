/**
 * Reads what a project declares for the rules (ProjectFacts): its manifests,
 * Dockerfiles, apt lists and installer scripts, found by the same walker and
 * exclusions as the scan, plus the `bin` of each declared npm package that
 * `node_modules` holds. Done once per scan, before any file is analysed.
 * Asked for, also what loads `.env` (envLoaders.ts): the language server's
 * "Move to .env" reads that; the CLI's scan does not pay for it.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { declaredTools, type ManifestFile } from './declaredTools';
import { toolingDirs } from './toolingScripts';
import type { ProjectFacts } from '../ir/types';
import { projectFilesOf, type ProjectListing } from './listing';
import { walk, type WalkFile } from './walker';
import { projectFileDotenvLoaders, sourceDotenvLoaders } from './envLoaders';
import type { DotenvLoader } from '../ir/types';
import { MAX_FILE_BYTES } from '../frontends/skip';

/** Manifests larger than this are not read (a generated one can be megabytes). */
const MAX_TEXT = 256 * 1024;
const DECLARING: ReadonlySet<string> = new Set([
  'requirements',
  'pyproject',
  'pipfile',
  'setup-cfg',
  'setup-py',
  'package-json',
  'dockerfile',
  'apt-list',
  'installer',
]);

/** Project files that can say how `.env` gets loaded (scripts, Procfile commands, compose `env_file:`). */
const LOADING: ReadonlySet<string> = new Set(['package-json', 'procfile', 'compose']);

export async function gatherProjectFacts(
  root: string,
  options: {
    exclude?: readonly string[];
    signal?: AbortSignal;
    listing?: ProjectListing;
    /** Also find what loads `.env` (the editor's Move to .env): walks the source files too. */
    dotenvLoaders?: boolean;
  } = {},
): Promise<ProjectFacts> {
  const files: ManifestFile[] = [];
  const loaders: DotenvLoader[] = [];
  try {
    // The loaders are in source files too: that walk is the editor's, the scan shares its own listing.
    const walked = options.dotenvLoaders ? walkAll(root, options) : await projectFilesOf(root, options);
    for await (const w of walked) {
      const loading = options.dotenvLoaders === true && !w.gitignored;
      const kind = w.project ?? '';
      const declaring = DECLARING.has(kind);
      const loads = loading && LOADING.has(kind);
      // Each project file is read once, for what it declares and for what it loads.
      const text = declaring || loads ? readSmall(w.path) : undefined;
      if (declaring) files.push({ path: w.relPath, kind, text });
      if (loads && text !== undefined) loaders.push(...projectFileDotenvLoaders(w.relPath, kind, text));
      if (!loading) continue;
      if (w.language === 'python' || w.language === 'javascript' || w.language === 'typescript') {
        const text = readSmall(w.path, MAX_FILE_BYTES);
        if (text !== undefined) loaders.push(...sourceDotenvLoaders(w.relPath, w.language, text));
      }
    }
  } catch {
    // A root that cannot be walked declares nothing; the scan reports the problem itself.
    return { declaredTools: new Set() };
  }
  const binsOf = (manifest: string, pkg: string) =>
    installedBins(join(root, dirname(manifest)), pkg) ?? installedBins(root, pkg);
  const facts: ProjectFacts = { declaredTools: declaredTools(files, binsOf), toolingDirs: toolingDirs(files) };
  if (options.dotenvLoaders) facts.dotenvLoaders = loaders;
  return facts;
}

/** Every source and project file under `root`. */
async function* walkAll(
  root: string,
  options: { exclude?: readonly string[]; signal?: AbortSignal },
): AsyncGenerator<WalkFile> {
  const { exclude, signal } = options;
  for await (const w of walk([root], { cwd: root, base: root, exclude, signal, select: 'all' })) {
    if (w.kind === 'file') yield w;
  }
}

/** The bins `<dir>/node_modules/<pkg>/package.json` declares; undefined when it is not installed there. */
function installedBins(dir: string, pkg: string): string[] | undefined {
  const text = readSmall(join(dir, 'node_modules', pkg, 'package.json'));
  if (text === undefined) return undefined;
  try {
    const bin: unknown = (JSON.parse(text) as { bin?: unknown }).bin;
    if (typeof bin === 'string') return [pkg.slice(pkg.lastIndexOf('/') + 1)];
    if (typeof bin === 'object' && bin !== null) return Object.keys(bin);
    return [];
  } catch {
    return undefined;
  }
}

function readSmall(abs: string, max = MAX_TEXT): string | undefined {
  try {
    if (statSync(abs).size > max) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
