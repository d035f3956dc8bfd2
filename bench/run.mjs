#!/usr/bin/env node
// `npm run bench`: the performance figures of docs/performance (see the
// issue) on real corpora, each the median of --runs runs with min/max.
// Prints a table and writes bench/last-results.md and bench/.tools/results.json.
//   node bench/run.mjs [--runs 5] [--no-compare]
//     [--only cli,cache,parse,perfile,jsoptions,lsp,secretlint,peers,small,activation,documents]
//     [--documents DIR]   trees whose config documents are timed (default: the ecosystem set, .tmp/ecosystem)
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { editingFiles, fetchCorpora } from './fetch-corpora.mjs';
import { activationReport, measureActivation } from './activation.mjs';
import { ensurePeers, peersFor } from './peers.mjs';
import {
  FIRST_SQUIGGLE_BUDGET_MS,
  firstSquiggleRows,
  keystrokeFloorRows,
  measureLspFloors,
  stepRows,
} from './lsp-floors.mjs';
import { measureSmall, smallReport } from './small.mjs';

const HERE = new URL('.', import.meta.url).pathname;
const ROOT = join(HERE, '..');
const TOOLS = join(HERE, '.tools');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', '5'));
const ONLY = opt('--only', 'cli,cache,parse,perfile,jsoptions,lsp,secretlint,peers,small,activation,documents').split(
  ',',
);
const DOCUMENTS = opt('--documents', join(ROOT, '.tmp', 'ecosystem'));
const COMPARE = !args.includes('--no-compare') && ONLY.includes('secretlint');
const SECRETLINT = '12.0.0'; // the last secretlint 12 that supports node 20

const log = (m) => process.stderr.write(`${m}\n`);

/** Runs a command; wall time, and CPU time + peak RSS from the kernel (children included, via /usr/bin/time). */
function timed(cmd, argv, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', cmd, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const last = err.trim().split('\n').pop() ?? '';
      const [user, sys, rssKb] = last.split(' ').map(Number);
      if (!Number.isFinite(user))
        return reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}: ${err.slice(-500)}`));
      resolve({ code, wallMs, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024, out });
    });
  });
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1] };
}

async function repeat(label, n, fn) {
  const runs = [];
  for (let i = 0; i < n; i++) {
    log(`  ${label} ${i + 1}/${n}`);
    runs.push(await fn());
  }
  const keys = Object.keys(runs[0]).filter((k) => typeof runs[0][k] === 'number');
  return Object.fromEntries(keys.map((k) => [k, stats(runs.map((r) => r[k]))]));
}

/** How the bench's own processes are bundled: with the CLI's options (esbuild.mjs). */
const PROBE_BUILD = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  alias: { 'web-tree-sitter': join(ROOT, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
  logLevel: 'warning',
};

async function buildProbe() {
  mkdirSync(TOOLS, { recursive: true });
  await esbuild.build({ ...PROBE_BUILD, entryPoints: [join(HERE, 'probe.ts')], outfile: join(TOOLS, 'probe.js') });
  for (const f of ['tree-sitter.wasm', 'tree-sitter-python.wasm']) copyFileSync(join(ROOT, 'dist', f), join(TOOLS, f));
  await buildFloors();
}

/**
 * The floors' processes, bundled with the CLI's options (esbuild.mjs); both load the JS/TS
 * front-end on first use from the shipped dist/jsparser.js, as the CLI does: through the V8
 * code cache (server/src/lib/codeCache.ts), whose file for it they share with the CLI.
 */
async function buildFloors() {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const jsparser = {
    name: 'lazy-javascript-front-end',
    setup(build) {
      build.onResolve({ filter: /^\.\/javascript$/ }, (a) =>
        /frontends[\\/]index\.ts$/.test(a.importer) ? { path: 'jsparser', namespace: 'floor-jsparser' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'floor-jsparser' }, () => ({
        resolveDir: join(ROOT, 'server', 'src'),
        loader: 'js',
        contents: [
          "const { loadBundle } = require('./lib/codeCache');",
          `module.exports = loadBundle(${JSON.stringify(join(ROOT, 'dist', 'jsparser.js'))}, { version: ${JSON.stringify(version)} });`,
        ].join('\n'),
      }));
    },
  };
  const options = PROBE_BUILD;
  await Promise.all([
    esbuild.build({
      ...options,
      entryPoints: [join(HERE, 'floor.ts')],
      outfile: join(TOOLS, 'floor.js'),
      plugins: [jsparser],
    }),
    esbuild.build({
      ...options,
      entryPoints: [join(HERE, 'first.ts')],
      outfile: join(TOOLS, 'first.js'),
      plugins: [jsparser],
    }),
  ]);
}

function ensureSecretlint() {
  const dir = join(TOOLS, 'secretlint');
  const bin = join(dir, 'node_modules', '.bin', 'secretlint');
  if (!existsSync(bin)) {
    log(`installing secretlint@${SECRETLINT} into ${dir}…`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
    execFileSync(
      'npm',
      [
        'i',
        '--no-audit',
        '--no-fund',
        '--save-exact',
        `secretlint@${SECRETLINT}`,
        `@secretlint/secretlint-rule-preset-recommend@${SECRETLINT}`,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  const rc = join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return { bin, rc, dir };
}

function json(s) {
  return JSON.parse(s.out);
}

async function main() {
  // `npm run bench` builds first (the bundles as shipped); `node bench/run.mjs` on a fresh clone builds here.
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    log('dist/ missing: building…');
    execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  }
  const corpora = fetchCorpora();
  await buildProbe();
  const results = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadBefore: loadavg() },
    bundles: bundleKind(),
    corpora,
    runs: RUNS,
  };
  const cli = join(ROOT, 'dist', 'cli.js');
  const probe = join(TOOLS, 'probe.js');
  const secretlint = COMPARE ? ensureSecretlint() : undefined;
  for (const [key, c] of Object.entries(corpora)) {
    log(`${key}: ${c.files} files, ${c.lines} lines`);
    const r = (results[key] = {});
    if (ONLY.includes('cli')) {
      r.cli = await repeat('cli', RUNS, async () => {
        const t = await timed(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], c.dir);
        const out = JSON.parse(t.out);
        return {
          wallMs: t.wallMs,
          cpuMs: t.cpuMs,
          rssMb: t.rssMb,
          files: out.stats.files,
          findings: out.findings.length,
        };
      });
    }
    if (ONLY.includes('cache')) {
      // `check --cache`: a cold run (empty cache) then a warm one (nothing changed), alternating.
      const where = join(TOOLS, `cache-${key}`);
      const argv = [cli, 'check', '.', '--format', 'json', '--fail-on', 'never', '--cache-location', where];
      r.cache = await repeat('cache cold/warm', RUNS, async () => {
        rmSync(where, { recursive: true, force: true });
        const cold = await timed(process.execPath, argv, c.dir);
        const warm = await timed(process.execPath, argv, c.dir);
        if (JSON.parse(warm.out).findings.length !== JSON.parse(cold.out).findings.length)
          throw new Error(`${key}: the warm run's findings differ from the cold run's`);
        return { coldMs: cold.wallMs, warmMs: warm.wallMs, ratio: warm.wallMs / cold.wallMs };
      });
      rmSync(where, { recursive: true, force: true });
    }
    if (ONLY.includes('parse')) {
      // The parse-only floor, in a process of its own like the CLI: start-up, read, parse, nothing else.
      r.parse = await repeat('parse-only', RUNS, async () => {
        const t = await timed(process.execPath, [probe, 'parse', c.dir], ROOT);
        const j = json(t);
        return { wallMs: t.wallMs, cpuMs: t.cpuMs, rssMb: t.rssMb, loopMs: j.loopMs, loopCpuMs: j.loopCpuMs };
      });
      if (key === 'js') {
        r.parseTsOnly = await repeat('parse-only (TypeScript parser without ESTree conversion)', RUNS, async () => {
          const t = await timed(process.execPath, [probe, 'parse-ts', c.dir], ROOT);
          return { wallMs: t.wallMs, cpuMs: t.cpuMs, loopMs: json(t).loopMs, loopCpuMs: json(t).loopCpuMs };
        });
      }
    }
    if (ONLY.includes('perfile')) {
      r.perFile = await repeat('per-file', Math.min(RUNS, 3), async () =>
        json(await timed(process.execPath, [probe, 'perfile', c.dir], ROOT)),
      );
    }
    if (key === 'js' && ONLY.includes('jsoptions')) {
      log('  js options (in process, bench/js-options.ts)');
      r.options = json(await timed(process.execPath, [probe, 'js-options', c.dir], ROOT));
    }
    if (secretlint) {
      r.secretlint = await repeat('secretlint', RUNS, async () => {
        const t = await timed(secretlint.bin, ['--secretlintrc', secretlint.rc, '--format', 'json', '**/*'], c.dir);
        return { wallMs: t.wallMs, cpuMs: t.cpuMs, rssMb: t.rssMb };
      });
    }
    if (ONLY.includes('peers')) r.peers = await measurePeers(key, c.dir);
  }
  if (ONLY.includes('small'))
    results.small = await measureSmall({ cli, floor: join(TOOLS, 'floor.js'), runs: RUNS, repeat, timed, log });
  if (ONLY.includes('lsp')) {
    const lspProbe = join(HERE, 'lsp-probe.mjs');
    const edit = editingFiles(corpora);
    results.lsp = {};
    for (const [language, file] of Object.entries(edit)) {
      for (const mode of ['pull', 'push']) {
        log(`lsp ${language} ${mode}`);
        const t = await timed(process.execPath, [lspProbe, 'typing', file, language, '40', mode], ROOT);
        results.lsp[`${language}-${mode}`] = json(t);
      }
    }
    const floors = await measureLspFloors({ edit, tools: TOOLS, runs: Math.min(RUNS, 3), repeat, timed, log });
    Object.assign(results.lsp, floors);
    log('lsp workspace');
    results.lsp.workspace = json(await timed(process.execPath, [lspProbe, 'workspace', corpora.python.dir], ROOT));
    results.lsp.extensionLoadMs = extensionLoadMs();
  }
  if (ONLY.includes('documents') && existsSync(DOCUMENTS)) {
    // Config and deployment files are cheap: their analysis time beside the source files' in the same trees.
    results.documents = await repeat('documents', Math.min(RUNS, 3), async () =>
      json(await timed(process.execPath, [probe, 'documents', DOCUMENTS], ROOT)),
    );
    results.documents.dir = DOCUMENTS;
  } else if (ONLY.includes('documents'))
    log(`documents: ${DOCUMENTS} is missing (node scripts/ecosystem.mjs run extracts it)`);
  if (ONLY.includes('activation')) {
    log('activation (real VS Code: code-server + headless Chromium)');
    results.activation = await measureActivation({ runs: RUNS, log, stats });
  }
  results.machine.loadAfter = loadavg();
  mkdirSync(TOOLS, { recursive: true });
  // A partial run (--only) keeps the other figures of the last run, each with its own load figures.
  const previous = join(TOOLS, 'results.json');
  if (args.includes('--only') && existsSync(previous)) {
    const old = JSON.parse(readFileSync(previous, 'utf8'));
    for (const key of ['python', 'js']) results[key] = { ...old[key], ...results[key] };
    results.lsp ??= old.lsp;
    results.activation ??= old.activation;
    results.documents ??= old.documents;
    results.small ??= old.small;
    results.earlierMachine = old.machine;
  }
  writeFileSync(join(TOOLS, 'results.json'), JSON.stringify(results, null, 2));
  const md = report(results);
  writeFileSync(join(HERE, 'last-results.md'), md);
  process.stdout.write(md);
}

/**
 * Loading the extension bundle in Node with a minimal fake `vscode` module: the
 * bundle's own load cost only (activation in a real VS Code: the `activation` part).
 */
function extensionLoadMs() {
  const code = `
    const Module = require('module');
    const orig = Module._load;
    Module._load = function (req, ...rest) { return req === 'vscode' ? new Proxy({}, { get: () => new Proxy(function () {}, { get: () => ({}) }) }) : orig.call(this, req, ...rest); };
    const t0 = performance.now();
    require(${JSON.stringify(join(ROOT, 'dist', 'extension.js'))});
    process.stdout.write(String(performance.now() - t0));`;
  const values = [];
  for (let i = 0; i < 5; i++) values.push(Number(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' })));
  return stats(values);
}

const f = (ms) => (ms === undefined ? '–' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const range = (s, fmt = f) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '–');
const mb = (v) => `${v.toFixed(0)} MB`;
const x = (v) => `${v.toFixed(2)}×`;

/** Which build dist/ holds: the .vsix and the npm package ship the minified one (`esbuild.mjs --production`). */
function bundleKind() {
  const cli = join(ROOT, 'dist', existsSync(join(ROOT, 'dist', 'cli.bundle.js')) ? 'cli.bundle.js' : 'cli.js');
  const text = readFileSync(cli, 'latin1');
  return /\/\/# sourceMappingURL=\S+\s*$/.test(text)
    ? 'development build (`npm run build`; the shipped bundles are minified: `npm run bench` measures those)'
    : 'as shipped (`esbuild.mjs --production`, as in the .vsix and the npm package)';
}

function report(r) {
  const L = [];
  L.push(`# Benchmark results`, '');
  L.push(`${r.date} · ${r.machine.cores} cores (${r.machine.cpu}) · node ${r.machine.node}`);
  L.push(
    `load average before: ${r.machine.loadBefore.map((v) => v.toFixed(2)).join(', ')} · after: ${r.machine.loadAfter.map((v) => v.toFixed(2)).join(', ')}`,
  );
  L.push(`Bundles: ${r.bundles}.`);
  L.push(
    `Medians of ${r.runs} runs (min–max). Wall times on a loaded machine track the load; CPU times are steadier.`,
    '',
  );
  for (const key of ['python', 'js']) {
    const c = r[key];
    if (!c) continue;
    const corpus = r.corpora[key];
    L.push(
      `## ${key === 'python' ? 'Django (Python)' : 'JS/TS (pm2, mongoose, sequelize, express, winston, rxjs src)'} — ${corpus.files} files, ${corpus.lines} lines`,
      '',
    );
    L.push('| measure | value |', '| --- | --- |');
    if (c.cli) {
      L.push(`| CLI \`check\` wall | ${range(c.cli.wallMs)} |`);
      L.push(`| CLI \`check\` CPU (user+sys) | ${range(c.cli.cpuMs)} |`);
      L.push(`| CLI peak RSS | ${range(c.cli.rssMb, mb)} |`);
      L.push(`| CLI files analysed / findings | ${c.cli.files.median} / ${c.cli.findings.median} |`);
    }
    if (c.cache) {
      L.push(`| \`check --cache\` cold / warm wall | ${range(c.cache.coldMs)} / ${range(c.cache.warmMs)} |`);
      L.push(`| **warm / cold** (budget ≤ 10%) | **${(c.cache.ratio.median * 100).toFixed(1)}%** |`);
    }
    if (c.parse) {
      L.push(`| parse-only process wall | ${range(c.parse.wallMs)} |`);
      L.push(`| parse-only process CPU | ${range(c.parse.cpuMs)} |`);
      L.push(
        `| parse-only loop (parsing alone, one thread) wall / CPU | ${f(c.parse.loopMs.median)} / ${f(c.parse.loopCpuMs.median)} |`,
      );
      if (c.parseTsOnly)
        L.push(
          `| of which TypeScript parser alone (no ESTree), loop wall / CPU | ${f(c.parseTsOnly.loopMs.median)} / ${f(c.parseTsOnly.loopCpuMs.median)} |`,
        );
    }
    if (c.cli && c.parse) {
      L.push(
        `| **analysis / parse-only, wall** (budget ≤ 1.3×) | **${x(c.cli.wallMs.median / c.parse.wallMs.median)}** |`,
      );
      L.push(`| analysis / parse-only, CPU | ${x(c.cli.cpuMs.median / c.parse.cpuMs.median)} |`);
    }
    if (c.perFile) {
      L.push(
        `| per-file analysis p50 / p95 / max | ${f(c.perFile.analyseP50.median)} / ${f(c.perFile.analyseP95.median)} / ${f(c.perFile.analyseMax.median)} |`,
      );
      L.push(`| per-file parse-only p50 / p95 | ${f(c.perFile.parseP50.median)} / ${f(c.perFile.parseP95.median)} |`);
      L.push(`| in-process sum analysis / sum parse-only (same files, same run) | ${x(c.perFile.ratio.median)} |`);
    }
    if (c.options) L.push(...jsOptionsRows(c.options));
    if (c.cli && c.parseTsOnly)
      L.push(
        `| **CLI wall / TypeScript parser alone process wall** (issue 18 target ≤ 1.3×) | **${x(c.cli.wallMs.median / c.parseTsOnly.wallMs.median)}** |`,
      );
    if (c.secretlint) {
      L.push(`| secretlint ${SECRETLINT} (preset-recommend) \`**/*\` wall | ${range(c.secretlint.wallMs)} |`);
      L.push(`| secretlint CPU / peak RSS | ${range(c.secretlint.cpuMs)} / ${mb(c.secretlint.rssMb.median)} |`);
      if (c.cli) {
        L.push(
          `| **secretlint / twelve-factor, wall** (budget ≥ 5×) | **${x(c.secretlint.wallMs.median / c.cli.wallMs.median)}** |`,
        );
        L.push(`| secretlint / twelve-factor, CPU | ${x(c.secretlint.cpuMs.median / c.cli.cpuMs.median)} |`);
      }
    }
    if (c.peers) L.push(...peersReport(c));
    L.push('');
  }
  if (r.small) L.push(...smallReport(r.small, { range, mb }));
  if (r.lsp) {
    L.push('## Language server', '', '| measure | value |', '| --- | --- |');
    for (const [k, v] of Object.entries(r.lsp)) {
      if (!k.includes('-')) continue;
      const [language, mode] = k.split('-');
      const note = mode === 'push' ? ' (includes the 150 ms debounce)' : '';
      L.push(
        `| keystroke → diagnostics, ${language} ${v.lines} lines, ${mode}${note}: p50 / p95 / max (n=${v.n}) | ${f(v.p50)} / **${f(v.p95)}** / ${f(v.max)} |`,
      );
      L.push(...keystrokeFloorRows(language, v, r.lsp, f));
      L.push(`| first diagnostics after didOpen, ${language} ${mode} | ${f(v.openMs)} |`);
      if (v.firstSquiggleMs !== undefined) {
        L.push(
          `| first squiggle: server spawn → first diagnostics of the opened file, ${language} ${mode} (budget ≤ ${FIRST_SQUIGGLE_BUDGET_MS} ms) | **${f(v.firstSquiggleMs)}** |`,
        );
        L.push(...firstSquiggleRows(language, v, mode === 'pull' ? r.lsp.first : undefined, f));
      }
    }
    L.push(...stepRows(r.lsp, f));
    const w = r.lsp.workspace;
    L.push(
      `| server RSS after opening all ${w.files} Django files (budget ≤ 200 MB) | **${mb(w.rssMb)}** (peak ${mb(w.peakRssMb)}, at start ${mb(w.startRssMb)}) |`,
    );
    L.push(`| open + pull diagnostics for all ${w.files} Django files | ${f(w.openAllMs)} |`);
    L.push(`| server spawn → initialize result | ${f(w.initializeMs)} |`);
    L.push(
      `| extension bundle load in Node, fake vscode module (activation in VS Code: next section) | ${range(r.lsp.extensionLoadMs)} |`,
    );
    L.push('');
  }
  L.push(...rssReport(r));
  if (r.documents) L.push(...documentsReport(r.documents));
  if (r.activation) L.push(...activationReport(r.activation, { range }));
  return L.join('\n') + '\n';
}

/** Each available peer on the corpus of `language`, timed like the CLI (bench/peers.mjs). */
async function measurePeers(language, dir) {
  const peersDir = ensurePeers(TOOLS, log);
  const out = {};
  for (const peer of peersFor(language, peersDir)) {
    if (!peer.available) {
      log(`${peer.key}: not installed, skipped`);
      continue;
    }
    out[peer.key] = await repeat(peer.key, RUNS, async () => {
      const t = await timed(peer.cmd, peer.argv, dir);
      return { wallMs: t.wallMs, cpuMs: t.cpuMs, rssMb: t.rssMb, ...peer.parse(t.out) };
    });
    out[peer.key].label = peer.label;
  }
  return out;
}

/** Rows for the peers: their figures and twelve-factor's speed relative to each (> 1×: twelve-factor is faster). */
function peersReport(c) {
  const L = [];
  for (const p of Object.values(c.peers)) {
    L.push(`| ${p.label} wall / CPU | ${range(p.wallMs)} / ${range(p.cpuMs)} |`);
    L.push(
      `| ${p.label} peak RSS · files / findings / failed | ${mb(p.rssMb.median)} · ${p.files.median} / ${p.findings.median} / ${p.failed.median} |`,
    );
    if (c.cli)
      L.push(
        `| **${p.label.split(' ')[0]} / twelve-factor**, wall / CPU | **${x(p.wallMs.median / c.cli.wallMs.median)}** / ${x(p.cpuMs.median / c.cli.cpuMs.median)} |`,
      );
  }
  return L;
}

/** Peak resident memory of every process the run measured, side by side. */
function rssReport(r) {
  const rows = [];
  for (const key of ['python', 'js']) {
    const c = r[key];
    if (!c) continue;
    const name = key === 'python' ? 'Django' : 'js-mix';
    if (c.cli) rows.push([`twelve-factor CLI \`check\`, ${name}`, c.cli.rssMb.median]);
    if (c.secretlint) rows.push([`secretlint, ${name}`, c.secretlint.rssMb.median]);
    for (const p of Object.values(c.peers ?? {})) rows.push([`${p.label}, ${name}`, p.rssMb.median]);
  }
  for (const [k, v] of Object.entries(r.lsp ?? {})) {
    if (k.includes('-') && v.peakRssMb !== undefined)
      rows.push([
        `language server, typing into the ${v.lines}-line ${k.split('-')[0]} file (${k.split('-')[1]})`,
        v.peakRssMb,
      ]);
  }
  if (r.lsp?.workspace)
    rows.push([`language server, all ${r.lsp.workspace.files} Django files open`, r.lsp.workspace.peakRssMb]);
  if (rows.length === 0) return [];
  const L = [
    '## Peak RSS',
    '',
    'VmHWM of the process (workers are threads in it); GNU time for the CLI and the peers.',
    '',
  ];
  L.push('| process | peak RSS |', '| --- | --- |');
  for (const [label, v] of rows) L.push(`| ${label} | ${mb(v)} |`);
  L.push('');
  return L;
}

/** The JS/TS throughput options (issue 18), in process: CPU sums over the corpus, best of 3 rounds. */
function jsOptionsRows(o) {
  const share = (v) => `${(v * 100).toFixed(1)} %`;
  return [
    `| in process (CPU, best of 3): \`ts.createSourceFile\` of every file | ${f(o.parseMs)} |`,
    `| in process: typescript-estree conversion with its comment list (\`comment: true\`, before) / without it | ${f(o.convertWithCommentsMs)} / ${f(o.convertWithoutCommentsMs)} |`,
    `| in process: comments by one scanner pass (now; ${o.scanned} of ${o.files} files, the rest JSX or syntax errors) | ${f(o.scanCommentsMs)} |`,
    `| in process: facts walk (ESTree → facts) | ${f(o.walkMs)} |`,
    `| in process: whole analysis (rules and signals) / \`ts.createSourceFile\` | ${f(o.analysisMs)} / ${f(o.parseMs)} = **${x(o.analysisMs / o.parseMs)}** |`,
    `| whole-file prefilter: files where only keyword-less rules (hardcoded-secret, global-state) run / of them without any string | ${o.onlyKeywordless} / ${o.noString} of ${o.files} |`,
    `| statement prefilter: top-level statements / type-only (nothing to walk), share of the text | ${o.statements} / ${o.typeStatements}, ${share(o.typeShare)} |`,
  ];
}

function documentsReport(d) {
  const pct = (v) => `${(v * 100).toFixed(1)} %`;
  return [
    '## Config and deployment files',
    '',
    `In-process analysis of every document (Dockerfile, compose, .env read as tracked, Procfile, shell) and source file under \`${d.dir}\`.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| documents / lines | ${d.documents.median} / ${d.documentLines.median} |`,
    `| documents, sum of analysis time | ${range(d.documentSumMs)} |`,
    `| per document p50 / p95 / max | ${f(d.documentP50.median)} / ${f(d.documentP95.median)} / ${f(d.documentMax.median)} |`,
    `| source files, sum of analysis time (${d.sources.median} files) | ${range(d.sourceSumMs)} |`,
    `| documents' share of the analysis time | ${pct(d.share.median)} |`,
    '',
  ];
}

await main();
