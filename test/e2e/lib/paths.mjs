// Where the repo, the isolated tool install and the test output live.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TOOLS = process.env.E2E_TOOLS_DIR ?? path.join(REPO, '.tmp/e2e-tools');
export const CODE_SERVER = path.join(TOOLS, 'node_modules/.bin/code-server');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = path.join(REPO, 'test-results/e2e');

export function assertToolsInstalled() {
  const missing = [CODE_SERVER, path.join(TOOLS, 'node_modules/playwright-core'), CHROMIUM].filter(
    (p) => !existsSync(p),
  );
  if (missing.length > 0) {
    throw new Error(`missing ${missing.join(', ')}: run scripts/e2e-setup.sh first`);
  }
}

/** playwright-core lives in the tool folder, not in the project's node_modules. */
export function loadPlaywright() {
  const require = createRequire(path.join(TOOLS, 'package.json'));
  return require('playwright-core');
}
