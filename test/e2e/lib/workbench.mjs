// Driving the VS Code workbench the way a user does: keyboard first,
// because clicks on list rows are flaky in a headless browser.
import path from 'node:path';
import { notYet, poll } from './process.mjs';

const QUICK_INPUT = '.quick-input-widget';

/** Ctrl+P, the file's path, Enter; waits until its editor tab is active. */
export async function quickOpen(page, rel) {
  const base = path.posix.basename(rel);
  await page.keyboard.press('Control+P');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(rel);
  // File search (ripgrep) is slow on a loaded 2-core machine, and the list
  // shows recently opened files first: Enter only once the focused row is the file.
  await page.locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: base }).first().waitFor({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/**
 * Quick open with `:line:column` (1-based) moves the cursor in the active
 * editor (Ctrl+G itself does not reach the go-to-line picker in the browser).
 */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: String(line) })
    .first()
    .waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await poll(
    async () => (await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).count()) > 0,
    { timeoutMs: 10_000, what: `the cursor at Ln ${line}, Col ${column}` },
  );
}

/** F1, a command's label, Enter. */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: label }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
}

/**
 * Texts of the Problems rows after filtering by `filter` (a file name). The
 * list is virtualised, so filtering keeps the rows of interest rendered.
 */
export async function problemRows(page, filter) {
  await showProblems(page);
  const box = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  if ((await box.count()) > 0 && (await box.isVisible())) {
    // Re-typed every time: a filter left by an earlier step is not always
    // replaced by a plain fill (the panel kept showing the old file's rows).
    if ((await box.inputValue()) !== filter) {
      await box.fill('');
      await box.press('Enter');
    }
    await box.fill(filter);
    await box.press('Enter');
  }
  return page.locator('.markers-panel .monaco-list-row').allTextContents();
}

/** Polls the Problems panel until rows name every rule in `rules`. */
export async function waitForProblems(page, fileFilter, rules, timeoutMs = 45_000) {
  let rows = [];
  await poll(
    async () => {
      rows = await problemRows(page, fileFilter);
      // The filter applies after a debounce: rows of other files may still show.
      const resources = rows.filter((t) => !/\[Ln \d+, Col \d+\]/.test(t));
      if (resources.length === 0 || resources.some((t) => !t.startsWith(fileFilter))) {
        return notYet(`rows not (yet) filtered to ${fileFilter}: ${JSON.stringify(rows)}`);
      }
      const missing = rules.filter((r) => !rows.some((t) => t.includes('twelve-factor') && t.includes(r)));
      return missing.length === 0 && rows.length > 0
        ? true
        : notYet(`missing ${missing.join(', ')}; rows: ${JSON.stringify(rows)}`);
    },
    { timeoutMs, what: `Problems for ${fileFilter} to list ${rules.join(', ')}` },
  );
  return rows;
}

/**
 * Ctrl+. then walks the menu with the keyboard to the action whose title
 * matches, and applies it. A request that races the analysis of a just-moved
 * cursor can answer "No code actions available": Ctrl+. is pressed again, as a
 * user would, and each retry is logged. `beforeApply(widget)` runs while the
 * menu is open (a screenshot of it).
 */
export async function applyQuickFix(page, title, { beforeApply, timeoutMs = 60_000 } = {}) {
  const widget = page.locator('.action-widget');
  const rows = widget.locator('.monaco-list-row');
  let attempt = 0;
  await poll(
    async () => {
      attempt++;
      if (attempt > 1) {
        console.log(`      (Ctrl+. again, attempt ${attempt}: the menu did not open)`);
        await page.keyboard.press('Escape');
      }
      await page.keyboard.press('Control+.');
      try {
        await widget.waitFor({ state: 'visible', timeout: 10_000 });
        await poll(async () => (await rows.count()) > 0, { timeoutMs: 5_000, what: 'quick-fix actions' });
        return true;
      } catch (err) {
        const hint = await page.locator('.monaco-editor-overlaymessage').allTextContents();
        return notYet(`no quick-fix menu (${hint.join(' ') || String(err.message).split('\n')[0]})`);
      }
    },
    { timeoutMs, intervalMs: 500, what: 'the quick-fix menu' },
  );
  const all = await rows.allTextContents();
  if (!all.some((t) => title.test(t))) {
    throw new Error(`no quick fix matching ${title} in ${JSON.stringify(all)}`);
  }
  for (let i = 0; i < all.length + 1; i++) {
    const focused = (await widget.locator('.monaco-list-row.focused').allTextContents())[0] ?? '';
    if (title.test(focused)) {
      await beforeApply?.(widget);
      await page.keyboard.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout: 10_000 });
      return focused;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not focus the quick fix matching ${title} in ${JSON.stringify(all)}`);
}

/** Texts of the rendered rows of the side bar's tree (virtualised: only what is on screen). */
export function sidebarRows(page) {
  return page.locator('.part.sidebar .pane-body .monaco-list-row').allTextContents();
}

/** The rendered side-bar row whose text starts with `prefix`. */
export function sidebarRow(page, prefix) {
  return page
    .locator('.part.sidebar .pane-body .monaco-list-row')
    .filter({ hasText: new RegExp(`^\\s*${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .first();
}
