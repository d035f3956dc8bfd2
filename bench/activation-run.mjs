// One activation measurement in real VS Code (code-server + headless
// Chromium, the e2e harness of test/e2e/lib): a fresh sandbox (user data,
// extensions, browser profile), the .vsix installed, code-server started,
// and the workbench opened on a copy of examples/ with a do-nothing
// development extension whose `extensionTestsPath` is bench/activation-host.cjs.
// That script opens the example Python file and reports the times; the page
// itself reports when the first diagnostic squiggle is drawn.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/lib/browser.mjs';
import { installExtension, startCodeServer } from '../test/e2e/lib/codeServer.mjs';
import { REPO } from '../test/e2e/lib/paths.mjs';
import { killGroup, notYet, poll, running } from '../test/e2e/lib/process.mjs';
import { createSandbox } from '../test/e2e/lib/sandbox.mjs';

export const PYTHON_FILE = 'examples/django-shop/shop/settings.py';
const HOST_SCRIPT = path.join(REPO, 'bench/activation-host.cjs');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const RUN_TIMEOUT_MS = Number(process.env.BENCH_ACTIVATION_TIMEOUT_MS ?? 240_000);

// Injected before the workbench loads: notes when the first marker squiggle
// is added to an editor (an event, not a poll). Nothing else in the sandbox
// reports diagnostics; the host script checks that (otherDiagnostics).
const SQUIGGLE_WATCH = `(() => {
  const seen = () => document.querySelector('.monaco-editor [class*="squiggly-"]');
  const start = () => {
    new MutationObserver((_m, obs) => {
      if (window.__tfSquiggleAt === undefined && seen()) {
        window.__tfSquiggleAt = Date.now();
        obs.disconnect();
      }
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();`;

// The extension's own line (client/src/extension.ts).
const OWN_LINE = /Activated in ([\d.]+) ms \(language server ready after ([\d.]+) ms\)/;

/** The workspace: the example apps under examples/, with no activation marker at the root. */
function writeWorkspace(sandbox) {
  const root = path.join(sandbox.dirs.workspaces, 'apps');
  cpSync(path.join(REPO, 'examples'), path.join(root, 'examples'), { recursive: true });
  return root;
}

/** A development extension with no code: only the carrier of extensionTestsPath. */
function writeCarrier(sandbox) {
  const dir = path.join(sandbox.dirs.root, 'bench-carrier');
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'bench-carrier',
    publisher: 'twelve-factor-bench',
    version: '0.0.0',
    engines: { vscode: '*' },
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  return dir;
}

function findFiles(dir, re, out = []) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) findFiles(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

/** The extension's output channel, as the extension host logs it under the user-data dir. */
function ownTimes(sandbox) {
  for (const file of findFiles(path.join(sandbox.dirs.userData, 'logs'), /Twelve-Factor\.log$/)) {
    const m = OWN_LINE.exec(readFileSync(file, 'utf8'));
    if (m) return { ownActivateMs: Number(m[1]), ownServerReadyMs: Number(m[2]) };
  }
  return {};
}

/**
 * Returns { values: {name: ms}, event, notes: [] }; throws when the run
 * itself fails (no result from the extension host).
 */
export async function activationRun(vsix) {
  const sandbox = createSandbox('twelve-factor-bench-activation-');
  let server;
  let browser;
  // code-server runs in a process group of its own: Ctrl+C must stop it too.
  const onSignal = (signal) => {
    for (const child of running) killGroup(child, 'SIGKILL');
    if (server) killGroup(server.child, 'SIGKILL');
    void Promise.resolve(browser?.close()).finally(() => {
      sandbox.dispose();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  try {
    await installExtension(sandbox, vsix);
    const ws = writeWorkspace(sandbox);
    const carrier = writeCarrier(sandbox);
    const resultFile = path.join(sandbox.dirs.root, 'activation-result.json');
    server = await startCodeServer(sandbox, {
      logFile: path.join(sandbox.dirs.root, 'code-server.log'),
      env: {
        TF_ACT_RESULT: resultFile,
        TF_ACT_FILE: path.join(ws, PYTHON_FILE),
        TF_ACT_TIMEOUT_MS: String(RUN_TIMEOUT_MS / 2),
      },
    });
    browser = await launchBrowser(sandbox);
    await browser.page.addInitScript(SQUIGGLE_WATCH);
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(carrier)],
      ['extensionTestsPath', remote(HOST_SCRIPT)],
    ]);
    const navigatedAt = Date.now();
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
    const notes = [];
    // The host script says when the diagnostic is there and waits for `.go`
    // before it opens another editor; the squiggle is painted in between.
    const hostFailed = () => existsSync(resultFile) && 'the host script ended early';
    await poll(() => existsSync(`${resultFile}.diagnostic`) || hostFailed(), {
      timeoutMs: RUN_TIMEOUT_MS,
      what: 'the first diagnostic in the extension host',
    });
    const squiggleAt = hostFailed()
      ? undefined
      : await poll(
          async () => (await browser.page.evaluate(() => window.__tfSquiggleAt)) ?? notYet('no squiggle drawn yet'),
          { timeoutMs: 15_000, intervalMs: 50, what: 'the first squiggle in the editor' },
        ).catch((err) => void notes.push(`no squiggle seen: ${err.message.split('\n')[0]}`));
    writeFileSync(`${resultFile}.go`, '');
    await poll(() => existsSync(resultFile), { timeoutMs: RUN_TIMEOUT_MS, what: 'the extension host result' });
    const r = JSON.parse(readFileSync(resultFile, 'utf8'));
    if (r.error) throw new Error(`in the extension host: ${r.error.split('\n').slice(0, 3).join(' ')}`);
    if (r.otherDiagnostics > 0)
      notes.push(`${r.otherDiagnostics} diagnostics from other sources: squiggle not attributable`);
    if (r.timesError) notes.push(`VS Code's activation figures not read: ${r.timesError}`);
    if (!r.marks) notes.push("VS Code's performance marks for the extension not found");
    if (r.activeBeforeOpen) notes.push('the extension was already active before the file was opened');
    const own = ownTimes(sandbox);
    if (!own.ownActivateMs) notes.push('the extension\'s "Activated in … ms" line is not in its output log');
    const values = {
      ...(r.times
        ? {
            codeLoadingTime: r.times.codeLoadingTime,
            activateCallTime: r.times.activateCallTime,
            activateResolvedTime: r.times.activateResolvedTime,
          }
        : {}),
      ...(r.times ? { runningExtensionsMs: r.times.codeLoadingTime + r.times.activateCallTime } : {}),
      ...own,
      ...(r.marks
        ? {
            openToCodeLoadMs: r.marks.willLoadExtensionCode - r.openAt,
            contextWaitMs: r.marks.willActivateExtension - r.marks.didLoadExtensionCode,
          }
        : {}),
      openToActiveMs: r.activeAt - r.openAt,
      openToDiagnosticMs: r.diagnosticAt - r.openAt,
      ...(squiggleAt && !r.otherDiagnostics ? { openToSquiggleMs: squiggleAt - r.openAt } : {}),
      workbenchToOpenMs: r.openAt - navigatedAt,
    };
    return { values, event: r.times?.event, eager: r.times?.eager, vscode: r.vscode, notes };
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    await browser?.close();
    await server?.stop();
    sandbox.dispose(); // E2E_KEEP_SANDBOX=1 keeps it (its logs) and prints where
  }
}
