// The workspace the editors open: a Python module and a TypeScript service,
// each with one violation of every core rule. Generated at run time so that
// no secret-shaped literal is committed, with random values per run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CORE_RULES = ['hardcoded-secret', 'file-logging', 'pid-file', 'global-state'];

const alnum = (n) =>
  Array.from(randomBytes(n), (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62]).join('');

export function createWorkspace(parent, name = 'shop') {
  const root = path.join(parent, name);
  const secretPy = `django-insecure-${alnum(40)}`;
  const secretTs = ['sk', 'live', alnum(24)].join('_');
  const files = {
    'app/settings.py': [
      'import logging',
      'import os',
      '',
      `SECRET_KEY = "${secretPy}"`,
      '',
      'logger = logging.getLogger(__name__)',
      'logger.addHandler(logging.FileHandler("app.log"))',
      '',
      'VISITS = {}',
      '',
      '',
      'def record_visit(user):',
      '    VISITS[user] = VISITS.get(user, 0) + 1',
      '    return VISITS[user]',
      '',
      '',
      'def write_pid():',
      '    open("app.pid", "w").write(str(os.getpid()))',
      '',
    ].join('\n'),
    'src/server.ts': [
      "import * as fs from 'node:fs';",
      "import express from 'express';",
      "import winston from 'winston';",
      '',
      `const stripeKey = "${secretTs}";`,
      '',
      'const logger = winston.createLogger({',
      "  transports: [new winston.transports.File({ filename: 'app.log' })],",
      '});',
      '',
      'let count = 0;',
      '',
      'const app = express();',
      "app.get('/', (_req, res) => {",
      '  count++;',
      '  logger.info(`hit ${count}`);',
      '  res.send(String(count));',
      '});',
      '',
      "fs.writeFileSync('app.pid', String(process.pid));",
      '',
      'export { app, stripeKey };',
      '',
    ].join('\n'),
    'requirements.txt': 'Django==5.2\n',
    'package.json': JSON.stringify(
      { name: 'shop', private: true, dependencies: { express: '^5.1.0', winston: '^3.17.0' } },
      null,
      2,
    ),
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  execFileSync('git', ['init', '-q', root]);
  return {
    root,
    python: { rel: 'app/settings.py', secretLine: 4, secretColumn: 14, secretName: 'SECRET_KEY', secret: secretPy },
    typescript: { rel: 'src/server.ts', secret: secretTs },
  };
}
