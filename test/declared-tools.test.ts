/** What each kind of project file declares (factors/declaredTools.ts), read from text alone. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredTools, installedSystemPackages, type ManifestFile } from '../server/src/workspace/declaredTools';
import { projectFileKind } from '../server/src/lib/projectFiles';

const tools = (kind: string, text: string, path = kind): string[] =>
  [...declaredTools([{ path, kind, text } satisfies ManifestFile])].sort();

describe('declared tools', () => {
  test('requirements: names with extras, markers, pins and editable eggs; options skipped', () => {
    const got = tools(
      'requirements',
      'Babel==2.14\n# comment\n-r other.txt\n--index-url https://x\ngunicorn[gevent]>=21 ; python_version > "3.8"\n-e git+https://h/r.git#egg=alembic\nFlask  # inline\n',
    );
    for (const t of ['pybabel', 'babel', 'gunicorn', 'alembic', 'flask']) assert.ok(got.includes(t), t);
    assert.ok(!got.includes('other.txt') && !got.includes('https'));
  });

  test('pyproject: PEP 621 arrays, optional dependencies, Poetry tables, own scripts; not metadata', () => {
    const got = tools(
      'pyproject',
      [
        '[project]',
        'name = "shop"',
        'description = "celery free"',
        'dependencies = [',
        '  "Django>=4.2",',
        '  "uvicorn[standard]",',
        ']',
        '[project.optional-dependencies]',
        'dev = ["black", "pytest>=8"]',
        '[project.scripts]',
        'shop-admin = "shop.cli:main"',
        '[tool.poetry.group.dev.dependencies]',
        'python = "^3.11"',
        'alembic = "*"',
      ].join('\n'),
    );
    for (const t of ['django-admin', 'uvicorn', 'black', 'pytest', 'shop-admin', 'alembic'])
      assert.ok(got.includes(t), t);
    for (const t of ['shop', 'celery', 'python']) assert.ok(!got.includes(t), t);
  });

  test('Pipfile, setup.cfg and setup.py', () => {
    assert.ok(
      tools(
        'pipfile',
        '[packages]\nrq = "*"\n[dev-packages]\nflake8 = "*"\n[requires]\npython_version = "3.12"\n',
      ).includes('flake8'),
    );
    const cfg = tools(
      'setup-cfg',
      '[metadata]\nname = tool\n[options]\npackages = find:\ninstall_requires =\n    celery>=5\n    httpie\n[options.entry_points]\nconsole_scripts =\n    shopctl = shop.cli:main\n',
    );
    for (const t of ['celery', 'http', 'shopctl']) assert.ok(cfg.includes(t), t);
    assert.ok(!cfg.includes('find'));
    const py = tools(
      'setup-py',
      'setup(name="x", install_requires=["scrapy>=2", "pdfminer.six"], extras_require={"docs": ["mkdocs"]})',
    );
    for (const t of ['scrapy', 'pdf2txt.py', 'mkdocs']) assert.ok(py.includes(t), t);
  });

  test('package.json: dependencies and devDependencies, known bins, own bin; broken JSON declares nothing', () => {
    const got = tools(
      'package-json',
      JSON.stringify({
        name: '@acme/web',
        bin: { acme: 'cli.js' },
        dependencies: { typescript: '5', '@nestjs/cli': '10' },
        devDependencies: { prettier: '3' },
      }),
    );
    for (const t of ['tsc', 'nest', 'prettier', 'acme']) assert.ok(got.includes(t), t);
    assert.ok(!got.includes('web') && !got.includes('@acme/web'));
    assert.deepEqual(tools('package-json', '{ "dependencies": '), []);
  });

  test('installed bins of a package win over the table', () => {
    const files = [{ path: 'package.json', kind: 'package-json', text: '{"dependencies":{"typescript":"5"}}' }];
    assert.deepEqual([...declaredTools(files, () => ['tsc-only'])], ['tsc-only']);
  });

  test('Dockerfile and installer scripts: apt-get, apk (not --virtual names), versions; apt lists', () => {
    const got = tools(
      'dockerfile',
      'FROM node:20\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n  imagemagick ffmpeg=7:5.1 \\\n  && rm -rf /var/lib/apt/lists/*\nRUN apk add --no-cache --virtual .deps gcc postgresql-client\n',
    );
    for (const t of ['convert', 'ffmpeg', 'ffprobe', 'gcc', 'psql', 'pg_dump']) assert.ok(got.includes(t), t);
    assert.ok(!got.includes('.deps') && !got.includes('rm'));
    assert.deepEqual(installedSystemPackages('brew install wkhtmltopdf\necho apt-get'), ['wkhtmltopdf']);
    assert.ok(tools('apt-list', '# tools\npoppler-utils\n\nwkhtmltopdf\n').includes('pdftotext'));
  });

  test('multi-stage Dockerfiles: only the stages the app runs in declare tools', () => {
    const got = tools(
      'dockerfile',
      [
        'FROM node:20 AS build',
        'RUN apt-get install -y python3-dev g++',
        'FROM node:20-slim AS release',
        'RUN apt-get install -y imagemagick',
        'FROM release AS pr-test',
        'RUN apt-get install -y git',
        'FROM alpine AS upload',
        'RUN apk add curl',
      ].join('\n'),
    );
    for (const t of ['convert', 'curl']) assert.ok(got.includes(t), t);
    for (const t of ['git', 'g++']) assert.ok(!got.includes(t), t);
  });

  test('a package named like a command it does not provide declares nothing', () => {
    assert.ok(!tools('requirements', 'docker==7\nredis\n').includes('docker'));
  });

  test('the files that declare tools are project files, whatever the case of a Dockerfile', () => {
    assert.equal(projectFileKind('debian-base.dockerfile'), 'dockerfile');
    assert.equal(projectFileKind('dockerfile'), 'dockerfile');
    assert.equal(projectFileKind('Dockerfile.dev'), 'dockerfile');
    assert.equal(projectFileKind('dockerfile.py'), undefined);
    assert.equal(projectFileKind('Aptfile'), 'apt-list');
    assert.equal(projectFileKind('install-deps.sh'), 'installer');
    assert.equal(projectFileKind('run.sh'), undefined);
  });
});
