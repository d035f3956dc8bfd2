// `run`: extract each pinned repository from its mirror and check it with the
// given CLI at default settings; keep every finding with its line text hashed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lineHash, slug } from './common.mjs';

const STAMP = '.ecosystem-commit';

/**
 * Extracts `commit` into `dest` once. Each tree gets its own `git init` so it
 * is a project of its own, as a user's clone is: otherwise the enclosing
 * tree's .gitignore (which lists .tmp/) would hide it from the walker.
 */
export function extract(mirror, commit, dest) {
  const stamp = join(dest, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === commit) return;
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  try {
    const tar = execFileSync('git', ['--git-dir', mirror, 'archive', '--format=tar', commit], {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    execFileSync('tar', ['-x', '-C', dest], { input: tar, maxBuffer: 1 << 30 });
  } catch {
    const skipped = extractPresent(mirror, commit, dest);
    console.error(`${dest}: the snapshot lacks ${skipped.length} large file(s), extracted without them`);
  }
  execFileSync('git', ['init', '-q', dest]);
  // The stamp is ours, not the project's: git must not see it as a file of theirs.
  writeFileSync(join(dest, '.git', 'info', 'exclude'), `${STAMP}\n`, { flag: 'a' });
  writeFileSync(stamp, `${commit}\n`);
}

/**
 * Snapshots lack files of 4 MiB and more, so `git archive` can fail on a
 * missing blob: then each blob that is there is written one by one.
 */
function extractPresent(mirror, commit, dest) {
  const git = (args, input) =>
    execFileSync('git', ['--git-dir', mirror, ...args], { input, maxBuffer: 1 << 30, encoding: 'utf8' });
  const entries = git(['ls-tree', '-r', '-z', '--full-tree', commit])
    .split('\0')
    .filter(Boolean)
    .map((e) => {
      const [meta, path] = e.split('\t');
      const [mode, type, oid] = meta.split(' ');
      return { mode, type, oid, path };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const present = git(['cat-file', '--batch-check'], entries.map((e) => e.oid).join('\n') + '\n').split('\n');
  const skipped = [];
  entries.forEach((e, i) => {
    if (present[i].endsWith('missing')) return skipped.push(e.path);
    const file = join(dest, e.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, execFileSync('git', ['--git-dir', mirror, 'cat-file', 'blob', e.oid], { maxBuffer: 1 << 30 }));
  });
  return skipped;
}

/** The mirror's git directory: fetch puts it at `<mirrors>/<owner>+<name>/repo`. */
export function mirrorOf(mirrors, repo) {
  for (const dir of [join(mirrors, slug(repo), 'repo'), join(mirrors, slug(repo))]) {
    if (existsSync(join(dir, 'HEAD'))) return dir;
  }
  return undefined;
}

/** The part of a message that names the kind of finding, without values, counts or masked prefixes. */
export function messageKind(message) {
  const head = message.split(' — ')[0];
  return head
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '…')
    .trim();
}

function linesOf(dir, file, cache) {
  if (!cache.has(file)) {
    let text = '';
    try {
      text = readFileSync(join(dir, file), 'utf8');
    } catch {
      // A finding on a file we cannot read keeps an empty-line hash.
    }
    cache.set(file, text.split(/\r?\n/));
  }
  return cache.get(file);
}

export function toFinding(repo, dir, f, cache) {
  const line = f.range.start.line;
  const text = linesOf(dir, f.file, cache)[line - 1] ?? '';
  const out = {
    repo,
    file: f.file.replace(/\\/g, '/').replace(/^\.\//, ''),
    rule: f.rule,
    line,
    column: f.range.start.column,
    hash: lineHash(text),
    severity: f.severity,
    factor: f.factor,
    kind: messageKind(f.message),
    fingerprint: f.fingerprint,
  };
  if (f.messageId !== undefined) out.messageId = f.messageId;
  if (f.role !== undefined) out.role = f.role;
  return out;
}

/** Runs the CLI on one extracted tree; its paths come back relative to that tree. */
function check(cli, dir) {
  const r = spawnSync(
    process.execPath,
    [cli, 'check', '.', '--format', 'json', '--fail-on', 'never', '--no-progress'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      timeout: 15 * 60 * 1000,
    },
  );
  if (r.status !== 0) {
    const why = r.error ? String(r.error) : `exit ${r.status}: ${(r.stderr || '').trim().slice(0, 500)}`;
    throw new Error(why);
  }
  return JSON.parse(r.stdout);
}

export function run({ repos, cli, out, dir, mirrors, only }) {
  const cliPath = resolve(cli);
  if (!existsSync(cliPath)) throw new Error(`no CLI at ${cliPath} (build it with npm run build)`);
  const results = { cli: cliPath, date: new Date().toISOString(), repos: [], findings: [] };
  let missing = 0;
  for (const entry of repos) {
    if (only.length && !only.includes(entry.repo)) continue;
    const status = { repo: entry.repo, commit: entry.commit };
    results.repos.push(status);
    const mirror = mirrorOf(mirrors, entry.repo);
    if (!mirror) {
      missing++;
      status.error = 'mirror missing';
      console.error(
        `${entry.repo}: no mirror under ${mirrors}; bring it with the search tool's fetch (github:${entry.repo}), then run again`,
      );
      continue;
    }
    const tree = join(dir, slug(entry.repo));
    try {
      extract(mirror, entry.commit, tree);
      const started = Date.now();
      const json = check(cliPath, tree);
      const cache = new Map();
      const found = json.findings.map((f) => toFinding(entry.repo, tree, f, cache));
      results.findings.push(...found);
      Object.assign(status, { files: json.stats?.files, findings: found.length, ms: Date.now() - started });
      console.error(`${entry.repo}: ${found.length} findings in ${json.stats?.files ?? '?'} files`);
    } catch (e) {
      status.error = String(e.message ?? e);
      console.error(`${entry.repo}: ${status.error}`);
    }
  }
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  console.error(`${results.findings.length} findings from ${results.repos.length} repositories → ${out}`);
  return missing;
}
