/** VII. Port binding, VIII. Concurrency (process types) and IX. Disposability (SIGTERM). */
import type { Check } from '../../shared/compliance';
import { type CheckContext, filesOfKind, listSome, nonTestSources, plural, sortedUnique } from '../context';
import { type DeclaredProcess, declaredProcesses } from '../declaredProcesses';
import { parseComposeServices } from '../procfile';
import { ProjectModules } from '../resolveRefs';

/** Process runners that stop gracefully on SIGTERM (drain requests, finish the current job). */
const GRACEFUL_RUNNERS =
  /^(?:exec\s+)?(?:python\s+-m\s+)?(gunicorn|uvicorn|hypercorn|daphne|celery|dramatiq|rq\s+worker|huey_consumer|pm2-runtime)\b/;

export function portChecks(ctx: CheckContext): Check[] {
  const servers = nonTestSources(ctx).flatMap((s) =>
    (s.signals?.servers ?? []).map((srv) => ({ ...srv, file: s.path })),
  );
  if (servers.length > 0) {
    // A port read from a project module's export (`config.port`) counts as what that export is.
    const modules = new ProjectModules(ctx.sources);
    const traced = servers.map((s) => {
      if (s.portFromEnv || !s.portRef) return { ...s, via: undefined };
      const answer = modules.resolve(s.file, s.portRef);
      return { ...s, portFromEnv: answer.kind === 'env', via: answer };
    });
    const untraced = traced.filter((s) => s.via?.kind === 'unresolved');
    const literal = traced.filter((s) => !s.portFromEnv && s.via?.kind !== 'unresolved');
    if (literal.length === 0 && untraced.length > 0) {
      const where = sortedUnique(untraced.map((s) => `${s.file}:${s.line + 1}`));
      return [
        {
          id: 'port-from-env',
          status: 'unknown',
          message: `the port of the server in ${listSome(where)} comes from a module the project does not define`,
          files: sortedUnique(untraced.map((s) => s.file)),
        },
      ];
    }
    if (literal.length === 0) {
      return [
        {
          id: 'port-from-env',
          status: 'pass',
          message: `${plural(servers.length, 'server')} ${servers.length === 1 ? 'binds' : 'bind'} the port read from the environment`,
          files: sortedUnique(servers.map((s) => s.file)),
        },
      ];
    }
    const where = sortedUnique(
      literal.map((s) => `${s.file}:${s.line + 1}${s.via?.kind === 'literal' ? ` (set in ${s.via.file})` : ''}`),
    );
    const configs = literal.flatMap((s) => (s.via?.kind === 'literal' ? [s.via.file] : []));
    return [
      {
        id: 'port-from-env',
        status: 'warn',
        message: `the server in ${listSome(where)} binds a port not read from the environment`,
        files: sortedUnique([...literal.map((s) => s.file), ...configs]),
      },
    ];
  }
  const web = webProcesses(declaredProcesses(ctx));
  const fromEnv = web.filter(
    (p) => /\$\{?PORT\b/.test(p.command) || (/^gunicorn\b/.test(p.command) && !/\s(-b|--bind)\b/.test(p.command)),
  );
  if (fromEnv.length > 0) {
    return [
      {
        id: 'port-from-env',
        status: 'pass',
        message: `the web process binds $PORT (${listSome(sortedUnique(fromEnv.map((p) => SOURCE_NAMES[p.source])))})`,
        files: sortedUnique(fromEnv.map((p) => p.file)),
      },
    ];
  }
  const runners = web.filter((p) => p.source === 'procfile' || SERVER_COMMAND.test(p.command));
  if (runners.length > 0) {
    return [
      {
        id: 'port-from-env',
        status: 'warn',
        message: `the web process of ${listSome(sortedUnique(runners.map((p) => p.file)))} does not bind $PORT`,
        files: sortedUnique(runners.map((p) => p.file)),
      },
    ];
  }
  return [
    {
      id: 'port-from-env',
      status: 'unknown',
      message: 'no server entry point binds a port in the code, the Procfile or the Dockerfile',
      files: [],
    },
  ];
}

const SOURCE_NAMES: Record<DeclaredProcess['source'], string> = {
  procfile: 'Procfile',
  compose: 'compose',
  dockerfile: 'Dockerfile',
  kubernetes: 'Kubernetes',
};

/** Runners that bind a port: a web process whose command is one of them is a server. */
const SERVER_COMMAND =
  /^(?:exec\s+)?(?:python\s+-m\s+)?(?:gunicorn|uvicorn|hypercorn|daphne|waitress-serve|flask\s+run)\b/;

/**
 * The Procfile's `web` process; else the container command of a Dockerfile
 * (one process) and the long-running containers of Kubernetes workloads.
 */
function webProcesses(processes: readonly DeclaredProcess[]): DeclaredProcess[] {
  const procfile = processes.filter((p) => p.source === 'procfile' && p.name === 'web');
  if (procfile.length > 0) return procfile;
  return processes.filter((p) => p.source === 'dockerfile' || (p.source === 'kubernetes' && !p.oneOff));
}

export function processTypeChecks(ctx: CheckContext): Check[] {
  const procfiles = filesOfKind(ctx, 'procfile');
  const declared = declaredProcesses(ctx);
  const composed = filesOfKind(ctx, 'compose').flatMap((f) =>
    parseComposeServices(f.text ?? '')
      .filter((s) => s.build && !s.command)
      .map((s) => ({ name: s.name, file: f.path })),
  );
  const all = [
    ...declared.map((p) => ({ name: p.source === 'dockerfile' ? "the container's command" : p.name, file: p.file })),
    ...composed,
  ];
  if (all.length > 0) {
    const names = sortedUnique(all.map((t) => t.name));
    return [
      {
        id: 'process-types',
        status: 'pass',
        message: `process types declared: ${listSome(names, 5)}`,
        files: sortedUnique(all.map((t) => t.file)),
      },
    ];
  }
  if (procfiles.length > 0) {
    return [
      {
        id: 'process-types',
        status: 'warn',
        message: 'the Procfile declares no process type',
        files: procfiles.map((f) => f.path),
      },
    ];
  }
  return [
    {
      id: 'process-types',
      status: 'unknown',
      message: 'no Procfile, compose file, Dockerfile command or Kubernetes manifest declares process types',
      files: [],
    },
  ];
}

export function shutdownChecks(ctx: CheckContext): Check[] {
  const sources = nonTestSources(ctx);
  const handlers = sources.filter((s) => (s.signals?.sigterm.length ?? 0) > 0).map((s) => s.path);
  const libraries = sources.filter((s) => (s.signals?.shutdownLibraries.length ?? 0) > 0);
  const processes = declaredProcesses(ctx);
  const runners = processes.filter((p) => GRACEFUL_RUNNERS.test(p.command)).map((p) => p.file);
  const gunicornConfigs = filesOfKind(ctx, 'gunicorn').map((f) => f.path);
  const handledBy = sortedUnique([...handlers, ...libraries.map((s) => s.path), ...runners, ...gunicornConfigs]);

  const servers = sortedUnique(sources.filter((s) => (s.signals?.servers.length ?? 0) > 0).map((s) => s.path));
  const bareProcesses = processes.filter((p) => !GRACEFUL_RUNNERS.test(p.command));
  if (handledBy.length > 0) {
    const how: string[] = [];
    if (handlers.length > 0) how.push(`SIGTERM handled in ${listSome(sortedUnique(handlers))}`);
    const names = sortedUnique([
      ...libraries.flatMap((s) => s.signals?.shutdownLibraries ?? []),
      ...processes
        .filter((p) => GRACEFUL_RUNNERS.test(p.command))
        .map((p) => GRACEFUL_RUNNERS.exec(p.command)?.[1] ?? ''),
      ...(gunicornConfigs.length > 0 ? ['gunicorn'] : []),
    ]).filter((n) => n !== '');
    if (names.length > 0) how.push(`${listSome(names)} stop${names.length === 1 ? 's' : ''} gracefully on SIGTERM`);
    return [{ id: 'graceful-shutdown', status: 'pass', message: how.join('; '), files: handledBy }];
  }
  const entries = sortedUnique([...servers, ...bareProcesses.map((p) => p.file)]);
  if (entries.length === 0) {
    return [
      { id: 'graceful-shutdown', status: 'unknown', message: 'no server or worker entry point found', files: [] },
    ];
  }
  return [
    {
      id: 'graceful-shutdown',
      status: 'warn',
      message: `no SIGTERM handler for the processes started in ${listSome(entries)}`,
      files: entries,
    },
  ];
}
