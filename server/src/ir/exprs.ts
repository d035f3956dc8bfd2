/**
 * Language-neutral questions about `Expr` trees: dotted names, environment
 * reads, process-id reads. Both front-ends and the rules use these, so Python
 * and JavaScript agree on what "reads the environment" means.
 */
import { defaultVariable, isConfigServiceGet, isEnvSchemaCall, schemaVariables } from './envLibraries';
import type { CallExpr, Expr, ImportFact, StringExpr, StringFact } from './facts';

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
      const callee = callName(expr);
      return callee === undefined ? undefined : `${callee}()`;
    }
    default:
      return undefined;
  }
}

/**
 * The name a call is known by: its callee resolved through the file's
 * imports (set once every import is known, wherever it stands in the file),
 * else the callee's dotted name as written. The one answer for every rule.
 */
export function callName(call: CallExpr): string | undefined {
  return call.calleeName ?? dottedName(call.callee);
}

/** The name of the call a string literal is an argument of (`redis.Redis` for `redis.Redis("host")`). */
export function stringCallee(fact: StringFact): string | undefined {
  return fact.call && callName(fact.call.expr);
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
const ENV_CALL_TAILS = new Set([
  'getenv',
  'get_env',
  'getEnv',
  'env',
  'require_env',
  'requireEnv',
  'read_env',
  'readEnv',
  'getEnvVar',
  'env_var',
]);
/** Last segments of receivers whose `.get(...)` / `.str(...)`... read the environment (django-environ, environs, Nest). */
const ENV_RECEIVERS = new Set(['env', 'environ', 'configService', 'config_service', 'ConfigService']);

/** Last segments of ENV_OBJECTS: a member chain ending elsewhere is none of them. */
const ENV_OBJECT_TAILS = new Set([...ENV_OBJECTS].map(lastSegment));

export function isEnvObject(expr: Expr): boolean {
  // Every member node of every expression is asked this: reject before building its dotted name.
  if (expr.kind === 'member' ? !ENV_OBJECT_TAILS.has(lastSegment(expr.property)) : expr.kind !== 'name') return false;
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
  const name = callName(call);
  if (name === undefined) return false;
  if (ENV_CALLS.has(name)) return true;
  const dot = name.lastIndexOf('.');
  if (ENV_CALL_TAILS.has(dot < 0 ? name : name.slice(dot + 1))) return true;
  // env.str("X"), environ.get("X"), this.configService.get("X")
  if (dot > 0 && ENV_RECEIVERS.has(name.slice(name.lastIndexOf('.', dot - 1) + 1, dot))) return true;
  return isConfigServiceGet(name, call) || isEnvSchemaCall(name);
}

/** The environment variable an env read names, when it is a constant. */
export function envReadName(expr: Expr): string | undefined {
  if (expr.kind === 'member' && isEnvObject(expr.object)) return expr.property;
  if (expr.kind === 'index' && isEnvObject(expr.object)) return stringValue(expr.index);
  if (expr.kind === 'call' && isEnvCall(expr)) {
    const first = expr.args.find((a) => !a.name || a.name === 'var' || a.name === 'key');
    if (first) return stringValue(first.value);
    const callee = callName(expr);
    return callee === undefined ? undefined : defaultVariable(callee, expr);
  }
  return undefined;
}

/** Every variable an env read names: one for most reads, the schema's keys for envalid/t3-env/convict. */
export function envReadNames(expr: Expr): string[] {
  if (expr.kind === 'call') {
    const callee = callName(expr);
    if (callee !== undefined && isEnvSchemaCall(callee)) return schemaVariables(callee, expr);
  }
  const name = envReadName(expr);
  return name === undefined ? [] : [name];
}

/** True when the expression reads the environment anywhere inside it. */
export function containsEnvRead(expr: Expr): boolean {
  // Memoised per node: the collector asks this at every level of `a || b || c`
  // chains and nested ternaries, which would otherwise be quadratic.
  const cached = envReads.get(expr);
  if (cached !== undefined) return cached;
  const result = isEnvRead(expr) || someChild(expr, undefined, containsEnvRead);
  envReads.set(expr, result);
  return result;
}

const envReads = new WeakMap<Expr, boolean>();

/** `os.getpid()`, `process.pid`. */
export function isPidRead(expr: Expr): boolean {
  if (expr.kind === 'call') {
    const name = callName(expr);
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

/** Depth-first search over an expression tree (functions' bodies are not part of it), in `children` order. */
export function some(expr: Expr, predicate: (e: Expr) => boolean): boolean {
  return predicate(expr) || someChild(expr, predicate, some);
}

/**
 * Whether `test(child, arg)` holds for a direct child, in `children` order.
 * Reads the fields in place: rules and signals search every expression of a
 * file, and `children` allocates an array per node.
 */
export function someChild<A>(expr: Expr, arg: A, test: (child: Expr, arg: A) => boolean): boolean {
  switch (expr.kind) {
    case 'template':
      for (const e of expr.exprs) if (test(e, arg)) return true;
      return false;
    case 'member':
      return test(expr.object, arg);
    case 'index':
      return test(expr.object, arg) || test(expr.index, arg);
    case 'call':
      if (test(expr.callee, arg)) return true;
      for (const a of expr.args) if (test(a.value, arg)) return true;
      return false;
    case 'object':
      for (const e of expr.entries) if (test(e.value, arg)) return true;
      return false;
    case 'array':
      for (const e of expr.elements) if (test(e, arg)) return true;
      return false;
    case 'binary':
      return test(expr.left, arg) || test(expr.right, arg);
    case 'conditional':
      return test(expr.test, arg) || test(expr.then, arg) || test(expr.else, arg);
    case 'unary':
      return test(expr.arg, arg);
    default:
      return false;
  }
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
