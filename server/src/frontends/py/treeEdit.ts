/**
 * A resolved text edit (lsp/textSync.ts) as the parse trees must see it.
 *
 * The Python front-end parses a copy of the text in which a lone `\r` reads
 * as `\n` (py/lineBreaks.ts), so a character's parsed form depends on
 * the one after it: an edit that starts right after a `\r` can turn it from
 * a lone `\r` into half a `\r\n` or back. The edit is therefore widened to
 * include that `\r` (replaced by itself), so the tree re-parses it.
 */
import type { Edit } from 'web-tree-sitter';
import { pythonParseText } from './lineBreaks';
import type { TextStep } from '../changedRange';

export interface ParseEdit {
  start: number;
  end: number;
  text: string;
}

export function parseStep(step: TextStep): ParseEdit {
  const { before, start, end, text } = step;
  if (start > 0 && before.charCodeAt(start - 1) === 13) return { start: start - 1, end, text: '\r' + text };
  return { start, end, text };
}

/** Tree-sitter's rows and columns: rows end at `\n` only (what it sees, lone `\r`s read as `\n` included). */
function point(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The tree-sitter edit replacing [start, end) of `before` with `text`. */
export function treeEdit(before: string, start: number, end: number, text: string): Edit {
  const parsed = pythonParseText(before);
  const startPosition = point(parsed, start);
  const inserted = point(pythonParseText(text), text.length);
  return {
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + text.length,
    startPosition,
    oldEndPosition: point(parsed, end),
    newEndPosition: {
      row: startPosition.row + inserted.row,
      column: inserted.row === 0 ? startPosition.column + inserted.column : inserted.column,
    },
  };
}
