/**
 * The lines a file must start with, before anything a fix inserts: a
 * shebang (line 1), Python's coding declaration (PEP 263: line 1 or 2) and a
 * Dockerfile's parser directives (`# syntax=…`, read only before any other
 * comment). A byte order mark counts as part of the header.
 */
export type HeaderKind = 'python' | 'dockerfile' | 'other';

const LINE = /^([^\r\n]*)(\r\n|\n|\r|$)/;
const CODING = /^[ \t\f]*#.*?coding[:=]/;
const DIRECTIVE = /^#\s*[A-Za-z]+\s*=/;

/**
 * The offset of the first line after the header (0 when there is none), or
 * `undefined` when the whole file is header with no line break after it:
 * an insertion there must start with one.
 */
export function afterHeaderLines(text: string, kind: HeaderKind): number | undefined {
  let offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const most = kind === 'dockerfile' ? Infinity : 2;
  for (let i = 0; i < most && offset < text.length; i++) {
    const [whole, line, eol] = LINE.exec(text.slice(offset))!;
    const header =
      (i === 0 && line.startsWith('#!')) ||
      (kind === 'python' && CODING.test(line)) ||
      (kind === 'dockerfile' && DIRECTIVE.test(line));
    if (!header) break;
    if (eol === '') return undefined;
    offset += whole.length;
  }
  return offset;
}
