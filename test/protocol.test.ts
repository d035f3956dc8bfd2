// The language server as a client sees it: the built dist/server.js spoken to
// over stdio, once as an LSP 3.17 client that pulls diagnostics and once as
// an older client (Neovim 0.7 style) that gets them pushed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  type ClientCapabilities,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { startLsp, until as untilWithin } from './support/lspSession';

const SECRET = 'django-insecure-8f3k2l9x0qv7m1z4n6b5c8d2e7r1t3y';
const SETTINGS_PY = `import os\n\nDEBUG = False\nSECRET_KEY = "${SECRET}"\nALLOWED_HOSTS = ["*"]\n`;
const CLEAN_PY = `import os\n\nDEBUG = False\nSECRET_KEY = os.environ["SECRET_KEY"]\nALLOWED_HOSTS = ["*"]\n`;
const TIMEOUT_MS = 15_000;
const until = <T>(what: string, check: () => T | undefined): Promise<T> => untilWithin(what, check, TIMEOUT_MS);

/** The shared client session; `warnings` are the server's window/showMessage texts. */
async function startSession(root: string, capabilities: ClientCapabilities) {
  const s = await startLsp(root, capabilities);
  return { ...s, warnings: s.messages };
}

function project(t: { after(fn: () => void): void }): { root: string; uri: string } {
  const root = mkdtempSync(join(tmpdir(), 'tf-protocol-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = join(root, 'settings.py');
  writeFileSync(file, SETTINGS_PY);
  return { root, uri: pathToFileURL(file).href };
}

function assertSecretDiagnostics(diagnostics: Diagnostic[]): void {
  const secret = diagnostics.filter((d) => d.code === 'hardcoded-secret');
  assert.equal(secret.length, 1, JSON.stringify(diagnostics));
  const [d] = secret;
  assert.equal(d.source, 'twelve-factor');
  assert.match(d.codeDescription?.href ?? '', /^https:\/\/\S+hardcoded-secret/);
  assert.equal(d.severity, 1);
  assert.equal(d.range.start.line, 3, 'reported on the SECRET_KEY line');
  assert.ok(d.range.start.character >= 'SECRET_KEY = '.length);
  assert.ok(!d.message.includes(SECRET), 'the message masks the secret');
  assert.match((d.data as { fingerprint?: unknown }).fingerprint as string, /^[0-9a-f]{16,}$/);
}

const PULL_CLIENT: ClientCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false }, synchronization: { dynamicRegistration: false } },
  workspace: {
    configuration: true,
    diagnostics: { refreshSupport: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
  },
};

// Neovim 0.7: no pull, no workspace/configuration answers used here (settings are pushed).
const PUSH_CLIENT: ClientCapabilities = {
  textDocument: { publishDiagnostics: { versionSupport: true } },
  workspace: { didChangeConfiguration: { dynamicRegistration: false } },
};

test('pull client: diagnostics on request, cleared by a fix, gone when the rule is off', async (t) => {
  const { root, uri } = project(t);
  const s = await startSession(root, PULL_CLIENT);
  t.after(() => s.child.kill());
  const provider = s.initialize.capabilities.diagnosticProvider;
  assert.ok(provider && 'interFileDependencies' in provider);
  assert.equal(provider.interFileDependencies, false);

  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: SETTINGS_PY },
  });
  const pull = async () => {
    const report = await s.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    s.wire.push(JSON.stringify(report));
    assert.equal(report.kind, 'full');
    return report as FullDocumentDiagnosticReport;
  };
  const first = await pull();
  assertSecretDiagnostics(first.items);

  const unchanged = await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
    previousResultId: first.resultId,
  });
  assert.equal(unchanged.kind, 'unchanged', 'same version and settings: nothing new');

  // Out of order: a version older than the one held is ignored.
  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 0 },
    contentChanges: [{ text: CLEAN_PY }],
  });
  assertSecretDiagnostics((await pull()).items);

  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: CLEAN_PY }],
  });
  assert.deepEqual((await pull()).items, [], 'clean text, no diagnostics');

  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text: SETTINGS_PY }],
  });
  assertSecretDiagnostics((await pull()).items);

  s.settings.rules = { 'hardcoded-secret': 'off' };
  const before = s.refreshes();
  await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await until('a diagnostic refresh request', () => (s.refreshes() > before ? true : undefined));
  assert.deepEqual(
    (await pull()).items.filter((d) => d.code === 'hardcoded-secret'),
    [],
    'rule off: gone without a restart',
  );

  // A broken .twelve-factor.json: one warning naming the file and position.
  writeFileSync(join(root, '.twelve-factor.json'), '{\n  "rules": { "hardcoded-secret": "loud" }\n}\n');
  await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
    changes: [{ uri: pathToFileURL(join(root, '.twelve-factor.json')).href, type: FileChangeType.Created }],
  });
  await until('a second refresh', () => (s.refreshes() > before + 1 ? true : undefined));
  await pull();
  await pull();
  assert.equal(s.warnings.length, 1, s.warnings.join('\n'));
  assert.match(s.warnings[0], /\.twelve-factor\.json:2:\d+: /);

  assert.ok(!s.wire.join('\n').includes(SECRET), 'the secret never crosses the wire');
  assert.equal(await s.close(), 0, 'exit after shutdown is clean');
  assert.equal(s.stderr(), '', 'nothing on stderr');
});

test('push client: diagnostics published after a pause, cleared, gone when the rule is off', async (t) => {
  const { root, uri } = project(t);
  const s = await startSession(root, PUSH_CLIENT);
  t.after(() => s.child.kill());
  assert.equal(s.initialize.capabilities.diagnosticProvider, undefined, 'no pull for a client that cannot pull');
  const latest = (version: number) => s.published.find((p) => p.uri === uri && p.version === version);

  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: SETTINGS_PY },
  });
  assertSecretDiagnostics((await until('diagnostics for v1', () => latest(1))).diagnostics);

  // A burst of typing: only the last version is published.
  for (let v = 2; v <= 6; v++) {
    await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: v },
      contentChanges: [{ text: v % 2 === 0 ? CLEAN_PY : SETTINGS_PY }],
    });
  }
  const v6 = await until('diagnostics for v6', () => latest(6));
  assert.deepEqual(v6.diagnostics, [], 'clean text, diagnostics cleared');
  assert.deepEqual(
    s.published.filter((p) => p.version !== undefined && p.version > 1 && p.version < 6),
    [],
    'intermediate versions are not analysed',
  );

  await s.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 7 },
    contentChanges: [{ text: SETTINGS_PY }],
  });
  assertSecretDiagnostics((await until('diagnostics for v7', () => latest(7))).diagnostics);

  const count = s.published.length;
  await s.connection.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { twelveFactor: { rules: { 'hardcoded-secret': 'off' } } },
  });
  const republished = await until('diagnostics re-published after the settings change', () =>
    s.published.length > count ? s.published[s.published.length - 1] : undefined,
  );
  assert.equal(republished.version, 7);
  assert.deepEqual(
    republished.diagnostics.filter((d) => d.code === 'hardcoded-secret'),
    [],
  );

  assert.ok(!s.wire.join('\n').includes(SECRET), 'the secret never crosses the wire');
  assert.equal(await s.close(), 0);
  assert.equal(s.stderr(), '', 'nothing on stderr');
});
