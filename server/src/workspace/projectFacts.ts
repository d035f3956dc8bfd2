/**
 * Reads what a project declares for the rules (ProjectFacts): its manifests,
 * Dockerfiles, apt lists and installer scripts, found by the same walker and
 * exclusions as the scan, plus the `bin` of each declared npm package that
 * `node_modules` holds. Done once per scan, before any file is analysed.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { declaredTools, type ManifestFile } from './declaredTools';
import { toolingDirs } from './toolingScripts';
import type { ProjectFacts } from '../ir/types';
import { projectFilesOf, type ProjectListing } from './listing';

/** Manifests larger than this are not read (a generated one can be megabytes). */
const MAX_TEXT = 256 * 1024;
const DECLARING = new Set([
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

export async function gatherProjectFacts(
  root: string,
  options: { exclude?: readonly string[]; signal?: AbortSignal; listing?: ProjectListing } = {},
): Promise<ProjectFacts> {
  let walked;
  try {
    walked = await projectFilesOf(root, options);
  } catch {
    // A root that cannot be walked declares nothing; the scan reports the problem itself.
    return { declaredTools: new Set() };
  }
  const files: ManifestFile[] = [];
  for (const w of walked) {
    if (w.project && DECLARING.has(w.project))
      files.push({ path: w.relPath, kind: w.project, text: readSmall(w.path) });
  }
  const binsOf = (manifest: string, pkg: string) =>
    installedBins(join(root, dirname(manifest)), pkg) ?? installedBins(root, pkg);
  return { declaredTools: declaredTools(files, binsOf), toolingDirs: toolingDirs(files) };
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

function readSmall(abs: string): string | undefined {
  try {
    if (statSync(abs).size > MAX_TEXT) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
