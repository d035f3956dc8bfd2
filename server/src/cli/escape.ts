/**
 * Text for a terminal line. A file name is the repository's to choose: one
 * holding a newline, a carriage return or an escape sequence could forge
 * lines (a fake "0 problems" summary) or recolour the terminal, and bidi
 * controls could reorder what is shown. Such characters are written as
 * escapes (`\n`, `\x1b`, `\u202e`), which stay on one line.
 */
// C0 controls, DEL, C1 controls, line/paragraph separators and the bidi embedding/isolate controls.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? escapeCode(c.charCodeAt(0)));
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
