/**
 * What names the deployment environment: variables (`NODE_ENV`, `APP_ENV`,
 * `DJANGO_ENV`…) read from the environment or bound in code
 * (`settings.ENVIRONMENT`, `config.env`, `const env = process.env.NODE_ENV`),
 * and the literals that name an environment (`"production"`, `'dev'`).
 */
import type { Expr } from '../../ir/facts';
import { children, dottedName, envReadName, isEnvObject, isEnvRead, lastSegment, stringValue } from '../../ir/exprs';
import { snakeUpper } from '../../lib/identifiers';

const ENV_VARIABLES = new Set([
  'ENV',
  'APP_ENV',
  'NODE_ENV',
  'DJANGO_ENV',
  'FLASK_ENV',
  'RAILS_ENV',
  'RACK_ENV',
  'PYTHON_ENV',
  'ENVIRONMENT',
  'APP_ENVIRONMENT',
  'ENVIRONMENT_NAME',
  'ENV_NAME',
  'STAGE',
  'APP_STAGE',
  'DEPLOY_ENV',
  'DEPLOYMENT_ENV',
  'DEPLOYMENT_ENVIRONMENT',
  'CURRENT_ENV',
  'RUNTIME_ENV',
  'SERVER_ENV',
  // Flask's application-factory convention: the name of a config class (`config[os.getenv('FLASK_CONFIG')]`).
  'FLASK_CONFIG',
]);

export const ENV_NAMES = new Set([
  'production',
  'prod',
  'staging',
  'stage',
  'development',
  'dev',
  'test',
  'testing',
  'qa',
  'uat',
  'local',
  'preview',
]);

const CASE_CHANGES = new Set(['lower', 'upper', 'strip', 'casefold', 'toLowerCase', 'toUpperCase', 'trim']);

/** The environment-name variable an expression reads (`NODE_ENV`, `settings.ENVIRONMENT` → `ENVIRONMENT`), if any. */
export function envSubject(expr: Expr): string | undefined {
  // `process.env.NODE_ENV || 'development'`, `os.getenv('FLASK_CONFIG') or 'default'`: the default is still an environment's name.
  if (expr.kind === 'binary' && (expr.op === '||' || expr.op === '??')) return envSubject(expr.left);
  if (expr.kind === 'call' && expr.callee.kind === 'member') {
    // os.environ.get("ENV", "dev").lower()
    if (CASE_CHANGES.has(expr.callee.property) && expr.args.length === 0) return envSubject(expr.callee.object);
    // app.get('env'), config.get('NODE_ENV')
    if (expr.callee.property === 'get' && !isEnvRead(expr)) {
      const key = stringValue(expr.args[0]?.value);
      return key !== undefined && ENV_VARIABLES.has(snakeUpper(key)) ? snakeUpper(key) : undefined;
    }
  }
  if (isEnvRead(expr)) {
    const name = envReadName(expr);
    return name !== undefined && ENV_VARIABLES.has(name.toUpperCase()) ? name : undefined;
  }
  if (expr.kind === 'name' || expr.kind === 'member') {
    // `process.env` itself, or a variable other than the environment's name read from it.
    if (isEnvObject(expr) || (expr.kind === 'member' && isEnvObject(expr.object))) return undefined;
    const dotted = dottedName(expr);
    const last = dotted === undefined ? undefined : snakeUpper(lastSegment(dotted));
    return last !== undefined && ENV_VARIABLES.has(last) ? lastSegment(dotted as string) : undefined;
  }
  return undefined;
}

/**
 * True when an environment-name variable is part of the expression's value:
 * `./config/${env}`, `'config.' + process.env.NODE_ENV`. A member chain is
 * judged whole, so `env.modulePath` or `process.env.OTHER` do not count.
 */
export function containsEnvSubject(expr: Expr): boolean {
  if (envSubject(expr) !== undefined) return true;
  if (expr.kind === 'name' || expr.kind === 'member' || expr.kind === 'index') return false;
  return children(expr).some(containsEnvSubject);
}

/** The environment names a literal side of a comparison holds (`"production"`, `("prod", "staging")`). */
export function envLiterals(expr: Expr): string[] {
  if (expr.kind === 'string') return ENV_NAMES.has(expr.value.toLowerCase()) ? [expr.value] : [];
  if (expr.kind === 'array') {
    const names = expr.elements.map((e) => stringValue(e));
    if (names.length === 0 || names.some((n) => n === undefined || !ENV_NAMES.has(n.toLowerCase()))) return [];
    return names as string[];
  }
  return [];
}

/** A settings module named after an environment: `mysite.settings.production`, `config.settings_dev`. */
export function isPerEnvModule(value: string): boolean {
  const last = value.split('.').pop() ?? '';
  return last.split(/[_-]/).some((token) => ENV_NAMES.has(token.toLowerCase()));
}
