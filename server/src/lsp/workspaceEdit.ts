/**
 * Fix plans to LSP WorkspaceEdits. Offsets become positions as the client
 * counts them: a file read from disk may start with a BOM, which editors
 * hide, so it is not counted.
 */
import type { ClientCapabilities, TextDocumentEdit, TextEdit, WorkspaceEdit, CreateFile } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../ir/lines';
import type { FilePatch } from '../fixes/patch';

export interface EditSupport {
  /** `documentChanges` (ordered, versioned edits). */
  documentChanges: boolean;
  /** `CreateFile` operations inside `documentChanges`. */
  createFiles: boolean;
  /** `CodeAction.disabled` (LSP 3.16). */
  disabled: boolean;
  /** `window/showDocument` (LSP 3.16). */
  showDocument: boolean;
}

/**
 * Neovim 0.7 announces `resourceOperations: [create, …]` but not
 * `documentChanges`, and applies `documentChanges` (create operations
 * included): a client that can create files has to read `documentChanges`,
 * the only place create operations exist, so either flag is enough.
 */
export function editSupport(caps: ClientCapabilities | undefined): EditSupport {
  const edit = caps?.workspace?.workspaceEdit;
  const createFiles = !!edit?.resourceOperations?.includes('create');
  return {
    documentChanges: !!edit?.documentChanges || createFiles,
    createFiles,
    disabled: !!caps?.textDocument?.codeAction?.disabledSupport,
    showDocument: !!caps?.window?.showDocument?.support,
  };
}

export interface OpenDocument {
  version: number;
}

export function toWorkspaceEdit(
  patches: readonly FilePatch[],
  support: EditSupport,
  openDocument: (uri: string) => OpenDocument | undefined,
  uriOf: (path: string) => string = (path) => pathToFileURL(path).href,
): WorkspaceEdit {
  const converted = patches.map((p) => {
    const uri = uriOf(p.path);
    const open = openDocument(uri);
    return { patch: p, uri, open, edits: textEdits(p, open === undefined) };
  });
  if (!support.documentChanges) {
    const changes: Record<string, TextEdit[]> = {};
    for (const c of converted) changes[c.uri] = [...(changes[c.uri] ?? []), ...c.edits];
    return { changes };
  }
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of converted) {
    if (c.patch.create) documentChanges.push({ kind: 'create', uri: c.uri, options: { ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: c.uri, version: c.open?.version ?? null }, edits: c.edits });
  }
  return { documentChanges };
}

function textEdits(patch: FilePatch, bomHidden: boolean): TextEdit[] {
  const bom = bomHidden && patch.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = new LineIndex(patch.text.slice(bom));
  const at = (offset: number) => lines.position(Math.max(0, offset - bom));
  return patch.changes.map((c) => ({ range: { start: at(c.start), end: at(c.end) }, newText: c.newText }));
}
