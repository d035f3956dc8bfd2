/**
 * Language-neutral questions about `Expr` trees: dotted names, environment
 * reads, process-id reads. Both front-ends and the rules use these, so Python
 * and JavaScript agree on what "reads the environment" means.
 */
import type { CallExpr, Expr, ImportFact, StringExpr } from './facts';

/**
 * The dotted name of a name/member chain (`os.environ.get`, `app.listen`),
 * with a call inside the chain written as `f()` (`winston.createLogger().add`).
 * Undefined when the chain starts at something else.
 */
export function dottedName(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'name':
      return expr.canonical ?? expr.name;
    case 'member': {
      const object = dottedName(expr.object);
      return object === undefined ? undefined : `${object}.${expr.property}`;
    }
    case 'call': {
      const callee = expr.calleeName ?? dottedName(expr.callee);
      return callee === undefined ? undefined : `${callee}()`;
    }
    default:
      return undefined;
  }
}

/** The last segment of a dotted target: `self.api_key` → `api_key`. */
export function lastSegment(dotted: string): string {
  const i = dotted.lastIndexOf('.');
  return i < 0 ? dotted : dotted.slice(i + 1);
}

/** Strips the `node:` scheme so `node:child_process` and `child_process` agree. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/** Resolves the root of a dotted name through the file's imports. */
export function resolveDotted(dotted: string, imports: ReadonlyMap<string, ImportFact>): string {
  const dot = dotted.indexOf('.');
  const root = dot < 0 ? dotted : dotted.slice(0, dot);
  const rest = dot < 0 ? '' : dotted.slice(dot);
  const imp = imports.get(root);
  if (!imp) return dotted;
  const base =
    imp.imported && imp.imported !== 'default' && imp.imported !== '*'
      ? `${normalizeModule(imp.module)}.${imp.imported}`
      : normalizeModule(imp.module);
  return base + rest;
}

/** Objects whose members are environment variables. */
const ENV_OBJECTS = new Set(['os.environ', 'process.env', 'import.meta.env', 'environ']);

/** Calls that read an environment variable (first argument the name, a default after it). */
const ENV_CALLS = new Set([
  'os.getenv',
  'os.environ.get',
  'os.environ.setdefault',
  'os.environ.pop',
  'environ.get',
  'process.env.get',
  'Deno.env.get',
  'decouple.config',
  'dj_database_url.config',
  'dj_database_url.parse',
]);

/** The last segment of a callee that reads configuration from the environment by convention. */
const ENV_CALL_TAILS = /^(?:getenv|get_env|getEnv|env|require_env|requireEnv|read_env|readEnv|getEnvVar|env_var)$/;
/** Receivers whose `.get(...)` / `.str(...)`... read the environment (django-environ, environs, Nest). */
const ENV_RECEIVERS = /(?:^|\.)(?:env|environ|configService|config_service|ConfigService)$/;

export function isEnvObject(expr: Expr): boolean {
  const name = dottedName(expr);
  return name !== undefined && ENV_OBJECTS.has(name);
}

/** `process.env.X`, `os.environ["X"]`, `os.getenv("X")`, `env("X")`, `configService.get("X")`... */
export function isEnvRead(expr: Expr): boolean {
  if (expr.kind === 'member') return isEnvObject(expr.object);
  if (expr.kind === 'index') return isEnvObject(expr.object);
  if (expr.kind === 'call') return isEnvCall(expr);
  return false;
}

export function isEnvCall(call: CallExpr): boolean {
  const name = call.calleeName ?? dottedName(call.callee);
  if (name === undefined) return false;
  if (ENV_CALLS.has(name)) return true;
  const dot = name.lastIndexOf('.');
  const tail = dot < 0 ? name : name.slice(dot + 1);
  if (ENV_CALL_TAILS.test(tail)) return true;
  // env.str("X"), environ.get("X"), this.configService.get("X")
  return dot > 0 && ENV_RECEIVERS.test(name.slice(0, dot));
}

/** The environment variable an env read names, when it is a constant. */
export function envReadName(expr: Expr): string | undefined {
  if (expr.kind === 'member' && isEnvObject(expr.object)) return expr.property;
  if (expr.kind === 'index' && isEnvObject(expr.object)) return stringValue(expr.index);
  if (expr.kind === 'call' && isEnvCall(expr)) {
    const first = expr.args.find((a) => !a.name || a.name === 'var' || a.name === 'key');
    return first ? stringValue(first.value) : undefined;
  }
  return undefined;
}

/** True when the expression reads the environment anywhere inside it. */
export function containsEnvRead(expr: Expr): boolean {
  // Memoised per node: the collector asks this at every level of `a || b || c`
  // chains and nested ternaries, which would otherwise be quadratic.
  const cached = envReads.get(expr);
  if (cached !== undefined) return cached;
  let result = isEnvRead(expr);
  if (!result) {
    for (const child of children(expr)) {
      if (containsEnvRead(child)) {
        result = true;
        break;
      }
    }
  }
  envReads.set(expr, result);
  return result;
}

const envReads = new WeakMap<Expr, boolean>();

/** `os.getpid()`, `process.pid`. */
export function isPidRead(expr: Expr): boolean {
  if (expr.kind === 'call') {
    const name = expr.calleeName ?? dottedName(expr.callee);
    return name === 'os.getpid';
  }
  if (expr.kind === 'member') return expr.property === 'pid' && dottedName(expr.object) === 'process';
  return false;
}

export function containsPidRead(expr: Expr): boolean {
  return some(expr, isPidRead);
}

export function stringValue(expr: Expr | undefined): string | undefined {
  return expr?.kind === 'string' ? expr.value : undefined;
}

export function isString(expr: Expr | undefined): expr is StringExpr {
  return expr?.kind === 'string';
}

/** Depth-first search over an expression tree (functions' bodies are not part of it). */
export function some(expr: Expr, predicate: (e: Expr) => boolean): boolean {
  if (predicate(expr)) return true;
  for (const child of children(expr)) if (some(child, predicate)) return true;
  return false;
}

export function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'template':
      return expr.exprs;
    case 'member':
      return [expr.object];
    case 'index':
      return [expr.object, expr.index];
    case 'call':
      return [expr.callee, ...expr.args.map((a) => a.value)];
    case 'object':
      return expr.entries.map((e) => e.value);
    case 'array':
      return expr.elements;
    case 'binary':
      return [expr.left, expr.right];
    case 'conditional':
      return [expr.test, expr.then, expr.else];
    case 'unary':
      return [expr.arg];
    default:
      return [];
  }
}

/** The argument at a position or with a keyword (Python) name. */
export function argument(call: CallExpr, index: number, keyword?: string): Expr | undefined {
  if (keyword) {
    const named = call.args.find((a) => a.name === keyword);
    if (named) return named.value;
  }
  const positional = call.args.filter((a) => !a.name && !a.spread);
  return positional[index]?.value;
}

/** The value of a constant key in an object literal argument. */
export function property(expr: Expr | undefined, key: string): Expr | undefined {
  if (expr?.kind !== 'object') return undefined;
  for (let i = expr.entries.length - 1; i >= 0; i--) {
    if (expr.entries[i].key === key) return expr.entries[i].value;
  }
  return undefined;
}
