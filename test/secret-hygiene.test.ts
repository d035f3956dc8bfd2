/**
 * Planted secrets of many formats, run through every output the product has:
 * CLI text, JSON and SARIF, `report` text/JSON/Markdown, the language
 * server's pulled and pushed diagnostics, code action titles, its log and
 * stderr. Fails on any planted value, or any 8 characters of its secret part.
 * Values are assembled at run time so this file holds no secret literal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startLsp, until } from './support/lspSession';

const CLI = resolve(__dirname, '..', 'dist', 'cli.js');
const j = (...parts: string[]) => parts.join('');

/** [the secret part that must never show, how it is written in Python, in TypeScript] */
const PLANTED: { secret: string; py: (s: string) => string; ts: (s: string) => string }[] = [
  {
    secret: j('AKIA', 'QYLPMN5HHHFPZAM2'),
    py: (s) => `AWS_ACCESS_KEY_ID = "${s}"`,
    ts: (s) => `const awsAccessKeyId = "${s}";`,
  },
  {
    secret: j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzEXAMPLEKEY9'),
    py: (s) => `aws_secret_access_key = "${s}"`,
    ts: (s) => `const awsSecretAccessKey = "${s}";`,
  },
  {
    secret: j('ghp_', 'R8sQ2mVx7LkP4wZt9NcY3bHd6JfGa1Ue5Ko0'),
    py: (s) => `GITHUB_TOKEN = "${s}"`,
    ts: (s) => `const githubToken = "${s}";`,
  },
  {
    secret: j('sk_live_', '51HqLyjWDarjtT1zdp7dcQ9'),
    py: (s) => `stripe.api_key = "${s}"`,
    ts: (s) => `const stripe = new Stripe("${s}");`,
  },
  {
    secret: j('xoxb-', '2945810394-4820394811-Qm9vT2lNeHpLa3VwR3Bz'),
    py: (s) => `SLACK_BOT_TOKEN = "${s}"`,
    ts: (s) => `const slackToken = "${s}";`,
  },
  {
    secret: j('django-insecure-', '8f3k2l9x0qv7m1z4n6b5c8d2e7r1t3y'),
    py: (s) => `SECRET_KEY = "${s}"`,
    ts: (s) => `const SECRET_KEY = "${s}";`,
  },
  { secret: j('Tr0ub4dor', '-and-3-horses'), py: (s) => `password = "${s}"`, ts: (s) => `const password = "${s}";` },
  {
    secret: j('pg_Pa55', 'w0rd_9xQ2'),
    py: (s) => `DATABASE_URL = "postgres://app:${s}@db.internal:5432/app"`,
    ts: (s) => `const dbUrl = "postgres://app:${s}@db.internal:5432/app";`,
  },
  {
    secret: j(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
      '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ',
      '.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ),
    py: (s) => `AUTH = "${s}"`,
    ts: (s) => `const auth = "${s}";`,
  },
  {
    secret: j('MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn', '/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB'),
    py: (s) => `PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----\n${s}\n-----END RSA PRIVATE KEY-----"""`,
    ts: (s) => `const privateKey = \`-----BEGIN RSA PRIVATE KEY-----\n${s}\n-----END RSA PRIVATE KEY-----\`;`,
  },
  // Secrets as dict/object keys: suggested names must not be spelled with them (upper-cased, split by `_`).
  {
    secret: j('ghp_', 'Kq3Lm8Vx2Pw7Zt9NcY4bHd6JfGa1Ue5Ro0S'),
    py: (s) => `TOKENS = {"${s}": {"password": "Zx9kQ2vLmPw7"}}`,
    ts: (s) => `const tokens = { "${s}": { password: "Zx9kQ2vLmPw7" } };`,
  },
  {
    secret: j('sk_live_', '8Hq2LyjWDarjtT1zdp7dcR4xY'),
    py: (s) => `API_KEYS = {"${s}": {"api_key": "Vb7nM3qLp9Xw2"}}`,
    ts: (s) => `const keys = { "${s}": { secret: "Tr0ub4dor-Kq8-horses" } };`,
  },
  {
    secret: j('Zx9kQ2vLm', 'Pw7Rt4Yb6'),
    py: (s) => `HOSTS = {"${s}_redis_url": "redis://cache:6379/0"}`,
    ts: (s) => `const hosts = { "${s}_redis_url": "redis://cache:6379/0" };`,
  },
];

function workspace(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tf-hygiene-')));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'settings.py'), PLANTED.map((p) => p.py(p.secret)).join('\n') + '\n');
  writeFileSync(join(root, 'app', 'config.ts'), PLANTED.map((p) => p.ts(p.secret)).join('\n') + '\n');
  return root;
}

/** Every 8-character window of every secret that occurs in `output`. */
function leaks(output: string): string[] {
  const found: string[] = [];
  const flat = normalized(output);
  for (const { secret } of PLANTED) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const window = secret.slice(i, i + 8);
      const upper = normalized(secret).slice(i, i + 8);
      if (output.includes(window) || (upper.length === 8 && flat.includes(upper))) {
        found.push(`${secret.slice(0, 4)}… leaks "${window.slice(0, 2)}…" at ${i}`);
        break;
      }
    }
  }
  return found;
}

/** Upper-cased letters and digits only: a name derived from a secret (`GHP_KQ3_LM8…`) still shows it. */
function normalized(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function cli(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.notEqual(r.status, null, String(r.error));
  return r;
}

test('secret hygiene: no CLI output or report shows a planted secret', () => {
  const root = workspace();
  // The detector itself works: every planted value is seen in the files that hold it.
  assert.equal(leaks(readFileSync(join(root, 'app', 'settings.py'), 'utf8')).length, PLANTED.length);
  const check = cli(root, ['check', '--format', 'json', '--no-progress']);
  const found = JSON.parse(check.stdout).findings.filter((f: { rule: string }) => f.rule === 'hardcoded-secret');
  assert.ok(found.length >= 16, `the planted secrets are found (${found.length}): the test checks real messages`);
  const runs = [
    ['check', '--format', 'text', '--verbose'],
    ['check', '--format', 'json'],
    ['check', '--format', 'sarif'],
    ['check', '--write-baseline', 'baseline.json'],
    ['report', '--format', 'text'],
    ['report', '--format', 'json'],
    ['report', '--format', 'markdown'],
  ];
  const outputs = [check.stdout + check.stderr];
  for (const args of runs) {
    const r = cli(root, [...args, '--no-progress']);
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
    outputs.push(`${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  }
  outputs.push(readFileSync(join(root, 'baseline.json'), 'utf8'));
  for (const out of outputs) assert.deepEqual(leaks(out), [], out.split('\n')[0]);
});

test('secret hygiene: language server diagnostics, code action titles and logs never show a planted secret', async () => {
  const root = workspace();
  const texts = {
    py: readText(join(root, 'app', 'settings.py')),
    ts: readText(join(root, 'app', 'config.ts')),
  };
  const verbose = { trace: { server: 'verbose' } };
  const pullSession = await startLsp(root, PULL_CAPABILITIES, verbose);
  const pushSession = await startLsp(root, PUSH_CAPABILITIES, verbose);
  const collected: string[] = [];
  try {
    for (const [name, languageId, text] of [
      ['settings.py', 'python', texts.py],
      ['config.ts', 'typescript', texts.ts],
    ] as const) {
      const uri = pathToFileURL(join(root, 'app', name)).href;
      for (const s of [pullSession, pushSession]) {
        await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId, version: 1, text },
        });
      }
      const report = (await pullSession.connection.sendRequest(DocumentDiagnosticRequest.type, {
        textDocument: { uri },
      })) as FullDocumentDiagnosticReport;
      assert.ok(report.items.length >= 8, `${name}: ${report.items.length} diagnostics`);
      collected.push(JSON.stringify(report));
      const pushed = await until(`pushed diagnostics of ${name}`, () =>
        pushSession.published.find((p) => p.uri === uri && p.diagnostics.length > 0),
      );
      collected.push(JSON.stringify(pushed));
      for (const d of report.items) {
        const actions = await pullSession.connection.sendRequest(CodeActionRequest.type, {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d] },
        });
        // Titles and diagnostics only: the move-to-.env edit has to carry the value to write it.
        collected.push(JSON.stringify((actions ?? []).map((a) => ('title' in a ? a.title : ''))));
      }
    }
  } finally {
    for (const s of [pullSession, pushSession]) {
      s.child.kill();
      await s.exited;
    }
  }
  collected.push(...pullSession.logs, ...pushSession.logs, ...pullSession.messages, ...pushSession.messages);
  collected.push(pullSession.stderr(), pushSession.stderr());
  assert.ok(pullSession.logs.length > 0, 'verbose logging was on: the log was checked');
  for (const out of collected) assert.deepEqual(leaks(out), [], out.slice(0, 120));
});

function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
