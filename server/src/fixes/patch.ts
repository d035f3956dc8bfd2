/**
 * The language-neutral result of a fix: edits to files by UTF-16 offsets
 * into their current text, plus files to create. The LSP layer turns a plan
 * into a WorkspaceEdit (positions, versions, create operations); tests apply
 * it directly.
 */

export interface TextChange {
  /** Half-open UTF-16 offsets into the file's current text (BOM included). */
  start: number;
  end: number;
  newText: string;
}

export interface FilePatch {
  /** Absolute path, or the document itself (`source`). */
  path: string;
  /** The file does not exist yet: create it (empty) before the edits. */
  create: boolean;
  /** The text the offsets refer to ('' for a created file). */
  text: string;
  changes: TextChange[];
}

export interface FixPlan {
  title: string;
  /** In the order the client must apply them: `.gitignore` before `.env`. */
  patches: FilePatch[];
}

export interface Refusal {
  title: string;
  refused: string;
}

export type FixResult = FixPlan | Refusal;

export function isRefusal(r: FixResult): r is Refusal {
  return 'refused' in r;
}

/** Applies non-overlapping changes to `text` (any order given; applied from the end). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const sorted = [...changes].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const c of sorted) {
    if (c.end > limit) throw new Error('overlapping changes');
    out = out.slice(0, c.start) + c.newText + out.slice(c.end);
    limit = c.start;
  }
  return out;
}

/** Merges changes to the same file; a later insertion at the same offset goes after an earlier one. */
export function mergePatches(patches: readonly FilePatch[]): FilePatch[] {
  const byPath = new Map<string, FilePatch>();
  for (const p of patches) {
    const seen = byPath.get(p.path);
    if (!seen) byPath.set(p.path, { ...p, changes: [...p.changes] });
    else seen.changes.push(...p.changes);
  }
  return [...byPath.values()].map((p) => ({ ...p, changes: coalesce(p.changes) }));
}

/** Insertions at the same offset become one change, in the order they were made. */
function coalesce(changes: TextChange[]): TextChange[] {
  const out: TextChange[] = [];
  for (const c of changes) {
    const same = out.find((o) => o.start === c.start && o.end === c.start && c.end === c.start);
    if (same) same.newText += c.newText;
    else out.push({ ...c });
  }
  return out;
}
