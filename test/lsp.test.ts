// Unit tests of the language server's modules (server/src/lsp), run without a connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { FileResult, Finding } from '../server/src/ir/types';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import { Analyzer, type AnalyzeFn } from '../server/src/lsp/analyzer';
import { codeActions } from '../server/src/lsp/codeActions';
import { toDiagnostic, toDiagnostics } from '../server/src/lsp/diagnostics';
import { DocumentStore } from '../server/src/lsp/documents';
import { WorkspaceState } from '../server/src/lsp/workspaceState';
import { compileGlobs } from '../server/src/lib/globs';
import { createLogger, type Logger } from '../server/src/lsp/logging';
import { resolveDocumentSettings } from '../server/src/lsp/projectSettings';
import { DEFAULT_CLIENT_SETTINGS, parseClientSettings } from '../server/src/lsp/settings';
import { editSupport } from '../server/src/lsp/workspaceEdit';
import { workspaceFiles } from '../server/src/lsp/workspaceFiles';
import { docsUrl } from '../server/src/shared/docs';

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    rule: 'hardcoded-secret',
    factor: 'III',
    severity: 'error',
    range: { start: { line: 2, character: 10 }, end: { line: 2, character: 20 } },
    span: { start: 40, end: 50 },
    messageId: 'secret',
    message: 'Secret `sk_l…` (a1b2c3d4) hardcoded: read it from the environment (III Config)',
    fingerprint: 'f'.repeat(32),
    data: { envName: 'STRIPE_KEY', fixes: ['move-to-env'] },
    ...overrides,
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string) => lines.push(m);
  return Object.assign(createLogger({ error: push, warn: push, info: push, log: push }, true), { lines });
}

test('globs: names match at any depth, paths from the root, folders cover their contents', () => {
  const m = compileGlobs(['*.gen.ts', 'migrations/', 'src/legacy/**', '**/fixtures/**', 'conf/{dev,prod}.py']);
  assert.ok(m('a/b/x.gen.ts'));
  assert.ok(m('migrations/0001_initial.py'));
  assert.ok(m('app/migrations/0001.py'), 'a name without a slash matches at any depth');
  assert.ok(m('src/legacy/old/app.js'));
  assert.ok(m('fixtures/a.py'), '**/ matches zero folders');
  assert.ok(m('conf/prod.py'));
  assert.ok(!m('conf/test.py'));
  assert.ok(!m('src/legacyx/app.js'));
  assert.ok(!m('lib/src/legacy/app.js'), 'a pattern with a slash is anchored at the root');
  assert.ok(!m('x.gen.tsx'));
  assert.ok(!compileGlobs([])('anything.py'));
  const tests = compileGlobs(['**/test_*.py', '**/*.test.*']);
  assert.ok(tests('tests/unit/test_views.py'));
  assert.ok(tests('test_app.py'));
  assert.ok(tests('src/app.test.ts'));
  assert.ok(!tests('src/contest_views.py'));
});

test('client settings: ill-typed fields fall back without hiding the good ones', () => {
  assert.deepEqual(parseClientSettings(null), DEFAULT_CLIENT_SETTINGS);
  const s = parseClientSettings({
    enable: 'yes',
    rules: { 'global-state': 'off', 'hardcoded-port': 'loud', 'pid-file': 'info' },
    exclude: ['dist/**', 3, ''],
    testFiles: 'tests/**',
    testFileSeverity: 'info',
    baseline: '  ',
    trace: { server: 'verbose' },
  });
  assert.equal(s.enable, true);
  assert.deepEqual(s.rules, { 'global-state': 'off', 'pid-file': 'info' });
  assert.deepEqual(s.exclude, ['dist/**']);
  assert.deepEqual(s.testFiles, []);
  assert.equal(s.testFileSeverity, 'info');
  assert.equal(s.baseline, undefined);
  assert.equal(s.trace, 'verbose');
});

test('diagnostics: source, code, documentation link, severity and data with the fingerprint', () => {
  const d = toDiagnostic(finding());
  assert.equal(d.source, 'twelve-factor');
  assert.equal(d.code, 'hardcoded-secret');
  assert.equal(d.codeDescription?.href, docsUrl('hardcoded-secret'));
  assert.match(d.codeDescription?.href ?? '', /^https:\/\/.*hardcoded-secret/);
  assert.equal(d.severity, DiagnosticSeverity.Error);
  assert.deepEqual(d.range, finding().range);
  assert.deepEqual(d.data, {
    envName: 'STRIPE_KEY',
    fixes: ['move-to-env'],
    factor: 'III',
    fingerprint: 'f'.repeat(32),
  });
  assert.equal(toDiagnostic(finding({ severity: 'warning' })).severity, DiagnosticSeverity.Warning);
  assert.equal(toDiagnostic(finding({ severity: 'info' })).severity, DiagnosticSeverity.Information);
  const kept = toDiagnostics([finding(), finding({ fingerprint: 'a'.repeat(32) })], new Set(['f'.repeat(32)]));
  assert.deepEqual(
    kept.map((k) => (k.data as { fingerprint: string }).fingerprint),
    ['a'.repeat(32)],
    'baseline fingerprints are dropped',
  );
});

test('documents: incremental changes apply, stale or unknown versions are ignored', () => {
  const store = new DocumentStore();
  const uri = 'file:///p/app.py';
  const state = store.open({ textDocument: { uri, languageId: 'python', version: 1, text: 'A = 1\nB = 2\n' } });
  const range = { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } };
  assert.ok(store.change({ textDocument: { uri, version: 3 }, contentChanges: [{ range, text: '42' }] }));
  assert.equal(state.document.getText(), 'A = 1\nB = 42\n');
  assert.equal(store.change({ textDocument: { uri, version: 2 }, contentChanges: [{ text: 'old' }] }), undefined);
  assert.equal(store.change({ textDocument: { uri, version: 3 }, contentChanges: [{ text: 'same' }] }), undefined);
  assert.equal(state.document.getText(), 'A = 1\nB = 42\n');
  assert.equal(store.change({ textDocument: { uri: 'file:///x.py', version: 9 }, contentChanges: [] }), undefined);
  const reopened = store.open({ textDocument: { uri, languageId: 'python', version: 1, text: '' } });
  assert.notEqual(reopened.session, state.session);
  assert.equal(store.isCurrent(state, 3), false, 'a closed-and-reopened document is not the old state');
});

interface Harness {
  documents: DocumentStore;
  workspaceState: WorkspaceState;
  analyzer: Analyzer;
  log: Logger & { lines: string[] };
  calls: string[];
  refreshes: number;
  shown: string[];
}

function harness(analyze: AnalyzeFn, rawSettings: unknown = {}): Harness {
  const documents = new DocumentStore();
  const log = recordingLogger();
  const h: Partial<Harness> = { documents, log, calls: [], refreshes: 0, shown: [] };
  const workspaceState = new WorkspaceState(documents, {
    showProblem: (m) => h.shown!.push(m),
    refresh: () => h.refreshes!++,
    log,
  });
  workspaceState.fetchSettings = async () => rawSettings;
  h.workspaceState = workspaceState;
  h.analyzer = new Analyzer({
    documents,
    workspaceState,
    log,
    ready: Promise.resolve(),
    analyze: (text, path, language, options) => {
      h.calls!.push(text);
      return analyze(text, path, language, options);
    },
  });
  return h as Harness;
}

const oneFinding: AnalyzeFn = (): FileResult => ({ findings: [finding()] });

test('analyzer: a burst of changes costs one analysis, of the last version', async () => {
  const h = harness(oneFinding);
  const uri = 'untitled:Untitled-1';
  const state = h.documents.open({ textDocument: { uri, languageId: 'python', version: 1, text: 'v1' } });
  const first = h.analyzer.resultFor(state);
  for (let v = 2; v <= 5; v++)
    h.documents.change({ textDocument: { uri, version: v }, contentChanges: [{ text: `v${v}` }] });
  const last = h.analyzer.resultFor(state);
  assert.equal(await first, undefined, 'the superseded version is dropped before it runs');
  assert.equal((await last)?.diagnostics.length, 1);
  assert.deepEqual(h.calls, ['v5']);
  assert.equal(await h.analyzer.resultFor(state), await last, 'the same version is not analysed twice');
  assert.deepEqual(h.calls, ['v5']);
});

test('analyzer: a failing analysis gives no diagnostics and a log line without content', async () => {
  const h = harness(() => {
    throw new Error(`unexpected token near ${SECRET}`);
  });
  const state = h.documents.open({
    textDocument: { uri: 'untitled:a.py', languageId: 'python', version: 1, text: `K = "${SECRET}"` },
  });
  const result = await h.analyzer.resultFor(state);
  assert.deepEqual(result?.diagnostics, []);
  assert.ok(h.log.lines.some((l) => l.includes('analysis failed for a.py')));
  assert.ok(!h.log.lines.join('\n').includes(SECRET), 'the exception message (which may quote code) is not logged');
});

test('analyzer: cancelled before it runs, disabled, unknown languages', async () => {
  const h = harness(oneFinding, { enable: true });
  const state = h.documents.open({
    textDocument: { uri: 'untitled:a.py', languageId: 'python', version: 1, text: 'x' },
  });
  assert.equal(await h.analyzer.resultFor(state, () => true), undefined);
  assert.equal(h.calls.length, 0);
  const plain = h.documents.open({
    textDocument: { uri: 'untitled:notes', languageId: 'plaintext', version: 1, text: 'x' },
  });
  assert.deepEqual((await h.analyzer.resultFor(plain))?.diagnostics, []);
  const off = harness(oneFinding, { enable: false });
  const s = off.documents.open({ textDocument: { uri: 'untitled:a.py', languageId: 'python', version: 1, text: 'x' } });
  assert.deepEqual((await off.analyzer.resultFor(s))?.diagnostics, []);
  assert.equal(off.calls.length, 0);
});

test('workspace state: a change drops caches, bumps the generation and asks for a refresh', async () => {
  const h = harness(oneFinding);
  const state = h.documents.open({
    textDocument: { uri: 'untitled:a.py', languageId: 'python', version: 1, text: 'x' },
  });
  await h.analyzer.resultFor(state);
  const generation = h.workspaceState.generation;
  h.workspaceState.configurationChanged(null);
  assert.equal(h.workspaceState.generation, generation + 1);
  assert.equal(state.settings, undefined);
  assert.equal(state.analysis, undefined);
  assert.equal(h.refreshes, 1);
  await h.analyzer.resultFor(state);
  assert.equal(h.calls.length, 2, 'analysed again under the new settings');
});

test('project settings: client settings over .twelve-factor.json, paths from the config folder', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'svc', 'app'), { recursive: true });
  mkdirSync(join(root, 'svc', 'tests'), { recursive: true });
  writeFileSync(
    join(root, 'svc', '.twelve-factor.json'),
    JSON.stringify({ rules: { 'global-state': 'off', 'hardcoded-port': 'info' }, exclude: ['generated/**'] }),
  );
  const client = parseClientSettings({ rules: { 'hardcoded-port': 'error' }, exclude: ['legacy/**'] });
  const s = resolveDocumentSettings({
    fsPath: join(root, 'svc', 'app', 'settings.py'),
    name: 'settings.py',
    workspaceFolders: [root],
    client,
  });
  assert.equal(s.root, join(root, 'svc'));
  assert.equal(s.relPath, 'app/settings.py');
  assert.equal(s.configFile, join(root, 'svc', '.twelve-factor.json'));
  assert.equal(s.options.rules?.['global-state'], 'off');
  assert.equal(s.options.rules?.['hardcoded-port'], 'error', 'the client setting wins');
  assert.equal(s.excluded, false);
  assert.deepEqual(s.problems, []);
  const excluded = (rel: string) =>
    resolveDocumentSettings({ fsPath: join(root, 'svc', rel), name: rel, workspaceFolders: [root], client }).excluded;
  assert.ok(excluded('generated/models.py'), "the file's exclude applies");
  assert.ok(excluded('legacy/old.py'), "the client's exclude adds to it");
  const test = resolveDocumentSettings({
    fsPath: join(root, 'svc', 'tests', 'test_app.py'),
    name: 'test_app.py',
    workspaceFolders: [root],
    client: parseClientSettings({ testFileSeverity: 'info' }),
  });
  assert.equal(test.options.isTestFile, true);
  assert.equal(test.options.testFileSeverity, 'info');
});

test('project settings: roles and roleFiles from the client merge over the file per role and rule', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(
    join(root, '.twelve-factor.json'),
    JSON.stringify({
      roles: { test: { 'global-state': 'info', 'pid-file': 'warning' } },
      roleFiles: { browser: ['web/**'], vendored: ['legacy/**'] },
    }),
  );
  const client = parseClientSettings({
    roles: { test: { 'global-state': 'error', 'hardcoded-port': 'loud' }, nope: { 'pid-file': 'info' } },
    roleFiles: { browser: ['frontend/**', 3], tooling: 'ops/**' },
  });
  assert.deepEqual(client.roles, { test: { 'global-state': 'error' } }, 'ill-typed levels and unknown roles dropped');
  assert.deepEqual(client.roleFiles, { browser: ['frontend/**'] });
  const s = resolveDocumentSettings({ fsPath: join(root, 'app.py'), name: 'app.py', workspaceFolders: [root], client });
  assert.deepEqual(s.options.roles, { test: { 'global-state': 'error', 'pid-file': 'warning' } });
  assert.deepEqual(s.options.roleFiles, { browser: ['frontend/**'], vendored: ['legacy/**'] });
});

test('project settings: a broken config is reported with file, line and column, once', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = join(root, '.twelve-factor.json');
  writeFileSync(file, '{\n  "rules": { "global-state": "loud" }\n}\n');
  const h = harness(oneFinding);
  const uri = pathToFileURL(join(root, 'app.py')).href;
  const state = h.documents.open({ textDocument: { uri, languageId: 'python', version: 1, text: 'x' } });
  await h.analyzer.resultFor(state);
  h.workspaceState.changed('test');
  await h.analyzer.resultFor(state);
  assert.equal(h.shown.length, 1, 'shown once');
  assert.ok(h.shown[0].startsWith(`${file}:2:`), h.shown[0]);
});

test('code actions: a change while the analysis is in flight is followed, not answered with no actions', async (t) => {
  await initParsers();
  const root = mkdtempSync(join(tmpdir(), 'tf-lsp-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const h = harness(analyzeText);
  const uri = pathToFileURL(join(root, 'settings.py')).href;
  const text = `DEBUG = False\nAPI_KEY = "${SECRET}"\n`;
  const state = h.documents.open({ textDocument: { uri, languageId: 'python', version: 1, text } });
  const shown = (await h.analyzer.resultFor(state))?.diagnostics.find((d) => d.code === 'hardcoded-secret');
  assert.ok(shown, 'the secret is found');
  const append = (version: number, line: string) =>
    h.documents.change({
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: { line: version, character: 0 }, end: { line: version, character: 0 } }, text: line },
      ],
    });
  append(2, '# one\n');
  const deps = {
    documents: h.documents,
    analyzer: h.analyzer,
    workspaceState: h.workspaceState,
    support: () =>
      editSupport({ workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } }),
    files: workspaceFiles(h.documents),
  };
  const request = codeActions({ textDocument: { uri }, range: shown.range, context: { diagnostics: [shown] } }, deps);
  // Typed before the analysis of version 2 could run: version 2 is superseded.
  append(3, '# two\n');
  const actions = await request;
  const move = actions.find((a) => a.title.startsWith('Move "'));
  assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
  const own = move.edit?.documentChanges?.find((c) => !('kind' in c) && c.textDocument.uri === uri);
  assert.ok(own && 'textDocument' in own);
  assert.equal(own.textDocument.version, 3);
  assert.equal(h.calls.length, 2, 'versions 1 and 3 analysed, 2 never');
  assert.ok(h.calls[1].endsWith('# one\n# two\n'));
});
