/**
 * The `twelve-factor` task type: `twelve-factor check` of a workspace
 * folder, run with the CLI bundled in the extension by the extension host's
 * own Node (no global install needed), its text output read by the
 * `$twelve-factor` problem matcher (package.json `problemMatchers`).
 */
import * as vscode from 'vscode';
import { checkArgs, TASK_TYPE } from './checkCommand';

export interface TwelveFactorTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  /** Extra `check` arguments (`--fail-on warning`, paths). */
  args?: string[];
}

export function registerTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = context.asAbsolutePath('dist/cli.js');
  const taskFor = (folder: vscode.WorkspaceFolder, definition: TwelveFactorTaskDefinition) => {
    const execution = new vscode.ProcessExecution(process.execPath, checkArgs(cli, definition.args ?? []), {
      cwd: folder.uri.fsPath,
      // Desktop VS Code's extension host is Electron: this makes it run as Node.
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const task = new vscode.Task(definition, folder, 'check', TASK_TYPE, execution, ['$twelve-factor']);
    task.group = vscode.TaskGroup.Test;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent };
    return task;
  };
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? [])
        .filter((f) => f.uri.scheme === 'file')
        .map((folder) => taskFor(folder, { type: TASK_TYPE })),
    resolveTask(task) {
      const folder = task.scope;
      if (typeof folder !== 'object' || !('uri' in folder)) return undefined;
      const definition = task.definition as TwelveFactorTaskDefinition;
      return taskFor(folder, definition);
    },
  });
}
