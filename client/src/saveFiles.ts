/**
 * `twelveFactor.saveFiles`: the command a "Move to .env" code action carries.
 * VS Code runs it after applying the action's edit, so `.gitignore`,
 * `.env.example` and `.env` reach the disk in that order even when
 * `files.refactoring.autoSave` is off (the edit alone leaves them as dirty
 * models nobody sees). Only the companion files are saved; the source file
 * stays under the user's own save habits. A file created with its content
 * (fixEdits.ts) has no model and is already on disk. Each edited file is
 * opened first: VS Code holds a file an extension opened for a few minutes,
 * so the saved model is not disposed at once and Ctrl+Z can still undo its
 * edit (a disposed model's undo step is dropped). Registered by the client,
 * never listed in the server's executeCommandProvider (the language client
 * would register it a second time and fail).
 */
import * as vscode from 'vscode';
import { SAVE_FILES_COMMAND } from '../../server/src/shared/protocol';
import { isFixFile } from './fixEdits';

export const SAVE_FILES = SAVE_FILES_COMMAND;

export function registerSaveFiles(): vscode.Disposable {
  return vscode.commands.registerCommand(SAVE_FILES, async (...files: unknown[]) => {
    for (const value of files) {
      const uri = isFixFile(value) ? value.uri : typeof value === 'string' ? value : undefined;
      if (uri === undefined) continue;
      const target = vscode.Uri.parse(uri).toString();
      const shown = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target);
      if (!shown) continue;
      const doc = await vscode.workspace.openTextDocument(shown.uri);
      // Sequential on purpose: `.env` must not be on disk before `.gitignore` ignores it.
      if (doc.isDirty && !(await doc.save())) {
        void vscode.window.showWarningMessage(
          `Twelve-Factor: could not save ${vscode.workspace.asRelativePath(doc.uri)}.`,
        );
        return;
      }
    }
  });
}
