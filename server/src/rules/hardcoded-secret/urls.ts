/**
 * URLs, DSNs and connection strings that carry a password:
 * `postgres://user:pw@host/db`, `redis://:pw@host`, `https://user:token@github.com/…`,
 * `mysql://host/db?password=pw`, `Server=…;Password=pw;`.
 *
 * Shared with hardcoded-backing-service, which skips what this module
 * reports, so that a URL with credentials is reported once.
 */
import { isPlaceholder, isStandIn } from './values';

export interface UrlCredential {
  /** URL scheme (`postgres`, `redis`, `https`), or `connection string`. */
  scheme: string;
  user?: string;
  password: string;
  /** Spelled with placeholder words (`dev-secret`): still the password the URL opens the service with. */
  weak?: boolean;
}

const CONN_STRING_PASSWORD = /(?:^|;)\s*(?:password|pwd)\s*=\s*("[^"]*"|'[^']*'|[^;]*)/i;

/**
 * Passwords that only fill a slot in samples and local setups: well-known
 * defaults of database and broker images, and values equal to the user name
 * (`postgres:postgres`, `guest:guest`).
 */
const DEFAULT_PASSWORDS = new Set([
  'password',
  'passwd',
  'pass',
  'pw',
  'pwd',
  'secret',
  'postgres',
  'postgresql',
  'mysql',
  'root',
  'admin',
  'guest',
  'redis',
  'mongo',
  'rabbitmq',
  'user',
  'test',
  'dev',
  'local',
  'docker',
  'example',
  'changeme',
]);

/** The password a URL or connection string in `value` carries, if it is a real one. */
export function findUrlCredential(value: string): UrlCredential | undefined {
  if (value.includes('://')) {
    const urls = [...schemeStarts(value)];
    for (const url of urls) {
      const userinfo = parseUserinfo(value, url.rest);
      if (!userinfo) continue;
      const cred = credential(url.scheme, decode(userinfo.password), decode(userinfo.user));
      if (cred) return cred;
    }
    for (const url of urls) {
      const q = queryPassword(value, url.rest);
      if (q !== undefined) return credential(url.scheme, decode(q));
    }
    return undefined;
  }
  if (value.includes(';') && /(?:password|pwd)\s*=/i.test(value)) {
    const c = CONN_STRING_PASSWORD.exec(value);
    const password = c?.[1].trim().replace(/^(["'])(.*)\1$/, '$2');
    if (password !== undefined) return credential('connection string', password);
  }
  return undefined;
}

function credential(scheme: string, password: string, user?: string): UrlCredential | undefined {
  if (!isPassword(password, user)) return undefined;
  const cred: UrlCredential = { scheme: scheme === 'connection string' ? scheme : scheme.toLowerCase(), password };
  if (user !== undefined) cred.user = user;
  if (isPlaceholder(password)) {
    // `user:token@`, `username:secret-key@`: both slots named, a sample of the URL's shape.
    if (user !== undefined && SLOT_USERS.test(user)) return undefined;
    cred.weak = true;
  }
  return cred;
}

const SLOT_USERS = /^(?:user|username|usr|login|name|me|your[-_]?user(?:name)?)$/i;

/*
 * Hand-written scanners rather than one regex per shape: `\b[a-z][a-z0-9+.-]*:\/\/`
 * retried at every letter of a long run (`a.a.a.…`, `"a://" + ":".repeat(n)`)
 * costs time quadratic in the literal's length. Each scan below reads a
 * stretch of the text once.
 */

// Character tests on code units (a regex test per character costs ten times more).
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** `[a-z0-9+.-]`, case-insensitive. */
const isSchemeChar = (c: number) => isLetter(c) || isDigit(c) || c === 43 || c === 46 || c === 45;
/** `\w`: letters, digits and `_`. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95;

/**
 * Each `scheme://` in `value`, left to right, as `\b[a-z][a-z0-9+.-]*://`
 * would find it: the scheme is the longest such run ending at the `://`
 * that starts with a letter at a word boundary.
 */
function* schemeStarts(value: string): Generator<{ scheme: string; rest: number }> {
  let floor = 0;
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 1)) {
    let start = at;
    while (start > floor && isSchemeChar(value.charCodeAt(start - 1))) start--;
    // The leftmost letter with a non-word character (or nothing) before it.
    let s = start;
    while (s < at && !(isLetter(value.charCodeAt(s)) && (s === 0 || !isWordChar(value.charCodeAt(s - 1))))) s++;
    floor = at + 3;
    if (s < at) yield { scheme: value.slice(s, at).toLowerCase(), rest: at + 3 };
  }
}

/** `user:password@host` right after `://` (the authority only, so `@` in a path does not count). */
function parseUserinfo(value: string, from: number): { user: string; password: string } | undefined {
  const userEnd = scanUntil(value, from, ' \t\n\r\f\v:@/?#');
  if (value[userEnd] !== ':') return undefined;
  const passwordEnd = scanUntil(value, userEnd + 1, ' \t\n\r\f\v@/');
  if (passwordEnd === userEnd + 1 || value[passwordEnd] !== '@') return undefined;
  const host = value[passwordEnd + 1];
  if (host === undefined || /[\s/?#@]/.test(host)) return undefined;
  return { user: value.slice(from, userEnd), password: value.slice(userEnd + 1, passwordEnd) };
}

/** `password=` (or `passwd=`, `pwd=`) in the query of the URL whose authority starts at `from`: the last such parameter. */
function queryPassword(value: string, from: number): string | undefined {
  const mark = scanUntil(value, from, ' \t\n\r\f\v?#');
  if (value[mark] !== '?') return undefined;
  const end = scanUntil(value, mark + 1, ' \t\n\r\f\v#');
  const query = value.slice(mark + 1, end);
  // A parameter after an `&` is preferred to the first one, the last first (what the greedy regex did).
  let first: string | undefined;
  let last: string | undefined;
  for (const m of query.matchAll(/(?:^|&)(?:password|passwd|pwd)=([^&]+)/gi)) {
    if (m.index === 0 && m[0][0] !== '&') first = m[1];
    else last = m[1];
  }
  return last ?? first;
}

/** The first index at or after `from` holding one of `stops` (or whitespace when `stops` has a space), else the end. */
function scanUntil(value: string, from: number, stops: string): number {
  const re = stopPattern(stops);
  re.lastIndex = from;
  // One native scan of a character class: a megabyte costs a millisecond.
  return re.exec(value)?.index ?? value.length;
}

const STOP_PATTERNS = new Map<string, RegExp>();

function stopPattern(stops: string): RegExp {
  let re = STOP_PATTERNS.get(stops);
  if (!re) {
    const chars = [...stops].filter((c) => !/\s/.test(c)).map((c) => `\\${c}`);
    re = new RegExp(`[${stops.includes(' ') ? '\\s' : ''}${chars.join('')}]`, 'g');
    STOP_PATTERNS.set(stops, re);
  }
  return re;
}

/**
 * True when `value` holds a URL or connection string with an embedded,
 * non-placeholder password: exactly the literals hardcoded-secret reports as
 * URLs, so hardcoded-backing-service can skip them.
 */
export function urlHasPassword(value: string): boolean {
  return findUrlCredential(value) !== undefined;
}

/** A well-known default password of a database or broker image (`postgres`, `guest`, `root`). */
export function isDefaultPassword(password: string): boolean {
  return DEFAULT_PASSWORDS.has(password.toLowerCase());
}

/** Not a slot filler: a default of the image, the user name again, or a placeholder written as such. */
function isPassword(password: string, user?: string): boolean {
  if (password.length < 3) return false;
  if (user !== undefined && password === user) return false;
  if (isDefaultPassword(password)) return false;
  // `$ecret`, `*pw12345` are passwords; `${PASSWORD}`, `%(pw)s`, `{pw}`, `<pw>` are slots.
  return !isStandIn(password) && !/^(?:[%{<]|\$\{)/.test(password);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
