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
      const cred = credential(m[1], decode(m[3]), decode(m[2]));
      if (cred) return cred;
    }
    const q = QUERY_PASSWORD.exec(value);
    return q ? credential(q[1], decode(q[2])) : undefined;
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
  return !isStandIn(password) && !/^[$%{<*]/.test(password);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
