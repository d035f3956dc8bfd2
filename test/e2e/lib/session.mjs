// One e2e run: sandbox, code-server and browser are always stopped, on
// success, on failure, on Ctrl+C and on the overall timeout.
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { assertToolsInstalled, RESULTS } from './paths.mjs';
import { createSandbox } from './sandbox.mjs';
import { killGroup, running } from './process.mjs';
import { createSteps } from './steps.mjs';
import { budget } from './timing.mjs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * body({ sandbox, steps, resultsDir, startServer, startBrowser }) runs the
 * steps; the process exits non-zero naming the failing step.
 */
export async function runE2E(name, body, { timeoutMs = Number(process.env.E2E_TIMEOUT_MS ?? budget(300_000)) } = {}) {
  const resultsDir = path.join(RESULTS, name);
  console.log(`${name}: screenshots and logs in ${resultsDir}`);
  let sandbox;
  let browser;
  // Pending starts too: a signal during a launch must still stop what it starts.
  let serverStarting;
  let browserStarting;
  const steps = createSteps(resultsDir, () => browser?.page);
  let cleaned;
  const cleanup = () =>
    (cleaned ??= (async () => {
      for (const child of running) killGroup(child, 'SIGKILL');
      await browserStarting?.then((b) => b.close()).catch(() => undefined);
      await serverStarting?.then((s) => s.stop()).catch(() => undefined);
      sandbox?.dispose();
    })());
  const abort = (why) => {
    const running = steps.results.length + 1;
    console.error(`\n${name} FAILED: ${why} (during step ${String(running).padStart(2, '0')})`);
    void cleanup().finally(() => {
      steps.summary({ aborted: true });
      process.exit(1);
    });
  };
  const onSignal = (sig) => abort(`received ${sig}`);
  for (const sig of SIGNALS) process.once(sig, onSignal);
  const timer = setTimeout(() => abort(`overall timeout of ${timeoutMs} ms`), timeoutMs);
  try {
    assertToolsInstalled();
    sandbox = createSandbox();
    await body({
      sandbox,
      steps,
      resultsDir,
      startServer: (opts = {}) =>
        (serverStarting = startCodeServer(sandbox, { logFile: path.join(resultsDir, 'code-server.log'), ...opts })),
      startBrowser: async (opts) => {
        browserStarting = launchBrowser(sandbox, opts);
        browser = await browserStarting;
        return browser;
      },
    });
    console.log(`\n${name} PASSED`);
  } catch (err) {
    console.error(`\n${name} FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
    for (const sig of SIGNALS) process.off(sig, onSignal);
    await cleanup();
    const { failed } = steps.summary({ aborted: process.exitCode === 1 });
    if (failed > 0) process.exitCode = 1;
  }
}
