/**
 * Character classes where npm `dotenv` (JavaScript regexes) and python-dotenv
 * (Python `re` on str) disagree. Kept apart so the reader and the quoter use
 * the very same definitions.
 */

/** JavaScript's `\s` (what `String.prototype.trim` removes). */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Python's `str.isspace()`, which is also `\s` in a str regex. */
export function isPySpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** U+2028/U+2029 end a line for JavaScript's `^`, `$` and `.` but not for Python. */
export const JS_ONLY_LINE_BREAK = /[\u2028\u2029]/;

/**
 * python-dotenv 0.21 expands `${NAME}` / `${NAME:-default}` in every value,
 * quoted or not, when `interpolate=True` (its default); npm dotenv never does.
 * This is whether its `\$\{[^}:]*(?::-[^}]*)?\}` matches somewhere in
 * `value`. Scanned by hand: that regex, retried at each of many `${`, reads
 * to the end of the value from each (quadratic). Every `${` before the first
 * `}` or `:` that follows it reaches that same stop, so each stretch is read once.
 */
export function hasPyInterpolation(value: string): boolean {
  let stop = -1;
  for (let at = value.indexOf('${'); at >= 0; at = value.indexOf('${', at + 1)) {
    if (at < stop) continue;
    stop = at + 2;
    while (stop < value.length && value[stop] !== '}' && value[stop] !== ':') stop++;
    if (value[stop] === '}') return true;
    // `${name:-default}`: a default runs to the next `}`.
    if (value.startsWith(':-', stop) && value.indexOf('}', stop) >= 0) return true;
    if (stop >= value.length) return false;
  }
  return false;
}

/** npm dotenv decodes only these two escapes, and only inside double quotes. */
export function npmDoubleQuoted(body: string): string {
  return body.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
}

const PY_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** python-dotenv's `decode_escapes(_double_quote_escapes, …)`. */
export function pyDoubleQuoted(body: string): string {
  return body.replace(/\\[\\'"abfnrtv]/g, (m) => PY_ESCAPES[m[1]]);
}

/** python-dotenv's `decode_escapes(_single_quote_escapes, …)`; npm keeps single-quoted text raw. */
export function pySingleQuoted(body: string): string {
  return body.replace(/\\[\\']/g, (m) => m[1]);
}

/** A lone UTF-16 surrogate cannot be written as UTF-8. */
export function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
