/**
 * The VS Code extension: starts the language server (dist/server.js over
 * node IPC) and registers the commands. Views, status bar and the other
 * commands live in their own modules and are registered from here.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCompliance } from './commands';
import { registerSaveFiles } from './saveFiles';
import { registerLanguageStatus, type LanguageStatusView } from './languageStatus';
import { languageClientChannel } from './log';
import { registerTasks } from './tasks';
import { registerWorkspaceCommands } from './workspaceCommands';

export const OUTPUT_CHANNEL_NAME = 'Twelve-Factor';

let client: LanguageClient | undefined;
/** Set while the extension stops or restarts the server itself: that stop is not a failure. */
let stopping = false;

/** What the extension exports (`vscode.extensions.getExtension(…).exports`). */
export interface TwelveFactorApi {
  /** The language status items' text, as shown. */
  languageStatus(): LanguageStatusView;
}

export async function activate(context: vscode.ExtensionContext): Promise<TwelveFactorApi> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  context.subscriptions.push(output);
  client = createClient(context, languageClientChannel(output));
  const version = (context.extension.packageJSON as { version?: string }).version ?? '';

  context.subscriptions.push(
    vscode.commands.registerCommand('twelveFactor.restartServer', async () => {
      output.info('Restarting the Twelve-Factor language server.');
      stopping = true;
      try {
        await client?.restart();
      } finally {
        stopping = false;
      }
    }),
    vscode.commands.registerCommand('twelveFactor.showOutput', () => output.show(true)),
    registerSaveFiles(),
    registerWorkspaceCommands(context, () => client, output),
    registerTasks(context),
  );
  const status = registerLanguageStatus(client.clientOptions.documentSelector ?? [], client, version, () => stopping);
  context.subscriptions.push(status);

  await client.start();
  const serverReady = performance.now();
  registerCompliance(context, client);
  // Read by `npm run bench` (bench/activation-run.mjs); keep the wording.
  output.info(
    `Activated in ${ms(performance.now() - started)} ms (language server ready after ${ms(serverReady - started)} ms).`,
  );
  return { languageStatus: () => status.view() };
}

const ms = (v: number) => v.toFixed(1);

export async function deactivate(): Promise<void> {
  stopping = true;
  await client?.stop();
  client = undefined;
}
