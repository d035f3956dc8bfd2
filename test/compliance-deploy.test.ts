/**
 * Runners and process types from deploy files: the Dockerfile's command and
 * known server base images, compose commands, Procfiles, Kubernetes
 * manifests; dev scripts are not admin processes; migrations run inside the
 * web process warn XII.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCompliance } from '../server/src/factors/compute';
import { readDockerfileStages } from '../server/src/frontends/documents/dockerfileStages';
import { parseKubernetesManifest } from '../server/src/frontends/documents/kubernetes';
import type { ComplianceModel } from '../server/src/shared/compliance';
import { DEFAULT_CONFIG } from '../server/src/workspace/config';
import { prepareWorkspace } from './complianceWorkspaces';

const config = { ...DEFAULT_CONFIG, rules: {}, exclude: [], testFiles: [...DEFAULT_CONFIG.testFiles] };

function check(model: ComplianceModel, factor: string, id: string) {
  const found = model.factors.find((f) => f.factor === factor)?.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} of factor ${factor}`);
  return found;
}

/** A FastAPI app with no Procfile: what the deploy files say decides VII, VIII, IX, XII. */
async function fastapi(files: Record<string, string>): Promise<ComplianceModel> {
  const { root } = prepareWorkspace('empty', {
    git: true,
    files: {
      'requirements.txt': 'fastapi==0.115.0\n',
      'main.py':
        'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return "ok"\n',
      ...files,
    },
  });
  return computeCompliance(root, { config });
}

test('readDockerfileStages: the last stage, exec and shell forms, continuations and comments', () => {
  assert.deepEqual(
    readDockerfileStages(
      'FROM node:20 AS build\nCMD ["npm", "run", "build"]\n# runtime\nFROM python:3.12-slim\nENTRYPOINT ["/entrypoint.sh"]\nCMD gunicorn \\\n  --bind 0.0.0.0:$PORT app:app\n',
    ),
    { image: 'python:3.12-slim', command: '/entrypoint.sh gunicorn --bind 0.0.0.0:$PORT app:app' },
  );
  assert.deepEqual(readDockerfileStages('FROM --platform=linux/amd64 alpine:3\r\nRUN echo\r\n'), {
    image: 'alpine:3',
    command: undefined,
  });
});

test('a server base image (tiangolo/uvicorn-gunicorn-fastapi) binds $PORT, declares the process and drains on SIGTERM', async () => {
  const m = await fastapi({ Dockerfile: 'FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\nCOPY ./app /app\n' });
  assert.equal(check(m, 'VII', 'port-from-env').status, 'pass');
  assert.match(check(m, 'VII', 'port-from-env').message, /Dockerfile/);
  assert.equal(check(m, 'VIII', 'process-types').status, 'pass');
  assert.equal(check(m, 'IX', 'graceful-shutdown').status, 'pass');
});

test('a Dockerfile CMD binding a literal port warns VII; one binding $PORT passes', async () => {
  const literal = await fastapi({
    Dockerfile:
      'FROM python:3.12\nCMD ["gunicorn", "-b", "0.0.0.0:5000", "-k", "uvicorn.workers.UvicornWorker", "main:app"]\n',
  });
  assert.equal(check(literal, 'VII', 'port-from-env').status, 'warn');
  const env = await fastapi({
    Dockerfile: 'FROM python:3.12\nCMD gunicorn -b 0.0.0.0:$PORT -k uvicorn.workers.UvicornWorker main:app\n',
  });
  assert.equal(check(env, 'VII', 'port-from-env').status, 'pass');
  // Near miss: a Dockerfile whose command is not a server says nothing of the port.
  const script = await fastapi({ Dockerfile: 'FROM python:3.12\nCMD ["python", "worker.py"]\n' });
  assert.equal(check(script, 'VII', 'port-from-env').status, 'unknown');
});

test('migrations inside the web process warn XII; a release process does not', async () => {
  const inWeb = await fastapi({
    Procfile: 'web: alembic upgrade head && gunicorn -k uvicorn.workers.UvicornWorker main:app\n',
  });
  const admin = check(inWeb, 'XII', 'admin-as-commands');
  assert.equal(admin.status, 'warn');
  assert.match(admin.message, /migrations run inside the server's process: web \(Procfile\)/);
  const compose = await fastapi({
    'docker-compose.yml':
      'services:\n  web:\n    build: .\n    command: sh -c "python manage.py migrate && gunicorn app.wsgi"\n',
  });
  assert.equal(check(compose, 'XII', 'admin-as-commands').status, 'warn');
  const release = await fastapi({
    Procfile: 'web: gunicorn -k uvicorn.workers.UvicornWorker main:app\nrelease: alembic upgrade head\n',
  });
  assert.equal(check(release, 'XII', 'admin-as-commands').status, 'pass');
});

test('run, dev and debug npm scripts are not admin processes', async () => {
  const { root } = prepareWorkspace('empty', {
    git: true,
    files: {
      'package.json': JSON.stringify({
        scripts: {
          start: 'node server.js',
          dev: 'nodemon',
          debug: 'node --inspect server.js',
          'start:prod': 'node server.js',
        },
      }),
      'server.js': "const app = require('express')();\napp.listen(process.env.PORT);\n",
    },
  });
  const m = await computeCompliance(root, { config });
  assert.equal(check(m, 'XII', 'admin-as-commands').status, 'unknown');
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/api:1.0
          command: ["gunicorn"]
          args: ["-k", "uvicorn.workers.UvicornWorker", "main:app", "--bind", "0.0.0.0:$(PORT)"]
`;
const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: reindex
              image: registry.example.com/api:1.0
              command: ["python", "-m", "app.reindex"]
          restartPolicy: OnFailure
`;

test('parseKubernetesManifest: Deployment, CronJob and Pod containers, multi-document, $(VAR) as ${VAR}', () => {
  const pod =
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: worker\n      args: [celery, -A, app, worker]\n';
  const service = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n';
  assert.deepEqual(parseKubernetesManifest(`${DEPLOYMENT}---\n${service}---\n${CRONJOB}---\n${pod}`), [
    {
      name: 'web',
      command: 'gunicorn -k uvicorn.workers.UvicornWorker main:app --bind 0.0.0.0:${PORT}',
      workload: 'Deployment',
      oneOff: false,
    },
    { name: 'reindex', command: 'python -m app.reindex', workload: 'CronJob', oneOff: true },
    { name: 'worker', command: 'celery -A app worker', workload: 'Pod', oneOff: false },
  ]);
  // Near misses: a compose file, a GitHub workflow and a Service declare no Kubernetes process.
  assert.deepEqual(parseKubernetesManifest('services:\n  web:\n    command: gunicorn app:app\n'), []);
  assert.deepEqual(parseKubernetesManifest('name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n'), []);
  assert.deepEqual(parseKubernetesManifest(service), []);
});

test('a Helm template with {{ }} does not crash and declares nothing it cannot parse', () => {
  const template =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          command: {{ toYaml .Values.command | nindent 12 }}\n{{- if .Values.worker }}\n---\n{{- end }}\n';
  assert.deepEqual(parseKubernetesManifest(template), []);
  assert.deepEqual(parseKubernetesManifest('apiVersion: v1\nkind: Pod\nspec: [unclosed\n'), []);
});

test('a Kubernetes Deployment running gunicorn on $(PORT) declares the web process and binds $PORT', async () => {
  const m = await fastapi({
    'k8s/deployment.yaml': DEPLOYMENT,
    // Near misses: a workflow and a Helm template next to it are not read as manifests, and do not crash.
    '.github/workflows/ci.yml': 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n',
    'charts/api/templates/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
  });
  const port = check(m, 'VII', 'port-from-env');
  assert.equal(port.status, 'pass');
  assert.match(port.message, /Kubernetes/);
  assert.deepEqual(port.files, ['k8s/deployment.yaml']);
  const types = check(m, 'VIII', 'process-types');
  assert.equal(types.status, 'pass');
  assert.match(types.message, /process types declared: web/);
  assert.equal(check(m, 'IX', 'graceful-shutdown').status, 'pass');
  // A literal port in the manifest warns.
  const literal = await fastapi({ 'deploy/api.yml': DEPLOYMENT.replace('$(PORT)', '8000') });
  assert.equal(check(literal, 'VII', 'port-from-env').status, 'warn');
});

test('a Kubernetes CronJob is an admin process; a docker-compose YAML is not read as a manifest', async () => {
  const m = await fastapi({ 'manifests/all.yaml': `${DEPLOYMENT}---\n${CRONJOB}` });
  const admin = check(m, 'XII', 'admin-as-commands');
  assert.equal(admin.status, 'pass');
  assert.match(admin.message, /Kubernetes Jobs \(reindex\)/);
  assert.deepEqual(admin.files, ['manifests/all.yaml']);
  assert.match(check(m, 'VIII', 'process-types').message, /process types declared: reindex and web/);
  const compose = await fastapi({
    'compose.yaml': 'services:\n  api:\n    image: api\n',
    'kubernetes/values.yaml': 'replicaCount: 2\n',
  });
  assert.equal(check(compose, 'XII', 'admin-as-commands').status, 'unknown');
  assert.equal(check(compose, 'VIII', 'process-types').status, 'unknown');
});
