/**
 * A positioned INI reader: sections, `key = value` entries and comments, with
 * the offsets of every value as written. No INI library on npm keeps source
 * positions, and the format is small. It reads the way the tools that own
 * these files do:
 *
 * - Python's configparser (alembic, python-decouple's settings.ini, and
 *   supervisord's own parser): `=` or `:` separates, whichever comes first;
 *   an indented line continues the value above; `#` and `;` start comment
 *   lines; supervisord also ends a value at ` ;` or ` #` (inline comments).
 * - uWSGI: `=` only, no continuation lines, no inline comments (a `#` in a
 *   value is the value's).
 *
 * LF, CRLF and lone CR line ends; a byte-order mark is skipped.
 */
import type { CommentFact } from '../../ir/facts';
import type { Span } from '../../ir/types';

export interface IniEntry {
  section: string;
  key: string;
  /** The value as the tool reads it: trimmed, continuation lines joined with `\n`. */
  value: string;
  /** The value as written (from its first to its last character). */
  span: Span;
  /** Zero-based line of the key. */
  line: number;
}

export interface IniOptions {
  /** `:` separates as `=` does (configparser). */
  colon: boolean;
  /** Indented lines continue the value above (configparser). */
  continuation: boolean;
  /** ` ;` / ` #` end a value (supervisord). */
  inlineComments: boolean;
}

export interface IniFile {
  entries: IniEntry[];
  comments: CommentFact[];
  /** Lines that are neither section, entry, comment nor continuation. */
  malformed: boolean;
}

interface Line {
  start: number;
  end: number;
}

function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    out.push({ start, end });
    if (end >= text.length) break;
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return out;
}

/** The span of `text[start, end)` without blanks at either end. */
function trimmed(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /[ \t]/.test(text[s])) s++;
  while (e > s && /[ \t]/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

export function readIni(text: string, options: IniOptions): IniFile {
  const file: IniFile = { entries: [], comments: [], malformed: false };
  let section = '';
  let open: IniEntry | undefined;
  lines(text).forEach(({ start, end }, line) => {
    const body = trimmed(text, start, end);
    const first = text[body.start];
    if (body.start === body.end) {
      open = undefined;
      return;
    }
    if (first === '#' || first === ';') {
      file.comments.push({ text: text.slice(body.start + 1, body.end), span: body, line, trailing: false });
      return;
    }
    if (open && options.continuation && body.start > start) {
      const part = valueSpan(text, body.start, body.end, options, file, line);
      open.value += `\n${text.slice(part.start, part.end)}`;
      open.span = { start: open.span.start, end: part.end };
      return;
    }
    open = undefined;
    if (first === '[') {
      const close = text.indexOf(']', body.start);
      if (close < 0 || close >= body.end) file.malformed = true;
      else section = text.slice(body.start + 1, close).trim();
      return;
    }
    const sep = separator(text, body.start, body.end, options.colon);
    if (sep < 0) {
      // uWSGI's bare flags (`master`, `strict`) are options without a value.
      if (!/^[\w.-]+$/.test(text.slice(body.start, body.end))) file.malformed = true;
      return;
    }
    const key = text.slice(body.start, sep).trim();
    const span = valueSpan(text, sep + 1, body.end, options, file, line);
    open = { section, key, value: text.slice(span.start, span.end), span, line };
    file.entries.push(open);
  });
  return file;
}

function separator(text: string, start: number, end: number, colon: boolean): number {
  for (let i = start; i < end; i++) if (text[i] === '=' || (colon && text[i] === ':')) return i;
  return -1;
}

/** The value of `text[start, end)`, an inline comment cut off (and recorded) where the dialect has them. */
function valueSpan(text: string, start: number, end: number, options: IniOptions, file: IniFile, line: number): Span {
  if (options.inlineComments) {
    for (let i = start; i < end; i++) {
      if ((text[i] === ';' || text[i] === '#') && /[ \t]/.test(text[i - 1])) {
        file.comments.push({ text: text.slice(i + 1, end), span: { start: i, end }, line, trailing: true });
        return trimmed(text, start, i);
      }
    }
  }
  return trimmed(text, start, end);
}
