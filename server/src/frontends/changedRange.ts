/**
 * One range covering a sequence of text edits, in the shape of TypeScript's
 * `TextChangeRange`: `start` and `oldEnd` are offsets in the text before the
 * first edit, `newEnd` the end of the range in the text after the last one.
 * Offsets are UTF-16 indices (LSP, `TextDocument` and TypeScript agree).
 */
export interface ChangedRange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** One change resolved against the text it applies to: replace [start, end) of `before` with `text`. */
export interface TextStep {
  before: string;
  start: number;
  end: number;
  text: string;
}

/**
 * Adds an edit of the current text (replace [start, end) with `length`
 * characters) to `range`, the edits made before it.
 */
export function foldChange(range: ChangedRange | undefined, start: number, end: number, length: number): ChangedRange {
  if (!range) return { start, oldEnd: end, newEnd: start + length };
  // In current offsets the union is [min start, max end); text after it shifts by the edit's growth.
  const growth = range.newEnd - range.oldEnd;
  return {
    start: Math.min(range.start, start),
    oldEnd: Math.max(range.oldEnd, end - growth),
    newEnd: Math.max(range.newEnd, end) + length - (end - start),
  };
}

/** Whether `after` is `before` with only [start, oldEnd) replaced by [start, newEnd). */
export function matchesChange(before: string, after: string, range: ChangedRange): boolean {
  if (after.length - before.length !== range.newEnd - range.oldEnd) return false;
  if (range.start < 0 || range.oldEnd > before.length || range.start > range.oldEnd) return false;
  return before.startsWith(after.slice(0, range.start)) && after.endsWith(before.slice(range.oldEnd));
}
