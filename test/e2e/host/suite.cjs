// API-level tests inside the real extension host of code-server, loaded as
// `extensionTestsPath` (see test/e2e/host.e2e.mjs). CommonJS because the
// extension host `require`s it. The outcome goes to $TF_HOST_RESULT as JSON:
// the extension host has no exit code the harness can read.
/* eslint-disable @typescript-eslint/no-require-imports -- the extension host loads this file with require() */
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'twelve-factor.twelve-factor';
const env = process.env;
const rules = (env.TF_HOST_RULES || '').split(',').filter(Boolean);

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function poll(probe, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last.ok) return last.value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${last.detail}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code));

function workspaceFile(rel) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

async function diagnosticsOf(rel, secret) {
  const uri = workspaceFile(rel);
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diags = await poll(
    async () => {
      const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'twelve-factor');
      const missing = rules.filter((r) => !mine.some((d) => codeOf(d) === r));
      return { ok: mine.length > 0 && missing.length === 0, value: mine, detail: `missing ${missing.join(', ')}` };
    },
    `diagnostics ${rules.join(', ')} in ${rel}`,
  );
  for (const d of diags) {
    assert(typeof d.code === 'object' && d.code.target, `${codeOf(d)} has no codeDescription link`);
    assert(!secret || !d.message.includes(secret), `${codeOf(d)} shows the secret unmasked`);
  }
  return { uri, diags };
}

const cases = [
  [
    'the extension activates',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert(ext, `${EXTENSION_ID} is not loaded`);
      await ext.activate();
      assert(ext.isActive, 'not active after activate()');
    },
  ],
  [
    'every command the manifest declares is registered',
    async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      const declared = ((ext.packageJSON.contributes || {}).commands || []).map((c) => c.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      const missing = declared.filter((c) => !registered.has(c));
      assert(missing.length === 0, `declared but not registered: ${missing.join(', ')}`);
    },
  ],
  ['diagnostics in the Python file', () => diagnosticsOf(env.TF_HOST_PY, env.TF_HOST_PY_SECRET)],
  ['diagnostics in the TypeScript file', () => diagnosticsOf(env.TF_HOST_TS, env.TF_HOST_TS_SECRET)],
];

if (env.TF_HOST_CODE_ACTIONS === '1') {
  cases.push([
    'a "Move to environment" code action at the Python secret',
    async () => {
      const { uri, diags } = await diagnosticsOf(env.TF_HOST_PY, env.TF_HOST_PY_SECRET);
      const secret = diags.find((d) => codeOf(d) === 'hardcoded-secret');
      assert(secret, 'no hardcoded-secret diagnostic');
      const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, secret.range);
      const titles = (actions || []).map((a) => a.title);
      assert(
        titles.some((t) => /move to environment|^move\b.*\bto \.env\b/i.test(t)),
        `no "Move to environment" among ${JSON.stringify(titles)}`,
      );
    },
  ]);
}

exports.run = async function run() {
  const results = [];
  for (const [name, fn] of cases) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
    } catch (err) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: String((err && err.stack) || err) });
    }
  }
  fs.mkdirSync(path.dirname(env.TF_HOST_RESULT), { recursive: true });
  fs.writeFileSync(env.TF_HOST_RESULT, JSON.stringify({ vscode: vscode.version, results }, null, 2));
};
