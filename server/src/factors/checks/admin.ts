/** XII. Admin processes: one-off commands (management commands, scripts), not HTTP endpoints. */
import type { Check } from '../../shared/compliance';
import { type CheckContext, filesOfKind, listSome, nonTestSources, sortedUnique } from '../context';
import { declaredProcesses, migrationsInServer } from '../declaredProcesses';
import { parseProcfile } from '../procfile';

/** A route segment naming an admin task. The Django admin site (`admin/`) is a UI, not a task. */
const ADMIN_ROUTE =
  /(?:^|\/)(?:migrate|migrations?|run-?migrations?|seed(?:-?db)?|reset-?db|flush(?:-?db)?|reindex|rebuild-?index|backfill|run-?(?:job|task|script|cron)s?|cron|maintenance|purge|cleanup|clear-?cache|sync-?db|init-?db|create-?admin)(?:\/|$|\?|:)/i;
/** package.json scripts that run, build or check the app: the dev loop, not admin tasks. */
const DEV_SCRIPTS =
  /^(?:start|dev|develop|debug|run|serve|server|preview|watch|build|compile|bundle|test|e2e|cy|cypress|playwright|coverage|lint|format|prettier|eslint|typecheck|tsc|check|clean|pre\w+|post\w+|prepare|install|release|deploy|docker|ci|storybook|prod|production|staging|local|heroku-postbuild|vercel-build)(?::.*)?$/;

export function adminChecks(ctx: CheckContext): Check[] {
  const inWeb = migrationsInServer(declaredProcesses(ctx));
  if (inWeb.length > 0) {
    const where = sortedUnique(inWeb.map((p) => `${p.name} (${p.file})`));
    return [
      {
        id: 'admin-as-commands',
        status: 'warn',
        message: `migrations run inside the server's process: ${listSome(where, 2)}; run them once per release (a Procfile release process or a one-off job)`,
        files: sortedUnique(inWeb.map((p) => p.file)),
      },
    ];
  }
  const sources = nonTestSources(ctx);
  const endpoints = sources.flatMap((s) =>
    (s.signals?.routes ?? []).filter((r) => ADMIN_ROUTE.test(r.path)).map((r) => ({ ...r, file: s.path })),
  );
  if (endpoints.length > 0) {
    const where = endpoints.map((e) => `${e.path} (${e.file}:${e.line + 1})`);
    return [
      {
        id: 'admin-as-commands',
        status: 'warn',
        message: `admin tasks exposed as HTTP endpoints: ${listSome(where, 2)}; run them as one-off commands`,
        files: sortedUnique(endpoints.map((e) => e.file)),
      },
    ];
  }
  const commands = oneOffCommands(ctx);
  if (commands.files.length > 0) {
    return [
      {
        id: 'admin-as-commands',
        status: 'pass',
        message: `one-off commands: ${listSome(commands.what)}`,
        files: commands.files,
      },
    ];
  }
  return [
    {
      id: 'admin-as-commands',
      status: 'unknown',
      message: 'no admin endpoint, and no management command, script or npm script to run admin tasks',
      files: [],
    },
  ];
}

function oneOffCommands(ctx: CheckContext): { what: string[]; files: string[] } {
  const what = new Set<string>();
  const files: string[] = [];
  for (const f of filesOfKind(ctx, 'manage-py')) {
    what.add('Django management commands');
    files.push(f.path);
  }
  for (const s of ctx.sources) {
    if (/(?:^|\/)management\/commands\/[^/]+\.py$/.test(s.path) && !s.path.endsWith('__init__.py')) {
      what.add('Django management commands');
      files.push(s.path);
    } else if (/(?:^|\/)(?:scripts|bin)\//.test(s.path) && !s.test) {
      what.add('scripts');
      files.push(s.path);
    } else if (!s.test && (s.signals?.cliLibraries.length ?? 0) > 0) {
      what.add('CLI commands');
      files.push(s.path);
    }
  }
  for (const f of filesOfKind(ctx, 'package-json')) {
    const scripts = npmScripts(f.text).filter((n) => !DEV_SCRIPTS.test(n));
    if (scripts.length > 0) {
      what.add(`npm scripts (${listSome(scripts, 3)})`);
      files.push(f.path);
    }
  }
  const jobs = declaredProcesses(ctx).filter((p) => p.source === 'kubernetes' && p.oneOff);
  if (jobs.length > 0) {
    what.add(`Kubernetes Jobs (${listSome(sortedUnique(jobs.map((p) => p.name)), 3)})`);
    files.push(...jobs.map((p) => p.file));
  }
  for (const f of filesOfKind(ctx, 'procfile')) {
    if (parseProcfile(f.text ?? '').some((p) => p.name === 'release')) {
      what.add('a Procfile release process');
      files.push(f.path);
    }
  }
  return { what: [...what].sort(), files: sortedUnique(files) };
}

function npmScripts(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const scripts = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts;
    return scripts ? Object.keys(scripts).sort() : [];
  } catch {
    return [];
  }
}
