/**
 * The commands a project declares: console scripts of its Python
 * dependencies, bins of its npm dependencies, its own scripts, and the
 * programs its Dockerfile, Aptfile or installer scripts install. A pure
 * function of the project files' texts; reading them is the caller's job
 * (workspace/projectFacts.ts), so the rule that uses the answer stays pure.
 */
import { NOT_THEIR_COMMAND, NPM_BINS, PYTHON_SCRIPTS, SYSTEM_PACKAGE_TOOLS } from './toolNames';

export interface ManifestFile {
  /** Root-relative, `/` separators. */
  path: string;
  kind: string;
  text?: string;
}

/** What an npm package's own `package.json` says its bins are, when it can be read. */
export type BinsOf = (manifestPath: string, pkg: string) => readonly string[] | undefined;

/** Every command the project files declare (program names, as called). */
export function declaredTools(files: readonly ManifestFile[], binsOf: BinsOf = () => undefined): Set<string> {
  const tools = new Set<string>();
  const addPython = (pkg: string) => addPackage(tools, normalizePython(pkg), PYTHON_SCRIPTS);
  for (const file of files) {
    const text = file.text;
    if (text === undefined) continue;
    switch (file.kind) {
      case 'requirements':
        for (const pkg of requirementsPackages(text)) addPython(pkg);
        break;
      case 'pyproject':
      case 'pipfile':
      case 'setup-cfg':
      case 'setup-py':
        for (const pkg of pythonManifestPackages(text, file.kind)) addPython(pkg);
        for (const script of ownScripts(text)) tools.add(script);
        break;
      case 'package-json': {
        const manifest = npmManifest(text);
        for (const pkg of manifest.dependencies) {
          const known = binsOf(file.path, pkg) ?? NPM_BINS[pkg];
          if (known) known.forEach((b) => tools.add(b));
          else addPackage(tools, pkg, {});
        }
        manifest.bins.forEach((b) => tools.add(b));
        break;
      }
      case 'dockerfile':
        for (const pkg of installedSystemPackages(runtimeStages(text))) addSystemPackage(tools, pkg);
        break;
      case 'installer':
        for (const pkg of installedSystemPackages(text)) addSystemPackage(tools, pkg);
        break;
      case 'apt-list':
        for (const line of text.split(/\r?\n/)) {
          const pkg = line.replace(/#.*/, '').trim();
          if (/^[\w.+-]+$/.test(pkg)) addSystemPackage(tools, pkg);
        }
        break;
      default:
        break;
    }
  }
  return tools;
}

function addPackage(tools: Set<string>, pkg: string, table: Readonly<Record<string, readonly string[]>>): void {
  const known = table[pkg];
  if (known) known.forEach((t) => tools.add(t));
  const bare = pkg.slice(pkg.lastIndexOf('/') + 1);
  // A scoped npm package (`@org/cli`) has no command of its own name to assume.
  if (!pkg.startsWith('@') && !NOT_THEIR_COMMAND.has(bare)) tools.add(bare);
}

function addSystemPackage(tools: Set<string>, raw: string): void {
  const pkg = raw.toLowerCase().replace(/[=:].*$/, '');
  tools.add(pkg);
  for (const [pattern, programs] of SYSTEM_PACKAGE_TOOLS) {
    if (pattern.test(pkg)) programs.forEach((p) => tools.add(p));
  }
}

/** PEP 503 normalisation: `Flask_Migrate` → `flask-migrate`. */
export function normalizePython(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution name at the start of a requirement (`Babel[extra]>=2 ; python_version>"3"`). */
function requirementName(spec: string): string | undefined {
  const egg = /#egg=([A-Za-z0-9][\w.-]*)/.exec(spec);
  if (egg) return egg[1];
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:[<>=!~;@(]|$)/.exec(spec);
  return m?.[1];
}

function requirementsPackages(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || (line.startsWith('-') && !line.startsWith('-e'))) continue;
    const name = requirementName(line.replace(/^-e\s+/, ''));
    if (name) out.push(name);
  }
  return out;
}

/**
 * Dependencies in pyproject.toml (PEP 621 arrays, Poetry and PDM tables),
 * Pipfile (`[packages]`, `[dev-packages]`), setup.cfg (`install_requires`)
 * and setup.py (`install_requires=[…]`): a reading of the text, enough for
 * the names, never an evaluation.
 */
function pythonManifestPackages(text: string, kind: string): string[] {
  const out: string[] = [];
  if (kind === 'setup-py') {
    for (const m of text.matchAll(
      /\b(?:install_requires|tests_require|extras_require)\s*=\s*([[{][\s\S]*?[\]}])\s*[,)]/g,
    )) {
      arrayNames(m[1], out);
    }
    return out;
  }
  for (const [section, body] of sections(text)) {
    if (
      kind === 'pipfile'
        ? /^(?:dev-)?packages$/.test(section)
        : /^tool\.poetry\.(?:[\w.-]+\.)?(?:dev-)?dependencies$/.test(section)
    ) {
      for (const m of body.matchAll(/^\s*"?([A-Za-z0-9][\w.-]*)"?\s*=/gm))
        if (m[1].toLowerCase() !== 'python') out.push(m[1]);
    } else if (kind === 'setup-cfg' && /^options(?:\.extras_require)?$/.test(section)) {
      // `install_requires =` and each extra: a value continued on indented lines.
      for (const m of body.matchAll(/^([\w-]+)\s*=([^\n]*(?:\n[ \t]+[^\n]*)*)/gm)) {
        if (section === 'options' && !/^(?:install_requires|tests_require)$/.test(m[1])) continue;
        for (const spec of m[2].split(/[\n;]/)) pushName(out, spec.replace(/#.*/, ''));
      }
    } else if (kind === 'pyproject') {
      const anyKey = /^(?:project\.optional-dependencies|dependency-groups|tool\.pdm\.dev-dependencies)$/.test(section);
      if (!anyKey && section !== 'project' && section !== 'tool.uv') continue;
      for (const m of body.matchAll(/^\s*"?([\w.-]+)"?\s*=\s*(\[[\s\S]*?\])\s*(?:#.*)?$/gm)) {
        if (anyKey || /^(?:dependencies|dev-dependencies)$/.test(m[1])) arrayNames(m[2], out);
      }
    }
  }
  return out;
}

/** `[name] body` pairs of an INI or TOML text (the text before the first header has the name ``). */
function sections(text: string): [string, string][] {
  const out: [string, string][] = [];
  let name = '';
  let start = 0;
  for (const m of text.matchAll(/^\s*\[([^\]\n]+)\]\s*$/gm)) {
    out.push([name, text.slice(start, m.index)]);
    name = m[1].trim().toLowerCase();
    start = m.index + m[0].length;
  }
  out.push([name, text.slice(start)]);
  return out;
}

/** The requirement names among the quoted strings of list literals (`["flask>=2", "babel"]`). */
function arrayNames(source: string, out: string[]): void {
  // Quoted strings followed by `:` are the keys of `extras_require={"docs": [...]}`, not requirements.
  for (const m of source.matchAll(/(["'])([^"'\n]*)\1(\s*:)?/g)) if (!m[3]) pushName(out, m[2]);
}

function pushName(out: string[], spec: string): void {
  const name = requirementName(spec);
  if (name) out.push(name);
}

/** The project's own console scripts: `[project.scripts]`, `[tool.poetry.scripts]`, `console_scripts = name = mod:fn`. */
function ownScripts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*["']?([A-Za-z0-9][\w.-]*)["']?\s*=\s*["']?[\w.]+:[\w.]+["']?\s*,?\s*$/gm))
    out.push(m[1]);
  return out;
}

/** Dependencies of every kind, and the project's own `bin` entries. */
function npmManifest(text: string): { dependencies: string[]; bins: string[] } {
  const none = { dependencies: [], bins: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return none;
  }
  if (typeof json !== 'object' || json === null) return none;
  const manifest = json as Record<string, unknown>;
  const dependencies: string[] = [];
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = manifest[field];
    if (typeof deps === 'object' && deps !== null) dependencies.push(...Object.keys(deps));
  }
  const own = manifest.bin;
  const name = typeof manifest.name === 'string' ? manifest.name : '';
  const bins =
    typeof own === 'string'
      ? name
        ? [name.slice(name.lastIndexOf('/') + 1)]
        : []
      : typeof own === 'object' && own !== null
        ? Object.keys(own)
        : [];
  return { dependencies, bins };
}

/** Stage names that say the app runs from them. */
const RUNTIME_STAGE = /^(?:release|prod|production|runtime|final|app|run|runner|deploy|server|web)\b/i;

/**
 * The text of the stages the app's image is made of: the last stage and any
 * stage named as the runtime (`AS release`), with the stages they are built
 * `FROM`. What a test or build stage (`AS pr-test`, `AS builder`) installs is
 * not in the image the app runs in.
 */
function runtimeStages(text: string): string {
  const stages: { name?: string; from: string; text: string }[] = [];
  for (const part of text.split(/^(?=\s*FROM\s)/im)) {
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(part);
    if (from) stages.push({ from: from[1].toLowerCase(), name: from[2]?.toLowerCase(), text: part });
  }
  if (stages.length <= 1) return text;
  const kept = new Set<number>();
  const keep = (i: number) => {
    for (let j: number | undefined = i; j !== undefined && !kept.has(j);) {
      kept.add(j);
      const parent = stages[j].from;
      const k = stages.findIndex((st, n) => n < j! && st.name === parent);
      j = k < 0 ? undefined : k;
    }
  };
  keep(stages.length - 1);
  stages.forEach((st, i) => {
    if (st.name !== undefined && RUNTIME_STAGE.test(st.name)) keep(i);
  });
  return stages
    .filter((_, i) => kept.has(i))
    .map((st) => st.text)
    .join('\n');
}

const INSTALL_COMMAND =
  /\b(?:apt-get|apt|aptitude|yum|dnf|microdnf|zypper|brew)\s+(?:-\S+\s+)*install\b|\bapk\s+(?:-\S+\s+)*add\b|\bpacman\s+-S\w*\b|\bport\s+install\b/;

/** Packages installed by `RUN apt-get install …`, `apk add …`, `brew install …` in a Dockerfile or shell script. */
export function installedSystemPackages(text: string): string[] {
  const out: string[] = [];
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const line of joined.split(/\r?\n/)) {
    for (const part of line.split(/&&|\|\||;|\|/)) {
      const m = INSTALL_COMMAND.exec(part);
      if (!m) continue;
      const words = part
        .slice(m.index + m[0].length)
        .trim()
        .split(/\s+/);
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        // apk's `--virtual name` and `-t name` take a value that is not a package.
        if (w === '--virtual' || w === '-t') i++;
        else if (/^[a-z0-9][\w.+-]*(?:[=:][\w.:~+-]*)?$/i.test(w)) out.push(w);
      }
    }
  }
  return out;
}
