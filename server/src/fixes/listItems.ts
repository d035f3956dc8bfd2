/** Removing items from argument lists and object literals without leaving stray commas. */
import type { Arg, ObjectEntry, Span } from '../ir/facts';
import type { TextChange } from './patch';

/**
 * Deletions for the items at `remove` (indexes into `items`, in source
 * order): a run of removed items goes with the separator after it, or the
 * one before it when the run ends the list.
 */
export function removeItems(items: readonly Span[], remove: ReadonlySet<number>): TextChange[] {
  const changes: TextChange[] = [];
  for (let a = 0; a < items.length; a++) {
    if (!remove.has(a)) continue;
    let b = a;
    while (remove.has(b + 1)) b++;
    if (b + 1 < items.length) changes.push({ start: items[a].start, end: items[b + 1].start, newText: '' });
    else if (a > 0) changes.push({ start: items[a - 1].end, end: items[b].end, newText: '' });
    else changes.push({ start: items[a].start, end: items[b].end, newText: '' });
    a = b;
  }
  return changes;
}

/** The source span of a call argument, keyword name and spread marker included. */
export function argSpan(text: string, arg: Arg): Span {
  let start = arg.value.span.start;
  const before = text.slice(Math.max(0, start - 200), start);
  const m = arg.name
    ? new RegExp(`${arg.name}\\s*=\\s*$`).exec(before)
    : arg.spread
      ? /(?:\*{1,2}|\.\.\.)\s*$/.exec(before)
      : null;
  if (m) start -= m[0].length;
  return { start, end: arg.value.span.end };
}

/** The source span of an object entry, key included (a shorthand entry is its value). */
export function entrySpan(entry: ObjectEntry): Span {
  return { start: entry.keySpan?.start ?? entry.value.span.start, end: entry.value.span.end };
}
