/**
 * The built CLI (dist/cli.js, built by `npm test` before the tests run), run
 * as users and CI run it: exit codes, stdout/stderr discipline, JSON shape.
 */
import { test } from 'node:test';
import { tempTree } from './support/tempTree';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const FACTOR_IDS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

// A live-looking Stripe key, assembled so this file holds no secret literal.
const STRIPE = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
    // Generous: the machine running the tests may be busy.
    timeout: 120_000,
  });
  if (r.status === null)
    throw new Error(`twelve-factor ${args.join(' ')}: ${r.error ?? r.signal}; stderr: ${r.stderr}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON report of a run, with the run's stderr in the error when stdout is not JSON. */
function report(r: Run) {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`not JSON (exit ${r.status}): ${r.stdout.slice(0, 200)} stderr: ${r.stderr}`);
  }
}

function project(files: Record<string, string>): string {
  return tempTree('cli', files, { gitMarker: true });
}

/** A project whose only finding is a hardcoded-secret error on line 3 of app/settings.py. */
function secretProject(): string {
  return project({
    'app/settings.py': `import os\n\nSTRIPE_KEY = "${STRIPE}"\nDEBUG = os.environ.get("DEBUG") == "1"\n`,
    'app/clean.py': 'import os\n\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
  });
}

test('the CLI bundle was built', () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build`);
});

test('--help and --version print to stdout and exit 0', () => {
  const cwd = project({});
  const help = run(['--help'], cwd);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /twelve-factor <command>/);
  assert.match(help.stdout, /--fail-on/);
  assert.equal(help.stderr, '');
  const version = run(['--version'], cwd);
  assert.equal(version.status, 0);
  assert.equal(
    version.stdout.trim(),
    JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')).version,
  );
});

test('usage errors exit 2 with one line on stderr and nothing on stdout', () => {
  const cwd = project({ 'a.py': '' });
  const cases: [string[], RegExp][] = [
    [['check', '--frobnicate'], /^twelve-factor: unknown option --frobnicate/],
    [['check', '--format', 'yaml'], /^twelve-factor: --format must be one of/],
    [['check', '--fail-on'], /^twelve-factor: --fail-on needs a value/],
    [['deploy'], /^twelve-factor: unknown command "deploy"/],
    [['lsp'], /^twelve-factor: lsp needs --stdio or --node-ipc/],
    [['check', 'missing/dir'], /^twelve-factor: missing\/dir: does not exist\n$/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, cwd);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '', args.join(' '));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});

test('a clean project: exit 0, JSON with all twelve factors and the stats', () => {
  const cwd = project({
    'app.py': 'import os\nPORT = int(os.environ["PORT"])\n',
    'web/index.ts': 'export const x = 1;\n',
  });
  const r = run(['check', '--format', 'json'], cwd);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  const out = report(r);
  assert.deepEqual(Object.keys(out), ['version', 'findings', 'factors', 'stats']);
  assert.equal(out.version, 1);
  assert.deepEqual(out.findings, []);
  assert.deepEqual(
    out.factors.map((f: { factor: string }) => f.factor),
    FACTOR_IDS,
  );
  for (const f of out.factors) {
    assert.deepEqual(Object.keys(f), ['factor', 'title', 'status', 'findings', 'checks']);
    assert.ok(['pass', 'warn', 'fail', 'unknown'].includes(f.status), `${f.factor}: ${f.status}`);
    assert.equal(f.findings, 0);
    assert.ok(Array.isArray(f.checks));
  }
  assert.equal(out.factors[6].title, 'Port binding');
  assert.deepEqual({ files: out.stats.files, skipped: out.stats.skipped }, { files: 2, skipped: 0 });
  assert.equal(typeof out.stats.durationMs, 'number');
});

test('a hardcoded secret: 1-based range, cwd-relative path, masked message, factor III failing', () => {
  const root = secretProject();
  const r = run(['check', 'settings.py', '--format', 'json'], join(root, 'app'));
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  const out = report(r);
  assert.equal(out.findings.length, 1);
  const [f] = out.findings;
  assert.deepEqual(Object.keys(f), [
    'rule',
    'factor',
    'severity',
    'file',
    'range',
    'message',
    'messageId',
    'fingerprint',
    'role',
  ]);
  assert.equal(f.role, 'app');
  assert.equal(f.rule, 'hardcoded-secret');
  assert.equal(f.messageId, 'secret');
  assert.equal(f.factor, 'III');
  assert.equal(f.severity, 'error');
  assert.equal(f.file, 'settings.py');
  // `STRIPE_KEY = "sk_live_…"`: the literal (with its quotes) starts at column 14 of line 3.
  assert.deepEqual(f.range, { start: { line: 3, column: 14 }, end: { line: 3, column: 14 + STRIPE.length + 2 } });
  assert.ok(!r.stdout.includes(STRIPE), 'the secret never appears in the output');
  assert.match(f.fingerprint, /^[0-9a-f]{16,}$/);
  const iii = out.factors.find((x: { factor: string }) => x.factor === 'III');
  assert.deepEqual([iii.status, iii.findings], ['fail', 1]);

  const fromRoot = report(run(['check', '--format', 'json'], root));
  assert.equal(fromRoot.findings[0].file, 'app/settings.py');
  assert.equal(fromRoot.findings[0].fingerprint, f.fingerprint, 'fingerprints do not depend on the cwd');
});

test('test files: only a live provider key is reported, with "role": "test"; .twelve-factor.json roles turn rules back on', () => {
  const TEST_STRIPE = ['sk', 'test', 'mxgJTeKdNnFRIBXuDL7DxtpY'].join('_');
  const root = project({
    'tests/test_pay.py': `import uvicorn\nLIVE = "${STRIPE}"\nTEST = "${TEST_STRIPE}"\nuvicorn.run("app.main:app", port=8000)\n`,
    'app/main.py': 'import os\n\nPORT = int(os.environ["PORT"])\n',
  });
  const out = report(run(['check', '--format', 'json'], root));
  assert.deepEqual(
    out.findings.map((f: { file: string; range: { start: { line: number } }; rule: string; role: string }) =>
      [f.file, f.range.start.line, f.rule, f.role].join(':'),
    ),
    ['tests/test_pay.py:2:hardcoded-secret:test'],
  );
  writeFileSync(join(root, '.twelve-factor.json'), JSON.stringify({ roles: { test: { 'hardcoded-port': 'info' } } }));
  const again = report(run(['check', '--format', 'json'], root));
  assert.deepEqual(
    again.findings.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`),
    ['hardcoded-secret:error', 'hardcoded-port:info'],
  );
});

test('--fail-on decides exit codes 0 and 1', () => {
  const root = secretProject();
  // The finding is an error by default, info when configured so.
  assert.equal(run(['check'], root).status, 1);
  assert.equal(run(['check', '--fail-on', 'never'], root).status, 0);
  assert.equal(run(['check', '--fail-on=warning'], root).status, 1);
  writeFileSync(join(root, '.twelve-factor.json'), '{ "rules": { "hardcoded-secret": "info" } }');
  assert.equal(run(['check'], root).status, 0);
  assert.equal(run(['check', '--fail-on', 'warning'], root).status, 0);
  assert.equal(run(['check', '--fail-on', 'info'], root).status, 1);
  writeFileSync(join(root, '.twelve-factor.json'), '{ "rules": { "hardcoded-secret": "off" } }');
  assert.equal(run(['check', '--fail-on', 'info'], root).status, 0);
});

test('text output: grouped per file, file:line:col lines, summary; no colour when piped', () => {
  const root = secretProject();
  writeFileSync(join(root, 'bin.py'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
  const r = run(['check'], root);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'app/settings.py');
  assert.match(lines[1], /^ {2}app\/settings\.py:3:14 {2}error {4}hardcoded-secret {2}\S/);
  assert.ok(!r.stdout.includes('\x1b['), 'no escape codes when stdout is not a TTY');
  assert.ok(r.stdout.endsWith('1 problem (1 error, 0 warnings, 0 info) in 2 files, 1 skipped\n'), r.stdout);
  assert.ok(!r.stdout.includes('bin.py'), 'skipped files are listed only with --verbose');
  assert.match(run(['check', '--verbose'], root).stdout, /skipped bin\.py: binary file/);
});

test('--write-baseline then --baseline hides the accepted findings, and new ones still fail', () => {
  const root = secretProject();
  const write = run(['check', '--write-baseline', 'ci/base.json'], root);
  assert.equal(write.status, 2, 'the folder ci/ does not exist: an I/O error');
  mkdirSync(join(root, 'ci'));
  assert.equal(run(['check', '--write-baseline', 'ci/base.json'], root).status, 0);
  const saved = JSON.parse(readFileSync(join(root, 'ci/base.json'), 'utf8'));
  assert.equal(saved.version, 2);
  assert.equal(saved.fingerprints.length, 1);

  // Lines moved: the fingerprint still matches.
  const settings = join(root, 'app/settings.py');
  writeFileSync(settings, '# moved down\n\n' + readFileSync(settings, 'utf8'));
  const hidden = run(['check', '--baseline', 'ci/base.json', '--format', 'json'], root);
  assert.equal(hidden.status, 0, hidden.stdout);
  assert.deepEqual(report(hidden).findings, []);

  writeFileSync(join(root, 'app/new.py'), `OTHER_TOKEN = "${STRIPE.replace('4eC', '9xZ')}"\n`);
  const fresh = run(['check', '--baseline', 'ci/base.json', '--format', 'json'], root);
  assert.equal(fresh.status, 1);
  assert.deepEqual(
    report(fresh).findings.map((f: { file: string }) => f.file),
    ['app/new.py'],
  );
});

test('a baseline at the project root is used without --baseline; a malformed one is exit 2', () => {
  const root = secretProject();
  assert.equal(run(['check', '--write-baseline', '.twelve-factor-baseline.json'], root).status, 0);
  assert.equal(run(['check'], root).status, 0);
  writeFileSync(join(root, '.twelve-factor-baseline.json'), '{ "version": 1, "fingerprints": ');
  const r = run(['check'], root);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'twelve-factor: .twelve-factor-baseline.json: baseline is not valid JSON\n');
});

test('a malformed config is exit 2 with file:line:col on stderr', () => {
  const root = project({ 'a.py': 'x = 1\n', '.twelve-factor.json': '{\n  "rules": { "no-such-rule": "off" }\n}\n' });
  const r = run(['check'], root);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'twelve-factor: .twelve-factor.json:2:14: unknown rule "no-such-rule"\n');
  const missing = run(['check', '--config', 'nope.json'], root);
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, 'twelve-factor: nope.json:1:1: config file not found\n');
});

test('config exclude and .gitignore keep files out of the scan', () => {
  const root = secretProject();
  writeFileSync(join(root, '.twelve-factor.json'), '{ "exclude": ["app/settings.py"] }');
  const out = report(run(['check', '--format', 'json'], root));
  assert.deepEqual([out.findings, out.stats.files], [[], 1]);
  writeFileSync(join(root, '.twelve-factor.json'), '{}');
  writeFileSync(join(root, '.gitignore'), 'app/\n');
  assert.equal(report(run(['check', '--format', 'json'], root)).stats.files, 0);
});

test('lsp --stdio starts the language server and answers initialize', async () => {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { processId: null, rootUri: null, capabilities: {} },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<string>((resolvePromise, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no initialize reply: ${out}`)), 30_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const start = out.indexOf('\r\n\r\n');
        const length = Number(/Content-Length: (\d+)/.exec(out)?.[1]);
        if (start >= 0 && Buffer.byteLength(out.slice(start + 4)) >= length) {
          clearTimeout(timer);
          resolvePromise(out.slice(start + 4));
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const message = JSON.parse(reply);
    assert.equal(message.id, 1);
    assert.equal(message.result.serverInfo.name, 'twelve-factor');
  } finally {
    child.kill();
  }
});
