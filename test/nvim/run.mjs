// The language server in a second, independent LSP client: Debian's Neovim
// 0.7.2, headless, with its built-in client (check.lua). Proves the server
// speaks plain LSP over stdio. Exits non-zero naming the failing step.
//   node test/nvim/run.mjs        (after `npm run build`)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registeredRules, serverCapabilities } from '../e2e/lib/features.mjs';
import { REPO } from '../e2e/lib/paths.mjs';
import { createSandbox } from '../e2e/lib/sandbox.mjs';
import { CORE_RULES, createWorkspace } from '../e2e/lib/workspace.mjs';
import { budget } from '../e2e/lib/timing.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(REPO, 'dist/cli.js');
const SERVER = path.join(REPO, 'dist/server.js');

/** `twelve-factor lsp --stdio` when the CLI serves LSP, else the server bundle. */
async function serverCommand(root) {
  try {
    await serverCapabilities([CLI, 'lsp', '--stdio'], root);
    return ['node', CLI, 'lsp', '--stdio'];
  } catch (err) {
    console.log(`  dist/cli.js lsp does not answer initialize (${err.message.split('\n')[0]}); using dist/server.js`);
    await serverCapabilities([SERVER, '--stdio'], root);
    return ['node', SERVER, '--stdio'];
  }
}

function runNvim(file, env, timeoutMs = budget(60_000)) {
  return new Promise((resolve) => {
    const child = spawn(
      'nvim',
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', file, '-c', `luafile ${path.join(HERE, 'check.lua')}`],
      { env, cwd: path.dirname(file), detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs} ms)`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The server is nvim's child in the same group: make sure it is gone.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
      resolve({ code: code ?? signal, out });
    });
  });
}

const sandbox = createSandbox('twelve-factor-nvim-');
// Each file's check.lua steps, for the `N passed, N failed` line CI reads.
let passed = 0;
let failed = 0;
try {
  for (const f of [CLI, SERVER]) {
    if (!existsSync(f)) throw new Error(`step "build": ${path.relative(REPO, f)} is missing; run npm run build`);
  }
  const nvimVersion = await new Promise((resolve, reject) => {
    const c = spawn('nvim', ['--version'], { env: sandbox.env });
    let o = '';
    c.stdout.on('data', (d) => (o += d));
    c.on('error', () => reject(new Error('step "find nvim": nvim is not installed (scripts/e2e-setup.sh)')));
    c.on('exit', () => resolve(o.split('\n')[0]));
  });
  const ws = createWorkspace(sandbox.dirs.workspaces);
  const cmd = await serverCommand(ws.root);
  const registered = registeredRules();
  const rules = CORE_RULES.filter((r) => registered.has(r));
  console.log(`${nvimVersion}; server: ${cmd.join(' ')}; rules checked: ${rules.join(', ') || 'none'}`);

  const cases = [
    { rel: ws.python.rel, filetype: 'python', secret: ws.python.secret },
    { rel: ws.typescript.rel, filetype: 'typescript', secret: ws.typescript.secret },
  ];
  for (const c of cases) {
    const resultFile = path.join(sandbox.dirs.tmp, `${c.filetype}.json`);
    const t0 = Date.now();
    const { code, out } = await runNvim(path.join(ws.root, c.rel), {
      ...sandbox.env,
      TF_SERVER_CMD: JSON.stringify(cmd),
      TF_ROOT: ws.root,
      TF_RULES: rules.join(','),
      TF_FILETYPE: c.filetype,
      TF_SECRET: c.secret,
      TF_RESULT: resultFile,
      // check.lua's waits, on the same budget as every other editor test.
      TF_TIMEOUT_MS: String(budget(20_000)),
      TF_REQUEST_MS: String(budget(10_000)),
    });
    const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
    const ms = Date.now() - t0;
    const stepsRun = Array.isArray(result?.steps) ? result.steps : [];
    passed += stepsRun.filter((st) => st.ok).length;
    failed += stepsRun.filter((st) => !st.ok).length;
    if (code !== 0 || !result?.ok) {
      const where = result?.failed_step ?? 'run nvim';
      throw new Error(`${c.rel}: step "${where}" failed: ${result?.detail ?? ''}\n${out.trim()}`);
    }
    const codes = [...new Set(result.diagnostics.map((d) => d.code))].join(', ');
    const actions = result.code_actions
      ? `; code actions: ${result.code_actions.join(' | ')}`
      : '; code actions: not offered by the server yet';
    const command = result.code_action_command ? ` (its command ${result.code_action_command} accepted)` : '';
    console.log(`  ✔ ${c.rel} (${ms} ms): ${result.diagnostics.length} diagnostics [${codes}]${actions}${command}`);
  }
  console.log('nvim PASSED');
} catch (err) {
  console.error(`nvim FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
  // A failure outside check.lua's steps (build, server, nvim itself) counts too.
  if (failed === 0) failed = 1;
} finally {
  sandbox.dispose();
  console.log(`${passed} passed, ${failed} failed`);
}
