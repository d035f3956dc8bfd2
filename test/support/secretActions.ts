/** Opens a Python file in a running session and asks for the code actions at its hardcoded secret. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  type CodeAction,
  type FullDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import type { LspSession } from './lspSession';

export async function actionsAtSecret(session: LspSession, file: string): Promise<CodeAction[]> {
  const uri = pathToFileURL(file).href;
  await session.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(file, 'utf8') },
  });
  const report = (await session.connection.sendRequest(DocumentDiagnosticRequest.type, {
    textDocument: { uri },
  })) as FullDocumentDiagnosticReport;
  const secret = report.items.find((d) => d.code === 'hardcoded-secret');
  assert.ok(secret, `${file}: ${JSON.stringify(report.items)}`);
  return (await session.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: secret.range,
    context: { diagnostics: [secret] },
  })) as CodeAction[];
}
