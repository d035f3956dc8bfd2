/**
 * One reading of file names: the client's document selector sends what the
 * server analyses as a document (frontends/documents/kinds.ts), and the
 * compliance watchers report a change of every file the compliance model
 * reads (lib/projectFiles.ts), so the three cannot drift apart again
 * (`Procfile.dev` was sent and analysed but never re-read; an `Aptfile` or a
 * `Dockerfile.prod` edit did not refresh the outline).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOCUMENT_PATTERNS, languageOfPath } from '../server/src/shared/languages';
import { documentKindOf } from '../server/src/frontends/documents';
import { globToRegExp } from '../server/src/lib/globs';
import { isEnvExampleName } from '../server/src/lib/projectFiles';
import { isSkippedConfigPath } from '../server/src/lib/configFiles';
import { COMPLIANCE_WATCHERS, isProjectFileName } from '../server/src/lsp/compliance';

/** `a/{x,y*}.z` → `a/x.z`, `a/y*.z` (one level, as the patterns here use). */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  const close = glob.indexOf('}', open);
  return glob
    .slice(open + 1, close)
    .split(',')
    .flatMap((alt) => expandBraces(glob.slice(0, open) + alt + glob.slice(close + 1)));
}

const matcher = (globs: readonly string[]) => {
  const res = globs.flatMap(expandBraces).map(globToRegExp);
  return (path: string) => res.some((re) => re.test(path));
};

/** Names of every kind, and near misses of each. */
const NAMES = [
  'Dockerfile',
  'dockerfile',
  'Containerfile',
  'Dockerfile.prod',
  'api.dockerfile',
  'docker-compose.yml',
  'docker-compose.override.yaml',
  'compose.yaml',
  'compose.dev.yml',
  '.env',
  '.env.production',
  '.env.local',
  '.env.example',
  '.env.sample',
  'env.example',
  '.env_example',
  'sample.env',
  'Procfile',
  'Procfile.dev',
  'boot.sh',
  'install.sh',
  'entrypoint.bash',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'bun.lockb',
  'poetry.lock',
  'requirements.txt',
  'requirements-dev.txt',
  'pyproject.toml',
  'Pipfile',
  'setup.py',
  'setup.cfg',
  'Aptfile',
  'apt.txt',
  'packages.txt',
  'Makefile',
  'justfile',
  'Jenkinsfile',
  'deployment.yaml',
  'config.json',
  'config.yml',
  'settings.yaml',
  'settings.production.json',
  'appsettings.json',
  'appsettings.Development.json',
  'secrets.yml',
  'credentials.json',
  'config.example.json',
  'settings.sample.yaml',
  'config/default.json',
  'config/production.yml',
  'config/custom-environment-variables.json',
  'config/locales/en.yml',
  'locales/en.json',
  '.vscode/settings.json',
  '.github/workflows/ci.yml',
  '.circleci/config.yml',
  'tsconfig.json',
  'openapi.json',
  'alembic.ini',
  'uwsgi.ini',
  'app.uwsgi.ini',
  'uwsgi-prod.ini',
  'config.ini',
  'settings.ini',
  'example_options.ini',
  'pytest.ini',
  'mypy.ini',
  'tox.ini',
  'supervisord.conf',
  'supervisor/app.conf',
  'nginx/app.conf',
  'README.md',
  'app.py',
  'procfile.py',
  'dockerfile.py',
  'Procfile.txt.bak~',
];

test('the client sends exactly the files the server reads as documents (and the example env files it skips)', () => {
  const sent = matcher(DOCUMENT_PATTERNS);
  for (const name of NAMES) {
    for (const path of [name, `deploy/${name}`]) {
      const analysed = documentKindOf(path) !== undefined;
      if (analysed) assert.ok(sent(path), `${path} is a ${documentKindOf(path)} document the client never sends`);
      else if (sent(path))
        assert.ok(
          isEnvExampleName(name) || isSkippedConfigPath(path) || languageOfPath(path) !== undefined,
          `${path} is sent but the server reads neither source nor a document in it`,
        );
    }
  }
});

test('the compliance watchers report a change of every file the compliance model reads', () => {
  const watched = matcher(COMPLIANCE_WATCHERS);
  for (const name of NAMES) {
    if (isProjectFileName(name)) assert.ok(watched(`app/${name}`), `a change of ${name} never refreshes the outline`);
  }
});

test('config files are chosen by name and folder; examples, other tools’ folders and locales are not', () => {
  assert.equal(documentKindOf('config/default.json'), 'json-config');
  assert.equal(documentKindOf('src/appsettings.Production.json'), 'json-config');
  assert.equal(documentKindOf('deploy/k8s/web.yaml'), 'yaml-config');
  assert.equal(documentKindOf('migrations/alembic.ini'), 'ini-config');
  assert.equal(documentKindOf('deployment/supervisor/web.conf'), 'ini-config');
  assert.equal(documentKindOf('docker/uwsgi.ini'), 'ini-config');
  for (const path of [
    'package.json',
    'tsconfig.json',
    '.vscode/settings.json',
    'config/custom-environment-variables.json',
    'config/locales/en.json',
    'config.example.json',
    'config/example_options.ini',
    'pytest.ini',
    'nginx/site.conf',
    'data/users.json',
  ]) {
    assert.equal(documentKindOf(path), undefined, path);
  }
});

test('a Procfile is the one platforms read; Procfile.dev is a local runner’s and no document', () => {
  assert.equal(documentKindOf('Procfile'), 'procfile');
  assert.equal(documentKindOf('web/Procfile.dev'), undefined);
  assert.equal(documentKindOf('procfile.py'), undefined);
});
