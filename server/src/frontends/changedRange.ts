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

/**
 * The edit turning `before` into `after`: the stretch between their common
 * prefix and common suffix (never splitting a surrogate pair); undefined when
 * they are equal.
 */
export function differingStep(before: string, after: string): TextStep | undefined {
  if (before === after) return undefined;
  const most = Math.min(before.length, after.length);
  let start = commonPrefix(before, after, most);
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let suffix = commonSuffix(before, after, most - start);
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { before, start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}

const BLOCK = 1024;

function commonPrefix(a: string, b: string, most: number): number {
  let i = 0;
  // Whole blocks first: comparing slices runs natively.
  while (i + BLOCK <= most && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < most && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, most: number): number {
  let n = 0;
  while (
    n + BLOCK <= most &&
    a.slice(a.length - n - BLOCK, a.length - n) === b.slice(b.length - n - BLOCK, b.length - n)
  )
    n += BLOCK;
  while (n < most && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
