// Named, timed steps with a screenshot each, so a failure names its step and
// leaves a picture of what the user would have seen.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { budget } from './timing.mjs';

export class StepError extends Error {
  constructor(step, cause) {
    super(`step "${step}" failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.step = step;
  }
}

const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * `getPage` returns the current playwright page or undefined (before the
 * browser starts). Screenshots go to dir/NN-step.png.
 */
export function createSteps(dir, getPage = () => undefined) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const results = [];
  /** Outcomes outside the step list (the extension-host suite's cases). */
  const extra = [];
  const started = Date.now();

  async function shoot(file) {
    const page = getPage();
    if (!page) return undefined;
    try {
      await page.screenshot({ path: path.join(dir, file), timeout: budget(10_000) });
      return file;
    } catch {
      return undefined;
    }
  }

  return {
    dir,
    results,
    extra,
    /** A screenshot beside the step ones; `options` go to page.screenshot (mask, clip). */
    async picture(file, options = {}) {
      const page = getPage();
      if (!page) return undefined;
      await page.screenshot({ path: path.join(dir, file), timeout: budget(15_000), ...options });
      return path.join(dir, file);
    },
    /** Runs fn; `skip` (a string reason) records the step as skipped instead. */
    async step(name, fn, { skip } = {}) {
      const n = String(results.length + 1).padStart(2, '0');
      if (skip) {
        results.push({ n, name, status: 'skipped', reason: skip, ms: 0 });
        console.log(`  - ${n} ${name}: skipped (${skip})`);
        return undefined;
      }
      const t0 = Date.now();
      process.stdout.write(`  … ${n} ${name}\n`);
      try {
        const value = await fn();
        const ms = Date.now() - t0;
        const screenshot = await shoot(`${n}-${slug(name)}.png`);
        results.push({ n, name, status: 'passed', ms, screenshot });
        console.log(`  ✔ ${n} ${name} (${ms} ms)${screenshot ? ` → ${screenshot}` : ''}`);
        return value;
      } catch (err) {
        const ms = Date.now() - t0;
        const screenshot = await shoot(`${n}-${slug(name)}-FAILED.png`);
        results.push({ n, name, status: 'failed', ms, screenshot, error: String(err?.message ?? err) });
        console.log(`  ✘ ${n} ${name} (${ms} ms)${screenshot ? ` → ${screenshot}` : ''}`);
        throw new StepError(name, err);
      }
    },
    /**
     * Writes summary.json and ends the output with the plain line CI reads,
     * `N passed, N failed` (`extra`: outcomes counted beside the steps, such
     * as the extension-host suite's cases; `aborted`: the run stopped outside a step).
     */
    summary({ aborted = false } = {}) {
      const totalMs = Date.now() - started;
      const all = [...results, ...extra];
      const passed = all.filter((r) => r.status === 'passed').length;
      const failed =
        all.filter((r) => r.status === 'failed').length + (aborted && !all.some((r) => r.status === 'failed') ? 1 : 0);
      const skipped = all.filter((r) => r.status === 'skipped').length;
      writeFileSync(
        path.join(dir, 'summary.json'),
        JSON.stringify({ totalMs, passed, failed, skipped, steps: all }, null, 2),
      );
      console.log(
        `${results.length} steps in ${(totalMs / 1000).toFixed(1)} s (${skipped} skipped); screenshots in ${dir}`,
      );
      console.log(`${passed} passed, ${failed} failed`);
      return { totalMs, results, passed, failed };
    },
  };
}
