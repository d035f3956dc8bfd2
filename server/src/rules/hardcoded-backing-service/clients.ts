/**
 * Client constructors and connect calls of backing services, by canonical
 * callee name, with where they take the host: option keys / keywords and
 * positional arguments. A string in one of those places is a locator even
 * when it is a bare host (`new Pool({ host: 'db' })`, `redis.Redis("cache")`).
 */
import type { Service } from './locators';

interface Client {
  callee: RegExp;
  service: Service;
  /** Positional argument indices that hold a host, a URL, or a list of them. */
  positional?: number[];
}

const CLIENTS: Client[] = [
  // Python
  {
    callee: /^(?:redis|aioredis|redis\.asyncio)(?:\.client)?\.(?:Redis|StrictRedis)$/,
    service: 'redis',
    positional: [0],
  },
  { callee: /^redis(?:\.asyncio)?\.sentinel\.Sentinel$|^redis\.Sentinel$/, service: 'redis', positional: [0] },
  {
    callee:
      /^(?:psycopg2|psycopg|psycopg\.AsyncConnection|psycopg\.Connection|asyncpg|pg8000|pymysql|MySQLdb|mysql\.connector|aiomysql|aiopg|pymssql|mariadb)\.(?:connect|create_pool)$/,
    service: 'database',
  },
  {
    callee: /^(?:pymongo|motor\.motor_asyncio|motor\.motor_tornado)\.(?:MongoClient|AsyncIOMotorClient|MotorClient)$/,
    service: 'mongodb',
    positional: [0],
  },
  { callee: /^mongoengine\.connect$/, service: 'mongodb' },
  { callee: /^pika\.ConnectionParameters$/, service: 'amqp', positional: [0] },
  { callee: /^(?:smtplib\.(?:SMTP|SMTP_SSL|LMTP)|aiosmtplib\.(?:SMTP|send))$/, service: 'smtp', positional: [0] },
  {
    callee: /^(?:elasticsearch|opensearchpy)\.(?:Elasticsearch|AsyncElasticsearch|OpenSearch|AsyncOpenSearch)$/,
    service: 'elasticsearch',
    positional: [0],
  },
  {
    callee:
      /^(?:pymemcache(?:\.client)?(?:\.base|\.hash)?\.(?:Client|HashClient|PooledClient)|memcache\.Client|bmemcached\.Client|pylibmc\.Client)$/,
    service: 'memcached',
    positional: [0],
  },
  {
    callee: /^(?:kafka|aiokafka)\.(?:KafkaProducer|KafkaConsumer|KafkaAdminClient|AIOKafkaProducer|AIOKafkaConsumer)$/,
    service: 'kafka',
  },
  { callee: /^confluent_kafka\.(?:Producer|Consumer|admin\.AdminClient)$/, service: 'kafka' },
  { callee: /^cassandra\.cluster\.Cluster$/, service: 'database', positional: [0] },
  { callee: /^(?:boto3|boto3\.session\.Session|aioboto3)\.(?:client|resource)$/, service: 's3' },
  // JavaScript / TypeScript
  { callee: /^(?:pg|pg\.native)\.(?:Pool|Client)$|^postgres$|^pg-promise$/, service: 'database' },
  {
    callee: /^(?:mysql|mysql2|mysql2\/promise|mariadb)\.(?:createConnection|createPool|createPoolCluster)$/,
    service: 'database',
  },
  { callee: /^(?:mssql\.(?:connect|ConnectionPool)|tedious\.Connection)$/, service: 'database' },
  { callee: /^(?:sequelize|sequelize\.Sequelize|@sequelize\/core\.Sequelize|knex|knex\.knex)$/, service: 'database' },
  {
    callee: /^typeorm\.(?:DataSource|createConnection)$|^@nestjs\/(?:typeorm|sequelize)\.\w+Module\.forRoot$/,
    service: 'database',
  },
  { callee: /^cassandra-driver\.Client$/, service: 'database' },
  { callee: /^redis\.(?:createClient|createCluster)$/, service: 'redis', positional: [1] },
  { callee: /^ioredis(?:\.(?:default|Redis|Cluster))?$/, service: 'redis', positional: [1] },
  { callee: /^(?:bullmq\.(?:Queue|Worker|QueueEvents|FlowProducer)|bull|bee-queue)$/, service: 'redis' },
  { callee: /^memcached$|^memjs\.Client\.create$/, service: 'memcached', positional: [0] },
  { callee: /^(?:amqplib|amqplib\/callback_api|amqp-connection-manager)\.connect$/, service: 'amqp' },
  { callee: /^kafkajs\.Kafka$/, service: 'kafka' },
  { callee: /^nats\.connect$/, service: 'nats' },
  { callee: /^nodemailer\.createTransport$/, service: 'smtp' },
  { callee: /^(?:@elastic\/elasticsearch|@opensearch-project\/opensearch)\.Client$/, service: 'elasticsearch' },
  {
    callee: /^(?:@aws-sdk\/client-(?:s3|sqs)\.(?:S3Client|S3|SQSClient|SQS)|aws-sdk\.(?:S3|SQS)|minio\.Client)$/,
    service: 's3',
  },
];

/** Option keys and keywords that take the service's host or address. */
export const HOST_KEYS = new Set([
  'host',
  'hostname',
  'hosts',
  'server',
  'servers',
  'endpoint',
  'endPoint',
  'endpoint_url',
  'node',
  'nodes',
  'brokers',
  'bootstrap_servers',
  'bootstrap.servers',
  'contact_points',
  'contactPoints',
  'url',
  'uri',
]);

export interface ClientMatch {
  service: Service;
  positional: number[];
}

export function clientOf(calleeName: string | undefined): ClientMatch | undefined {
  if (!calleeName) return undefined;
  for (const c of CLIENTS) {
    if (c.callee.test(calleeName)) return { service: c.service, positional: c.positional ?? [] };
  }
  return undefined;
}
