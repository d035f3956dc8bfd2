// The floors under the language server's targets (issue 18), measured in the
// same run as the targets and printed beside them:
// - keystroke p95: the step the server runs per keystroke, in process (no
//   LSP: bench/py-incremental.ts, bench/js-incremental.ts), plus the protocol
//   round trip alone on the same server and harness (bench/lsp-probe.mjs: a
//   second pull of each version, answered from the analysis it holds);
// - first squiggle: where the time from the server's spawn goes (initialize
//   answered, the document's settings asked, first diagnostics), and the
//   first analysis of the file in a fresh process, cold (bench/first.ts).
import { join } from 'node:path';

export const KEYSTROKE_BUDGET_MS = { python: 25, typescript: 30 };
export const FIRST_SQUIGGLE_BUDGET_MS = 300;

const HERE = new URL('.', import.meta.url).pathname;
const ROOT = join(HERE, '..');

/** The in-process keystroke steps and the cold first analysis per language, for the files the LSP part types into. */
export async function measureLspFloors({ edit, tools, runs, repeat, timed, log }) {
  const out = { first: {} };
  if (edit.python) {
    log('lsp python steps (bench/py-incremental.ts)');
    const t = await timed(process.execPath, ['--import', 'tsx', join(HERE, 'py-incremental.ts'), edit.python], ROOT);
    out.pySteps = JSON.parse(t.out);
  }
  if (edit.typescript) {
    log('lsp typescript steps (bench/js-incremental.ts)');
    const t = await timed(
      process.execPath,
      ['--import', 'tsx', join(HERE, 'js-incremental.ts'), edit.typescript],
      ROOT,
    );
    out.tsSteps = JSON.parse(t.out);
  }
  for (const [language, file] of Object.entries(edit)) {
    out.first[language] = await repeat(`first analysis, ${language}, fresh process`, runs, async () => {
      const t = await timed(process.execPath, [join(tools, 'first.js'), file, language], ROOT);
      return JSON.parse(t.out);
    });
  }
  return out;
}

/** The whole keystroke in process (the step rows' `keystroke`) of `language`, if measured. */
export function inProcessKeystroke(lsp, language) {
  const steps = language === 'python' ? lsp.pySteps : language === 'typescript' ? lsp.tsSteps : undefined;
  return steps?.steps.find((s) => s.key === 'keystroke');
}

/**
 * Rows under a pull keystroke row `v` (lsp-probe.mjs's figures): the round trip alone, and the
 * floor = in-process keystroke p95 + round-trip p95 (a sum of p95s: a bound, not a p95 of sums).
 */
export function keystrokeFloorRows(language, v, lsp, f) {
  if (!v.roundTrip) return [];
  const rt = v.roundTrip;
  const rows = [
    `| … protocol round trip alone: a second pull of the same version, answered from the analysis held, p50 / p95 (n=${rt.n}) | ${f(rt.p50)} / ${f(rt.p95)} |`,
  ];
  const step = inProcessKeystroke(lsp, language);
  if (step) {
    const budget = KEYSTROKE_BUDGET_MS[language];
    rows.push(
      `| … **floor: in-process keystroke p95 + round-trip p95** = ${f(step.p95)} + ${f(rt.p95)} (budget ≤ ${budget} ms) | **${f(step.p95 + rt.p95)}** |`,
    );
  }
  return rows;
}

/** Rows under a first-squiggle row `v`: its split, and the cold first analysis in a fresh process. */
export function firstSquiggleRows(language, v, first, f) {
  const rows = [];
  if (v.openSentMs !== undefined) {
    rows.push(
      `| … split, from the spawn: initialize answered / didOpen sent / the server asks the document's settings / first diagnostics | ${f(v.initializeMs)} / ${f(v.openSentMs)} / ${f(v.settingsAskedMs)} / ${f(v.firstSquiggleMs)} |`,
    );
  }
  const c = first?.[language];
  if (c) {
    rows.push(
      `| … floor: in a fresh process, parsers' set-up / first analysis cold (parse + facts + rules) / the same again warm | ${f(c.setUpMs.median)} / **${f(c.coldMs.median)}** / ${f(c.warmMs.median)} |`,
    );
  }
  return rows;
}

/** The in-process step rows of both languages (bench/py-incremental.ts, bench/js-incremental.ts). */
export function stepRows(lsp, f) {
  const rows = [];
  for (const [language, steps] of [
    ['python', lsp.pySteps],
    ['typescript', lsp.tsSteps],
  ]) {
    for (const step of steps?.steps ?? []) {
      rows.push(
        `| ${language} ${steps.lines} lines, one keystroke, in process: ${step.label}: p50 / p95 (n=${steps.edits}) | ${f(step.p50)} / ${f(step.p95)} |`,
      );
    }
  }
  return rows;
}
