/**
 * The environment variable name the "Move to environment" fix proposes,
 * derived from where the literal sits. Rules, first that applies:
 *
 * 1. The literal's own label: `keyword` (the argument name or options key in
 *    a call, `host=` / `{ url }`), else `path` (keys from the outermost named
 *    thing down to the literal, `DATABASES.default.PASSWORD`), else `name`
 *    (dotted names are paths: `self.api_key`). Receivers and generic
 *    containers (`self`, `this`, `config`, `settings`, `options`, `app`,
 *    `default`, array indices…) are dropped; a plural head of an alias map
 *    is singularized (`DATABASES` → `DATABASE`, `CACHES` → `CACHE`); Django's
 *    cache `LOCATION` is a URL (`CACHES.default.LOCATION` → `CACHE_URL`); at
 *    most the head and the last two parts are kept; a parent repeated by the
 *    leaf is dropped (`redis.redisUrl` → `REDIS_URL`).
 * 2. A generic label (`url`, `host`, `password`, `key`…) or no label at all
 *    is prefixed with the service named by the callee or the value's URL
 *    scheme: `redis.Redis(host=…)` → `REDIS_HOST`,
 *    `redis.createClient({ url })` → `REDIS_URL`, `mongoose.connect("mongodb://…")`
 *    → `MONGODB_URI`, `"postgres://…"` → `DATABASE_URL`, `"amqp://…"` → `AMQP_URL`.
 *    With no label, a service gets its locator variable (semantics/envNames:
 *    `_URL`, `MONGODB_URI`, `KAFKA_BROKERS`) for a backing service or a URL value,
 *    else `_API_KEY` (`_SECRET` for JWT signing).
 * 3. Otherwise `APP_SECRET` (hardcoded-secret) or `SERVICE_URL` (backing service).
 *
 * Names a shell or OS already sets (`USER`, `HOST`, `PATH`…) get the
 * fallback's first word as a prefix (`APP_USER`, `SERVICE_HOST`), since
 * dotenv readers do not override variables that are already set.
 */

import { isSecretText } from '../rules/hardcoded-secret/secretText';
import { locatorVariable } from '../semantics/envNames';
import { snakeUpper } from '../lib/identifiers';

function words(list: string): Set<string> {
  return new Set(list.split(' '));
}

export interface EnvNameContext {
  name?: string;
  path: string[];
  calleeName?: string;
  keyword?: string;
  /** The value is a secret (its rule is a security rule): named APP_… rather than SERVICE_…. */
  secret: boolean;
  /** The literal (only its scheme and known token prefixes are looked at). */
  valueHint?: string;
}

const DROPPED = words(
  'self this cls config configs conf cfg settings setting options option opts params props ' +
    'env default defaults app application module exports window global globals globalthis ' +
    'process values data prod production dev development local common base',
);

/** Heads of Django-style alias maps (`DATABASES = {"default": {...}}`). */
const ALIAS_MAPS = new Set(['databases', 'caches', 'storages', 'channel_layers', 'queues', 'brokers']);

/** Labels that say what but not whose: prefixed with the service, or with APP_/SERVICE_ when none is known. */
const GENERIC_LABELS = words(
  'url uri dsn host hostname port password pass passwd pwd user username key secret token ' +
    'auth location connection connection_string connectionstring conn endpoint address addr ' +
    'server servers db database name broker broker_url node nodes cluster',
);

/** Labels that are fine alone but take a known service's prefix (`OpenAI(api_key=…)` → `OPENAI_API_KEY`). */
const SERVICE_SCOPED_LABELS = words(
  'api_key apikey secret_key access_key client_secret client_id access_token auth_token ' +
    'private_key webhook_secret',
);

/** Label words renamed to the usual env var word. */
const RENAMES: Record<string, string> = {
  URI: 'URL',
  CONNECTIONSTRING: 'URL',
  CONNECTION_STRING: 'URL',
  CONN: 'URL',
  CONNECTION: 'URL',
  PASS: 'PASSWORD',
  PASSWD: 'PASSWORD',
  PWD: 'PASSWORD',
  USERNAME: 'USER',
  HOSTNAME: 'HOST',
  APIKEY: 'API_KEY',
  KEY: 'API_KEY',
  BROKER: 'BROKER_URL',
};

/** [pattern on callee or scheme, env prefix]; the first match wins. */
const SERVICES: [RegExp, string][] = [
  [/celery/i, 'CELERY'],
  [/redis|ioredis|rediss/i, 'REDIS'],
  [/mongo/i, 'MONGODB'],
  [/memcache|pylibmc|pymemcache/i, 'MEMCACHED'],
  [/amqp|pika|rabbit|kombu/i, 'AMQP'],
  [/kafka/i, 'KAFKA'],
  [/nats/i, 'NATS'],
  [/elastic/i, 'ELASTICSEARCH'],
  [/smtp|nodemailer|mailer|sendmail/i, 'SMTP'],
  [/sentry/i, 'SENTRY'],
  [/stripe/i, 'STRIPE'],
  [/twilio/i, 'TWILIO'],
  [/sendgrid/i, 'SENDGRID'],
  [/openai/i, 'OPENAI'],
  [/boto|aws|\bs3\b/i, 'AWS'],
  [/jwt|jsonwebtoken/i, 'JWT'],
  [
    /postgres|psycopg|asyncpg|\bpg\b|mysql|mariadb|sqlite|mssql|oracle|cockroach|sqlalchemy|create_engine|sequelize|knex|prisma|typeorm|mikro|drizzle|\bdb\b|database/i,
    'DATABASE',
  ],
];

/** Known token formats: a better name than any label. */
const TOKEN_PREFIXES: [RegExp, string][] = [
  [/^sk_(live|test)_/, 'STRIPE_SECRET_KEY'],
  [/^(AKIA|ASIA)[0-9A-Z]{16}$/, 'AWS_ACCESS_KEY_ID'],
  [/^gh[pousr]_/, 'GITHUB_TOKEN'],
  [/^xox[bp]-/, 'SLACK_TOKEN'],
  [/^SG\./, 'SENDGRID_API_KEY'],
  [/^-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'PRIVATE_KEY'],
];

const RESERVED = words(
  'USER HOME PATH HOST HOSTNAME SHELL PWD OLDPWD LANG TERM TMPDIR TEMP TMP LOGNAME NAME ' +
    'DISPLAY EDITOR MAIL UID SHLVL NODE_ENV PYTHONPATH NODE_OPTIONS',
);

export function envNameFromContext(ctx: EnvNameContext): string {
  const secret = ctx.secret;
  const fallbackPrefix = secret ? 'APP' : 'SERVICE';
  const hint = ctx.valueHint;
  const token = hint === undefined ? undefined : TOKEN_PREFIXES.find(([re]) => re.test(hint))?.[1];
  const scheme = schemeOf(hint);
  const service = serviceOf(ctx.calleeName) ?? serviceOf(scheme);
  const label = labelParts(ctx);
  const single = label.length === 1 ? label[0] : undefined;
  let name: string;
  if (token && (label.length === 0 || (single && (isGeneric(single) || isScoped(single))))) {
    name = token;
  } else if (single && (isGeneric(single) || isScoped(single))) {
    // A connection URL under a generic label (`DATABASE = "postgres://…"`) is the service's URL.
    const own = renamed(toWords(single));
    const leaf = scheme && isGeneric(single) && !own.endsWith('URL') ? 'URL' : own;
    if (service === 'DATABASE' && /^(DB|DATABASE|NAME)$/.test(leaf)) name = 'DATABASE_NAME';
    else if (service) name = leaf === 'URL' ? locatorVariable(service) : `${service}_${leaf}`;
    else name = isGeneric(single) ? `${fallbackPrefix}_${leaf}` : leaf;
  } else if (label.length > 0) {
    name = label.map(toWords).join('_');
  } else if (service) {
    name = scheme || !secret ? locatorVariable(service) : `${service}_${service === 'JWT' ? 'SECRET' : 'API_KEY'}`;
  } else {
    name = secret ? 'APP_SECRET' : 'SERVICE_URL';
  }
  name = dedupeWords(finish(name));
  if (name === '') name = secret ? 'APP_SECRET' : 'SERVICE_URL';
  if (/^[0-9]/.test(name) || RESERVED.has(name)) name = `${fallbackPrefix}_${name}`;
  return name.length > 64 ? name.slice(0, 64).replace(/_+$/, '') : name;
}

/** The label segments after dropping receivers/containers, per rule 1. */
function labelParts(ctx: EnvNameContext): string[] {
  let raw: string[];
  if (ctx.keyword) raw = [ctx.keyword];
  else if (ctx.path.length > 0) raw = ctx.path.flatMap((p) => p.split('.'));
  else if (ctx.name) raw = ctx.name.split('.');
  else raw = [];
  // A key or path element may be the secret itself: a name spelled with it would print it everywhere.
  raw = raw.filter((p) => !isSecretText(p));
  // `servers[0].url`: a list's name before an index is one of its items.
  raw = raw.map((p, i) => (/^\d+$/.test(raw[i + 1] ?? '') ? singular(p) : p));
  const parts = raw.filter((p) => p !== '' && !/^\d+$/.test(p) && !DROPPED.has(p.toLowerCase()));
  if (parts.length === 0) return [];
  let head: string | undefined;
  if (ALIAS_MAPS.has(parts[0].toLowerCase()) && parts.length > 1) {
    head = singular(parts.shift()!);
    if (/^CACHE$/i.test(head) && /^location$/i.test(parts[parts.length - 1])) parts[parts.length - 1] = 'URL';
  }
  const tail = parts.slice(-2);
  // `stripe.stripeKey`, `redis.redisUrl`: the leaf already says it.
  if (tail.length === 2 && toWords(tail[1]).startsWith(`${toWords(tail[0])}_`)) tail.shift();
  const out = head ? [head, ...tail] : tail;
  return out.length === 1 && head === undefined ? out : out.map((p) => (isGeneric(p) ? renamedLabel(p) : p));
}

function renamedLabel(p: string): string {
  return renamed(toWords(p));
}

function renamed(words: string): string {
  return RENAMES[words] ?? words;
}

function isGeneric(p: string): boolean {
  return GENERIC_LABELS.has(toWords(p).toLowerCase());
}

function isScoped(p: string): boolean {
  return SERVICE_SCOPED_LABELS.has(toWords(p).toLowerCase());
}

function singular(p: string): string {
  const w = toWords(p);
  if (w.endsWith('IES')) return `${w.slice(0, -3)}Y`;
  return w.endsWith('S') && !w.endsWith('SS') ? w.slice(0, -1) : w;
}

function serviceOf(s: string | undefined): string | undefined {
  if (!s) return undefined;
  return SERVICES.find(([re]) => re.test(s))?.[1];
}

function schemeOf(value: string | undefined): string | undefined {
  const m = value === undefined ? null : /^([a-z][a-z0-9+.-]*):\/\//i.exec(value.trim());
  if (!m || /^(https?|ftp|file)$/i.test(m[1])) return undefined;
  return m[1];
}

/** `stripeApiKey`, `APIKey`, `api-key`, `café` → `STRIPE_API_KEY`, `API_KEY`, `API_KEY`, `CAFE`. */
export function toWords(identifier: string): string {
  return snakeUpper(identifier.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
}

function finish(name: string): string {
  return name
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `DATABASE_DATABASE_NAME` → `DATABASE_NAME`: a word repeated right after itself. */
function dedupeWords(name: string): string {
  const words = name.split('_');
  return words.filter((w, i) => i === 0 || w !== words[i - 1]).join('_');
}
