/**
 * Environment reads through configuration libraries and a file's own helpers
 * (issue: "environment libraries are environment reads"): the variables the
 * compliance signals report, in Python and JS/TS, and near misses that are
 * not environment reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, initParsers } from '../server/src/engine/engine';
import type { Language } from '../server/src/ir/types';

function envReads(text: string, language: Language, path: string): string[] {
  const result = analyzeText(text, path, language, { signals: true });
  return result.signals?.envReads ?? [];
}

const CASES: { what: string; language: Language; text: string; reads: string[] }[] = [
  {
    what: 'django-environ: env(), env.str(), env.db(), env.cache(name); environ.Env is a class',
    language: 'python',
    text: [
      'import environ',
      'env = environ.Env(DEBUG=(bool, False))',
      'environ.Env.read_env()',
      'DEBUG = env("DEBUG")',
      'SECRET_KEY = env.str("SECRET_KEY")',
      'DATABASES = {"default": env.db()}',
      'CACHES = {"default": env.cache("REDIS_URL", default="redis://localhost:6379/0")}',
      'EMAIL_CONFIG = env.email_url()',
    ].join('\n'),
    reads: ['DATABASE_URL', 'DEBUG', 'EMAIL_URL', 'REDIS_URL', 'SECRET_KEY'],
  },
  {
    what: 'from os import environ still reads os.environ',
    language: 'python',
    text: 'from os import environ\nA = environ["A_VAR"]\nB = environ.get("B_VAR", "x")\n',
    reads: ['A_VAR', 'B_VAR'],
  },
  {
    what: 'python-decouple config() and dj_database_url.config()',
    language: 'python',
    text: 'from decouple import config\nimport dj_database_url\nKEY = config("API_KEY")\nDB = dj_database_url.config()\n',
    reads: ['API_KEY', 'DATABASE_URL'],
  },
  {
    what: 'a helper that reads a variable named by its caller (Python)',
    language: 'python',
    text: 'import os\ndef required(name):\n    value = os.environ.get(name)\n    if not value:\n        raise RuntimeError(name)\n    return value\nREDIS_URL = required("REDIS_URL")\n',
    reads: ['REDIS_URL'],
  },
  {
    what: 'a helper that reads a variable named by its caller (JS)',
    language: 'javascript',
    text: "function required(name) {\n  const v = process.env[name];\n  if (!v) throw new Error(name);\n  return v;\n}\nmodule.exports = { redisUrl: required('REDIS_URL') };\n",
    reads: ['REDIS_URL'],
  },
  {
    what: 'NestJS ConfigService under any receiver name',
    language: 'typescript',
    text: "import { ConfigService } from '@nestjs/config';\nexport class A {\n  constructor(private readonly config: ConfigService) {}\n  url() { return this.config.get<string>('REDIS_URL', 'redis://localhost:6379'); }\n  key() { return this.config.getOrThrow('JWT_SECRET'); }\n}\n",
    reads: ['JWT_SECRET', 'REDIS_URL'],
  },
  {
    what: 'envalid cleanEnv, t3-env createEnv, convict',
    language: 'typescript',
    text: [
      "import { cleanEnv, port, str } from 'envalid';",
      "import { createEnv } from '@t3-oss/env-core';",
      "import convict from 'convict';",
      'export const env = cleanEnv(process.env, { PORT: port({ default: 3000 }), REDIS_URL: str() });',
      'export const t3 = createEnv({ server: { DATABASE_URL: z.string().url() }, runtimeEnv: process.env });',
      "export const conf = convict({ db: { host: { doc: 'h', default: 'localhost', env: 'DB_HOST' } } });",
    ].join('\n'),
    reads: ['DATABASE_URL', 'DB_HOST', 'PORT', 'REDIS_URL'],
  },
  {
    what: 'pydantic BaseSettings fields, env_prefix, Field(alias=…), a subclass in the file',
    language: 'python',
    text: [
      'from pydantic import Field',
      'from pydantic_settings import BaseSettings, SettingsConfigDict',
      'class Settings(BaseSettings):',
      '    model_config = SettingsConfigDict(env_prefix="APP_")',
      '    redis_url: str = "redis://localhost:6379"',
      '    api_key: str = Field(alias="EXTERNAL_API_KEY")',
      'class TestSettings(Settings):',
      '    port: int = 8001',
      'class Plain:',
      '    not_env: str = "x"',
    ].join('\n'),
    reads: ['APP_PORT', 'APP_REDIS_URL', 'EXTERNAL_API_KEY'],
  },
  {
    what: 'near misses: a lower-case config key, a Map get, a helper with a constant name',
    language: 'javascript',
    text: "const config = require('config');\nconst a = config.get('db.host');\nconst m = new Map();\nm.get('KEY');\nfunction port() {\n  const p = process.env.PORT;\n  return p;\n}\nport('X');\n",
    reads: ['PORT'],
  },
];

test('environment libraries and helpers are environment reads, with their names', async () => {
  await initParsers();
  for (const c of CASES) {
    const path = c.language === 'python' ? 'settings.py' : c.language === 'typescript' ? 'config.ts' : 'config.js';
    assert.deepEqual(envReads(c.text, c.language, path), c.reads, c.what);
  }
});

test('a default given to a config library is an environment fallback, not a hardcoded backing service', async () => {
  await initParsers();
  const ts = analyzeText(
    "export class A {\n  constructor(private readonly config: ConfigService) {}\n  url() { return this.config.get('REDIS_URL', 'redis://cache.internal:6379'); }\n}\nconst c = convict({ db: { default: 'postgres://db.internal:5432/app', env: 'DATABASE_URL' } });\n",
    'redis.ts',
    'typescript',
  );
  assert.deepEqual(
    ts.findings.map((f) => f.rule),
    [],
  );
  // Near miss: the same literal outside any env read is still a finding.
  const bare = analyzeText("const url = 'redis://cache.internal:6379';\nconnect(url);\n", 'redis.ts', 'typescript');
  assert.deepEqual(
    bare.findings.map((f) => f.rule),
    ['hardcoded-backing-service'],
  );
});
