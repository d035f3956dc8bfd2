/**
 * The server's first line in the client's log: its version, the workspace
 * folders, the `.twelve-factor.json` each one uses and how many rules are
 * on there, so a bug report starts from what the server saw. Paths only:
 * never a setting's value beyond rule levels.
 */
import { RULES } from '../rules';
import type { Logger } from './logging';
import type { FolderSettings } from './projectSettings';

export function startupSummary(
  version: string,
  folders: readonly { root: string; settings: FolderSettings }[],
): string {
  const parts = folders.map(({ root, settings }) => {
    if (!settings.enable) return `${root} (disabled)`;
    const on = RULES.filter((r) => settings.config.rules[r.meta.id] !== 'off').length;
    const config = settings.configFile ?? 'no .twelve-factor.json';
    return `${root} (${config}; ${on} of ${RULES.length} rules on)`;
  });
  const where = parts.length === 0 ? 'no workspace folder' : parts.join(', ');
  return `twelve-factor ${version} started: ${folders.length} folder${folders.length === 1 ? '' : 's'}: ${where}`;
}

export async function logStartup(
  version: string,
  roots: readonly string[],
  folderSettings: (root: string) => Promise<FolderSettings>,
  log: Logger,
): Promise<void> {
  try {
    const folders = await Promise.all(roots.map(async (root) => ({ root, settings: await folderSettings(root) })));
    log.info(startupSummary(version, folders));
  } catch (error) {
    log.error('could not read the settings for the start-up summary', error);
  }
}
