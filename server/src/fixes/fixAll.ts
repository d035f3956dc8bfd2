/**
 * "Fix all" in one file: the safe fixes (read the port from PORT, log to
 * stdout) of every finding, as one edit. Fixes are computed against the same
 * text; an import two fixes add is added once, and a fix whose change would
 * overlap another's is left for a later run.
 */
import { isRefusal, type FixResult, type TextChange } from './patch';

export const FIX_ALL_TITLE = 'Fix all Twelve-Factor problems that are safe to fix';

export function fixAll(path: string, text: string, results: readonly FixResult[]): FixResult {
  const changes: TextChange[] = [];
  const same = (a: TextChange, b: TextChange) => a.start === b.start && a.end === b.end && a.newText === b.newText;
  // Two insertions at one point (two imports) both apply, in order.
  const overlaps = (a: TextChange, b: TextChange) => a.start < b.end && b.start < a.end;
  for (const r of results) {
    if (isRefusal(r)) continue;
    const own = r.patches.filter((p) => p.path === path).flatMap((p) => p.changes);
    if (r.patches.some((p) => p.path !== path)) continue;
    const fresh = own.filter((c) => !changes.some((d) => same(c, d)));
    if (fresh.some((c) => changes.some((d) => overlaps(c, d)))) continue;
    changes.push(...fresh);
  }
  if (changes.length === 0) return { title: FIX_ALL_TITLE, refused: 'nothing in this file has a safe automatic fix' };
  return { title: FIX_ALL_TITLE, patches: [{ path, create: false, text, changes }] };
}
