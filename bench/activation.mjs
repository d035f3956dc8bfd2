// The `activation` part of `npm run bench`: extension activation in a real
// VS Code (code-server + headless Chromium, as test/e2e), each figure the
// median of --runs fresh starts (bench/activation-run.mjs does one).
// Missing tools are installed by scripts/e2e-setup.sh; if that is not
// possible the part is skipped with a one-line reason, never failing the bench.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, CODE_SERVER, REPO, TOOLS } from '../test/e2e/lib/paths.mjs';
import { run } from '../test/e2e/lib/process.mjs';
import { packageVsix } from '../test/e2e/lib/vsix.mjs';
import { activationRun, PYTHON_FILE } from './activation-run.mjs';

const firstLine = (err) => String(err instanceof Error ? err.message : err).split('\n')[0];

const missingTools = () =>
  [CODE_SERVER, path.join(TOOLS, 'node_modules/playwright-core'), CHROMIUM].filter((p) => !existsSync(p));

/** Undefined when code-server, playwright-core and Chromium are there (installing them if needed), else why not. */
async function ensureTools(log) {
  if (missingTools().length === 0) return undefined;
  log(`activation: ${missingTools().join(', ')} missing; running scripts/e2e-setup.sh…`);
  try {
    await run('sh', [path.join(REPO, 'scripts/e2e-setup.sh')], { cwd: REPO, timeoutMs: 900_000 });
  } catch (err) {
    const why = String(err.message ?? err)
      .split('\n')
      .find((l) => /ERROR/.test(l));
    return `scripts/e2e-setup.sh failed (${why ?? firstLine(err)})`;
  }
  const still = missingTools();
  return still.length ? `still missing after scripts/e2e-setup.sh: ${still.join(', ')}` : undefined;
}

/**
 * Returns { skipped } or { runs, ok, failures, vscode, events, notes, figures },
 * figures[name] = { median, min, max, n } over the runs that produced it.
 */
export async function measureActivation({ runs, log, stats }) {
  const missing = await ensureTools(log);
  if (missing) return { skipped: missing };
  let vsix;
  try {
    log('activation: npm run package');
    vsix = await packageVsix();
  } catch (err) {
    return { skipped: `could not package the extension: ${firstLine(err)}` };
  }
  const done = [];
  const failures = [];
  for (let i = 0; i < runs; i++) {
    log(`  activation ${i + 1}/${runs}`);
    try {
      done.push(await activationRun(vsix));
    } catch (err) {
      failures.push(firstLine(err));
      log(`  activation run ${i + 1} failed: ${firstLine(err)}`);
    }
  }
  if (done.length === 0) return { skipped: `every run failed (first: ${failures[0]})` };
  const names = [...new Set(done.flatMap((d) => Object.keys(d.values)))];
  const figures = {};
  for (const name of names) {
    const values = done.map((d) => d.values[name]).filter(Number.isFinite);
    figures[name] = { ...stats(values), n: values.length };
  }
  return {
    runs,
    ok: done.length,
    failures,
    vscode: done[0].vscode,
    file: PYTHON_FILE,
    events: [...new Set(done.map((d) => d.event).filter(Boolean))],
    notes: [...new Set(done.flatMap((d) => d.notes))],
    figures,
  };
}

// [figure, label]; bold rows are the headline figures.
const ROWS = [
  ['codeLoadingTime', 'VS Code `codeLoadingTime`: loading dist/extension.js'],
  ['activateCallTime', 'VS Code `activateCallTime`: the synchronous part of activate()'],
  ['activateResolvedTime', 'VS Code `activateResolvedTime`: activate() call returned → its promise resolved'],
  [
    'runningExtensionsMs',
    '**VS Code "Activation" (codeLoadingTime + activateCallTime, as Developer: Show Running Extensions shows it)**',
  ],
  ['ownActivateMs', "the extension's own activate() duration (its output channel)"],
  ['ownServerReadyMs', '**language server ready: activate() start → client.start() resolved (initialize answered)**'],
  ['openToCodeLoadMs', 'open the file → VS Code starts loading the extension (performance marks)'],
  [
    'contextWaitMs',
    "code loaded → activate() called: waiting for the extension's context (storage, from the busy workbench; in no VS Code figure)",
  ],
  ['openToActiveMs', 'open the file → extension active (`isActive`, polled every 10 ms)'],
  ['openToDiagnosticMs', '**open the file → first twelve-factor diagnostic (API, `onDidChangeDiagnostics`)**'],
  ['openToSquiggleMs', '**open the file → first squiggle drawn in the editor (user-visible, DOM)**'],
  ['workbenchToOpenMs', 'page load → the file is opened (the test script runs once eager extensions are up)'],
];

/** Markdown lines of the report; `range(stats)` and `f(ms)` format as the other rows. */
export function activationReport(a, { range }) {
  const L = ['## Extension activation in VS Code', ''];
  if (!a || a.skipped) {
    L.push(`Not measured: ${a?.skipped ?? 'the activation part did not run'}.`, '');
    return L;
  }
  L.push(
    `VS Code ${a.vscode} (code-server, headless Chromium). Each run: fresh code-server, user-data-dir, extensions dir (the .vsix installed) and browser profile; ` +
      `the workspace is a copy of examples/ with no activation marker at its root, so opening \`${a.file}\` activates the extension ` +
      `(event: ${a.events.join(', ') || 'not read'}). Medians of ${a.ok} of ${a.runs} runs (min–max).`,
    '',
    '| measure | value |',
    '| --- | --- |',
  );
  for (const [key, label] of ROWS) {
    const s = a.figures[key];
    const partial = s && s.n < a.ok ? ` (n=${s.n})` : '';
    L.push(`| ${label} | ${s?.n ? `${range(s)}${partial}` : 'not obtained (see notes)'} |`);
  }
  L.push('');
  for (const note of a.notes) L.push(`- note: ${note}`);
  for (const failure of a.failures) L.push(`- failed run: ${failure}`);
  if (a.notes.length || a.failures.length) L.push('');
  return L;
}
