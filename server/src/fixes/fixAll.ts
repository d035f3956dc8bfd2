/**
 * "Fix all" in one file: the safe fixes (read the port from PORT, log to
 * stdout, and Move to .env where fixes/envLoadingFixes.ts says it is safe)
 * of every finding, as one edit. Fixes are computed against the same texts;
 * their patches merge per file (one change to `.env`, one to the document),
 * an import two fixes add is added once, and a fix whose change would
 * overlap another's is left out whole, for a later run.
 */
import { isRefusal, mergePatches, type FilePatch, type FixResult, type TextChange } from './patch';

export const FIX_ALL_TITLE = 'Fix all Twelve-Factor problems that are safe to fix';

/**
 * `leftOut`: why a fix was not included (values not moved to `.env`); it goes
 * in the title, so the Source Action menu shows it.
 */
export function fixAll(path: string, results: readonly FixResult[], leftOut?: string): FixResult {
  const title = leftOut ? `${FIX_ALL_TITLE} (values not moved to .env: ${leftOut})` : FIX_ALL_TITLE;
  const accepted = new Map<string, FilePatch>();
  const same = (a: TextChange, b: TextChange) => a.start === b.start && a.end === b.end && a.newText === b.newText;
  // Two insertions at one point (two imports) both apply, in order.
  const overlaps = (a: TextChange, b: TextChange) => a.start < b.end && b.start < a.end;
  for (const r of results) {
    if (isRefusal(r)) continue;
    const fresh: FilePatch[] = [];
    let clash = false;
    for (const p of r.patches) {
      const seen = accepted.get(p.path);
      const own = p.changes.filter((c) => !seen?.changes.some((d) => same(c, d)));
      if (seen && (seen.create !== p.create || seen.text !== p.text)) clash = true;
      if (own.some((c) => seen?.changes.some((d) => overlaps(c, d)))) clash = true;
      fresh.push({ ...p, changes: own });
    }
    if (clash) continue;
    for (const p of fresh) {
      const seen = accepted.get(p.path);
      if (seen) seen.changes.push(...p.changes);
      else accepted.set(p.path, { ...p, changes: [...p.changes] });
    }
  }
  const own = accepted.get(path);
  if (!own || own.changes.length === 0) return { title, refused: 'nothing in this file has a safe automatic fix' };
  // The document last: the other files keep the order their fix planned (`.gitignore` before `.env`).
  const others = [...accepted.values()].filter((p) => p.path !== path && (p.changes.length > 0 || p.create));
  return { title, patches: mergePatches([...others, own]) };
}
