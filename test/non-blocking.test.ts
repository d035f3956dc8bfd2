// One pathological file must not hold up the others (issue 13 item 8): over
// stdio, a 70,000-export bundle (tens of seconds of parsing) is opened, then
// a small file; the small file's diagnostics arrive within a bound, and the
// bundle is given up at its time budget with a log line and an information
// diagnostic saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { PUSH_CAPABILITIES, startLspInTempRoot, until } from './support/lspSession';

const SECRET = ['sk', 'live', '4eC39HqLyjWDarjtT1zdp7dc'].join('_');
const BUDGET_MS = 2_000;

test('a file over its time budget is given up while another file gets its diagnostics', async (t) => {
  process.env.TWELVE_FACTOR_ANALYSIS_BUDGET_MS = String(BUDGET_MS);
  const { s, dir } = await startLspInTempRoot(t, PUSH_CAPABILITIES, { trace: { server: 'verbose' } });
  const big = pathToFileURL(join(dir, 'bundle.js')).href;
  const small = pathToFileURL(join(dir, 'settings.py')).href;
  const exports = Array.from({ length: 70_000 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n';
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: big, languageId: 'javascript', version: 1, text: exports },
  });
  const opened = Date.now();
  await s.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: small, languageId: 'python', version: 1, text: `STRIPE_KEY = "${SECRET}"\n` },
  });
  const report = await until(
    'diagnostics of settings.py',
    () => s.published.find((p) => p.uri === small && p.diagnostics.length > 0),
    60_000,
  );
  const waited = Date.now() - opened;
  t.diagnostic(`settings.py diagnostics after ${waited} ms`);
  assert.deepEqual(
    report.diagnostics.map((d) => d.code),
    ['hardcoded-secret'],
  );
  // On the main thread the bundle's analysis (17 s on a quiet machine) came first; now it does not.
  assert.ok(waited < 10_000, `settings.py waited ${waited} ms behind bundle.js`);
  const given = await until('bundle.js given up', () => s.published.find((p) => p.uri === big), 60_000);
  assert.equal(given.diagnostics.length, 1);
  assert.equal(given.diagnostics[0].severity, DiagnosticSeverity.Information);
  assert.match(given.diagnostics[0].message, /stopped after 2 s/);
  assert.ok(
    s.logs.some((l) => /skipped bundle\.js v1: analysis stopped after 2 s/.test(l)),
    s.logs.join('\n'),
  );
});
