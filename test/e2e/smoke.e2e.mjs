// Stage-1 check of the harness itself: code-server starts isolated, the
// workbench opens a folder in headless Chromium, everything stops again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench } from './lib/browser.mjs';
import { runE2E } from './lib/session.mjs';
import { budget } from './lib/timing.mjs';

await runE2E('smoke', async ({ sandbox, steps, startServer, startBrowser }) => {
  const folder = path.join(sandbox.dirs.workspaces, 'smoke');
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'app.py'), 'import os\n\nPORT = int(os.environ.get("PORT", "8000"))\n');
  const server = await steps.step('start code-server', () => startServer());
  const { page } = await steps.step('launch chromium', () => startBrowser());
  await steps.step('open folder in workbench', () => openWorkbench(page, server.url, folder));
  await steps.step('open app.py from explorer', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'app.py' }).click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'PORT' }).waitFor({ timeout: budget(30_000) });
  });
});
