/**
 * Workspace commands: "Check workspace" (the server scans every folder and
 * from then on reports the findings of files not open, in Problems),
 * "Create baseline" (the server writes the folder's baseline, as
 * `check --write-baseline`) and "Open configuration" (the folder's
 * `.twelve-factor.json`, created with its `$schema` line when absent).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest, checkSummary, WriteBaselineRequest } from '../../server/src/shared/protocol';
import { CONFIG_FILE_NAME, newConfigText } from './configFile';

export const CHECK_WORKSPACE = 'twelveFactor.checkWorkspace';
export const CREATE_BASELINE = 'twelveFactor.createBaseline';
export const OPEN_CONFIGURATION = 'twelveFactor.openConfiguration';

/** The folder to act on: the only one, else the user's pick (undefined when cancelled or none). */
async function pickFolder(action: string, folder?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const given = folder && folders.find((f) => f.uri.toString() === folder.toString());
  if (given) return given;
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(`Twelve-Factor: open a folder to ${action}.`);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Folder to ${action}` });
}

export function registerWorkspaceCommands(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const running = () => {
    const c = client();
    if (c?.isRunning()) return c;
    void vscode.window.showWarningMessage('Twelve-Factor: the language server is not running.');
    return undefined;
  };
  const schemaUrl = () => {
    try {
      const schema = JSON.parse(readFileSync(context.asAbsolutePath('schemas/twelve-factor.schema.json'), 'utf8')) as {
        $id?: string;
      };
      return schema.$id ?? 'twelve-factor.schema.json';
    } catch {
      return 'twelve-factor.schema.json';
    }
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(CHECK_WORKSPACE, async () => {
      const c = running();
      if (!c) return undefined;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Twelve-Factor: checking the workspace' },
        () => c.sendRequest(CheckWorkspaceRequest),
      );
      const summary = checkSummary(result);
      log.info(`Check workspace: ${summary}`);
      // Not awaited: a command that waits for a notification blocks whoever ran it.
      void vscode.window.showInformationMessage(`Twelve-Factor: ${summary}`, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
      return result;
    }),
    vscode.commands.registerCommand(CREATE_BASELINE, async (folderUri?: vscode.Uri, confirmed?: boolean) => {
      const c = running();
      const folder = c && (await pickFolder('create a baseline for', folderUri));
      if (!c || !folder) return undefined;
      const folderArg = c.code2ProtocolConverter.asUri(folder.uri);
      let result = await c.sendRequest(WriteBaselineRequest, { folder: folderArg });
      if (!result.written && result.reason === 'exists') {
        const name = vscode.workspace.asRelativePath(result.file);
        const overwrite =
          confirmed === true ||
          (await vscode.window.showWarningMessage(
            `Twelve-Factor: ${name} exists. Replace it with the current findings?`,
            { modal: true },
            'Overwrite',
          )) === 'Overwrite';
        if (!overwrite) return result;
        result = await c.sendRequest(WriteBaselineRequest, { folder: folderArg, overwrite: true });
      }
      const name = vscode.workspace.asRelativePath(result.file);
      if (result.written) {
        log.info(`Wrote ${result.file} (${result.fingerprints} fingerprints).`);
        void vscode.window.showInformationMessage(
          `Twelve-Factor: ${name} accepts ${result.fingerprints} finding${result.fingerprints === 1 ? '' : 's'}.`,
        );
      } else if (result.reason === 'disabled') {
        void vscode.window.showInformationMessage(`Twelve-Factor is turned off for ${folder.name}.`);
      } else if (result.reason === 'error') {
        log.warn(`Could not write ${result.file}: ${result.message ?? 'error'}`);
        void vscode.window.showErrorMessage(`Twelve-Factor: could not write ${name}: ${result.message ?? 'error'}`);
      }
      return result;
    }),
    vscode.commands.registerCommand(OPEN_CONFIGURATION, async (folderUri?: vscode.Uri, create?: boolean) => {
      const folder = await pickFolder('open the configuration of', folderUri);
      if (!folder) return undefined;
      const file = join(folder.uri.fsPath, CONFIG_FILE_NAME);
      if (!existsSync(file)) {
        const ok =
          create === true ||
          (await vscode.window.showInformationMessage(
            `Twelve-Factor: ${folder.name} has no ${CONFIG_FILE_NAME}. Create one?`,
            'Create',
          )) === 'Create';
        if (!ok) return undefined;
        try {
          // `wx`: never replaces a file created meanwhile.
          writeFileSync(file, newConfigText(schemaUrl()), { flag: 'wx' });
          log.info(`Created ${file}.`);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'error';
          if (code !== 'EEXIST') {
            void vscode.window.showErrorMessage(`Twelve-Factor: could not create ${CONFIG_FILE_NAME} (${code}).`);
            return undefined;
          }
        }
      }
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(uri);
      return uri;
    }),
  );
}
