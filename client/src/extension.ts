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

export const OUTPUT_CHANNEL_NAME = 'Twelve-Factor';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
  context.subscriptions.push(output);
  client = createClient(context, output);

  context.subscriptions.push(
    vscode.commands.registerCommand('twelveFactor.restartServer', async () => {
      output.appendLine('Restarting the Twelve-Factor language server.');
      await client?.restart();
    }),
    vscode.commands.registerCommand('twelveFactor.showOutput', () => output.show(true)),
    registerSaveFiles(),
  );

  await client.start();
  const serverReady = performance.now();
  registerCompliance(context, client);
  // Read by `npm run bench` (bench/activation-run.mjs); keep the wording.
  output.appendLine(
    `Activated in ${ms(performance.now() - started)} ms (language server ready after ${ms(serverReady - started)} ms).`,
  );
}

const ms = (v: number) => v.toFixed(1);

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
