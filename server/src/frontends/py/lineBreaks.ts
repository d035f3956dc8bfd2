/**
 * CPython ends a line at `\n`, `\r\n` or a lone `\r` (files saved by old Mac
 * editors, or a `\r` an edit left alone); tree-sitter-python only knows the
 * first two and reads a lone `\r` as blanks, so two statements become one
 * line of nonsense. The parser gets a copy in which every lone `\r` is a
 * `\n`: the same length, so every offset (and the walker, which reads node
 * text from the original) is unchanged.
 */
const LONE_CR = /\r(?!\n)/g;

export function pythonParseText(text: string): string {
  return text.includes('\r') ? text.replace(LONE_CR, '\n') : text;
}
