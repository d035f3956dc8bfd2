/**
 * "Move to .env" as one undo in VS Code. A file the fix creates is made
 * with its content (`createFile` with `contents`) instead of as an empty file
 * plus a text edit: the text edit would leave a model VS Code disposes once
 * it is saved, and its undo element goes invalid with it, so Ctrl+Z stopped
 * there and left `.env` (with the secret) and `.gitignore` on disk. A created
 * file has no model: undoing the fix deletes it, whenever the user undoes.
 *
 * Order is kept: nothing the fix writes reaches the disk before `.gitignore`
 * ignores `.env`. A created file is written at once only when no file before
 * it (in the server's order, `.gitignore` first) is an edit of an existing
 * file, which reaches the disk later, when it is saved; after such an edit
 * the created file stays an empty file plus an edit, saved in order by the
 * action's command (saveFiles.ts). The document's own edits follow the first
 * file created with its content, so each creation is its own step.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { SAVE_FILES_COMMAND, type FixFile } from '../../server/src/shared/protocol';

export function isFixFile(value: unknown): value is FixFile {
  const v = value as Partial<FixFile> | null;
  return typeof v === 'object' && v !== null && typeof v.uri === 'string' && typeof v.created === 'boolean';
}

/** The action with an edit VS Code undoes in one step; other actions unchanged. */
export function withSingleUndo(action: vscode.CodeAction): vscode.CodeAction {
  const files = action.command?.command === SAVE_FILES_COMMAND ? action.command.arguments?.filter(isFixFile) : [];
  if (!action.edit || !files?.some((f) => f.created)) return action;
  const byUri = new Map(action.edit.entries().map(([uri, edits]) => [uri.toString(), edits]));
  const companions = new Set(files.map((f) => vscode.Uri.parse(f.uri).toString()));
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: action.title, needsConfirmation: false };
  const edit = new vscode.WorkspaceEdit();
  const put = (uri: vscode.Uri, edits: readonly vscode.TextEdit[]) => {
    for (const e of edits) edit.replace(uri, e.range, e.newText, metadata);
  };
  let documentPut = false;
  const putDocument = () => {
    for (const [uri, edits] of byUri) if (!companions.has(uri)) put(vscode.Uri.parse(uri), edits);
    documentPut = true;
  };
  let editedBefore = false;
  for (const file of files) {
    const uri = vscode.Uri.parse(file.uri);
    const edits = byUri.get(uri.toString()) ?? [];
    if (file.created && !editedBefore) {
      // The server sends a created file's content as one edit over the empty text.
      const contents = new TextEncoder().encode(edits.map((e) => e.newText).join(''));
      edit.createFile(uri, { contents }, metadata);
      if (!documentPut) putDocument();
      continue;
    }
    if (file.created) edit.createFile(uri, { ignoreIfExists: true }, metadata);
    put(uri, edits);
    editedBefore = true;
  }
  if (!documentPut) putDocument();
  action.edit = edit;
  return action;
}

export const fixEditsMiddleware: Pick<Middleware, 'provideCodeActions'> = {
  provideCodeActions: async (document, range, context, token, next) => {
    const actions = await next(document, range, context, token);
    return actions?.map((a) => (a instanceof vscode.CodeAction ? withSingleUndo(a) : a));
  },
};
