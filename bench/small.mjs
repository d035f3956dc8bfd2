// Small projects: what a user waits for on a typical service, where start-up
// (node, the bundle, the parsers' wasm, TypeScript, worker threads) weighs more
// than the analysis. Two 20-file projects, each its own git root:
//   mixed:  the bundled examples/ (Django, Flask, Express apps, a CI workflow)
//   python: Django's django/db/migrations (20 Python files), where the scan's
//           worker threads would start
// plus the floors: `node -e 0`, `twelve-factor --version`, and per project a
// process that starts, loads the parsers and parses the same source files, no
// rules (bench/floor.ts): start + parse.
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CORPORA, PY_CORPUS, ownRepo } from './fetch-corpora.mjs';

const ROOT = join(new URL('.', import.meta.url).pathname, '..');
/** The CLI's wall on a 20-file project (issue 18). */
export const SMALL_BUDGET_MS = 400;

function countFiles(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const p = join(dir, e.name);
    n += e.isDirectory() ? countFiles(p) : statSync(p).isFile() ? 1 : 0;
  }
  return n;
}

/** Copies `from` to `dir` (a fresh copy when its file count changed) and makes it its own repository. */
function project(dir, from) {
  if (!existsSync(dir) || countFiles(dir) !== countFiles(from)) {
    rmSync(dir, { recursive: true, force: true });
    cpSync(from, dir, { recursive: true });
  }
  ownRepo(dir);
  return { dir, files: countFiles(dir) };
}

export function smallProjects() {
  return {
    mixed: project(join(CORPORA, 'small-mixed'), join(ROOT, 'examples')),
    python: project(join(CORPORA, 'small-python'), join(PY_CORPUS, 'django', 'db', 'migrations')),
  };
}

export async function measureSmall({ cli, floor, runs, repeat, timed, log }) {
  const projects = smallProjects();
  const out = { projects: {} };
  const node = process.execPath;
  out.nodeFloor = await repeat('node -e 0', runs, () => timed(node, ['-e', '0'], ROOT));
  out.versionFloor = await repeat('twelve-factor --version', runs, () => timed(node, [cli, '--version'], ROOT));
  for (const [key, p] of Object.entries(projects)) {
    log(`small ${key}: ${p.files} files`);
    const argv = [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'];
    // One warm-up run (page cache), as hyperfine -w 1 would.
    await timed(node, argv, p.dir);
    const r = await repeat(`small ${key}`, runs, async () => {
      const t = await timed(node, argv, p.dir);
      return { wallMs: t.wallMs, cpuMs: t.cpuMs, rssMb: t.rssMb, findings: JSON.parse(t.out).findings.length };
    });
    await timed(node, [floor, p.dir], p.dir);
    const parse = await repeat(`small ${key} start + parse floor`, runs, async () => {
      const t = await timed(node, [floor, p.dir], p.dir);
      const j = JSON.parse(t.out);
      return { wallMs: t.wallMs, cpuMs: t.cpuMs, loadMs: j.loadMs, parseMs: j.parseMs, sources: j.python + j.scripts };
    });
    out.projects[key] = { ...r, files: p.files, floor: parse };
  }
  return out;
}

export function smallReport(s, { range, mb }) {
  const L = ['## Small projects (20 files)', ''];
  L.push('| measure | value |', '| --- | --- |');
  L.push(`| \`node -e 0\` wall / CPU | ${range(s.nodeFloor.wallMs)} / ${range(s.nodeFloor.cpuMs)} |`);
  L.push(
    `| \`twelve-factor --version\` wall / CPU | ${range(s.versionFloor.wallMs)} / ${range(s.versionFloor.cpuMs)} |`,
  );
  const names = {
    mixed: 'examples/ (Python, JS/TS, documents)',
    python: 'django/db/migrations (Python only)',
  };
  for (const [key, p] of Object.entries(s.projects)) {
    L.push(
      `| \`check\` on ${names[key] ?? key}, ${p.files} files: **wall** (budget < ${SMALL_BUDGET_MS} ms) / CPU | **${range(p.wallMs)}** / ${range(p.cpuMs)} |`,
    );
    L.push(`| … peak RSS · findings | ${mb(p.rssMb.median)} · ${p.findings.median} |`);
    if (p.floor) L.push(floorRow(p.floor, p.wallMs, range));
  }
  L.push('');
  return L;
}

/**
 * The start + parse floor of one project (bench/floor.ts): its wall beside the `check` wall, and
 * inside the process the parsers' loading and the parse of the project's source files.
 */
export function floorRow(floor, checkWallMs, range) {
  const f = (ms) => `${ms.toFixed(1)} ms`;
  const share = ((100 * floor.wallMs.median) / checkWallMs.median).toFixed(0);
  return (
    `| … floor: start + parse (no rules; ${floor.sources.median} source files) wall / CPU | ` +
    `**${range(floor.wallMs)}** / ${range(floor.cpuMs)} (${share} % of \`check\`; in it: parsers' load ` +
    `${f(floor.loadMs.median)}, parse ${f(floor.parseMs.median)}) |`
  );
}
