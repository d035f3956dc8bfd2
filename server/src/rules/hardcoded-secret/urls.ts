/**
 * URLs, DSNs and connection strings that carry a password:
 * `postgres://user:pw@host/db`, `redis://:pw@host`, `https://user:token@github.com/…`,
 * `mysql://host/db?password=pw`, `Server=…;Password=pw;`.
 *
 * Shared with hardcoded-backing-service, which skips what this module
 * reports, so that a URL with credentials is reported once.
 */
import { isPlaceholder } from './values';

export interface UrlCredential {
  /** URL scheme (`postgres`, `redis`, `https`), or `connection string`. */
  scheme: string;
  user?: string;
  password: string;
}

// scheme://[user]:password@host — the authority only, so `@` in a path does not count.
const USERINFO = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/?#]*):([^\s@/]+)@[^\s/?#@]+/gi;
const QUERY_PASSWORD = /\b([a-z][a-z0-9+.-]*):\/\/[^\s?#]*\?(?:[^\s#]*&)?(?:password|passwd|pwd)=([^\s&#]+)/i;
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
    for (const m of value.matchAll(USERINFO)) {
      const cred = { scheme: m[1].toLowerCase(), user: decode(m[2]), password: decode(m[3]) };
      if (isRealPassword(cred.password, cred.user)) return cred;
    }
    const q = QUERY_PASSWORD.exec(value);
    if (q && isRealPassword(decode(q[2]))) return { scheme: q[1].toLowerCase(), password: decode(q[2]) };
    return undefined;
  }
  if (value.includes(';') && /(?:password|pwd)\s*=/i.test(value)) {
    const c = CONN_STRING_PASSWORD.exec(value);
    const password = c?.[1].trim().replace(/^(["'])(.*)\1$/, '$2');
    if (password !== undefined && isRealPassword(password)) return { scheme: 'connection string', password };
  }
  return undefined;
}

/**
 * True when `value` holds a URL or connection string with an embedded,
 * non-placeholder password: exactly the literals hardcoded-secret reports as
 * URLs, so hardcoded-backing-service can skip them.
 */
export function urlHasPassword(value: string): boolean {
  return findUrlCredential(value) !== undefined;
}

function isRealPassword(password: string, user?: string): boolean {
  if (password.length < 3) return false;
  if (user !== undefined && password === user) return false;
  if (DEFAULT_PASSWORDS.has(password.toLowerCase())) return false;
  return !isPlaceholder(password) && !/^[$%{<*]/.test(password);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
