/**
 * Where the line between "selects configuration" and "toggles dev tooling"
 * runs: locators, numbers, config objects and per-environment config modules
 * are configuration; booleans, log levels, build modes and calls that mount
 * middleware are tooling.
 */
import type { BranchSummary, Expr } from '../../ir/facts';
import { callName, lastSegment } from '../../ir/exprs';
import { identifierWords } from '../../lib/identifiers';

/** Words of a target or key that name a configuration value. */
const CONFIG_WORDS = new Set([
  'url',
  'uri',
  'urls',
  'host',
  'hostname',
  'hosts',
  'port',
  'dsn',
  'endpoint',
  'database',
  'databases',
  'db',
  'bucket',
  'queue',
  'broker',
  'key',
  'secret',
  'token',
  'password',
  'timeout',
  'domain',
  'origin',
  'origins',
  'api',
  'server',
  'redis',
  'mongo',
  'postgres',
  'mysql',
  'smtp',
  'storage',
  'region',
  'connection',
  'pool',
  'backend',
  'address',
  'dialect',
  'credentials',
  'workers',
  'concurrency',
  'ttl',
  'retries',
  'size',
  'rate',
  'limit',
]);

export function isConfigName(target: string): boolean {
  return identifierWords(lastSegment(target)).some((w) => CONFIG_WORDS.has(w));
}

// Two dots at least (`db.prod.internal`, `api.example.com`) so file names (`index.txt`) stay out; or `host:port`, or an IP.
const HOSTISH = /^(?:[a-z0-9-]+\.){2,}[a-z]{2,}(?::\d+)?$|^[\w.-]+:\d{2,5}$|^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/i;
const FILE_NAME =
  /\.(?:txt|json|js|mjs|cjs|ts|html?|css|map|py|md|ya?ml|xml|csv|log|png|jpe?g|svg|gif|ico|wasm|min\.js)$/i;
const CONFIG_MODULE = /(?:^|[/.\\])(?:config|configs|conf|settings|env|environments)(?:[/.\\]|$)/i;

/**
 * A value that configures the app whatever it is assigned to: a locator, a
 * block with config keys holding literals, a config module. Numbers count only
 * through a config-named target (`port`, `timeout`, `pool_size`): a bare
 * `4 : 2` may as well tune dev tooling.
 */
export function isConfigValue(expr: Expr, depth = 0): boolean {
  if (depth > 4) return false;
  switch (expr.kind) {
    case 'string':
      return expr.value.includes('://') || (HOSTISH.test(expr.value) && !FILE_NAME.test(expr.value));
    case 'template':
      return expr.quasis.some((q) => q.includes('://'));
    case 'object':
      return expr.entries.some(
        (e) => isConfigValue(e.value, depth + 1) || (e.key !== undefined && isConfigName(e.key) && isLiteral(e.value)),
      );
    case 'array':
      return expr.elements.some((e) => isConfigValue(e, depth + 1));
    case 'call':
      return isConfigModuleLoad(expr);
    case 'index':
      return isConfigValue(expr.object, depth + 1);
    default:
      return false;
  }
}

/** `require('./config/production')`, `importlib.import_module("settings.prod")`. */
export function isConfigModuleLoad(expr: Expr): boolean {
  if (expr.kind !== 'call') return false;
  const name = callName(expr);
  if (!name || !/^(?:require|import|importlib\.import_module|__import__)$/.test(name)) return false;
  const first = expr.args[0]?.value;
  const text = first?.kind === 'string' ? first.value : first?.kind === 'template' ? first.quasis.join('*') : undefined;
  return text !== undefined && CONFIG_MODULE.test(text);
}

/** A number or string written in the code. */
function isLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || expr.kind === 'string' || expr.kind === 'template';
}

/** Values a tooling toggle sets: flags, log levels, build modes. */
function isToolingValue(expr: Expr): boolean {
  if (expr.kind === 'literal') return true;
  if (expr.kind === 'unary') return isToolingValue(expr.arg);
  return false;
}

/** The branches choose configuration values (not only mount dev tooling or flip flags). */
export function selectsConfig(decides: BranchSummary): boolean {
  if (decides.values.some((v) => isConfigValue(v))) return true;
  const pairs =
    decides.kind === 'ternary'
      ? decides.values.map((v) => [decides.assigns[0], v] as const)
      : decides.assigns.map((a, i) => [a, decides.values[i]] as const);
  return pairs.some(
    ([target, value]) =>
      target !== undefined &&
      value !== undefined &&
      isConfigName(target) &&
      !isToolingValue(value) &&
      !isNeutral(value),
  );
}

/** Values that say nothing on their own (`null`, a name, a call): only a config-named target with a literal counts. */
function isNeutral(expr: Expr): boolean {
  return (
    expr.kind !== 'string' &&
    expr.kind !== 'template' &&
    expr.kind !== 'number' &&
    expr.kind !== 'object' &&
    expr.kind !== 'array'
  );
}
