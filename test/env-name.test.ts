import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, initParsers, inputKindOf } from '../server/src/engine/engine';
import { envNameFromContext, type EnvNameContext } from '../server/src/fixes/envName';

const S = 'hardcoded-secret';
const B = 'hardcoded-backing-service';

const CASES: [Partial<EnvNameContext> & { secret: boolean }, string][] = [
  [{ name: 'SECRET_KEY', secret: true }, 'SECRET_KEY'],
  [{ name: 'stripeApiKey', secret: true }, 'STRIPE_API_KEY'],
  [{ name: 'self.api_key', secret: true }, 'API_KEY'],
  [{ name: 'this.config.apiKey', secret: true }, 'API_KEY'],
  [{ name: 'DB_PASSWORD', secret: true }, 'DB_PASSWORD'],
  [{ name: 'APIKey', secret: true }, 'API_KEY'],
  [{ name: 'café-token', secret: true }, 'CAFE_TOKEN'],
  [{ path: ['DATABASES', 'default', 'PASSWORD'], secret: true }, 'DATABASE_PASSWORD'],
  [{ path: ['DATABASES', 'default', 'HOST'], secret: false }, 'DATABASE_HOST'],
  [{ path: ['DATABASES', 'default', 'NAME'], secret: false }, 'DATABASE_NAME'],
  [{ path: ['DATABASES', 'replica', 'PASSWORD'], secret: true }, 'DATABASE_REPLICA_PASSWORD'],
  [{ path: ['DATABASES', 'default', 'OPTIONS', 'passwd'], secret: true }, 'DATABASE_PASSWORD'],
  [{ path: ['CACHES', 'default', 'LOCATION'], secret: false }, 'CACHE_URL'],
  [{ path: ['app', 'config', 'SECRET_KEY'], secret: true }, 'SECRET_KEY'],
  [{ path: ['config', 'stripe', 'secretKey'], secret: true }, 'STRIPE_SECRET_KEY'],
  [{ path: ['settings', 'redis', 'redisUrl'], secret: false }, 'REDIS_URL'],
  [{ path: ['module', 'exports', 'db', 'password'], secret: true }, 'DB_PASSWORD'],
  [{ path: ['servers', '0', 'url'], secret: false }, 'SERVER_URL'],
  [{ calleeName: 'redis.Redis', keyword: 'host', secret: false }, 'REDIS_HOST'],
  [{ calleeName: 'redis.StrictRedis', keyword: 'password', secret: true }, 'REDIS_PASSWORD'],
  [{ calleeName: 'redis.createClient', keyword: 'url', secret: false }, 'REDIS_URL'],
  [{ calleeName: 'createClient', keyword: 'url', secret: false, valueHint: 'redis://cache:6379' }, 'REDIS_URL'],
  [{ calleeName: 'createClient', keyword: 'url', secret: false }, 'SERVICE_URL'],
  [{ calleeName: 'mongoose.connect', secret: false, valueHint: 'mongodb://db:27017/app' }, 'MONGODB_URI'],
  [{ calleeName: 'psycopg2.connect', keyword: 'password', secret: true }, 'DATABASE_PASSWORD'],
  [{ calleeName: 'psycopg2.connect', keyword: 'dbname', secret: false }, 'DBNAME'],
  [{ calleeName: 'create_engine', secret: true, valueHint: 'postgresql://u:p@db/app' }, 'DATABASE_URL'],
  [{ calleeName: 'Celery', keyword: 'broker', secret: false, valueHint: 'amqp://rabbit//' }, 'CELERY_BROKER_URL'],
  [{ calleeName: 'openai.OpenAI', keyword: 'api_key', secret: true }, 'OPENAI_API_KEY'],
  [{ calleeName: 'jwt.sign', secret: true }, 'JWT_SECRET'],
  [{ calleeName: 'smtplib.SMTP', secret: false }, 'SMTP_URL'],
  [{ calleeName: 'new Stripe', secret: true }, 'STRIPE_API_KEY'],
  [{ calleeName: 'new Stripe', secret: true, valueHint: 'sk_test_0123456789' }, 'STRIPE_SECRET_KEY'],
  [{ secret: false, valueHint: 'postgres://db:5432/app' }, 'DATABASE_URL'],
  [{ secret: false, valueHint: 'redis://localhost:6379/0' }, 'REDIS_URL'],
  [{ secret: false, valueHint: 'amqp://guest@rabbit//' }, 'AMQP_URL'],
  [{ name: 'url', secret: false, valueHint: 'rediss://cache:6380' }, 'REDIS_URL'],
  [{ name: 'DATABASE', secret: false, valueHint: 'mysql://db/app' }, 'DATABASE_URL'],
  [{ name: 'key', secret: true, valueHint: 'sk_live_0123456789abcdef' }, 'STRIPE_SECRET_KEY'],
  [{ secret: true, valueHint: 'AKIAABCDEFGHIJKLMNOP' }, 'AWS_ACCESS_KEY_ID'],
  [{ name: 'password', secret: true }, 'APP_PASSWORD'],
  [{ name: 'host', secret: false }, 'SERVICE_HOST'],
  [{ name: 'user', secret: true }, 'APP_USER'],
  [{ name: 'HOME', secret: false }, 'SERVICE_HOME'],
  [{ name: '2fa_secret', secret: true }, 'APP_2FA_SECRET'],
  [{ secret: true }, 'APP_SECRET'],
  [{ secret: false }, 'SERVICE_URL'],
  [{ name: '_', secret: true }, 'APP_SECRET'],
];

for (const [ctx, expected] of CASES) {
  test(`${JSON.stringify(ctx)} → ${expected}`, () => {
    const got = envNameFromContext({ path: [], ...ctx });
    assert.equal(got, expected);
    assert.match(got, /^[A-Z_][A-Z0-9_]*$/);
  });
}

test('every name is a valid environment variable name, for any input', () => {
  const inputs = ['', '__', '123', '∂∂', 'a.b.c.d.e.f', 'x'.repeat(200), 'ünïcödé', 'A-B C'];
  for (const name of inputs) {
    for (const ruleId of [S, B]) {
      const got = envNameFromContext({ name, path: name.split('.'), secret: ruleId === S });
      assert.match(got, /^[A-Z_][A-Z0-9_]{0,63}$/, `${name} → ${got}`);
    }
  }
});

/**
 * One convention for a service's locator variable (semantics/envNames): the
 * rules' suggested name and the fix's own derivation (used when a finding
 * carries none) agree — MongoDB's `MONGODB_URI`, as its own docs spell it.
 */
const LOCATORS: { code: string; file: string; rule: string; ctx: Partial<EnvNameContext>; expected: string }[] = [
  {
    code: "const mongoose = require('mongoose');\nmongoose.connect('mongodb://db:27017/app');\n",
    file: 'db.js',
    rule: B,
    ctx: { calleeName: 'mongoose.connect', valueHint: 'mongodb://db:27017/app' },
    expected: 'MONGODB_URI',
  },
  {
    code: 'import pymongo\n\nclient = pymongo.MongoClient("mongodb+srv://cluster0.example.net/app")\n',
    file: 'db.py',
    rule: B,
    ctx: { calleeName: 'pymongo.MongoClient', valueHint: 'mongodb+srv://cluster0.example.net/app' },
    expected: 'MONGODB_URI',
  },
  {
    code: "const Redis = require('ioredis');\nconst redis = new Redis('redis://cache:6379/0');\n",
    file: 'cache.js',
    rule: B,
    ctx: { calleeName: 'ioredis', valueHint: 'redis://cache:6379/0' },
    expected: 'REDIS_URL',
  },
  {
    code: 'import pymongo\n\nclient = pymongo.MongoClient("mongodb+srv://admin:Zx8vQ2pLm4@cluster0.example.net/app")\n',
    file: 'store.py',
    rule: S,
    ctx: { calleeName: 'pymongo.MongoClient', valueHint: 'mongodb+srv://admin:Zx8vQ2pLm4@cluster0.example.net/app' },
    expected: 'MONGODB_URI',
  },
];

for (const c of LOCATORS) {
  test(`${c.rule} and the fix agree on ${c.expected} (${c.file})`, async () => {
    await initParsers();
    const language = inputKindOf(c.file);
    assert.ok(language);
    const findings = analyzeText(c.code, c.file, language, { role: 'app' }).findings.filter((f) => f.rule === c.rule);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0].data?.envName, c.expected);
    assert.equal(envNameFromContext({ path: [], secret: c.rule === S, ...c.ctx }), c.expected);
  });
}
