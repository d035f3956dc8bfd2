/**
 * The role of a file — app code, a test, code shipped to the browser, a
 * vendored library, build tooling or a database migration — decided once per
 * file from its project-relative path and the head of its text. Rules declare
 * the roles they apply to (RuleMeta.roles) and the engine reads both, so no
 * rule guesses on its own whether a file is a test.
 *
 * Order: the user's `roleFiles` globs, then vendored paths (a library keeps
 * its own `test/` folders), test paths (`testFiles`), migrations, tooling,
 * browser paths, and last what the text says for certain. Anything else is
 * `app`: when in doubt a file keeps every rule.
 */
import { globToRegExp } from '../lib/globs';
import { FILE_ROLES, type FileRole, type RuleLevel } from '../ir/types';

/** Globs per role, relative to the project root (`"roleFiles"` in the config). */
export type RoleFiles = Partial<Record<FileRole, readonly string[]>>;

/** Rule levels per role (`"roles"` in the config): `{ test: { "global-state": "warning" } }`. */
export type RoleLevels = Partial<Record<FileRole, Record<string, RuleLevel | undefined>>>;

export interface RoleVerdict {
  role: FileRole;
  /** Why, in words a hover can show: `path matches **\/tests/**`, `subclasses TestCase`. */
  reason: string;
}

export interface RoleInput {
  /**
   * The caller's verdict from the configured `testFiles` globs; when
   * undefined the default test globs are used.
   */
  isTestFile?: boolean;
  roleFiles?: RoleFiles;
  /** What the project declares: folders its package.json scripts run maintainer scripts from. */
  project?: { toolingDirs?: ReadonlySet<string> };
}

/** Test files by path: also the default of the `testFiles` setting. */
export const DEFAULT_TEST_FILES: readonly string[] = [
  '**/test_*.py',
  '**/*_test.py',
  '**/tests.py',
  '**/tests/**',
  '**/test/**',
  '**/testing/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.e2e.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/conftest.py',
  '**/e2e/**',
  '**/cypress/**',
  '**/playwright/**',
  '**/setupTests.*',
];

const DEFAULT_PATHS: Record<'vendored' | 'migration' | 'tooling' | 'browser', readonly string[]> = {
  vendored: [
    '**/vendor/**',
    '**/third_party/**',
    '**/third-party/**',
    '**/bower_components/**',
    '**/static/**/lib/**',
    '**/static/**/libs/**',
    '**/static/**/vendor/**',
  ],
  migration: ['**/migrations/**', '**/migration/**', '**/alembic/versions/**', '**/db/migrate/**'],
  tooling: [
    '**/scripts/**',
    '**/bin/**',
    // Code generator templates (hygen).
    '**/.hygen/**',
    '**/_templates/**',
    '**/setup.py',
    // Installers and self-updaters a person runs between releases: the build step, not the app.
    '**/install.{py,js,mjs,cjs,ts}',
    '**/postinstall.{py,js,mjs,cjs,ts}',
    '**/bootstrap*.py',
    '**/{update,upgrade}.py',
    '**/noxfile.py',
    '**/fabfile.py',
    '**/docs/conf.py',
    '**/gulpfile.*',
    '**/Gruntfile.*',
    '**/webpack.config.*',
    '**/webpack.*.config.*',
    '**/vite.config.*',
    '**/vitest.config.*',
    '**/rollup.config.*',
    '**/esbuild.config.*',
    '**/babel.config.*',
    '**/jest.config.*',
    '**/karma.conf.*',
    '**/eslint.config.*',
    '**/.eslintrc.*',
    '**/prettier.config.*',
    '**/postcss.config.*',
    '**/tailwind.config.*',
    '**/next.config.*',
    '**/nuxt.config.*',
    '**/svelte.config.*',
    '**/astro.config.*',
    '**/tsup.config.*',
  ],
  // Only for JS/TS files: a Python module under `static/` is not shipped to a browser.
  browser: ['**/static/**', '**/public/**', '**/assets/**'],
};

const JS_FILE = /\.[cm]?[jt]sx?$/i;

/** Decides the role of one file. Pure: the same path, text and input give the same verdict. */
export function classifyFile(path: string, text: string, input: RoleInput = {}): RoleVerdict {
  const user = input.roleFiles ? userGlobs(input.roleFiles) : [];
  for (const [role, globs] of user) {
    const glob = firstMatch(globs, path);
    if (glob) return { role, reason: `path matches "${glob.source}" in roleFiles.${role}` };
  }
  const js = JS_FILE.test(path);
  const byPath = (role: keyof typeof DEFAULT_PATHS): RoleVerdict | undefined => {
    const glob = firstMatch(DEFAULTS[role], path);
    return glob && { role, reason: `path matches "${glob.source}"` };
  };
  const vendored = byPath('vendored');
  if (vendored) return vendored;
  if (input.isTestFile) return { role: 'test', reason: 'path matches the testFiles globs' };
  if (input.isTestFile === undefined) {
    const glob = firstMatch(DEFAULT_TESTS, path);
    if (glob) return { role: 'test', reason: `path matches "${glob.source}"` };
  }
  const byName =
    byPath('migration') ?? byPath('tooling') ?? scriptFolder(path, input) ?? (js ? byPath('browser') : undefined);
  if (byName) return byName;
  const reason = js ? jsContentRole(path, text) : pythonContentRole(text);
  return reason ?? { role: 'app', reason: 'no test, browser, vendored, tooling or migration sign' };
}

/** A file under a folder the project's package.json scripts run maintainer scripts from. */
function scriptFolder(path: string, input: RoleInput): RoleVerdict | undefined {
  const dirs = input.project?.toolingDirs;
  if (!dirs || dirs.size === 0) return undefined;
  for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
    const dir = path.slice(0, i);
    if (dirs.has(dir))
      return { role: 'tooling', reason: `${dir}/ holds scripts package.json runs (not the app's start)` };
  }
  return undefined;
}

interface Glob {
  source: string;
  regex: RegExp;
}

function compile(patterns: readonly string[]): Glob[] {
  return patterns
    .map((p) => p.trim())
    .filter((p) => p.length > 0 && !p.startsWith('#'))
    .map((source) => ({ source, regex: globToRegExp(source) }));
}

function firstMatch(globs: readonly Glob[], path: string): Glob | undefined {
  return globs.find((g) => g.regex.test(path));
}

const DEFAULTS = {
  vendored: compile(DEFAULT_PATHS.vendored),
  migration: compile(DEFAULT_PATHS.migration),
  tooling: compile(DEFAULT_PATHS.tooling),
  browser: compile(DEFAULT_PATHS.browser),
};
const DEFAULT_TESTS = compile(DEFAULT_TEST_FILES);

/** Compiled `roleFiles`, by their JSON: the server passes a fresh copy of the same settings per file. */
const userCache = new Map<string, [FileRole, Glob[]][]>();

function userGlobs(roleFiles: RoleFiles): [FileRole, Glob[]][] {
  const key = JSON.stringify(roleFiles);
  let compiled = userCache.get(key);
  if (!compiled) {
    if (userCache.size > 32) userCache.clear();
    // `app` first: it is how a user takes a file back from a default role.
    compiled = FILE_ROLES.flatMap((role) => {
      const globs = roleFiles[role];
      return globs && globs.length > 0 ? [[role, compile(globs)] as [FileRole, Glob[]]] : [];
    });
    userCache.set(key, compiled);
  }
  return compiled;
}

/** Only the head is read for banners, directives and imports. */
const HEAD_CHARS = 8000;

function pythonContentRole(text: string): RoleVerdict | undefined {
  const head = text.slice(0, HEAD_CHARS);
  // A class at the top level deriving from a TestCase (unittest, Django, DRF) is a test module.
  if (/^class\s+\w+\s*\([^)]*\b\w*TestCase\b/m.test(text)) return { role: 'test', reason: 'subclasses TestCase' };
  // pytest modules need both the import and a test function: importing pytest alone is not enough.
  if (/^(?:import pytest\b|from pytest\b)/m.test(head) && /^(?:async\s+)?def\s+test_\w*\s*\(/m.test(text)) {
    return { role: 'test', reason: 'imports pytest and defines test functions' };
  }
  return undefined;
}

const TEST_MODULES = /^(?:vitest|node:test|@jest\/globals|@playwright\/test|mocha|@testing-library\/.+|supertest)$/;
/** `describe('…', …)` at the start of a line: a test file's top level, never an app's. */
const TOP_LEVEL_TEST_CALL = /^(?:describe|it|test|suite)(?:\.(?:only|skip|each))?\s*\(\s*['"`]/m;
/** `/*! lib v1.2 ...` or a first comment holding `@license`/`@preserve`, as minifiers keep them. */
const LICENCE_BANNER = /^\s*(?:\/\*!|\/\*(?:[^*]|\*(?!\/))*@(?:license|preserve)\b)/;

function jsContentRole(path: string, text: string): RoleVerdict | undefined {
  const head = text.slice(0, HEAD_CHARS);
  if (LICENCE_BANNER.test(head.slice(0, 1000))) return { role: 'vendored', reason: 'starts with a library banner' };
  const modules = importedModules(head);
  const testModule = modules.find((m) => TEST_MODULES.test(m));
  if (testModule) return { role: 'test', reason: `imports ${testModule}` };
  if (TOP_LEVEL_TEST_CALL.test(text)) return { role: 'test', reason: 'calls describe/it/test at the top level' };
  return browserRole(path, text, head, modules);
}

/** `'use client'` as the first statement (after comments). */
const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[^]*?\*\/)*['"]use client['"]/;
const CLIENT_MODULES =
  /^(?:react|react-dom|react-dom\/client|preact|preact\/hooks|react-redux|redux|@reduxjs\/toolkit|redux-devtools-extension|@redux-devtools\/extension|vue|vue-router|vuex|pinia)$/;
const SERVER_MODULES =
  /^(?:node:.*|fs|path|http|https|http2|net|tls|dgram|os|child_process|cluster|worker_threads|crypto|zlib|stream|readline|express|koa|fastify|hapi|@hapi\/.+|@nestjs\/.+|hono|next\/server|next\/headers|server-only|react-dom\/server|@remix-run\/node|pg|mysql2?|mongoose|mongodb|redis|ioredis|@prisma\/client|sequelize|typeorm|knex|dotenv|ws|socket\.io)(?:\/.*)?$/;
/** Next.js data functions and server actions run on the server even in a pages/ component. */
const SERVER_CODE = /\b(?:getServerSideProps|getStaticProps|getInitialProps)\b|['"]use server['"]/;
/** Next route handlers, API routes, middleware and server files: never browser code. */
const SERVER_PATH =
  /(?:^|\/)(?:api|server|pages\/api|app)\/|(?:^|\/)(?:route|middleware|server)\.[cm]?[jt]sx?$|\.server\./;

/**
 * Client code recognised by its text, conservatively: a `'use client'`
 * module, or a module that imports React, Redux or Vue and nothing that runs on a server,
 * outside the folders where Next.js renders on the server (its `app/`
 * components are server components unless they say `'use client'`).
 */
function browserRole(path: string, text: string, head: string, modules: string[]): RoleVerdict | undefined {
  if (USE_CLIENT.test(head)) return { role: 'browser', reason: "a 'use client' module" };
  const client = modules.find((m) => CLIENT_MODULES.test(m));
  if (!client || SERVER_PATH.test(path) || SERVER_CODE.test(text)) return undefined;
  if (modules.some((m) => SERVER_MODULES.test(m))) return undefined;
  return { role: 'browser', reason: `imports ${client} and no server module` };
}

const IMPORT_FROM =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function importedModules(head: string): string[] {
  const modules: string[] = [];
  for (const m of head.matchAll(IMPORT_FROM)) {
    const name = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (name) modules.push(name);
  }
  return modules;
}
