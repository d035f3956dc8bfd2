/**
 * Names that say a value locates a backing service (`REDIS_URL`, `dbHost`,
 * `EMAIL_HOST`, `DATABASES.default.HOST`) and the environment variable a fix
 * should move it to.
 */
import { snakeUpper } from '../../lib/identifiers';
import { locatorVariable } from '../../semantics/envNames';
import type { Service } from './locators';
import { isSecretText, secretFreePath } from '../hardcoded-secret/secretText';

const SERVICE_WORDS: Record<string, Service> = {
  DB: 'database',
  DATABASE: 'database',
  DATABASES: 'database',
  POSTGRES: 'database',
  POSTGRESQL: 'database',
  PG: 'database',
  MYSQL: 'database',
  MARIADB: 'database',
  MSSQL: 'database',
  SQL: 'database',
  SEQUELIZE: 'database',
  KNEX: 'database',
  TYPEORM: 'database',
  MONGO: 'mongodb',
  MONGODB: 'mongodb',
  MONGOOSE: 'mongodb',
  REDIS: 'redis',
  CACHE: 'redis',
  CACHES: 'redis',
  MEMCACHE: 'memcached',
  MEMCACHED: 'memcached',
  RABBIT: 'amqp',
  RABBITMQ: 'amqp',
  AMQP: 'amqp',
  BROKER: 'amqp',
  CELERY: 'amqp',
  QUEUE: 'amqp',
  KAFKA: 'kafka',
  NATS: 'nats',
  SMTP: 'smtp',
  EMAIL: 'smtp',
  MAIL: 'smtp',
  MAILER: 'smtp',
  ELASTICSEARCH: 'elasticsearch',
  ELASTIC: 'elasticsearch',
  ES: 'elasticsearch',
  OPENSEARCH: 'elasticsearch',
  S3: 's3',
  MINIO: 's3',
  SQS: 'sqs',
};

/** Services reached over plain HTTP(S), where an `http://` URL is the locator. */
const HTTP_SERVICES = new Set<Service>(['elasticsearch', 's3', 'sqs']);

const SUFFIXES =
  'HOST|HOSTNAME|HOSTS|SERVER|SERVERS|URL|URI|ADDR|ADDRESS|DSN|ENDPOINT|ENDPOINT_URL|NODE|NODES|BROKERS|LOCATION';
/** `REDIS_URL`, `CELERY_BROKER_URL`, `EMAIL_HOST`, `PGHOST` (after camelCase → SNAKE). */
const SERVICE_NAME = new RegExp(`^(?:[A-Z0-9_]*_)?([A-Z0-9]+?)_?(?:${SUFFIXES})$`);

/** Keys that hold a host under a service-named parent (`DATABASES.default.HOST`, `redis: { host }`). */
const HOST_LEAVES = new Set([
  'HOST',
  'HOSTNAME',
  'HOSTS',
  'SERVER',
  'SERVERS',
  'ADDRESS',
  'NODE',
  'NODES',
  'ENDPOINT',
  'BROKERS',
  'LOCATION',
]);

export interface NamedService {
  service: Service;
  /** HTTP(S) URLs count as locators for this name. */
  http: boolean;
  /** The value may be a name or path rather than a host (`LOCATION`): demand `host:port`. */
  strict: boolean;
  envName: string;
  /** Said by a parent key (`redis: { host }`) rather than the name itself. */
  fromPath: boolean;
}

/** The service a binding name (or its key path) says the value locates. */
export function serviceOfName(name: string | undefined, rawPath: readonly string[]): NamedService | undefined {
  // The name becomes the suggested variable: never one spelled with a secret.
  if (name === undefined || isSecretText(name)) return undefined;
  const path = secretFreePath(rawPath);
  const upper = snakeUpper(name);
  const m = SERVICE_NAME.exec(upper);
  if (m && SERVICE_WORDS[m[1]]) {
    const service = SERVICE_WORDS[m[1]];
    return { service, http: HTTP_SERVICES.has(service), strict: false, envName: upper, fromPath: false };
  }
  if (!HOST_LEAVES.has(upper)) return undefined;
  for (let i = path.length - 2; i >= 0; i--) {
    const word = snakeUpper(path[i]);
    const service = SERVICE_WORDS[word];
    if (!service) continue;
    const prefix = word === 'DATABASES' ? 'DATABASE' : word === 'CACHES' ? 'CACHE' : word;
    return {
      service,
      http: HTTP_SERVICES.has(service),
      strict: upper === 'LOCATION',
      envName: upper === 'LOCATION' ? `${prefix}_URL` : `${prefix}_${upper}`,
      fromPath: true,
    };
  }
  return undefined;
}

const HOST_ENV: Record<Service, string> = {
  database: 'DATABASE_HOST',
  mongodb: 'MONGODB_HOST',
  redis: 'REDIS_HOST',
  memcached: 'MEMCACHED_SERVERS',
  amqp: 'AMQP_HOST',
  kafka: 'KAFKA_BROKERS',
  nats: 'NATS_URL',
  smtp: 'SMTP_HOST',
  s3: 'AWS_ENDPOINT_URL',
  sqs: 'SQS_QUEUE_URL',
  elasticsearch: 'ELASTICSEARCH_URL',
};

/** Keywords whose name is the conventional variable (`Celery(broker=…)` → `CELERY_BROKER_URL`). */
const KEYWORD_ENV: Record<string, string> = {
  broker: 'CELERY_BROKER_URL',
  broker_url: 'CELERY_BROKER_URL',
  backend: 'CELERY_RESULT_BACKEND',
  result_backend: 'CELERY_RESULT_BACKEND',
  endpoint_url: 'AWS_ENDPOINT_URL',
  endpoint: 'AWS_ENDPOINT_URL',
  endPoint: 'AWS_ENDPOINT_URL',
};

export function defaultEnvName(service: Service, isUrl: boolean, name?: string): string {
  if (name !== undefined && KEYWORD_ENV[name]) return KEYWORD_ENV[name];
  return isUrl ? locatorVariable(service.toUpperCase()) : HOST_ENV[service];
}
