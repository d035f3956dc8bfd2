#!/usr/bin/env node
// Installs the benchmark corpora; nothing here is committed (bench/.corpora/
// is gitignored). Python: Debian's python3-django sources. JS/TS: the sources
// of a few npm packages at pinned versions, without their bundles.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';

export const DJANGO = '/usr/lib/python3/dist-packages/django';
const HERE = new URL('.', import.meta.url).pathname;
export const CORPORA = join(HERE, '.corpora');
export const JS_CORPUS = join(CORPORA, 'js');
/** A copy of Django's Python files only, so both tools see exactly the 859 files (not Django's static JS). */
export const PY_CORPUS = join(CORPORA, 'django');

// name@version → the folder inside the tarball that holds the sources.
export const JS_PACKAGES = [
  { name: 'pm2', version: '7.0.4', dir: 'lib' },
  { name: 'mongoose', version: '9.12.1', dir: 'lib' },
  { name: 'sequelize', version: '6.37.8', dir: 'lib' },
  { name: 'express', version: '5.3.0', dir: 'lib' },
  { name: 'winston', version: '3.19.0', dir: 'lib' },
  { name: 'rxjs', version: '7.8.2', dir: 'src' },
];

const CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });
}

function ensureDjango() {
  if (existsSync(join(DJANGO, '__init__.py'))) return;
  process.stderr.write('installing python3-django (apt)…\n');
  sh('flock', ['/tmp/apt.lock', 'sh', '-c', 'apt-get update -qq && apt-get install -y -qq python3-django']);
  if (!existsSync(join(DJANGO, '__init__.py'))) throw new Error(`python3-django did not install ${DJANGO}`);
}

function copyDjango() {
  if (existsSync(join(PY_CORPUS, 'django', '__init__.py'))) return;
  rmSync(PY_CORPUS, { recursive: true, force: true });
  const copy = (from, to) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== '__pycache__') copy(join(from, entry.name), join(to, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.py')) {
        mkdirSync(to, { recursive: true });
        copyFileSync(join(from, entry.name), join(to, entry.name));
      }
    }
  };
  copy(DJANGO, join(PY_CORPUS, 'django'));
}

/** Keeps source files only: no bundles, minified files, type declarations or nested node_modules. */
function prune(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'bundles')
        rmSync(p, { recursive: true });
      else prune(p);
    } else if (!CODE.test(entry.name) || entry.name.endsWith('.d.ts') || entry.name.endsWith('.min.js')) {
      rmSync(p);
    }
  }
}

function ensureJs() {
  const stamp = join(JS_CORPUS, '.versions');
  const want = JS_PACKAGES.map((p) => `${p.name}@${p.version}:${p.dir}`).join('\n');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  rmSync(JS_CORPUS, { recursive: true, force: true });
  const tarballs = join(CORPORA, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const pkg of JS_PACKAGES) {
    const spec = `${pkg.name}@${pkg.version}`;
    process.stderr.write(`fetching ${spec}…\n`);
    const out = JSON.parse(sh('npm', ['pack', spec, '--json', '--pack-destination', tarballs]));
    const tgz = join(tarballs, out[0].filename);
    const dest = join(JS_CORPUS, pkg.name);
    mkdirSync(dest, { recursive: true });
    // npm tarballs put everything under package/; keep only the source folder.
    sh('tar', ['-xzf', tgz, '-C', dest, '--strip-components=2', `package/${pkg.dir}`]);
    prune(dest);
  }
  writeFileSync(stamp, want);
}

/** Files and lines of a corpus, counted the way the bench reports them. */
export function corpusSize(dir, pattern) {
  let files = 0;
  let lines = 0;
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (pattern.test(entry.name) && statSync(p).isFile()) {
        files++;
        lines += readFileSync(p, 'utf8').split('\n').length;
      }
    }
  };
  visit(dir);
  return { files, lines };
}

/**
 * Each corpus is a project of its own, as a user's checkout would be: its own
 * git root, so the enclosing repository's .gitignore (which lists .corpora/)
 * does not hide it from the walker.
 */
export function ownRepo(dir) {
  if (!existsSync(join(dir, '.git'))) sh('git', ['init', '-q', dir]);
}

/** The bench reads CPU time and peak RSS of each run from GNU time. */
function ensureTime() {
  if (existsSync('/usr/bin/time')) return;
  sh('flock', ['/tmp/apt.lock', 'sh', '-c', 'apt-get update -qq && apt-get install -y -qq time']);
}

export function fetchCorpora() {
  ensureTime();
  ensureDjango();
  copyDjango();
  ensureJs();
  ownRepo(PY_CORPUS);
  ownRepo(JS_CORPUS);
  return {
    python: { dir: PY_CORPUS, ...corpusSize(PY_CORPUS, /\.py$/) },
    js: { dir: JS_CORPUS, ...corpusSize(JS_CORPUS, CODE) },
  };
}

/** ~5,000-line editing files made of real corpus files (biggest first). */
export function editingFiles(corpora) {
  const dir = join(CORPORA, 'edit');
  mkdirSync(dir, { recursive: true });
  ownRepo(dir);
  const pick = (root, re, out) => {
    const files = [];
    const visit = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory() && e.name !== '.git') visit(p);
        else if (e.isFile() && re.test(e.name)) files.push({ p, size: statSync(p).size });
      }
    };
    visit(root);
    files.sort((a, b) => b.size - a.size || a.p.localeCompare(b.p));
    let text = '';
    for (const f of files) {
      if (text.split('\n').length >= 5000) break;
      text += readFileSync(f.p, 'utf8') + '\n';
    }
    // Cut at the first top-level line past 5,000 lines, so the file still parses.
    const lines = text.split('\n');
    let cut = 5000;
    while (cut < lines.length && !/^(?:def|class|export|function|const) /.test(lines[cut])) cut++;
    writeFileSync(join(dir, out), lines.slice(0, cut).join('\n') + '\n');
    return join(dir, out);
  };
  return {
    python: pick(corpora.python.dir, /\.py$/, 'big.py'),
    typescript: pick(corpora.js.dir, /\.ts$/, 'big.ts'),
  };
}

if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '') {
  const sizes = fetchCorpora();
  for (const [k, v] of Object.entries(sizes))
    process.stdout.write(`${k}: ${v.files} files, ${v.lines} lines (${v.dir})\n`);
  const edit = editingFiles(sizes);
  process.stdout.write(`editing files: ${edit.python}, ${edit.typescript}\n`);
}
