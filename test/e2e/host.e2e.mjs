// API-level tests in the real extension host: code-server's CLI rejects
// --extensionDevelopmentPath/--extensionTestsPath ("Unknown option"), but its
// web workbench reads the same two settings from the `payload` query
// parameter (the way "Open Extension Development Host" opens a window), and
// the remote Node extension host then loads the extension from the repo and
// runs test/e2e/host/suite.cjs, like @vscode/test-electron on the desktop.
// Builds dist/ first unless E2E_SKIP_BUILD is set (the extension runs from dist/).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { declaredView, registeredRules, serverCapabilities } from './lib/features.mjs';
import { REPO } from './lib/paths.mjs';
import { poll, run } from './lib/process.mjs';
import { runE2E } from './lib/session.mjs';
import { CORE_RULES, createWorkspace } from './lib/workspace.mjs';
import { budget, SLOWDOWN } from './lib/timing.mjs';

await runE2E('host', async ({ sandbox, steps, resultsDir, startServer, startBrowser }) => {
  await steps.step('build', () => run('npm', ['run', 'build', '--silent'], { cwd: REPO, timeoutMs: budget(180_000) }), {
    skip: process.env.E2E_SKIP_BUILD ? 'E2E_SKIP_BUILD is set (dist/ was just built)' : undefined,
  });
  const ws = createWorkspace(sandbox.dirs.workspaces);
  const caps = await steps.step('read the server capabilities', () =>
    serverCapabilities([path.join(REPO, 'dist/server.js'), '--stdio'], ws.root),
  );
  const registered = registeredRules();
  const rules = CORE_RULES.filter((r) => registered.has(r));
  const resultFile = path.join(resultsDir, 'host-result.json');
  const server = await steps.step('start code-server', () =>
    startServer({
      env: {
        TF_HOST_RESULT: resultFile,
        TF_HOST_LOGS: path.join(sandbox.dirs.userData, 'logs'),
        TF_HOST_SLOWDOWN: String(SLOWDOWN),
        TF_HOST_RULES: rules.join(','),
        TF_HOST_PY: ws.python.rel,
        TF_HOST_PY_SECRET: ws.python.secret,
        TF_HOST_TS: ws.typescript.rel,
        TF_HOST_TS_SECRET: ws.typescript.secret,
        TF_HOST_CODE_ACTIONS: caps.codeActionProvider && registered.has('hardcoded-secret') ? '1' : '0',
        TF_HOST_COMPLIANCE: declaredView(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'))) ? '1' : '0',
      },
    }),
  );
  const { page } = await steps.step('launch chromium', () => startBrowser());
  await steps.step('run the suite in the extension host', async () => {
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(REPO)],
      ['extensionTestsPath', remote(path.join(REPO, 'test/e2e/host/suite.cjs'))],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws.root)}&payload=${encodeURIComponent(payload)}`);
    await poll(() => existsSync(resultFile), {
      timeoutMs: budget(120_000),
      what: `the suite's result file ${resultFile}`,
    });
  });
  const { vscode, results } = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(`  extension host of VS Code ${vscode}; rules checked: ${rules.join(', ') || 'none'}`);
  for (const r of results)
    console.log(`    ${r.ok ? '✔' : '✘'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n      ${r.error}`}`);
  for (const r of results) steps.extra.push({ name: `host: ${r.name}`, status: r.ok ? 'passed' : 'failed', ms: r.ms });
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) throw new Error(`host tests failed: ${failed.map((r) => r.name).join('; ')}`);
});
