// The workspace the editors open: a Python module and a TypeScript service,
// each with one violation of every core rule. Generated at run time so that
// no secret-shaped literal is committed, with random values per run.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './paths.mjs';

export const CORE_RULES = ['hardcoded-secret', 'file-logging', 'pid-file', 'global-state'];

const alnum = (n) =>
  Array.from(randomBytes(n), (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62]).join('');

/**
 * Writes the workspace under parent/name and `git init`s it. With
 * `examples`, the repo's examples/ apps are copied in too, so the editor
 * sees a realistic project (their file names differ from the generated ones).
 */
export function createWorkspace(parent, { name = 'shop', examples = false } = {}) {
  const root = path.join(parent, name);
  const secretPy = `django-insecure-${alnum(40)}`;
  const secretTs = ['sk', 'live', alnum(24)].join('_');
  const files = {
    'app/billing.py': [
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
    'src/checkout.ts': [
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
  const examplesDir = path.join(REPO, 'examples');
  const withExamples = examples && existsSync(examplesDir);
  if (withExamples) cpSync(examplesDir, path.join(root, 'examples'), { recursive: true });
  execFileSync('git', ['init', '-q', root]);
  return {
    root,
    examples: withExamples,
    python: { rel: 'app/billing.py', secretLine: 4, secretColumn: 14, secretName: 'SECRET_KEY', secret: secretPy },
    typescript: { rel: 'src/checkout.ts', secret: secretTs },
  };
}
