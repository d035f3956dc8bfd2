/**
 * The first Ctrl+. after opening a file (issue 17): a code action that
 * arrives before the document's analysis has finished waits for the analysis
 * of the version the server holds, however often that analysis is
 * superseded meanwhile (a settings change, a pull the client cancelled), and
 * never answers "no actions" for a secret the editor shows. Over stdio
 * against the built server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { PULL_CAPABILITIES, startLsp, until, type LspSession } from './support/lspSession';

const SECRET = 'django-insecure-q8w7e6r5t4y3u2i1o0p9a8s7d6f5g4h3';
const PY = `"""Billing."""\nimport os\n\nSECRET_KEY = "${SECRET}"\nDEBUG = os.environ.get("DEBUG") == "1"\n`;

async function session(t: { after: (fn: () => void) => void }): Promise<{ s: LspSession; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'tf-first-action-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  execFileSync('git', ['init', '-q'], { cwd: root });
  const s = await startLsp(root, PULL_CAPABILITIES);
  t.after(() => s.child.kill());
  return { s, root };
}

const open = (s: LspSession, uri: string) =>
  s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: PY },
  });

const close = (s: LspSession, uri: string) =>
  s.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });

/** The secret's diagnostic as the editor shows it (from a pull of a first opening). */
async function shownSecret(s: LspSession, uri: string): Promise<Diagnostic> {
  await open(s, uri);
  const report = (await s.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  await close(s, uri);
  const d = report.items.find((x) => x.code === 'hardcoded-secret');
  assert.ok(d, JSON.stringify(report.items.map((x) => x.code)));
  return d;
}

const codeAction = (s: LspSession, uri: string, d: Diagnostic) =>
  s.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: d.range,
    context: { diagnostics: [d], triggerKind: 1 },
  }) as Promise<CodeAction[] | null>;

const moves = (actions: CodeAction[] | null) => (actions ?? []).filter((a) => /^Move ".+" to \.env/.test(a.title));

test('open, then at once Ctrl+. on the shown secret: every answer has the move action', async (t) => {
  const { s, root } = await session(t);
  const uri = pathToFileURL(join(root, 'billing.py')).href;
  const shown = await shownSecret(s, uri);
  const empty: number[] = [];
  for (let i = 0; i < 40; i++) {
    await open(s, uri);
    // As VS Code does on opening: a pull, which it may cancel when it pulls again.
    const source = new CancellationTokenSource();
    const pull = s.connection
      .sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token)
      .catch(() => undefined);
    if (i % 2 === 1) source.cancel();
    if (moves(await codeAction(s, uri, shown)).length === 0) empty.push(i);
    await pull;
    await close(s, uri);
  }
  assert.deepEqual(empty, [], 'iterations answered without the move action');
  await s.close();
});

test('a code action waits through analyses superseded by settings changes, not giving up after a few', async (t) => {
  const { s, root } = await session(t);
  const uri = pathToFileURL(join(root, 'billing.py')).href;
  const shown = await shownSecret(s, uri);
  // The client holds its answers to workspace/configuration so that a settings
  // change lands while the analysis waits for them (one settings round trip each).
  const held: Array<() => void> = [];
  let holding = true;
  s.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
    const answer = params.items.map(() => ({}));
    return holding ? new Promise((resolve) => held.push(() => resolve(answer))) : answer;
  });
  const SUPERSEDED = 5;
  const empty: number[] = [];
  for (let i = 0; i < 6; i++) {
    holding = true;
    await open(s, uri);
    const answer = codeAction(s, uri, shown);
    for (let k = 0; k < SUPERSEDED; k++) {
      await until('the analysis to ask for the settings', () => (held.length > 0 ? true : undefined), 30_000);
      await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      held.shift()!();
    }
    // From here on the settings are answered at once.
    holding = false;
    held.splice(0).forEach((r) => r());
    if (moves(await answer).length === 0) empty.push(i);
    await close(s, uri);
  }
  assert.deepEqual(empty, [], 'iterations answered without the move action');
  await s.close();
});
