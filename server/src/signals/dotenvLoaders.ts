/**
 * What in a source file reads a `.env` file: python-dotenv's `load_dotenv()`
 * or `dotenv_values()`, django-environ's `read_env()`, python-decouple's
 * `config()`, pydantic-settings' `env_file`, npm dotenv's `config()` or
 * `dotenv/config`, `@nestjs/config`'s `ConfigModule.forRoot()`. A pure
 * function of the facts; the "Move to .env" fix uses the answer to tell
 * whether the value it writes reaches the process.
 */
import type { CallExpr, FileFacts } from '../ir/facts';
import { argument, callName, property, stringValue } from '../ir/exprs';
import { LineIndex } from '../ir/lines';
import type { DotenvLoader } from '../ir/types';

/** A loader found in one file (its path is the caller's to add). */
export type FileDotenvLoader = Omit<DotenvLoader, 'file'>;

/** Cheap prefilter: a file without one of these words holds no loader. */
export const DOTENV_LOADER_WORDS = /dotenv|read_env|decouple|env_file|@nestjs\/config/;

/** Side-effect imports are not import facts: `import 'dotenv/config'`. */
const SIDE_EFFECT_IMPORT = /^[ \t]*import[ \t]*(['"])(?:dotenv|@dotenvx\/dotenvx)\/config(?:\.js)?\1/m;

/** The file's loaders; callers skip files without DOTENV_LOADER_WORDS before parsing them (workspace/envLoaders.ts). */
export function dotenvLoadersOf(facts: FileFacts): FileDotenvLoader[] {
  const lines = new LineIndex(facts.text);
  const at = (offset: number) => lines.position(offset).line;
  const out: FileDotenvLoader[] = [];
  const python = facts.language === 'python';
  const importsModule = (prefix: string) =>
    facts.imports.some((i) => i.module === prefix || i.module.startsWith(`${prefix}.`));
  for (const { expr } of facts.calls) {
    const found = python ? pythonLoader(expr, importsModule) : jsLoader(expr);
    if (found) out.push({ ...found, line: at(expr.span.start) });
  }
  if (python && (importsModule('pydantic_settings') || importsModule('pydantic'))) {
    // `SettingsConfigDict(env_file=".env")`, `model_config = {"env_file": ".env"}`, `class Config: env_file = ".env"`.
    const envFile = facts.strings.find((s) => s.name === 'env_file' && isDotenvPath(s.expr.value));
    if (envFile) {
      out.push({
        how: "pydantic-settings' env_file",
        setsEnviron: false,
        line: at(envFile.expr.span.start),
      });
    }
  }
  if (!python) {
    const m = SIDE_EFFECT_IMPORT.exec(facts.text);
    if (m) out.push({ how: "import 'dotenv/config'", setsEnviron: true, line: at(m.index + m[0].indexOf('import')) });
  }
  return out;
}

type Found = Omit<FileDotenvLoader, 'line'>;

function pythonLoader(call: CallExpr, importsModule: (m: string) => boolean): Found | undefined {
  const name = callName(call) ?? '';
  if (/^dotenv(?:\.main)?\.load_dotenv$/.test(name)) {
    return loadsDotenv(call, 'dotenv_path') ? { how: "python-dotenv's load_dotenv()", setsEnviron: true } : undefined;
  }
  if (/^dotenv(?:\.main)?\.dotenv_values$/.test(name)) {
    return loadsDotenv(call, 'dotenv_path')
      ? { how: "python-dotenv's dotenv_values()", setsEnviron: false }
      : undefined;
  }
  // `environ.Env.read_env()`, `env.read_env()` on an `environ.Env()` or environs' `Env()`, wherever
  // the `env` was made (a config module imports it): both libraries load into os.environ.
  if (call.callee.kind === 'member' && call.callee.property === 'read_env') {
    if (!loadsDotenv(call, 'env_file') || !loadsDotenv(call, 'path')) return undefined;
    const how = importsModule('environs')
      ? "environs' read_env()"
      : importsModule('environ')
        ? "django-environ's read_env()"
        : 'read_env() (django-environ or environs)';
    return { how, setsEnviron: true };
  }
  if (name === 'decouple.config' || name === 'decouple.AutoConfig') {
    return { how: "python-decouple's config()", setsEnviron: false };
  }
  return undefined;
}

function jsLoader(call: CallExpr): Found | undefined {
  const name = callName(call) ?? '';
  // `require('dotenv').config()`: the callee's object is the require call.
  const callee = call.callee;
  const required =
    callee.kind === 'member' && callee.object.kind === 'call' && callName(callee.object) === 'require'
      ? stringValue(argument(callee.object, 0))
      : undefined;
  const dotenvConfig =
    /^(?:dotenv|@dotenvx\/dotenvx)\.config$/.test(name) ||
    (callee.kind === 'member' && callee.property === 'config' && /^(?:dotenv|@dotenvx\/dotenvx)$/.test(required ?? ''));
  if (dotenvConfig) {
    const path = stringValue(property(argument(call, 0), 'path'));
    return path === undefined || isDotenvPath(path) ? { how: "dotenv's config()", setsEnviron: true } : undefined;
  }
  if (
    name === 'require' &&
    /^(?:dotenv|@dotenvx\/dotenvx)\/config(?:\.js)?$/.test(stringValue(argument(call, 0)) ?? '')
  ) {
    return { how: "require('dotenv/config')", setsEnviron: true };
  }
  if (name === '@nestjs/config.ConfigModule.forRoot') {
    // `ignoreEnvFile: true` turns the file off.
    const ignore = property(argument(call, 0), 'ignoreEnvFile');
    if (ignore?.kind === 'literal' && ignore.value === true) return undefined;
    return { how: "@nestjs/config's ConfigModule.forRoot()", setsEnviron: true };
  }
  return undefined;
}

/** The call loads `.env` itself: no path argument, a computed one (find_dotenv()), or one naming a `.env`. */
function loadsDotenv(call: CallExpr, keyword: string): boolean {
  const path = stringValue(argument(call, 0, keyword));
  return path === undefined || isDotenvPath(path);
}

function isDotenvPath(path: string): boolean {
  return /(?:^|[\\/])\.env$/.test(path);
}
