/**
 * III. Config: `.env` stays out of git, `.env.example` documents every
 * variable the code reads (and nothing it does not), no secrets in code.
 */
import type { Check } from '../../shared/compliance';
import { baseName, type CheckContext, filesOfKind, listSome, nonTestSources, plural, sortedUnique } from '../context';
import { readDotenvLenient } from '../../lib/dotenvParse';
import { isEnvExampleName } from '../../lib/projectFiles';

/** Set by the platform or the runtime, not by the app's own config. */
const PLATFORM_VARS = new Set([
  'PATH',
  'HOME',
  'USER',
  'PWD',
  'SHELL',
  'TERM',
  'LANG',
  'TZ',
  'HOSTNAME',
  'TMPDIR',
  'CI',
  'NODE_ENV',
  'PORT',
  'DYNO',
  'PYTHONPATH',
  'VIRTUAL_ENV',
  'DJANGO_SETTINGS_MODULE',
]);
/** Read by libraries, not by name in the app's code: declared but unread is expected. */
const LIBRARY_VARS = new Set([
  'DATABASE_URL',
  'DJANGO_SETTINGS_MODULE',
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'WEB_CONCURRENCY',
  'GUNICORN_CMD_ARGS',
  'NODE_OPTIONS',
  'NODE_ENV',
  'PORT',
  'DEBUG',
  'LOG_LEVEL',
  'TZ',
  'FLASK_APP',
  'FLASK_ENV',
  'FLASK_DEBUG',
  'SENTRY_DSN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'GOOGLE_APPLICATION_CREDENTIALS',
]);

export function configChecks(ctx: CheckContext): Check[] {
  const checks = [envIgnored(ctx)];
  const tracked = envTracked(ctx);
  if (tracked) checks.push(tracked);
  checks.push(envExample(ctx));
  return checks;
}

function realEnvFiles(ctx: CheckContext) {
  return filesOfKind(ctx, 'env').filter((f) => !isEnvExampleName(baseName(f.path)));
}

function envIgnored(ctx: CheckContext): Check {
  const envs = realEnvFiles(ctx).filter(
    (f) => baseName(f.path) === '.env' || /^\.env\.(?:local|development|production|prod|dev)$/.test(baseName(f.path)),
  );
  const exposed = envs.filter((f) => !f.gitignored);
  if (exposed.length > 0) {
    return {
      id: 'env-gitignored',
      status: 'fail',
      message: `${listSome(exposed.map((f) => f.path))} not ignored by git: add it to .gitignore`,
      files: exposed.map((f) => f.path),
    };
  }
  if (envs.length > 0) {
    return {
      id: 'env-gitignored',
      status: 'pass',
      message: `${listSome(envs.map((f) => f.path))} ignored by git`,
      files: envs.map((f) => f.path),
    };
  }
  if (!ctx.gitRoot)
    return { id: 'env-gitignored', status: 'unknown', message: 'no git repository and no .env file', files: [] };
  return ctx.envIgnored
    ? { id: 'env-gitignored', status: 'pass', message: '.gitignore covers .env', files: gitignoreFiles(ctx) }
    : {
        id: 'env-gitignored',
        status: 'unknown',
        message: 'no .env file, and .gitignore does not cover one yet',
        files: [],
      };
}

function gitignoreFiles(ctx: CheckContext): string[] {
  return ctx.projectFiles.filter((f) => baseName(f.path) === '.gitignore').map((f) => f.path);
}

/** Only reported when there is something to say: git answered and an env file exists or is tracked. */
function envTracked(ctx: CheckContext): Check | undefined {
  if (ctx.trackedEnvFiles === undefined) return undefined;
  const tracked = ctx.trackedEnvFiles.filter((p) => !isEnvExampleName(baseName(p)));
  if (tracked.length > 0) {
    return {
      id: 'env-untracked',
      status: 'fail',
      message: `git tracks ${listSome(tracked)}: remove it from the index (git rm --cached) and rotate its secrets`,
      files: tracked,
    };
  }
  const envs = realEnvFiles(ctx);
  if (envs.length === 0) return undefined;
  return { id: 'env-untracked', status: 'pass', message: 'no .env file is tracked by git', files: [] };
}

function envExample(ctx: CheckContext): Check {
  const readers = new Map<string, string[]>();
  for (const s of nonTestSources(ctx)) {
    for (const name of s.signals?.envReads ?? []) {
      if (PLATFORM_VARS.has(name)) continue;
      readers.set(name, [...(readers.get(name) ?? []), s.path]);
    }
  }
  const examples = filesOfKind(ctx, 'env').filter((f) => isEnvExampleName(baseName(f.path)));
  const read = [...readers.keys()].sort();
  if (examples.length === 0) {
    if (read.length === 0) {
      return {
        id: 'env-example',
        status: 'unknown',
        message: 'the code reads no environment variable by name, and there is no .env.example',
        files: [],
      };
    }
    return {
      id: 'env-example',
      status: 'warn',
      message: `the code reads ${plural(read.length, 'environment variable')} (${listSome(read)}) and no .env.example lists them`,
      files: sortedUnique(read.flatMap((n) => readers.get(n) ?? [])),
    };
  }
  const declared = new Set(examples.flatMap((f) => readDotenvLenient(f.text ?? '').names));
  const missing = read.filter((n) => !declared.has(n));
  const unused = [...declared].filter((n) => !readers.has(n) && !PLATFORM_VARS.has(n) && !LIBRARY_VARS.has(n)).sort();
  const files = examples.map((f) => f.path);
  if (missing.length > 0 || unused.length > 0) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing from ${files[0]}: ${listSome(missing)}`);
    if (unused.length > 0) parts.push(`declared but never read: ${listSome(unused)}`);
    return {
      id: 'env-example',
      status: 'warn',
      message: parts.join('; '),
      files: sortedUnique([...files, ...missing.flatMap((n) => readers.get(n) ?? [])]),
    };
  }
  if (read.length === 0) {
    return {
      id: 'env-example',
      status: 'unknown',
      message: `${files[0]} exists but the code reads no variable by name`,
      files,
    };
  }
  return {
    id: 'env-example',
    status: 'pass',
    message: `${files[0]} lists all ${plural(read.length, 'variable')} the code reads`,
    files,
  };
}
