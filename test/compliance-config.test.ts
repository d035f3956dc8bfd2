/**
 * The compliance outline on well-built services that read their
 * configuration the way real apps do: a config module imported elsewhere, an
 * env helper, django-environ, python-decouple, pydantic settings, envalid,
 * NestJS ConfigService. Each scores 12/12 (or says honestly what it cannot
 * tell); the same services with a literal port or a secret still warn/fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCompliance } from '../server/src/factors/compute';
import type { ComplianceModel } from '../server/src/shared/compliance';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { prepareWorkspace } from './complianceWorkspaces';

const config = { ...DEFAULT_CONFIG, rules: {}, exclude: [], testFiles: [...DEFAULT_CONFIG.testFiles] };

function explain(model: ComplianceModel): string {
  return model.factors
    .filter((f) => f.status !== 'pass')
    .map((f) => `${f.factor} ${f.status}: ${f.checks.map((c) => `${c.id}=${c.status} (${c.message})`).join('; ')}`)
    .join('\n');
}

function check(model: ComplianceModel, factor: string, id: string) {
  const found = model.factors.find((f) => f.factor === factor)?.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} of factor ${factor}`);
  return found;
}

async function model(name: string, files: Record<string, string> = {}): Promise<ComplianceModel> {
  const { root } = prepareWorkspace(name, { git: true, files });
  return computeCompliance(root, { config });
}

test('a compliant Node service (config module, env helper, RedisStore, SIGTERM, Procfile) scores 12/12', async () => {
  const m = await model('node-service');
  assert.equal(m.score, 12, explain(m));
  assert.equal(check(m, 'VII', 'port-from-env').status, 'pass');
  assert.match(check(m, 'III', 'env-example').message, /lists all 3 variables/);
});

test('the port traced to a literal in the config module warns, naming that module', async () => {
  const m = await model('node-service', {
    'src/config.js':
      'module.exports = { port: 8080, redisUrl: process.env.REDIS_URL, sessionSecret: process.env.SESSION_SECRET, databaseUrl: process.env.DATABASE_URL };\n',
  });
  const port = check(m, 'VII', 'port-from-env');
  assert.equal(port.status, 'warn', explain(m));
  assert.match(port.message, /src\/server\.js:\d+ \(set in src\/config\.js\)/);
  assert.deepEqual(port.files, ['src/config.js', 'src/server.js']);
  // The rule does not fire at `listen(config.port)`: the literal is not there.
  assert.equal(check(m, 'VII', 'no-hardcoded-port').status, 'pass');
});

test('a port from a module the project does not define is unknown, not a warning', async () => {
  const m = await model('node-service', {
    'src/server.js':
      "const express = require('express');\nconst config = require('config');\nconst app = express();\nconst server = app.listen(config.port);\nprocess.on('SIGTERM', () => server.close());\n",
  });
  assert.equal(check(m, 'VII', 'port-from-env').status, 'unknown', explain(m));
});

test('envalid and NestJS ConfigService variants of the Node service', async () => {
  const envalid = await model('node-service', {
    'src/config.js':
      "const { cleanEnv, port, str, url } = require('envalid');\nconst env = cleanEnv(process.env, { PORT: port({ default: 8080 }), REDIS_URL: url(), SESSION_SECRET: str(), DATABASE_URL: url() });\nmodule.exports = { port: env.PORT, redisUrl: env.REDIS_URL, sessionSecret: env.SESSION_SECRET, databaseUrl: env.DATABASE_URL };\n",
  });
  assert.equal(envalid.score, 12, explain(envalid));
  const nest = await model('node-service', {
    'src/redis.service.ts':
      "import { Injectable } from '@nestjs/common';\nimport { ConfigService } from '@nestjs/config';\n@Injectable()\nexport class RedisService {\n  constructor(private readonly config: ConfigService) {}\n  url(): string {\n    return this.config.get<string>('REDIS_URL', 'redis://localhost:6379');\n  }\n}\n",
  });
  assert.equal(nest.score, 12, explain(nest));
});

test('a compliant Django app with django-environ scores 12/12', async () => {
  const m = await model('django-environ');
  assert.equal(m.score, 12, explain(m));
  assert.match(check(m, 'III', 'env-example').message, /lists all 4 variables/);
});

test('python-decouple and pydantic settings variants', async () => {
  const decouple = await model('django-environ', {
    'shop/settings.py':
      'from decouple import Csv, config\nimport dj_database_url\nDEBUG = config("DEBUG", default=False, cast=bool)\nSECRET_KEY = config("SECRET_KEY")\nALLOWED_HOSTS = config("ALLOWED_HOSTS", cast=Csv())\nDATABASES = {"default": dj_database_url.config()}\nSESSION_ENGINE = "django.contrib.sessions.backends.db"\n',
  });
  assert.equal(decouple.score, 12, explain(decouple));
  const pydantic = await model('django-environ', {
    'shop/config.py':
      'from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    debug: bool = False\n    secret_key: str = ""\n    allowed_hosts: str = ""\n    database_url: str = "postgres://shop@localhost:5432/shop"\nsettings = Settings()\n',
    'shop/settings.py':
      'from .config import settings\nDEBUG = settings.debug\nSECRET_KEY = settings.secret_key\nALLOWED_HOSTS = settings.allowed_hosts.split(",")\nSESSION_ENGINE = "django.contrib.sessions.backends.db"\n',
  });
  assert.equal(pydantic.score, 12, explain(pydantic));
});

test('the same Django app with a hardcoded secret still fails III', async () => {
  const m = await model('django-environ', {
    'shop/settings.py':
      'import environ\nenv = environ.Env()\nDEBUG = env("DEBUG")\nSECRET_KEY = "django-insecure-9x!q2m7z#l0v4k8p1w3e5r6t7y8u9i0o"\nALLOWED_HOSTS = env.list("ALLOWED_HOSTS")\nDATABASES = {"default": env.db()}\n',
  });
  assert.equal(m.factors.find((f) => f.factor === 'III')?.status, 'fail', explain(m));
});
