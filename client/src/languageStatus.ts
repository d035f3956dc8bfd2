/**
 * The language status items (the `{}` in the status bar beside the
 * language): the server's state and version, with a menu (restart, show
 * output, open view), and the `.twelve-factor.json` the active file uses,
 * which opens it.
 */
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { findConfigFile } from './configFile';
import { VIEW_ID } from './statusBar';

export const STATUS_MENU = 'twelveFactor.statusMenu';

/** What the items show, for the extension's API (tests and other extensions read it). */
export interface LanguageStatusView {
  server: { text: string; detail?: string };
  config: { text: string; detail?: string };
}

const STATES: Record<State, [string, string]> = {
  [State.Starting]: ['$(loading~spin)', 'starting'],
  [State.Running]: ['$(check)', 'running'],
  [State.Stopped]: ['$(circle-slash)', 'stopped'],
};

export function registerLanguageStatus(
  selector: vscode.DocumentSelector,
  client: LanguageClient,
  extensionVersion: string,
  /** True while the extension itself stops or restarts the server: that stop is no error. */
  isStopping: () => boolean,
): vscode.Disposable & { view(): LanguageStatusView } {
  const server = vscode.languages.createLanguageStatusItem('twelveFactor.server', selector);
  server.name = 'Twelve-Factor server';
  server.command = { title: 'Menu', command: STATUS_MENU, tooltip: 'Restart, show the output, open the view' };
  const config = vscode.languages.createLanguageStatusItem('twelveFactor.config', selector);
  config.name = 'Twelve-Factor configuration';

  let failed = false;
  const showState = (state: State) => {
    const version = client.initializeResult?.serverInfo?.version ?? extensionVersion;
    const [icon, word] = failed && state === State.Stopped ? ['$(error)', 'error'] : STATES[state];
    server.text = `${icon} Twelve-Factor ${version}`;
    server.detail = word;
    server.severity =
      word === 'error' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
    server.busy = state === State.Starting;
  };
  const showConfig = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const file = doc?.uri.scheme === 'file' ? findConfigFile(dirname(doc.uri.fsPath)) : undefined;
    config.text = file ? vscode.workspace.asRelativePath(file) : 'no .twelve-factor.json';
    config.detail = file ? 'configuration in use' : 'defaults and editor settings';
    config.command = file
      ? { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.file(file)] }
      : { title: 'Create', command: 'twelveFactor.openConfiguration' };
  };
  showState(client.state);
  showConfig();

  const disposable = vscode.Disposable.from(
    server,
    config,
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) failed = false;
      if (newState === State.Stopped && !isStopping()) failed = true;
      showState(newState);
    }),
    vscode.window.onDidChangeActiveTextEditor(showConfig),
    vscode.workspace.onDidCreateFiles(showConfig),
    vscode.workspace.onDidDeleteFiles(showConfig),
    vscode.commands.registerCommand(STATUS_MENU, async () => {
      const items = [
        { label: '$(debug-restart) Restart Language Server', command: 'twelveFactor.restartServer' },
        { label: '$(output) Show Output', command: 'twelveFactor.showOutput' },
        { label: '$(checklist) Open Compliance View', command: `${VIEW_ID}.focus` },
        { label: '$(search) Check Workspace', command: 'twelveFactor.checkWorkspace' },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: 'Twelve-Factor' });
      if (picked) await vscode.commands.executeCommand(picked.command);
    }),
  );
  return Object.assign(disposable, {
    view: (): LanguageStatusView => {
      showConfig();
      return {
        server: { text: server.text, detail: server.detail },
        config: { text: config.text, detail: config.detail },
      };
    },
  });
}
