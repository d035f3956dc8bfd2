/**
 * What loads `.env` (signals/dotenvLoaders.ts, workspace/envLoaders.ts), which
 * app a loader serves (fixes/dotenvLoading.ts), and the one-line dependency
 * edits of "Move and load" (fixes/manifestDependency.ts): true positives and
 * the near misses that must not count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initParsers } from '../server/src/engine/engine';
import { dotenvLoading } from '../server/src/fixes/dotenvLoading';
import { addDependency, type ManifestKind } from '../server/src/fixes/manifestDependency';
import { applyChanges } from '../server/src/fixes/patch';
import type { DotenvLoader } from '../server/src/ir/types';
import { projectFileDotenvLoaders, sourceDotenvLoaders } from '../server/src/workspace/envLoaders';

const hows = (loaders: DotenvLoader[]) => loaders.map((l) => `${l.how}${l.setsEnviron ? '' : ' (reader)'}`);

test('source files: the loaders, and what only looks like one', async () => {
  await initParsers();
  const py = (text: string) => hows(sourceDotenvLoaders('app.py', 'python', text));
  const js = (text: string, path = 'app.js') =>
    hows(sourceDotenvLoaders(path, path.endsWith('.ts') ? 'typescript' : 'javascript', text));
  assert.deepEqual(py('from dotenv import load_dotenv\nload_dotenv()\n'), ["python-dotenv's load_dotenv()"]);
  assert.deepEqual(py('import dotenv\ndotenv.load_dotenv(BASE_DIR / ".env")\n'), ["python-dotenv's load_dotenv()"]);
  assert.deepEqual(py('import environ\nenv = environ.Env()\nenviron.Env.read_env()\n'), [
    "django-environ's read_env()",
  ]);
  assert.deepEqual(py('from decouple import config\nX = config("X")\n'), ["python-decouple's config() (reader)"]);
  assert.deepEqual(py('from dotenv import dotenv_values\nc = dotenv_values(".env")\n'), [
    "python-dotenv's dotenv_values() (reader)",
  ]);
  assert.deepEqual(
    py(
      'from pydantic_settings import BaseSettings, SettingsConfigDict\nclass S(BaseSettings):\n    model_config = SettingsConfigDict(env_file=".env")\n',
    ),
    ["pydantic-settings' env_file (reader)"],
  );
  // Near misses: another file, a comment, a method of another object, find_dotenv alone.
  assert.deepEqual(py('from dotenv import load_dotenv\nload_dotenv(".env.test")\n'), []);
  assert.deepEqual(py('# we used to call load_dotenv() here\nimport os\n'), []);
  // The env object made in another module (config/env.py), as Django-Styleguide-Example does.
  assert.deepEqual(py('from config.env import env\nenv.read_env(os.path.join(BASE_DIR, ".env"))\n'), [
    'read_env() (django-environ or environs)',
  ]);
  assert.deepEqual(py('from environs import Env\nenv = Env()\nenv.read_env()\n'), ["environs' read_env()"]);
  assert.deepEqual(py('read_env()\nenv.read_env(".env.prod")\n'), [], 'a bare function; another file');
  assert.deepEqual(py('from dotenv import find_dotenv\nPATH = find_dotenv()\n'), []);

  assert.deepEqual(js("require('dotenv').config();\n"), ["dotenv's config()"]);
  assert.deepEqual(js("import 'dotenv/config';\n", 'main.ts'), ["import 'dotenv/config'"]);
  assert.deepEqual(js("import * as dotenv from 'dotenv';\ndotenv.config({ path: '.env' });\n", 'main.ts'), [
    "dotenv's config()",
  ]);
  assert.deepEqual(js("require('dotenv/config');\n"), ["require('dotenv/config')"]);
  assert.deepEqual(
    js("import { ConfigModule } from '@nestjs/config';\nConfigModule.forRoot({ isGlobal: true });\n", 'app.module.ts'),
    ["@nestjs/config's ConfigModule.forRoot()"],
  );
  assert.deepEqual(
    js("import { ConfigModule } from '@nestjs/config';\nConfigModule.forRoot({ ignoreEnvFile: true });\n", 'a.ts'),
    [],
  );
  assert.deepEqual(js("const dotenv = require('dotenv');\ndotenv.config({ path: '.env.local' });\n"), []);
  assert.deepEqual(js("const config = require('./config');\nconfig.config();\n"), []);
});

test('project files: scripts, Procfiles, compose env_file, frameworks', () => {
  const pkg = (json: unknown) => hows(projectFileDotenvLoaders('package.json', 'package-json', JSON.stringify(json)));
  assert.deepEqual(pkg({ scripts: { start: 'node -r dotenv/config server.js' } }), ['-r dotenv/config']);
  assert.deepEqual(pkg({ scripts: { dev: 'node --env-file=.env --watch app.js' } }), ['--env-file']);
  assert.deepEqual(pkg({ scripts: { start: 'dotenv -e .env -- node app.js' } }), ['the dotenv CLI']);
  assert.deepEqual(pkg({ dependencies: { next: '14.2.0' } }), ['Next.js, which loads .env itself']);
  assert.deepEqual(pkg({ devDependencies: { vite: '5.0.0' } }), [
    'Vite, into import.meta.env (VITE_ variables only) (reader)',
  ]);
  // A test runner's preload does not load .env for the app; a bare mention is no flag.
  assert.deepEqual(pkg({ scripts: { test: 'mocha -r dotenv/config', docs: 'echo dotenv/config' } }), []);
  assert.deepEqual(pkg({ dependencies: { dotenv: '^16.0.0' } }), [], 'a dependency alone loads nothing');

  const [procfile] = projectFileDotenvLoaders('api/Procfile', 'procfile', 'web: uvicorn main:app --env-file .env\n');
  assert.equal(procfile.envFile, 'api/.env');
  assert.equal(procfile.where, 'api/Procfile process web');

  const compose = projectFileDotenvLoaders(
    'compose.yaml',
    'compose',
    'services:\n  api:\n    env_file: ./api/.env\n  worker:\n    env_file:\n      - path: worker/.env\n        required: false\n  db:\n    env_file: /etc/db.env\n',
  );
  assert.deepEqual(
    compose.map((l) => [l.where, l.envFile]),
    [
      ['service api of compose.yaml', 'api/.env'],
      ['service worker of compose.yaml', 'worker/.env'],
    ],
  );
});

test('a loader serves the .env of its own app, or the one it names', () => {
  const loaders: DotenvLoader[] = [
    { file: 'apps/web/server.js', how: "dotenv's config()", setsEnviron: true },
    { file: 'compose.yaml', how: 'env_file:', setsEnviron: true, envFile: 'apps/api/.env' },
    { file: 'apps/api/settings.py', how: "python-decouple's config()", setsEnviron: false },
  ];
  const apps = ['/ws/apps/web', '/ws/apps/api'];
  const project = {
    base: '/ws',
    loaders,
    appOf: (file: string) => apps.find((a) => file.startsWith(`${a}/`)) ?? '/ws',
  };
  assert.equal(dotenvLoading('/ws/apps/web/.env', project).loader?.file, 'apps/web/server.js');
  const api = dotenvLoading('/ws/apps/api/.env', project);
  assert.equal(api.loader?.file, 'compose.yaml');
  assert.deepEqual(
    api.readers.map((r) => r.file),
    ['apps/api/settings.py'],
  );
  const root = dotenvLoading('/ws/.env', project);
  assert.equal(root.loader, undefined, "a nested app's loader does not load the repository's .env");
  assert.deepEqual(root.readers, []);
});

test('dependency lines: the smallest edit in each manifest, none when declared', () => {
  const py = { name: 'python-dotenv', version: '>=1.0' };
  const npm = { name: 'dotenv', version: '^16.4.7' };
  const added = (kind: ManifestKind, text: string, dep = kind === 'package-json' ? npm : py) => {
    const edit = addDependency(kind, text, dep);
    if (edit.kind !== 'change') return edit.kind === 'declared' ? 'declared' : `unsupported: ${edit.reason}`;
    return applyChanges(text, [edit.change]);
  };
  assert.equal(added('requirements', 'django\r\nrequests'), 'django\r\nrequests\r\npython-dotenv>=1.0\r\n');
  assert.equal(added('requirements', ''), 'python-dotenv>=1.0\n');
  assert.equal(added('requirements', '# pinned\nPython_Dotenv==1.0.1\n'), 'declared');
  assert.equal(
    added('requirements', '-r base.txt\npython-dotenv-vault\n'),
    '-r base.txt\npython-dotenv-vault\npython-dotenv>=1.0\n',
  );

  assert.equal(
    added('pyproject', '[project]\nname = "a"\ndependencies = ["flask"]\n'),
    '[project]\nname = "a"\ndependencies = ["flask", "python-dotenv>=1.0"]\n',
  );
  assert.equal(
    added('pyproject', '[project]\ndependencies = []\n'),
    '[project]\ndependencies = ["python-dotenv>=1.0"]\n',
  );
  assert.equal(
    added('pyproject', '[project]\ndependencies = [\n  "flask",\n]\n'),
    '[project]\ndependencies = [\n  "flask",\n  "python-dotenv>=1.0",\n]\n',
  );
  assert.equal(
    added('pyproject', '[project]\nname = "a"\n\n[tool.ruff]\nline-length = 100\n'),
    '[project]\ndependencies = ["python-dotenv>=1.0"]\nname = "a"\n\n[tool.ruff]\nline-length = 100\n',
  );
  assert.equal(
    added('pyproject', '[tool.poetry.dependencies]\npython = "^3.11"\n\n[build-system]\n'),
    '[tool.poetry.dependencies]\npython = "^3.11"\npython-dotenv = ">=1.0"\n\n[build-system]\n',
  );
  assert.equal(added('pyproject', '[project]\ndependencies = ["python_dotenv[cli]"]\n'), 'declared');
  assert.match(added('pyproject', '[tool.black]\n'), /^unsupported/);

  assert.equal(
    added('package-json', '{\n  "name": "a",\n  "dependencies": {\n    "express": "^4.19.0"\n  }\n}\n'),
    '{\n  "name": "a",\n  "dependencies": {\n    "express": "^4.19.0",\n    "dotenv": "^16.4.7"\n  }\n}\n',
  );
  assert.equal(
    added('package-json', '{ "name": "a", "dependencies": {} }'),
    '{ "name": "a", "dependencies": { "dotenv": "^16.4.7" } }',
  );
  assert.equal(
    added('package-json', '{\n    "name": "a",\n    "scripts": { "x": "{" }\n}'),
    '{\n    "name": "a",\n    "scripts": { "x": "{" },\n    "dependencies": {\n        "dotenv": "^16.4.7"\n    }\n}',
  );
  assert.equal(added('package-json', '{ "devDependencies": { "dotenv": "16" } }'), 'declared');
  assert.match(added('package-json', '{ "name": '), /^unsupported/);
});
