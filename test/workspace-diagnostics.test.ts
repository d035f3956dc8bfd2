/**
 * "Check workspace" over the protocol, against the built server: the
 * findings of files that are not open reach the client (LSP 3.17 workspace
 * diagnostics, held open until there is news; pushed for 3.16 clients),
 * follow the disk, leave open documents to their live diagnostics, and a
 * closed document's buffer diagnostics give way to the workspace's. Also
 * "Create baseline" (twelveFactor/writeBaseline) and the start-up log line.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  FileChangeType,
  WorkspaceDiagnosticRequest,
  type FullDocumentDiagnosticReport,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { CheckWorkspaceRequest, WriteBaselineRequest, type CheckWorkspaceResult } from '../server/src/shared/protocol';
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, startLspInTempRoot, until, type LspSession } from './support/lspSession';
import { version } from '../package.json';

const PID_LINE = 'open("/var/run/worker.pid", "w").write(str(os.getpid()))\n';
const WORKER = `import os\n\n${PID_LINE}`;
const LOG_LINE = 'import logging\nhandler = logging.FileHandler("app.log")\n';

function workspace(dir: string): { worker: string; app: string } {
  writeFileSync(join(dir, 'worker.py'), WORKER);
  writeFileSync(join(dir, 'app.py'), LOG_LINE);
  return { worker: pathToFileURL(join(dir, 'worker.py')).href, app: pathToFileURL(join(dir, 'app.py')).href };
}

/** A workspace pull the test can await later; the server holds it until there is something new. */
function pullWorkspace(s: LspSession, previous: Map<string, string> = new Map()) {
  const source = new CancellationTokenSource();
  const previousResultIds = [...previous].map(([uri, value]) => ({ uri, value }));
  const answer = s.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds }, source.token);
  return { answer: answer as Promise<WorkspaceDiagnosticReport>, cancel: () => source.cancel() };
}

const reportOf = (r: WorkspaceDiagnosticReport, uri: string) =>
  r.items.find((i) => i.uri === uri) as (WorkspaceDocumentDiagnosticReport & { items?: unknown[] }) | undefined;
const codes = (report: { items?: unknown[] } | undefined) =>
  ((report?.items ?? []) as { code?: unknown }[]).map((d) => String(d.code));
const remember = (r: WorkspaceDiagnosticReport, into: Map<string, string>) => {
  for (const i of r.items) if (i.resultId) into.set(i.uri, i.resultId);
};

function open(s: LspSession, uri: string, text: string) {
  return s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text },
  });
}

test(
  'pull: nothing until "Check workspace", then unopened files, kept in step with the disk',
  { timeout: 20000 },
  async (t) => {
    const { s, dir } = await startLspInTempRoot(t, PULL_CAPABILITIES);
    const { worker, app } = workspace(dir);
    assert.equal(
      s.initialize.capabilities.diagnosticProvider &&
        'workspaceDiagnostics' in s.initialize.capabilities.diagnosticProvider &&
        s.initialize.capabilities.diagnosticProvider.workspaceDiagnostics,
      true,
    );
    const early = pullWorkspace(s);
    let settled = false;
    void early.answer.then(
      () => (settled = true),
      () => (settled = true),
    );
    const result: CheckWorkspaceResult = await s.connection.sendRequest(CheckWorkspaceRequest);
    assert.deepEqual(result, { findings: 2, files: 2, checked: 2, skipped: 0 });
    // The pull held before the check answers once the check is done, with both files.
    const first = await early.answer;
    assert.ok(settled);
    assert.deepEqual(codes(reportOf(first, worker)), ['pid-file']);
    assert.deepEqual(codes(reportOf(first, app)), ['file-logging']);
    const seen = new Map<string, string>();
    remember(first, seen);

    // Nothing new: the next pull waits; the worker loses its PID file on disk and the pull answers with that file only.
    const next = pullWorkspace(s, seen);
    writeFileSync(join(dir, 'worker.py'), 'import os\n');
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: worker, type: FileChangeType.Changed }],
    });
    const second = await next.answer;
    assert.deepEqual(
      second.items.map((i) => i.uri),
      [worker],
    );
    assert.deepEqual(codes(reportOf(second, worker)), []);
    remember(second, seen);

    // Deleted on disk: its findings go.
    const third = pullWorkspace(s, seen);
    rmSync(join(dir, 'app.py'));
    await s.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: app, type: FileChangeType.Deleted }],
    });
    const cleared = await third.answer;
    assert.deepEqual(
      cleared.items.map((i) => [i.uri, codes(i as FullDocumentDiagnosticReport)]),
      [[app, []]],
    );
    remember(cleared, seen);

    // A held pull the client gives up on ends as cancelled, not as an error.
    const held = pullWorkspace(s, seen);
    held.cancel();
    await assert.rejects(held.answer, (e: { code?: number }) => e.code === -32800);
    assert.equal(await s.close(), 0);
  },
);

test(
  'pull: a closed document gets the workspace findings after the check, and none before it',
  { timeout: 20000 },
  async (t) => {
    const { s, dir } = await startLspInTempRoot(t, PULL_CAPABILITIES);
    const { worker } = workspace(dir);
    // Before any check: closing clears what the buffer showed (a full, empty report).
    await open(s, worker, WORKER);
    const before = pullWorkspace(s);
    await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: worker } });
    const cleared = await before.answer;
    assert.deepEqual(
      cleared.items.map((i) => [i.uri, i.kind, codes(i as FullDocumentDiagnosticReport)]),
      [[worker, 'full', []]],
    );

    // After the check: the closed file is reported with its findings on disk, though nothing changed.
    await open(s, worker, 'import os\n');
    await s.connection.sendRequest(CheckWorkspaceRequest);
    const seen = new Map<string, string>();
    remember(await pullWorkspace(s).answer, seen);
    const after = pullWorkspace(s, seen);
    await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: worker } });
    // First the buffer's view is replaced, then the disk's text is analysed again: pull until it is there.
    let report = await after.answer;
    while (!codes(reportOf(report, worker)).includes('pid-file')) {
      remember(report, seen);
      report = await pullWorkspace(s, seen).answer;
    }
    assert.equal(reportOf(report, worker)?.kind, 'full');
    assert.equal(await s.close(), 0);
  },
);

test(
  'push: the command publishes unopened files, never an open one, and says how many',
  { timeout: 20000 },
  async (t) => {
    const { s, dir } = await startLspInTempRoot(t, PUSH_CAPABILITIES);
    const { worker, app } = workspace(dir);
    await open(s, app, LOG_LINE);
    await until('the open app.py diagnostics', () => s.published.find((p) => p.uri === app && p.diagnostics.length));
    const count = s.published.length;
    const result = (await s.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'twelve-factor.checkWorkspace',
    })) as CheckWorkspaceResult;
    assert.equal(result.findings, 2);
    const pushed = await until('worker.py published', () => s.published.find((p) => p.uri === worker));
    assert.deepEqual(
      pushed.diagnostics.map((d) => d.code),
      ['pid-file'],
    );
    assert.ok(!s.published.slice(count).some((p) => p.uri === app), 'the open document was published by the check');
    await until('the summary message', () =>
      s.messages.find((m) => /2 findings in 2 files \(2 files checked\)/.test(m)),
    );
    // Closed: a push client gets the workspace's findings back for it.
    await s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: app } });
    await until('app.py published again with its disk findings', () =>
      s.published.slice(count).find((p) => p.uri === app && p.diagnostics.some((d) => d.code === 'file-logging')),
    );
    assert.equal(await s.close(), 0);
  },
);

test(
  'create baseline: writes every finding, refuses to overwrite unless asked; the start-up line names the version',
  { timeout: 20000 },
  async (t) => {
    const { s, dir } = await startLspInTempRoot(t, PULL_CAPABILITIES);
    workspace(dir);
    const folder = pathToFileURL(dir).href;
    const file = join(dir, '.twelve-factor-baseline.json');
    const written = await s.connection.sendRequest(WriteBaselineRequest, { folder });
    assert.deepEqual(written, { written: true, file, fingerprints: 2 });
    const body = JSON.parse(readFileSync(file, 'utf8')) as { version: number; fingerprints: string[] };
    assert.equal(body.version, 2);
    assert.equal(body.fingerprints.length, 2);
    assert.deepEqual(await s.connection.sendRequest(WriteBaselineRequest, { folder }), {
      written: false,
      file,
      reason: 'exists',
    });
    writeFileSync(join(dir, 'worker.py'), 'import os\n');
    const again = await s.connection.sendRequest(WriteBaselineRequest, { folder, overwrite: true });
    assert.equal(again.written && again.fingerprints, 1);
    const outside = await s.connection.sendRequest(WriteBaselineRequest, {
      folder: pathToFileURL(join(dir, '..')).href,
    });
    assert.equal(outside.written, false);
    assert.ok(existsSync(file));
    const line = await until('the start-up summary', () => s.logs.find((l) => l.startsWith('twelve-factor ')));
    assert.match(
      line,
      new RegExp(
        `^twelve-factor ${version.replace(/\./g, '\\.')} started: 1 folder: .+ \\(no \\.twelve-factor\\.json; \\d+ of \\d+ rules on\\)$`,
      ),
    );
    assert.equal(s.initialize.serverInfo?.version, version);
    assert.equal(await s.close(), 0);
  },
);
