import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText, initParsers, inputKindOf } from '../server/src/engine/engine';
import { envNameFromContext, type EnvNameContext } from '../server/src/fixes/envName';

const S = 'hardcoded-secret';
const B = 'hardcoded-backing-service';

const CASES: [Partial<EnvNameContext> & { ruleId: string }, string][] = [
  [{ name: 'SECRET_KEY', ruleId: S }, 'SECRET_KEY'],
  [{ name: 'stripeApiKey', ruleId: S }, 'STRIPE_API_KEY'],
  [{ name: 'self.api_key', ruleId: S }, 'API_KEY'],
  [{ name: 'this.config.apiKey', ruleId: S }, 'API_KEY'],
  [{ name: 'DB_PASSWORD', ruleId: S }, 'DB_PASSWORD'],
  [{ name: 'APIKey', ruleId: S }, 'API_KEY'],
  [{ name: 'café-token', ruleId: S }, 'CAFE_TOKEN'],
  [{ path: ['DATABASES', 'default', 'PASSWORD'], ruleId: S }, 'DATABASE_PASSWORD'],
  [{ path: ['DATABASES', 'default', 'HOST'], ruleId: B }, 'DATABASE_HOST'],
  [{ path: ['DATABASES', 'default', 'NAME'], ruleId: B }, 'DATABASE_NAME'],
  [{ path: ['DATABASES', 'replica', 'PASSWORD'], ruleId: S }, 'DATABASE_REPLICA_PASSWORD'],
  [{ path: ['DATABASES', 'default', 'OPTIONS', 'passwd'], ruleId: S }, 'DATABASE_PASSWORD'],
  [{ path: ['CACHES', 'default', 'LOCATION'], ruleId: B }, 'CACHE_URL'],
  [{ path: ['app', 'config', 'SECRET_KEY'], ruleId: S }, 'SECRET_KEY'],
  [{ path: ['config', 'stripe', 'secretKey'], ruleId: S }, 'STRIPE_SECRET_KEY'],
  [{ path: ['settings', 'redis', 'redisUrl'], ruleId: B }, 'REDIS_URL'],
  [{ path: ['module', 'exports', 'db', 'password'], ruleId: S }, 'DB_PASSWORD'],
  [{ path: ['servers', '0', 'url'], ruleId: B }, 'SERVER_URL'],
  [{ calleeName: 'redis.Redis', keyword: 'host', ruleId: B }, 'REDIS_HOST'],
  [{ calleeName: 'redis.StrictRedis', keyword: 'password', ruleId: S }, 'REDIS_PASSWORD'],
  [{ calleeName: 'redis.createClient', keyword: 'url', ruleId: B }, 'REDIS_URL'],
  [{ calleeName: 'createClient', keyword: 'url', ruleId: B, valueHint: 'redis://cache:6379' }, 'REDIS_URL'],
  [{ calleeName: 'createClient', keyword: 'url', ruleId: B }, 'SERVICE_URL'],
  [{ calleeName: 'mongoose.connect', ruleId: B, valueHint: 'mongodb://db:27017/app' }, 'MONGODB_URI'],
  [{ calleeName: 'psycopg2.connect', keyword: 'password', ruleId: S }, 'DATABASE_PASSWORD'],
  [{ calleeName: 'psycopg2.connect', keyword: 'dbname', ruleId: B }, 'DBNAME'],
  [{ calleeName: 'create_engine', ruleId: S, valueHint: 'postgresql://u:p@db/app' }, 'DATABASE_URL'],
  [{ calleeName: 'Celery', keyword: 'broker', ruleId: B, valueHint: 'amqp://rabbit//' }, 'CELERY_BROKER_URL'],
  [{ calleeName: 'openai.OpenAI', keyword: 'api_key', ruleId: S }, 'OPENAI_API_KEY'],
  [{ calleeName: 'jwt.sign', ruleId: S }, 'JWT_SECRET'],
  [{ calleeName: 'smtplib.SMTP', ruleId: B }, 'SMTP_URL'],
  [{ calleeName: 'new Stripe', ruleId: S }, 'STRIPE_API_KEY'],
  [{ calleeName: 'new Stripe', ruleId: S, valueHint: 'sk_test_0123456789' }, 'STRIPE_SECRET_KEY'],
  [{ ruleId: B, valueHint: 'postgres://db:5432/app' }, 'DATABASE_URL'],
  [{ ruleId: B, valueHint: 'redis://localhost:6379/0' }, 'REDIS_URL'],
  [{ ruleId: B, valueHint: 'amqp://guest@rabbit//' }, 'AMQP_URL'],
  [{ name: 'url', ruleId: B, valueHint: 'rediss://cache:6380' }, 'REDIS_URL'],
  [{ name: 'DATABASE', ruleId: B, valueHint: 'mysql://db/app' }, 'DATABASE_URL'],
  [{ name: 'key', ruleId: S, valueHint: 'sk_live_0123456789abcdef' }, 'STRIPE_SECRET_KEY'],
  [{ ruleId: S, valueHint: 'AKIAABCDEFGHIJKLMNOP' }, 'AWS_ACCESS_KEY_ID'],
  [{ name: 'password', ruleId: S }, 'APP_PASSWORD'],
  [{ name: 'host', ruleId: B }, 'SERVICE_HOST'],
  [{ name: 'user', ruleId: S }, 'APP_USER'],
  [{ name: 'HOME', ruleId: B }, 'SERVICE_HOME'],
  [{ name: '2fa_secret', ruleId: S }, 'APP_2FA_SECRET'],
  [{ ruleId: S }, 'APP_SECRET'],
  [{ ruleId: B }, 'SERVICE_URL'],
  [{ name: '_', ruleId: S }, 'APP_SECRET'],
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
      const got = envNameFromContext({ name, path: name.split('.'), ruleId });
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
    assert.equal(envNameFromContext({ path: [], ruleId: c.rule, ...c.ctx }), c.expected);
  });
}
