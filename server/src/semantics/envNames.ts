/**
 * The conventional environment variable of a backing service's locator,
 * shared by every place that names one: the hardcoded-backing-service and
 * hardcoded-secret rules (the name their message and fix suggest) and the
 * move-to-environment fix's own derivation. `MONGODB_URI` is MongoDB's own
 * spelling (its drivers' docs and Atlas), `MEMCACHED_SERVERS` and
 * `KAFKA_BROKERS` hold lists of servers rather than a URL.
 */

/** Service prefix (`REDIS`, `DATABASE`) → the variable that holds its locator. */
const LOCATOR_VARIABLES: Readonly<Record<string, string>> = {
  DATABASE: 'DATABASE_URL',
  MONGODB: 'MONGODB_URI',
  REDIS: 'REDIS_URL',
  MEMCACHED: 'MEMCACHED_SERVERS',
  AMQP: 'AMQP_URL',
  KAFKA: 'KAFKA_BROKERS',
  NATS: 'NATS_URL',
  SMTP: 'SMTP_URL',
  S3: 'S3_BUCKET_URL',
  SQS: 'SQS_QUEUE_URL',
  ELASTICSEARCH: 'ELASTICSEARCH_URL',
  FTP: 'FTP_URL',
};

/** URL schemes (and the ADO.NET "connection string") → the service prefix they locate. */
const SCHEME_SERVICES: Readonly<Record<string, string>> = {
  postgres: 'DATABASE',
  postgresql: 'DATABASE',
  mysql: 'DATABASE',
  mariadb: 'DATABASE',
  mssql: 'DATABASE',
  oracle: 'DATABASE',
  'connection string': 'DATABASE',
  redis: 'REDIS',
  rediss: 'REDIS',
  amqp: 'AMQP',
  amqps: 'AMQP',
  mongodb: 'MONGODB',
  'mongodb+srv': 'MONGODB',
  smtp: 'SMTP',
  smtps: 'SMTP',
  ftp: 'FTP',
};

/** The variable holding the locator of the service named by `prefix` (`MONGODB` → `MONGODB_URI`, `CELERY` → `CELERY_URL`). */
export function locatorVariable(prefix: string): string {
  return Object.hasOwn(LOCATOR_VARIABLES, prefix) ? LOCATOR_VARIABLES[prefix] : `${prefix}_URL`;
}

/** The locator variable of a known URL scheme (`mongodb+srv` → `MONGODB_URI`), case-insensitive. */
export function schemeVariable(scheme: string): string | undefined {
  const lower = scheme.toLowerCase();
  return Object.hasOwn(SCHEME_SERVICES, lower) ? locatorVariable(SCHEME_SERVICES[lower]) : undefined;
}
