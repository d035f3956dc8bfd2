/**
 * Folders of maintainer scripts: a folder whose files package.json scripts
 * run (`"release": "node extra/release/release.mjs"`) holds the project's
 * tooling, not the running app — unless the app's own start script runs a
 * file there, or it is a source folder by name. Files under such a folder
 * get the `tooling` role. A pure function of the manifests' texts.
 */
import type { ManifestFile } from './declaredTools';

/** Scripts that start the app itself: the folder of what they run is app code. */
const APP_SCRIPTS = /^(?:start|serve|server|dev|develop|prod|production|start:[\w:-]+|dev:[\w:-]+)$/;
/** Folders that hold app code by convention, whatever scripts run from them. */
const SOURCE_DIRS = new Set([
  'src',
  'server',
  'app',
  'lib',
  'api',
  'backend',
  'routes',
  'services',
  'packages',
  'apps',
]);
/** `node path/to/file.mjs`, `ts-node x.ts`, `tsx x.ts`, `python x.py` inside a script's command line. */
const RUN_FILE =
  /(?:^|[\s;&|(])(?:node|nodejs|ts-node|tsx|babel-node|bun|deno\s+run|python3?)(?:\s+-{1,2}[\w-]+(?:=\S+)?)*\s+(\.{0,2}\/?[\w@./-]+\.(?:[cm]?[jt]s|py))\b/g;

export function toolingDirs(files: readonly ManifestFile[]): Set<string> {
  const tooling = new Set<string>();
  const app = new Set<string>();
  for (const file of files) {
    if (file.kind !== 'package-json' || file.text === undefined) continue;
    const base = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    for (const [name, command] of scriptsOf(file.text)) {
      for (const m of command.matchAll(RUN_FILE)) {
        const dir = topFolder(base, m[1]);
        if (dir === undefined) continue;
        (APP_SCRIPTS.test(name) ? app : tooling).add(dir);
      }
    }
  }
  for (const dir of app) tooling.delete(dir);
  for (const dir of [...tooling]) if (SOURCE_DIRS.has(dir.slice(dir.lastIndexOf('/') + 1))) tooling.delete(dir);
  return tooling;
}

/** The folder under the manifest's folder that a script's file sits in (its first segment); none at the root. */
function topFolder(base: string, file: string): string | undefined {
  const parts = file.replace(/^\.\//, '').split('/');
  if (parts.length < 2 || parts[0] === '..' || parts[0] === '' || parts[0] === 'node_modules') return undefined;
  return base ? `${base}/${parts[0]}` : parts[0];
}

function scriptsOf(text: string): [string, string][] {
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    if (!scripts || typeof scripts !== 'object') return [];
    return Object.entries(scripts).filter((e): e is [string, string] => typeof e[1] === 'string');
  } catch {
    return [];
  }
}
