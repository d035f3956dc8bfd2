/** The `.twelve-factor.json` a file uses: the nearest one from its folder up, as the server finds it. */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE_NAME = '.twelve-factor.json';

export function findConfigFile(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && !statSync(candidate).isDirectory()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** What "Open configuration" writes when the folder has none: the schema line and empty defaults. */
export function newConfigText(schemaUrl: string): string {
  return JSON.stringify({ $schema: schemaUrl, rules: {}, exclude: [] }, null, 2) + '\n';
}
