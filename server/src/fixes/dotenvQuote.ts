import {
  JS_ONLY_LINE_BREAK,
  hasPyInterpolation,
  hasLoneSurrogate,
  isJsSpace,
  isPySpace,
  npmDoubleQuoted,
  pyDoubleQuoted,
  pySingleQuoted,
} from './dotenvChars';

export type QuoteResult = { ok: true; text: string } | { ok: false; reason: string };

/** Printable ASCII that both readers keep verbatim without quotes. */
const PLAIN = /^[!$%&()*+,\-./0-9:;<=>?@A-Z[\\\]^_a-z{|}~]+$/;

/**
 * The right-hand side of `NAME=<rhs>` that npm `dotenv.parse` and
 * python-dotenv's `dotenv_values` (with `interpolate` True or False) both
 * read back as exactly `value`. The forms, in order of preference:
 *
 * 1. bare, for non-empty printable ASCII without space, `#`, quotes or backtick;
 * 2. `'…'` (both keep it raw) when the value has no `'`, no CR, no `\\` and does
 *    not end with `\` — and no line break, so an entry stays on one line;
 * 3. `"…"` with line breaks written `\n`/`\r` (the only escapes npm decodes)
 *    when the value has no `"` and each of its backslashes is followed by a
 *    character that neither reader treats as an escape;
 * 4. `'…'` spanning lines, for a value with `"` and a line break;
 * 5. bare, for anything else without `#`, CR, LF, U+2028/U+2029, a leading
 *    quote or backtick, or whitespace at either end (it has both `'` and `"`).
 *
 * Refused (`ok: false`), because no text reads back the same in both:
 * - a NUL, or a lone UTF-16 surrogate (not valid in an environment or UTF-8);
 * - `${…}` as python-dotenv expands it (it has no escape for `$`);
 * - a value that fits no form: it has `'`, CR, `\\` or a final `\`
 *   (so not '…') AND it has `"` or a backslash before `\ ' " a b f n r t v`,
 *   a line break or the end (so not "…") AND it has `#`, CR, LF, U+2028/9,
 *   a leading quote or whitespace at an end (so not bare).
 * Every candidate is decoded with both readers' rules before it is returned.
 */
export function tryQuoteDotenvValue(value: string): QuoteResult {
  if (value.includes('\0'))
    return refused('the value contains a NUL character, which an environment variable cannot hold');
  if (hasLoneSurrogate(value))
    return refused('the value contains a lone UTF-16 surrogate, which cannot be written as UTF-8');
  if (hasPyInterpolation(value)) {
    return refused('python-dotenv would expand the ${…} in the value and it has no way to escape it');
  }
  if (value === '') return { ok: true, text: '' };
  if (PLAIN.test(value)) return { ok: true, text: value };
  const single = singleQuoted(value);
  if (single !== undefined && !/\n/.test(value)) return { ok: true, text: single };
  const double = doubleQuoted(value);
  if (double !== undefined) return { ok: true, text: double };
  if (single !== undefined) return { ok: true, text: single };
  if (bareSafe(value)) return { ok: true, text: value };
  return refused(
    'the value needs both kinds of quote (it has \' or a CR or a doubled backslash, and " or a backslash escape) and cannot stay bare (it has #, a line break, U+2028/U+2029, or a quote or space at an end): npm dotenv and python-dotenv would read any quoting differently',
  );
}

/** `tryQuoteDotenvValue` without the reason: `undefined` when refused. */
export function quoteDotenvValue(value: string): string | undefined {
  const r = tryQuoteDotenvValue(value);
  return r.ok ? r.text : undefined;
}

function singleQuoted(value: string): string | undefined {
  if (/['\r]/.test(value) || value.endsWith('\\')) return undefined;
  // npm keeps single-quoted text raw; Python decodes \\ and \' in it.
  if (pySingleQuoted(value) !== value) return undefined;
  return `'${value}'`;
}

function doubleQuoted(value: string): string | undefined {
  if (value.includes('"')) return undefined;
  const body = value.replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  if (body.endsWith('\\')) return undefined;
  if (npmDoubleQuoted(body) !== value || pyDoubleQuoted(body) !== value) return undefined;
  return `"${body}"`;
}

function bareSafe(value: string): boolean {
  if (/[#\r\n]/.test(value) || JS_ONLY_LINE_BREAK.test(value) || /^['"`]/.test(value)) return false;
  const ends = [value.charCodeAt(0), value.charCodeAt(value.length - 1)];
  return !ends.some((c) => isJsSpace(c) || isPySpace(c));
}

function refused(reason: string): QuoteResult {
  return { ok: false, reason };
}
