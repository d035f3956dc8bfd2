/**
 * What a backing-service locator looks like on its own: URLs whose scheme
 * names a database, cache, queue, broker, mail server or object store, AWS
 * S3/SQS URLs, and the bare host (`db.internal`, `cache:6379`) that client
 * options and settings such as Django's `HOST` take.
 */

/** A service kind: picks the suggested environment variable. */
export type Service =
  'database' | 'mongodb' | 'redis' | 'memcached' | 'amqp' | 'kafka' | 'nats' | 'smtp' | 's3' | 'sqs' | 'elasticsearch';

/**
 * Schemes of backing services. SQLAlchemy dialect suffixes (`postgresql+psycopg2`)
 * are stripped before the lookup. `sqlite` is absent on purpose: a SQLite URL
 * names a local file, not an attached resource.
 */
const SCHEMES: Record<string, Service> = {
  redis: 'redis',
  rediss: 'redis',
  'redis+sentinel': 'redis',
  amqp: 'amqp',
  amqps: 'amqp',
  mongodb: 'mongodb',
  'mongodb+srv': 'mongodb',
  postgres: 'database',
  postgresql: 'database',
  pgsql: 'database',
  mysql: 'database',
  mariadb: 'database',
  mssql: 'database',
  sqlserver: 'database',
  oracle: 'database',
  cockroachdb: 'database',
  memcached: 'memcached',
  memcache: 'memcached',
  nats: 'nats',
  kafka: 'kafka',
  smtp: 'smtp',
  smtps: 'smtp',
  s3: 's3',
};

/** Template holes and placeholders: a format string is not a locator. */
const TEMPLATE = /[{}<>$%\s]|\.\.\.|\*/;

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i;
const S3_VIRTUAL_HOST = /^https?:\/\/[a-z0-9][a-z0-9.-]*\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com\/?$/i;
const S3_PATH_STYLE = /^https?:\/\/s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com\/[a-z0-9][a-z0-9.-]{2,62}\/?$/i;
const SQS_QUEUE = /^https?:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/[\w-]+(?:\.fifo)?$/i;

export interface Locator {
  service: Service;
}

/**
 * A whole-literal URL locating a backing service (`redis://cache:6379/0`,
 * `postgresql+psycopg2://db/app`, `s3://bucket`, an S3 bucket or SQS queue URL).
 */
export function serviceUrl(value: string): Locator | undefined {
  if (TEMPLATE.test(value)) return undefined;
  const m = URL_PARTS.exec(value);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const authority = m[2];
  if (scheme === 'http' || scheme === 'https') {
    if (SQS_QUEUE.test(value)) return { service: 'sqs' };
    if (S3_VIRTUAL_HOST.test(value) || S3_PATH_STYLE.test(value)) return { service: 's3' };
    return undefined;
  }
  const service = SCHEMES[scheme] ?? SCHEMES[scheme.split('+')[0]];
  if (!service) return undefined;
  // `redis://` alone or `mongodb:///` has no host: a prefix being tested, not a locator.
  const host = authority.replace(/^[^@]*@/, '');
  if (!/[a-z0-9]/i.test(host)) return undefined;
  return { service };
}

/** Any URL (used where the context already says which service: `node:`, `endpoint_url=`). */
export function isUrl(value: string): boolean {
  if (TEMPLATE.test(value)) return false;
  const m = URL_PARTS.exec(value);
  return !!m && /[a-z0-9]/i.test(m[2]);
}

const LABEL = '[a-z0-9](?:[a-z0-9_-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-f:.]+\\])(?::\\d{1,5})?$`, 'i');
/** Addresses a server listens on, never one a client connects to. */
const BIND_ALL = new Set(['0.0.0.0', '::', '[::]', '*']);
/** Words that stand in for a host in samples and templates. */
const PLACEHOLDER_HOSTS = new Set(['host', 'hostname', 'your-host', 'yourhost', 'server', 'x', 'xxx', 'todo']);

/** A bare host or `host:port` a client connects to (`db`, `cache.internal:6379`, `10.0.0.5`). */
export function isHostLike(value: string): boolean {
  if (!HOST.test(value)) return false;
  const host = value.replace(/:\d{1,5}$/, '');
  if (BIND_ALL.has(host) || PLACEHOLDER_HOSTS.has(host.toLowerCase())) return false;
  // `5432`, `1.2` and version-like numbers are not hosts; dotted quads are.
  if (/^[\d.]+$/.test(host) && !/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return false;
  return true;
}

/** `host:port` or an IP: stricter than `isHostLike`, for values that may also be plain names (cache LOCATION). */
export function isHostPort(value: string): boolean {
  if (!isHostLike(value)) return false;
  return /:\d{1,5}$/.test(value) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(value) || value === 'localhost';
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** A locator of this machine: `localhost`, `127.0.0.1:6379`, `redis://localhost/0`, `[::1]`. */
export function isLoopback(value: string): boolean {
  const url = URL_PARTS.exec(value);
  const authority = url ? url[2].replace(/^[^@]*@/, '') : value;
  // Several hosts (`a:1,b:2`) are this machine only when each is.
  return authority
    .split(',')
    .every((host) => LOOPBACK.test(host.trim().replace(/^(\[[^\]]*\]|[^:]*)(?::\d{1,5})?$/, '$1')));
}
