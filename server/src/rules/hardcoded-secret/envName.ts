/**
 * The environment variable a move-to-environment fix should introduce, from
 * the literal's binding: `SECRET_KEY`, `stripe.api_key` → `STRIPE_API_KEY`,
 * `DATABASES.default.PASSWORD` → `DATABASE_PASSWORD`,
 * `redis.Redis(password=…)` → `REDIS_PASSWORD`.
 */
import { schemeVariable } from '../../semantics/envNames';
import { nameWords } from './names';
import { secretFreePath, withoutSecretParts } from './secretText';

export interface EnvNameInput {
  name?: string;
  path: readonly string[];
  calleeName?: string;
  /** The credential format's own variable (`STRIPE_SECRET_KEY`), when the literal has one. */
  formatEnvName?: string;
  /** Scheme of a URL with an embedded password. */
  urlScheme?: string;
}

/** Names that say what kind of secret but not whose: they need a qualifier. */
const GENERIC_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pw',
  'pass',
  'passphrase',
  'secret',
  'token',
  'key',
  'api',
  'apikey',
  'access',
  'auth',
  'authorization',
  'credentials',
  'credential',
  'creds',
  'url',
  'uri',
  'dsn',
  'x',
]);

/** Path elements that group settings without naming the service they belong to. */
const CONTAINERS = new Set([
  'default',
  'options',
  'option',
  'opts',
  'config',
  'configuration',
  'conf',
  'cfg',
  'settings',
  'setting',
  'params',
  'parameters',
  'kwargs',
  'args',
  'data',
  'payload',
  'body',
  'headers',
  'header',
  'auth',
  'credentials',
  'creds',
  'connection',
  'connections',
  'self',
  'this',
  'cls',
  'app',
  'module',
  'exports',
  'env',
  'environment',
  'dev',
  'development',
  'prod',
  'production',
  'test',
  'local',
  'common',
  'base',
  'secrets',
  'keys',
  'extra',
  'init',
  'client',
  'process',
  'os',
  'environ',
  'json',
  'imports',
  'providers',
  'controllers',
  'modules',
  'plugins',
  'middleware',
]);

/** Client libraries whose credentials have a conventional variable prefix. */
const LIBRARY_PREFIX: Record<string, string> = {
  psycopg2: 'DATABASE',
  psycopg: 'DATABASE',
  asyncpg: 'DATABASE',
  pg: 'DATABASE',
  mysql: 'DATABASE',
  mysql2: 'DATABASE',
  pymysql: 'DATABASE',
  MySQLdb: 'DATABASE',
  sqlalchemy: 'DATABASE',
  sequelize: 'DATABASE',
  knex: 'DATABASE',
  typeorm: 'DATABASE',
  pymongo: 'MONGODB',
  motor: 'MONGODB',
  mongoose: 'MONGODB',
  mongodb: 'MONGODB',
  redis: 'REDIS',
  ioredis: 'REDIS',
  aioredis: 'REDIS',
  smtplib: 'SMTP',
  smtp: 'SMTP',
  'express-session': 'SESSION',
  jsonwebtoken: 'JWT',
  '@nestjs/jwt': 'JWT',
  '@nestjs/typeorm': 'DATABASE',
  '@nestjs/mongoose': 'MONGODB',
  '@nestjs/bull': 'REDIS',
  bull: 'REDIS',
  bullmq: 'REDIS',
  'next-auth': 'NEXTAUTH',
  nodemailer: 'SMTP',
  stripe: 'STRIPE',
  boto3: 'AWS',
  pika: 'AMQP',
  amqplib: 'AMQP',
  paramiko: 'SSH',
  ldap: 'LDAP',
  ldap3: 'LDAP',
};

const MAX_LENGTH = 48;

export function suggestEnvName(raw: EnvNameInput): string {
  // Never a name spelled with the secret: a key or path element may be one.
  const input = { ...raw, name: withoutSecretParts(raw.name), path: secretFreePath(raw.path) };
  const words = input.name ? nameWords(input.name) : [];
  while (words[0] === 'x' && words.length > 1) words.shift();
  const generic = words.every((w) => GENERIC_WORDS.has(w) || CONTAINERS.has(w));
  if (input.urlScheme !== undefined && (generic || !URL_WORDS.has(words[words.length - 1]))) {
    const scheme = input.urlScheme.replace(/\+.*$/, '');
    return schemeVariable(input.urlScheme) ?? schemeVariable(scheme) ?? `${sanitize(scheme)}_URL`;
  }
  if (words.length === 0) return input.formatEnvName ?? 'SECRET';
  const own = sanitize(words.join('_'));
  // `accessKeyId` holding an AWS key: the vendor's full name says more.
  if (input.formatEnvName?.endsWith(`_${own}`)) return input.formatEnvName;
  if (!words.every((w) => GENERIC_WORDS.has(w))) return own;
  const normalized = words.map((w) => NORMALIZED[w] ?? w);
  const qualifier = qualifierOf(input);
  if (qualifier && !normalized.includes(qualifier.toLowerCase())) normalized.unshift(qualifier.toLowerCase());
  return sanitize(normalized.join('_'));
}

const NORMALIZED: Record<string, string> = {
  authorization: 'token',
  auth: 'token',
  pass: 'password',
  passwd: 'password',
  pwd: 'password',
  pw: 'password',
};

/** Last words of names that already say "this is a locator": `CELERY_BROKER_URL`, `MONGO_URI`, `SENTRY_DSN`. */
const URL_WORDS = new Set(['url', 'uri', 'dsn', 'urls']);

/** Whose secret it is: the credential's vendor, else the nearest telling key of the path, else the client library. */
function qualifierOf(input: EnvNameInput): string | undefined {
  const vendor = input.formatEnvName?.split('_')[0];
  if (vendor && !['PRIVATE', 'JWT', 'SECRET'].includes(vendor)) return vendor;
  const path = input.path.flatMap((p) => p.split('.'));
  if (path.length > 0 && input.name !== undefined && path[path.length - 1] === input.name) path.pop();
  for (let i = path.length - 1; i >= 0; i--) {
    const words = nameWords(path[i]);
    if (words.length === 0 || words.every((w) => CONTAINERS.has(w) || GENERIC_WORDS.has(w) || /^\d+$/.test(w)))
      continue;
    return singular(words.filter((w) => !CONTAINERS.has(w)).join('_') || words.join('_'));
  }
  const root = input.calleeName?.split('.')[0];
  return root ? LIBRARY_PREFIX[root] : undefined;
}

function singular(word: string): string {
  if (/(?:ss|us)$/.test(word)) return word;
  if (/ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (/(?:ches|shes|xes)$/.test(word)) return word.slice(0, -2);
  return word.replace(/s$/, '');
}

function sanitize(raw: string): string {
  let name = raw
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  while (name.length > MAX_LENGTH && name.includes('_')) name = name.slice(name.indexOf('_') + 1);
  if (/^\d/.test(name)) name = `SECRET_${name}`;
  return name || 'SECRET';
}
