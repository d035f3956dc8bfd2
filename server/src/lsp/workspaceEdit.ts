/**
 * Fix plans to LSP WorkspaceEdits. Offsets become positions as the client
 * counts them: a file read from disk may start with a BOM, which editors
 * hide, so it is not counted.
 *
 * A created file's content is one edit over its whole (empty) text, from
 * the start to the start of line 1: an editor clamps that range to the empty
 * document, and Neovim, which holds an empty file as one empty line, replaces
 * that line instead of inserting before it (no blank line at the end of a
 * written `.env`). Where the client takes change annotations, every change
 * carries one with the fix's title and `needsConfirmation: false`: applied
 * as one refactoring, without a preview.
 */
import type {
  AnnotatedTextEdit,
  ChangeAnnotation,
  ClientCapabilities,
  CreateFile,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../ir/lines';
import { applyChanges, type FilePatch } from '../fixes/patch';

export interface EditSupport {
  /** `documentChanges` (ordered, versioned edits). */
  documentChanges: boolean;
  /** `CreateFile` operations inside `documentChanges`. */
  createFiles: boolean;
  /** `CodeAction.disabled` (LSP 3.16). */
  disabled: boolean;
  /** `window/showDocument` (LSP 3.16). */
  showDocument: boolean;
  /** `changeAnnotations` on a WorkspaceEdit (LSP 3.16). */
  annotations?: boolean;
}

/** The one annotation a fix's edits carry. */
export const FIX_ANNOTATION = 'twelve-factor.fix';

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
    annotations: !!edit?.changeAnnotationSupport,
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
  label?: string,
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
  const annotationId = support.annotations && label !== undefined ? FIX_ANNOTATION : undefined;
  const annotate = (e: TextEdit): TextEdit | AnnotatedTextEdit => (annotationId ? { ...e, annotationId } : e);
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  for (const c of converted) {
    if (c.patch.create) {
      const create: CreateFile = { kind: 'create', uri: c.uri, options: { ignoreIfExists: true } };
      documentChanges.push(annotationId ? { ...create, annotationId } : create);
    }
    documentChanges.push({
      textDocument: { uri: c.uri, version: c.open?.version ?? null },
      edits: c.edits.map(annotate),
    });
  }
  if (!annotationId || label === undefined) return { documentChanges };
  const annotation: ChangeAnnotation = { label, needsConfirmation: false };
  return { documentChanges, changeAnnotations: { [annotationId]: annotation } };
}

function textEdits(patch: FilePatch, bomHidden: boolean): TextEdit[] {
  if (patch.create && patch.text === '') {
    const content = applyChanges('', patch.changes);
    return [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, newText: content }];
  }
  const bom = bomHidden && patch.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = new LineIndex(patch.text.slice(bom));
  const at = (offset: number) => lines.position(Math.max(0, offset - bom));
  return patch.changes.map((c) => ({ range: { start: at(c.start), end: at(c.end) }, newText: c.newText }));
}
