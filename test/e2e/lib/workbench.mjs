// Driving the VS Code workbench the way a user does: keyboard first,
// because clicks on list rows are flaky in a headless browser.
import path from 'node:path';
import { notYet, poll } from './process.mjs';
import { budget } from './timing.mjs';

const QUICK_INPUT = '.quick-input-widget';

/** Ctrl+P, the file's path, Enter; waits until its editor tab is active. */
export async function quickOpen(page, rel) {
  const base = path.posix.basename(rel);
  await page.keyboard.press('Control+P');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: budget(10_000) });
  await input.fill(rel);
  // File search (ripgrep) is slow on a loaded 2-core machine, and the list
  // shows recently opened files first: Enter only once the focused row is the file.
  const dir = path.posix.dirname(rel);
  const focused = page.locator(`${QUICK_INPUT} .monaco-list-row.focused`, { hasText: base });
  // The row names the folder too: another file of the same name must not be the one opened.
  await (dir === '.' ? focused : focused.filter({ hasText: dir })).first().waitFor({ timeout: budget(60_000) });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: base }).waitFor({ timeout: budget(15_000) });
  await page
    .locator('.monaco-editor .view-lines')
    .first()
    .waitFor({ timeout: budget(15_000) });
}

/**
 * Quick open with `:line:column` (1-based) moves the cursor in the active
 * editor (Ctrl+G itself does not reach the go-to-line picker in the browser).
 */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+P');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: budget(10_000) });
  await input.fill(`:${line}:${column}`);
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: String(line) })
    .first()
    .waitFor({ timeout: budget(10_000) });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: budget(10_000) });
  await poll(
    async () => (await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).count()) > 0,
    { timeoutMs: budget(10_000), what: `the cursor at Ln ${line}, Col ${column}` },
  );
}

/** F1, a command's label, Enter. */
export async function runCommand(page, label) {
  await page.keyboard.press('F1');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: budget(10_000) });
  await input.fill(`>${label}`);
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: label })
    .first()
    .waitFor({ timeout: budget(15_000) });
  await page.keyboard.press('Enter');
}

export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: budget(10_000) });
}

/** When each page's Problems filter was last typed, and what. */
const typed = new WeakMap();

/** Types `filter` into the Problems panel's filter box (cleared first: a plain fill did not always replace it). */
async function filterProblems(page, filter) {
  const box = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  if ((await box.count()) === 0 || !(await box.isVisible())) return;
  await box.fill('');
  await box.press('Enter');
  await box.fill(filter);
  await box.press('Enter');
  typed.set(page, { filter, at: Date.now() });
}

/**
 * The Problems rows of the one file `rel` (workspace-relative): `listed` when
 * its resource row (name, folder, count) is shown, `rows` the texts of the
 * problem rows under it, never a row of another file. The panel is filtered
 * by the path, which the panel matches as a glob on the resource, so the
 * virtualised list keeps the file's rows rendered; the rows are then read as
 * the tree they are (resource rows at aria-level 1) because the filter also
 * keeps other files whose problem text matches. The panel applies a filter
 * after a debounce, and typing it again restarts that debounce: a filter
 * already in the box is given `SETTLE` to show before it is typed again
 * (re-typed at all because a filter left by an earlier step was once not
 * replaced by a plain fill). Re-typing it on every poll kept the panel on the
 * previous file's rows for a whole minute on a loaded machine.
 */
const SETTLE = budget(1_500);

export async function problemsOf(page, rel) {
  await showProblems(page);
  const base = path.posix.basename(rel);
  const dir = path.posix.dirname(rel);
  const read = () =>
    page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((els) =>
        els.map((el) => ({ level: el.getAttribute('aria-level'), text: (el.textContent ?? '').trim() })),
      );
  let all = await read();
  const isResource = (r) => (r.level ? r.level === '1' : !/\[Ln \d+, Col \d+\]/.test(r.text));
  const start = () =>
    all.findIndex((r) => isResource(r) && r.text.startsWith(base) && (dir === '.' || r.text.includes(dir)));
  const box = page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
  const hasBox = (await box.count()) > 0;
  const inBox = hasBox && (await box.inputValue()) === rel;
  const last = typed.get(page);
  const settling = inBox && last?.filter === rel && Date.now() - last.at < SETTLE;
  if (hasBox && (!inBox || (start() < 0 && !settling))) {
    await filterProblems(page, rel);
    all = await read();
  }
  const at = start();
  if (at < 0) return { listed: false, rows: [], seen: all.map((r) => r.text) };
  const end = all.findIndex((r, i) => i > at && isResource(r));
  const rows = all.slice(at + 1, end < 0 ? undefined : end).map((r) => r.text);
  return { listed: true, rows, seen: all.map((r) => r.text) };
}

/** Polls the Problems rows of the file `rel` until they name every rule in `rules` (from twelve-factor). */
export async function waitForProblems(page, rel, rules, timeoutMs = budget(45_000)) {
  return poll(
    async () => {
      const { listed, rows, seen } = await problemsOf(page, rel);
      if (!listed) return notYet(`no Problems entry for ${rel}; rows: ${JSON.stringify(seen)}`);
      const missing = rules.filter((r) => !rows.some((t) => t.includes('twelve-factor') && t.includes(r)));
      return missing.length === 0 ? rows : notYet(`missing ${missing.join(', ')}; rows: ${JSON.stringify(rows)}`);
    },
    { timeoutMs, what: `Problems for ${rel} to list ${rules.join(', ')}` },
  );
}

/**
 * Ctrl+. then walks the menu with the keyboard to the action whose title
 * matches, and applies it. A request that races the analysis of a just-moved
 * cursor can answer "No code actions available": Ctrl+. is pressed again, as a
 * user would, and each retry is logged. `beforeApply(widget)` runs while the
 * menu is open (a screenshot of it).
 */
export async function applyQuickFix(page, title, { beforeApply, timeoutMs = budget(60_000) } = {}) {
  const widget = page.locator('.action-widget');
  const rows = widget.locator('.monaco-list-row');
  // VS Code asks for code actions by itself 250 ms after the cursor moves, and
  // a Ctrl+. still unanswered 500 ms after that automatic request is superseded
  // by it and reports "No code actions available" (codeActionModel.ts). Once
  // the light bulb shows, the automatic answer is in and nothing is pending.
  await page
    .locator('.monaco-editor .lightBulbWidget, .monaco-editor [class*="codicon-lightbulb"]')
    .first()
    .waitFor({ state: 'visible', timeout: budget(15_000) });
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
        await widget.waitFor({ state: 'visible', timeout: budget(10_000) });
        await poll(async () => (await rows.count()) > 0, { timeoutMs: budget(5_000), what: 'quick-fix actions' });
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
      await widget.waitFor({ state: 'hidden', timeout: budget(10_000) });
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
