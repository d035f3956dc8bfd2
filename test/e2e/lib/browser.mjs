// Headless Debian Chromium driven by playwright-core (no browser download).
import { CHROMIUM, loadPlaywright } from './paths.mjs';
import { poll } from './process.mjs';
import { budget } from './timing.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Returns { context, page, close }; the profile lives in the sandbox. */
export async function launchBrowser(sandbox, { width = 1600, height = 1000 } = {}) {
  const { chromium } = loadPlaywright();
  const context = await chromium.launchPersistentContext(sandbox.dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    env: sandbox.env,
    viewport: { width, height },
    // The session closes the browser on signals itself, after its own steps.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: budget(60_000),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return {
    context,
    page,
    consoleErrors,
    close: () => context.close().catch(() => undefined),
  };
}

/** Opens folder in the workbench and waits until the explorer lists it. */
export async function openWorkbench(page, baseUrl, folder) {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: budget(60_000) });
  await poll(async () => (await page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, {
    timeoutMs: budget(60_000),
    what: 'the explorer to list the workspace',
  });
}
