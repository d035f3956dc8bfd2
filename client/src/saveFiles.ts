/**
 * `twelveFactor.saveFiles`: the command a "Move to .env" code action carries.
 * VS Code runs it after applying the action's edit, so `.gitignore`,
 * `.env.example` and `.env` reach the disk in that order even when
 * `files.refactoring.autoSave` is off (the edit alone leaves them as dirty
 * models nobody sees). Only the companion files are saved; the source file
 * stays under the user's own save habits. Registered by the client, never
 * listed in the server's executeCommandProvider (the language client would
 * register it a second time and fail).
 */
import * as vscode from 'vscode';

export const SAVE_FILES = 'twelveFactor.saveFiles';

export function registerSaveFiles(): vscode.Disposable {
  return vscode.commands.registerCommand(SAVE_FILES, async (...uris: unknown[]) => {
    for (const value of uris) {
      if (typeof value !== 'string') continue;
      const target = vscode.Uri.parse(value).toString();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target);
      // Sequential on purpose: `.env` must not be on disk before `.gitignore` ignores it.
      if (doc?.isDirty && !(await doc.save())) {
        void vscode.window.showWarningMessage(
          `Twelve-Factor: could not save ${vscode.workspace.asRelativePath(doc.uri)}.`,
        );
        return;
      }
    }
  });
}
