/**
 * Environment reads made through configuration libraries rather than
 * `process.env` / `os.environ` directly: django-environ's typed URL readers,
 * NestJS `ConfigService.get`, schema libraries (envalid, t3-env, convict)
 * and a file's own helper functions that read a variable by parameter.
 * Language-neutral: both front-ends' facts mean the same thing here.
 */
import type { CallExpr, Expr } from './facts';

/** django-environ readers that default to a conventional variable (`env.db()` reads DATABASE_URL). */
const DEFAULT_VARIABLES: Record<string, string> = {
  db: 'DATABASE_URL',
  db_url: 'DATABASE_URL',
  cache: 'CACHE_URL',
  cache_url: 'CACHE_URL',
  email: 'EMAIL_URL',
  email_url: 'EMAIL_URL',
  search_url: 'SEARCH_URL',
  'dj_database_url.config': 'DATABASE_URL',
};

const ENV_RECEIVER = /(?:^|\.)(?:env|environ)\.(\w+)$/;

/** The variable a django-environ reader called without a name reads by default. */
export function defaultVariable(callee: string, call: CallExpr): string | undefined {
  if (call.args.some((a) => !a.name && !a.spread)) return undefined;
  if (call.args.some((a) => a.name === 'var')) return undefined;
  const direct = DEFAULT_VARIABLES[callee];
  if (direct && callee.includes('.')) return direct;
  const m = ENV_RECEIVER.exec(callee);
  return m ? DEFAULT_VARIABLES[m[1]] : undefined;
}

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
/** `this.config.get('REDIS_URL', …)`: a Nest ConfigService (or alike) under any receiver name with "config" in it. */
const CONFIG_GETTER = /(?:^|\.)\w*(?:[cC]onfig|[cC]fg)\w*\.(?:get|getOrThrow)$/;

export function isConfigServiceGet(callee: string, call: CallExpr): boolean {
  if (!CONFIG_GETTER.test(callee)) return false;
  const first = call.args[0]?.value;
  return first?.kind === 'string' && UPPER_SNAKE.test(first.value);
}

/** Schema libraries whose keys (or `env:` entries) name the variables they read. */
const SCHEMA_CALLS = /^(?:envalid\.cleanEnv|cleanEnv|(?:@t3-oss\/env-\w+\.)?createEnv|convict)$/;

export function isEnvSchemaCall(callee: string): boolean {
  return SCHEMA_CALLS.test(callee);
}

/** The variables an env schema call reads. */
export function schemaVariables(callee: string, call: CallExpr): string[] {
  const names: string[] = [];
  const keysOf = (e: Expr | undefined) => {
    if (e?.kind !== 'object') return;
    for (const entry of e.entries) if (entry.key && UPPER_SNAKE.test(entry.key)) names.push(entry.key);
  };
  if (/cleanEnv$/.test(callee)) keysOf(call.args[1]?.value);
  else if (/createEnv$/.test(callee)) {
    const options = call.args[0]?.value;
    if (options?.kind === 'object') {
      for (const entry of options.entries) if (entry.key && entry.key !== 'runtimeEnv') keysOf(entry.value);
    }
  } else convictVariables(call.args[0]?.value, names, 0);
  return names;
}

function convictVariables(e: Expr | undefined, out: string[], depth: number): void {
  if (e?.kind !== 'object' || depth > 8) return;
  for (const entry of e.entries) {
    if (entry.key === 'env' && entry.value.kind === 'string') out.push(entry.value.value);
    else convictVariables(entry.value, out, depth + 1);
  }
}
