/**
 * `source.fixAll.twelve-factor` over the protocol, as `editor.codeActionsOnSave`
 * asks for it: one action with every safe fix of the file (the port from PORT,
 * logging to stdout), never the move of a secret to `.env`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { applyChanges } from '../server/src/fixes/patch';
import { LineIndex } from '../server/src/ir/lines';
import { startLsp } from './support/lspSession';

const SECRET = ['sk', 'live', '51H8xKQ2eZvKYlo2C9aBcDeFgHiJk'].join('_');
const SOURCE = [
  'import logging',
  'from flask import Flask',
  '',
  `STRIPE_KEY = "${SECRET}"`,
  'app = Flask(__name__)',
  'logging.getLogger("shop").addHandler(logging.FileHandler("shop.log"))',
  '',
  'if __name__ == "__main__":',
  '    app.run(host="0.0.0.0", port=5000)',
  '',
].join('\n');

test('fixAll on save fixes the port and the file logging in one edit, and leaves the secret alone', async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'tf-fixall-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const file = join(root, 'app.py');
  writeFileSync(file, SOURCE);
  const session = await startLsp(root, {
    textDocument: { diagnostic: { dynamicRegistration: false } },
    workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  });
  t.after(() => session.child.kill());
  const uri = pathToFileURL(file).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: SOURCE },
  });
  const report = (await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  const codes = report.items.map((d) => d.code);
  for (const rule of ['hardcoded-port', 'file-logging', 'hardcoded-secret'])
    assert.ok(codes.includes(rule), `${codes}`);
  const actions = (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.deepEqual(
    actions.map((a) => a.kind),
    ['source.fixAll.twelve-factor'],
  );
  const changes = actions[0].edit?.documentChanges ?? [];
  assert.equal(changes.length, 1, 'only the document is edited');
  const edit = changes[0];
  assert.ok('edits' in edit);
  const lines = new LineIndex(SOURCE);
  const fixed = applyChanges(
    SOURCE,
    edit.edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText })),
  );
  assert.match(fixed, /os\.environ\.get\("PORT"/);
  assert.match(fixed, /StreamHandler\(sys\.stdout\)/);
  assert.ok(fixed.includes(SECRET), 'the secret is not moved on save');
  await session.close();
});
