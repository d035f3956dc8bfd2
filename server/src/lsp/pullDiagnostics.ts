/**
 * `textDocument/diagnostic`: answered at once for the document's current
 * version. The client cancels a pull when the user types on and pulls
 * again; a pull overtaken by a newer version or a settings change answers
 * `ServerCancelled` with `retriggerRequest`, so the client asks again.
 */
import {
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { Analyzer } from './analyzer';
import type { DocumentStore } from './documents';
import type { WorkspaceState } from './workspaceState';

export async function pullDiagnostics(
  params: DocumentDiagnosticParams,
  token: CancellationToken,
  documents: DocumentStore,
  analyzer: Analyzer,
  workspaceState: WorkspaceState,
): Promise<DocumentDiagnosticReport> {
  const state = documents.get(params.textDocument.uri);
  // Only open documents are analysed; a closed one has nothing to show. A notebook cell's
  // diagnostics are pushed: an edit in one cell changes another's, and a pull is per document.
  if (!state || state.notebook) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const version = state.document.version;
  const resultId = resultIdOf(state.session, workspaceState.generation, version);
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  const result = await analyzer.resultFor(state, () => token.isCancellationRequested);
  if (token.isCancellationRequested) {
    throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  }
  if (!result || resultIdOf(state.session, workspaceState.generation, state.document.version) !== resultId) {
    throw new ResponseError<DiagnosticServerCancellationData>(
      LSPErrorCodes.ServerCancelled,
      'document or settings changed during analysis',
      { retriggerRequest: true },
    );
  }
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: result.diagnostics };
}

function resultIdOf(session: number, generation: number, version: number): string {
  return `${session}.${generation}.${version}`;
}
