// Runs inside code-server's extension host as `extensionTestsPath` (see
// bench/activation-run.mjs): opens the example app's Python file, times the
// way to the first twelve-factor diagnostic, then reads VS Code's own
// activation figures from "Developer: Startup Performance" (perf:Startup
// Performance), the only place the workbench shows codeLoadingTime,
// activateCallTime and activateResolvedTime as numbers. CommonJS because the
// extension host require()s it; the outcome goes to $TF_ACT_RESULT as JSON.
/* eslint-disable @typescript-eslint/no-require-imports -- the extension host loads this file with require() */
const fs = require('node:fs');
const vscode = require('vscode');
const { activationRow, extensionMarks } = require('./activation-perf.cjs');

const env = process.env;
const EXTENSION_ID = env.TF_ACT_EXTENSION || 'twelve-factor.twelve-factor';
const TIMEOUT_MS = Number(env.TF_ACT_TIMEOUT_MS || 120000);
const PERF_URI = vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' });

const later = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function poll(probe, what, intervalMs = 10) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`);
    await later(intervalMs);
  }
}

/** Resolves with Date.now() when `uri` first has a twelve-factor diagnostic (event-driven). */
function firstDiagnostic(uri) {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'twelve-factor').length > 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no twelve-factor diagnostic on ${uri.fsPath} within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve(Date.now());
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && ours()) done();
    });
    if (ours()) done();
  });
}

async function vscodeActivationTimes() {
  // The perf: content provider is registered lazily, by the command that shows it.
  await vscode.commands.executeCommand('perfview.show');
  // The document reads "Loading..." until the workbench is in its last lifecycle phase.
  return poll(
    async () => {
      const doc =
        vscode.workspace.textDocuments.find((d) => d.uri.toString() === PERF_URI.toString()) ||
        (await vscode.workspace.openTextDocument(PERF_URI));
      return activationRow(doc.getText(), EXTENSION_ID);
    },
    `the ${EXTENSION_ID} row in Developer: Startup Performance`,
    100,
  );
}

/** VS Code's marks live in an internal store of the extension host; absent if a later VS Code moves it. */
function activationMarks() {
  const store = globalThis.MonacoPerformanceMarks;
  return store && typeof store.getMarks === 'function' ? extensionMarks(store.getMarks(), EXTENSION_ID) : undefined;
}

exports.run = async function run() {
  const result = { vscode: vscode.version };
  try {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
    result.activeBeforeOpen = ext.isActive;
    const uri = vscode.Uri.file(env.TF_ACT_FILE);
    result.openAt = Date.now();
    const diagnostic = firstDiagnostic(uri);
    // isActive turns true once activate() has resolved; polling it does not
    // activate the extension itself (ext.activate() would, with another reason).
    const active = poll(() => ext.isActive && Date.now(), `${EXTENSION_ID} to be active`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    result.shownAt = Date.now();
    result.activeAt = await active;
    result.diagnosticAt = await diagnostic;
    const all = vscode.languages.getDiagnostics(uri);
    result.diagnostics = all.filter((d) => d.source === 'twelve-factor').length;
    result.otherDiagnostics = all.length - result.diagnostics;
    result.marks = activationMarks();
    // The Startup Performance editor replaces this one: first let the harness
    // see the squiggle drawn, so that it is not hidden before it is painted.
    fs.writeFileSync(`${env.TF_ACT_RESULT}.diagnostic`, '');
    result.squiggleHandshake = await poll(
      () => fs.existsSync(`${env.TF_ACT_RESULT}.go`),
      'the harness to see the squiggle',
      50,
    ).catch(() => false);
    try {
      result.times = await vscodeActivationTimes();
    } catch (err) {
      result.timesError = String((err && err.message) || err);
    }
  } catch (err) {
    result.error = String((err && err.stack) || err);
  }
  fs.writeFileSync(env.TF_ACT_RESULT, JSON.stringify(result, null, 2));
};
