import {
  hasPyInterpolation,
  hasLoneSurrogate,
  npmDoubleQuoted,
  pyDoubleQuoted,
  pySingleQuoted,
} from '../lib/dotenvChars';

export type QuoteResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * What may stay bare: both readers keep it verbatim, and so does a POSIX
 * shell running `set -a; . ./.env` (no expansion, no word splitting, no
 * command separators). Anything else is quoted.
 */
const SHELL_PLAIN = /^[A-Za-z0-9_./:@+-]+$/;

/** A shell expands these inside double quotes (`$(…)`, `${…}`, `$NAME`, backticks): `"…"` would run or change them. */
const SHELL_DOUBLE_QUOTE_ACTIVE = /[$`]/;

/**
 * The right-hand side of `NAME=<rhs>` that npm `dotenv.parse` and
 * python-dotenv's `dotenv_values` (with `interpolate` True or False) both
 * read back as exactly `value`, and that a POSIX shell sourcing the file
 * (`set -a; . ./.env`) never executes. The forms, in order of preference:
 *
 * 1. bare, for `[A-Za-z0-9_./:@+-]+`;
 * 2. `'…'` (both keep it raw, the shell too) when the value has no `'`, no CR,
 *    no `\\` and does not end with `\` — and no line break, so an entry stays
 *    on one line;
 * 3. `"…"` with line breaks written `\n`/`\r` (the only escapes npm decodes)
 *    when the value has no `"`, no `$` and no backtick (the shell would expand
 *    them) and each of its backslashes is followed by a character that
 *    neither reader treats as an escape (a shell reads `\n` as two characters:
 *    nothing runs, but the value differs);
 * 4. `'…'` spanning lines, for a value with a line break that form 3 cannot take.
 *
 * Refused (`ok: false`), because no text reads back the same in both readers
 * without a shell running part of it:
 * - a NUL, or a lone UTF-16 surrogate (not valid in an environment or UTF-8);
 * - `${…}` as python-dotenv expands it (it has no escape for `$`);
 * - a value that fits no form: it has `'`, CR, `\\` or a final `\` (so not
 *   '…') AND it has `"`, `$`, a backtick or a backslash before
 *   `\ ' " a b f n r t v`, a line break or the end (so not "…"). Such values
 *   used to be written bare, where `set -a; . ./.env` ran them.
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
  if (SHELL_PLAIN.test(value)) return { ok: true, text: value };
  const single = singleQuoted(value);
  if (single !== undefined && !/\n/.test(value)) return { ok: true, text: single };
  const double = SHELL_DOUBLE_QUOTE_ACTIVE.test(value) ? undefined : doubleQuoted(value);
  if (double !== undefined) return { ok: true, text: double };
  if (single !== undefined) return { ok: true, text: single };
  return refused(
    'the value needs both kinds of quote (it has \' or a CR or a doubled backslash, and " or $ or a backtick or a backslash escape): npm dotenv, python-dotenv and a shell sourcing .env would read any quoting differently, and left bare a shell would run part of it',
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

function refused(reason: string): QuoteResult {
  return { ok: false, reason };
}
