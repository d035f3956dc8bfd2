/**
 * Commands the server executes (workspace/executeCommand). "Show
 * documentation" runs here rather than in the VS Code client so every LSP
 * client gets it: the server asks the client to open the page
 * (window/showDocument), or shows the link where that is not supported.
 */
import { docsUrl } from '../shared/docs';
import { ruleById } from '../rules';
import { checkSummary, type CheckWorkspaceResult } from '../shared/protocol';
import { STOP_TRACKING } from './stopTracking';

export const SHOW_DOCUMENTATION = 'twelve-factor.showDocumentation';
/** "Check workspace" for any client; the VS Code extension sends `twelveFactor/checkWorkspace` instead. */
export const CHECK_WORKSPACE = 'twelve-factor.checkWorkspace';
export const COMMANDS = [SHOW_DOCUMENTATION, CHECK_WORKSPACE, STOP_TRACKING];
/**
 * Run by the VS Code client after a fix that writes `.env`/`.gitignore`
 * (client/src/saveFiles.ts). Deliberately not in COMMANDS: other clients
 * (Neovim) send it here, where it does nothing.
 */
export { SAVE_FILES_COMMAND as SAVE_FILES } from '../shared/protocol';

export interface CommandHost {
  showDocument?: (uri: string) => Promise<boolean>;
  showMessage: (message: string) => void;
  checkWorkspace: () => Promise<CheckWorkspaceResult>;
  /** "Stop tracking .env" (stopTracking.ts), given the command's arguments. */
  stopTracking: (args: unknown[] | undefined) => Promise<void>;
}

export async function executeCommand(
  command: string,
  args: unknown[] | undefined,
  host: CommandHost,
): Promise<CheckWorkspaceResult | undefined> {
  if (command === CHECK_WORKSPACE) {
    const result = await host.checkWorkspace();
    host.showMessage(`Twelve-Factor: ${checkSummary(result)}`);
    return result;
  }
  if (command === STOP_TRACKING) {
    await host.stopTracking(args);
    return undefined;
  }
  if (command !== SHOW_DOCUMENTATION) return;
  const ruleId = typeof args?.[0] === 'string' ? args[0] : undefined;
  if (!ruleId || !ruleById(ruleId)) return;
  const url = docsUrl(ruleId);
  const opened = host.showDocument ? await host.showDocument(url).catch(() => false) : false;
  if (!opened) host.showMessage(`Twelve-Factor: documentation for ${ruleId}: ${url}`);
}
