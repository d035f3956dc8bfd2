/**
 * The built language server under abuse: bursts of edits, cancelled pulls,
 * out-of-order versions, a file it refuses to parse, and a client that goes
 * away. It answers for the latest text, keeps serving other files, and exits
 * when its input closes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
} from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, pullFull, startLsp, until, type LspSession } from './support/lspSession';

const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const WITH_SECRET = `import os\nSTRIPE_KEY = "${SECRET}"\n`;
const CLEAN = `import os\nSTRIPE_KEY = os.environ["STRIPE_KEY"]\n`;

function root(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'tf-robust-')));
  mkdirSync(join(dir, '.git'));
  return dir;
}

async function open(s: LspSession, uri: string, text: string, version = 1, languageId = 'python') {
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version, text },
  });
}

async function change(s: LspSession, uri: string, version: number, text: string) {
  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}

const pull = pullFull;

async function kill(s: LspSession) {
  s.child.kill();
  await s.exited;
}

test('server: hundreds of rapid edits end with the diagnostics of the last version', async (t) => {
  const dir = root();
  const s = await startLsp(dir, PULL_CAPABILITIES);
  t.after(() => kill(s));
  const uri = pathToFileURL(join(dir, 'settings.py')).href;
  await open(s, uri, CLEAN);
  for (let v = 2; v <= 400; v++) await change(s, uri, v, v % 2 === 0 ? WITH_SECRET : CLEAN);
  const last = await pull(s, uri);
  assert.deepEqual(
    last.items.map((d) => d.code),
    ['hardcoded-secret'],
  );
  await change(s, uri, 401, CLEAN);
  assert.deepEqual((await pull(s, uri)).items, []);
  assert.equal(s.stderr(), '');
});

test('server: cancelled pulls and out-of-order versions do not roll the text back', async (t) => {
  const dir = root();
  const s = await startLsp(dir, PULL_CAPABILITIES);
  t.after(() => kill(s));
  const uri = pathToFileURL(join(dir, 'app.py')).href;
  await open(s, uri, CLEAN);
  const cancelled: Promise<unknown>[] = [];
  for (let i = 0; i < 50; i++) {
    const source = new CancellationTokenSource();
    cancelled.push(
      s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token).catch((e) => e),
    );
    source.cancel();
  }
  await Promise.all(cancelled);
  await change(s, uri, 10, WITH_SECRET);
  // Late and older: ignored.
  await change(s, uri, 5, CLEAN);
  await change(s, uri, 10, CLEAN);
  assert.deepEqual(
    (await pull(s, uri)).items.map((d) => d.code),
    ['hardcoded-secret'],
  );
});

test('server: a file it refuses to parse gets no diagnostics and a log line; other files go on', async (t) => {
  const dir = root();
  const s = await startLsp(dir, PUSH_CAPABILITIES, { trace: { server: 'verbose' } });
  t.after(() => kill(s));
  const bad = pathToFileURL(join(dir, 'deep.py')).href;
  const good = pathToFileURL(join(dir, 'good.py')).href;
  const deep = Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'def f():').join('\n') + '\n';
  await open(s, bad, `PASSWORD = "${SECRET}"\n` + deep);
  const badReport = await until('diagnostics of deep.py', () => s.published.find((p) => p.uri === bad));
  assert.deepEqual(badReport.diagnostics, []);
  await until('a log line about deep.py', () => s.logs.find((l) => l.includes('deep.py')));
  await open(s, good, WITH_SECRET);
  const goodReport = await until('diagnostics of good.py', () =>
    s.published.find((p) => p.uri === good && p.diagnostics.length > 0),
  );
  assert.deepEqual(
    goodReport.diagnostics.map((d) => d.code),
    ['hardcoded-secret'],
  );
});

test('server: exits soon after the client closes its input', async () => {
  const dir = root();
  const s = await startLsp(dir, PULL_CAPABILITIES);
  const uri = pathToFileURL(join(dir, 'app.py')).href;
  await open(s, uri, WITH_SECRET);
  s.child.stdin!.end();
  const started = Date.now();
  const code = await Promise.race([s.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))]);
  if (code === 'hung') s.child.kill('SIGKILL');
  assert.notEqual(code, 'hung', 'the server still runs 10 s after its stdin closed');
  assert.ok(Date.now() - started < 10_000);
});
