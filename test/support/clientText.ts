/**
 * What a client's editor holds after a `didChange`, written from the LSP
 * specification and independently of the server's code, as the oracle of the
 * edit tests: lines end at `\n`, `\r\n` or `\r`; a character past a line's
 * content (or inside its `\r\n`) is the end of its content; a line past the
 * last is the end of the text; a range given end first is the same range
 * (VS Code's `Range` orders its ends).
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

interface Line {
  start: number;
  /** Offset of the end of the content (before the line break). */
  end: number;
}

export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function offsetIn(lines: readonly Line[], p: Position, length: number): number {
  if (p.line < 0) return 0;
  if (p.line >= lines.length) return length;
  const line = lines[p.line];
  return line.start + Math.max(0, Math.min(p.character, line.end - line.start));
}

/** `text` after one content change, as the client applied it. */
export function applyChange(text: string, change: TextDocumentContentChangeEvent): string {
  if (!('range' in change)) return change.text;
  const { start, end } = change.range;
  const [from, to] = before(end, start) ? [end, start] : [start, end];
  const lines = linesOf(text);
  return text.slice(0, offsetIn(lines, from, text.length)) + change.text + text.slice(offsetIn(lines, to, text.length));
}

/** The offsets of `range` in `text` (for checking the ranges of returned edits). */
export function offsetsOf(text: string, range: Range): [number, number] {
  const lines = linesOf(text);
  return [offsetIn(lines, range.start, text.length), offsetIn(lines, range.end, text.length)];
}

/** The position of `offset` in `text`. */
export function positionOf(text: string, offset: number): Position {
  const lines = linesOf(text);
  let line = 0;
  while (line + 1 < lines.length && lines[line + 1].start <= offset) line++;
  return { line, character: offset - lines[line].start };
}

/** One change that turns `from` into `to` (the differing middle replaced), as an editor's undo sends it. */
export function changeBetween(from: string, to: string): TextDocumentContentChangeEvent {
  let start = 0;
  while (start < from.length && start < to.length && from[start] === to[start]) start++;
  // A break pair is never split: a position cannot point between its '\r' and '\n'.
  if (start > 0 && from[start - 1] === '\r') start--;
  let end = 0;
  while (
    end < from.length - start &&
    end < to.length - start &&
    from[from.length - 1 - end] === to[to.length - 1 - end]
  )
    end++;
  if (end > 0 && from[from.length - end] === '\n') end--;
  const range = { start: positionOf(from, start), end: positionOf(from, from.length - end) };
  return { range, text: to.slice(start, to.length - end) };
}
