/**
 * Per-file "workspace signals": what the compliance checks need to know about
 * a source file beyond its rule findings (environment variables read, SIGTERM
 * handlers, servers, HTTP routes, database engines). A pure function of the
 * facts the engine already extracted, so a file is parsed once for both.
 */
import type { CallExpr, Expr, FileFacts } from '../ir/facts';
import {
  callName,
  containsEnvRead,
  dottedName,
  envReadNames,
  isEnvRead,
  some,
  someChild,
  stringValue,
} from '../ir/exprs';
import { envHelperFunctions } from '../semantics/envHelpers';
import { pydanticEnvReads } from '../semantics/pydanticSettings';
import { portBinding } from '../semantics/portBinding';
import { LineIndex } from '../ir/lines';
import type { DatabaseKind, DatabaseSignal, FileSignals, RouteSignal, ServerSignal } from '../ir/signals';
import { moduleExports, moduleRefOf } from './moduleRefs';

/** Modules whose runner or helper shuts the process down gracefully on SIGTERM. */
const SHUTDOWN_LIBRARIES = new Set([
  'celery',
  'uvicorn',
  'gunicorn',
  'hypercorn',
  'dramatiq',
  'rq',
  'huey',
  '@godaddy/terminus',
  'http-terminator',
  'stoppable',
  'lightship',
  'close-with-grace',
  'fastify-graceful-shutdown',
]);

const ENV_METHODS = new Set(['get', 'setdefault', 'pop', 'items', 'keys', 'values', 'copy', 'update', 'has', 'clear']);

const CLI_LIBRARIES = new Set(['click', 'typer', 'argparse', 'commander', 'yargs', 'cac', 'oclif', '@oclif/core']);

const ROUTE_TAILS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'all', 'api_route', 'add_url_rule']);
const ROUTE_FUNCTIONS = new Set(['django.urls.path', 'django.urls.re_path', 'django.conf.urls.url']);

export function computeSignals(facts: FileFacts): FileSignals {
  // Most files have no signal with a line: the index is built for the first one.
  let lines: LineIndex | undefined;
  const lineOf = (offset: number) => (lines ??= new LineIndex(facts.text)).position(offset).line;
  const env = new Set<string>();
  const add = (name: string | undefined) => {
    // `os.environ.get(...)` is also a member read of `get`: methods are not variables.
    if (name && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !ENV_METHODS.has(name)) env.add(name);
  };
  const helpers = envHelperFunctions(facts);
  const djangoEnviron = importsDjangoEnviron(facts);
  const collectEnv = (e: Expr): boolean => {
    if (isEnvRead(e) && !(djangoEnviron && isBareEnvironMember(e))) for (const name of envReadNames(e)) add(name);
    else if (e.kind === 'call' && e.callee.kind === 'name' && helpers.has(e.callee.name)) {
      add(stringValue(e.args[0]?.value));
    }
    return someChild(e, undefined, collectEnv);
  };
  for (const c of facts.calls) collectEnv(c.expr);
  for (const a of facts.assignments) collectEnv(a.value);
  for (const c of facts.comparisons) {
    collectEnv(c.left);
    collectEnv(c.right);
  }
  for (const s of facts.switches) collectEnv(s.discriminant);
  for (const b of facts.moduleBindings.values()) if (b.value) collectEnv(b.value);
  for (const name of pydanticEnvReads(facts)) add(name);

  const sigterm: number[] = [];
  const servers: ServerSignal[] = [];
  const routes: RouteSignal[] = [];
  for (const { expr } of facts.calls) {
    const name = callName(expr) ?? '';
    if (handlesSigterm(expr, name)) sigterm.push(lineOf(expr.span.start));
    const server = serverSignal(expr, name, facts);
    if (server) servers.push({ ...server, line: lineOf(expr.span.start) });
    const route = routePath(expr, name, facts.language);
    if (route !== undefined) routes.push({ line: lineOf(expr.span.start), path: route });
  }

  const databases: DatabaseSignal[] = [];
  for (const s of facts.strings) {
    const kind = databaseKind(s.expr.value);
    if (kind) databases.push({ line: lineOf(s.expr.span.start), kind });
  }

  const modules = new Set(facts.imports.map((i) => rootModule(i.module)));
  return {
    envReads: [...env].sort(),
    sigterm: unique(sigterm),
    servers: servers.sort((a, b) => a.line - b.line),
    routes: routes.sort((a, b) => a.line - b.line),
    databases: databases.sort((a, b) => a.line - b.line),
    shutdownLibraries: [...modules].filter((m) => SHUTDOWN_LIBRARIES.has(m)).sort(),
    cliLibraries: [...modules].filter((m) => CLI_LIBRARIES.has(m)).sort(),
    exports: moduleExports(facts, (e) => readsEnv(e, facts)),
  };
}

function handlesSigterm(call: CallExpr, name: string): boolean {
  const first = call.args[0]?.value;
  if (!first) return false;
  // Python: signal.signal(signal.SIGTERM, h), loop.add_signal_handler(signal.SIGTERM, h)
  if (name === 'signal.signal' || name.endsWith('.add_signal_handler')) {
    const signalName = dottedName(first) ?? '';
    return signalName === 'signal.SIGTERM' || signalName === 'SIGTERM' || signalName.endsWith('Signals.SIGTERM');
  }
  // JS: process.on('SIGTERM', h), process.once(...), process.addListener(...)
  if (/^process\.(?:on|once|addListener|prependListener)$/.test(name)) return stringValue(first) === 'SIGTERM';
  return false;
}

/** `import environ` is django-environ: its `environ.Env` is a class, not a variable of `os.environ`. */
function importsDjangoEnviron(facts: FileFacts): boolean {
  return facts.imports.some((i) => i.local === 'environ' && i.module === 'environ' && !i.imported);
}

function isBareEnvironMember(e: Expr): boolean {
  return (e.kind === 'member' || e.kind === 'index') && e.object.kind === 'name' && e.object.name === 'environ';
}

function serverSignal(call: CallExpr, name: string, facts: FileFacts): Omit<ServerSignal, 'line'> | undefined {
  const binding = portBinding(facts, call, name);
  if (!binding) return undefined;
  const fromEnv = (e: Expr | undefined) => e !== undefined && readsEnv(e, facts);
  const port = binding.port;
  // No port argument: the server's default port, unless something passed in reads it (`**options`).
  if (!port) return { callee: name, portFromEnv: call.args.some((a) => fromEnv(a.value)) };
  const portFromEnv = fromEnv(port);
  const portRef = !portFromEnv ? moduleRefOf(port, facts) : undefined;
  return portRef ? { callee: name, portFromEnv, portRef } : { callee: name, portFromEnv };
}

/** The expression, or the module binding a name refers to, reads the environment. */
function readsEnv(expr: Expr, facts: FileFacts, depth = 0): boolean {
  if (containsEnvRead(expr)) return true;
  if (depth > 2) return false;
  return some(expr, (e) => {
    if (e.kind !== 'name') return false;
    const value = facts.moduleBindings.get(e.name)?.value;
    if (value && readsEnv(value, facts, depth + 1)) return true;
    // A local `const port = process.env.PORT` inside main(): any assignment to the name.
    return facts.assignments.some((a) => a.target === e.name && readsEnv(a.value, facts, depth + 1));
  });
}

function routePath(call: CallExpr, name: string, language: FileFacts['language']): string | undefined {
  const first = stringValue(call.args.find((a) => !a.name)?.value);
  if (first === undefined) return undefined;
  if (language === 'python' && ROUTE_FUNCTIONS.has(name)) return first;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const tail = name.slice(dot + 1);
  if (!ROUTE_TAILS.has(tail)) return undefined;
  // `dict.get("/x")`, `os.environ.get(...)`: a route path starts with a slash.
  if (!first.startsWith('/')) return undefined;
  return first;
}

/** The database engine a configuration string names: a Django ENGINE or a connection URL scheme. */
export function databaseKind(value: string): DatabaseKind | undefined {
  const v = value.trim().toLowerCase();
  const engine =
    /^django\.db\.backends\.(\w+)$/.exec(v)?.[1] ?? /^django\.contrib\.gis\.db\.backends\.(\w+)$/.exec(v)?.[1];
  if (engine) {
    if (engine.startsWith('sqlite') || engine === 'spatialite') return 'sqlite';
    if (engine.startsWith('postg')) return 'postgres';
    if (engine === 'mysql') return 'mysql';
    return undefined;
  }
  const scheme = /^([a-z][a-z0-9]*)(?:\+[a-z0-9]+)?:\/\//.exec(v)?.[1];
  if (!scheme) return undefined;
  if (scheme === 'sqlite' || scheme === 'sqlite3') return 'sqlite';
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'pgsql') return 'postgres';
  if (scheme === 'mysql' || scheme === 'mariadb') return 'mysql';
  if (scheme === 'mongodb') return 'mongodb';
  return undefined;
}

function rootModule(specifier: string): string {
  const m = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  if (m.startsWith('@')) return m.split('/').slice(0, 2).join('/');
  return m.split(/[./]/)[0];
}

function unique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
