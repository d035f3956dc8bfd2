/**
 * Writes to module state that are not per-request state: start-up
 * registration, lazy one-time initialisation, test set-up, clients of
 * backing services. See README "Not reported" for where the lines are drawn.
 */
import { callName, dottedName } from '../../ir/exprs';
import type { Expr, FileFacts, GlobalWriteFact, ModuleBinding } from '../../ir/facts';
import { isIdempotentWrite } from './idempotent';
import type { StartupGraph } from './startup';

/** Names of containers filled once at start-up (plugin registries, signal receivers, routes). */
const REGISTRY_NAME =
  /(?:registry|registries|registered|plugins|hooks|converters|receivers|signals|handlers|listeners|subscribers|observers|callbacks|extensions|middlewares?|routes|commands|__all__)$/;
/** Warn-once bookkeeping (`_warned[key] = True`): no behaviour depends on it across processes. */
const WARN_ONCE_NAME = /warn|deprecat/;
/** Functions that run during start-up or tests, not per request. */
const STARTUP_FUNCTION =
  /^_*(?:register|unregister|setup|set_up|setUp|teardown|tearDown|tear_down|configure|init|install|bootstrap|autodiscover|populate|test_|test[A-Z]|beforeAll|afterAll|beforeEach|afterEach|reset|clear|shutdown|stop|close|dispose|destroy)/;
/** Callbacks of these run immediately, so a callback passed to them at top level runs at import time. */
const ITERATION_METHODS = /(?:^|\.)(?:forEach|map|filter|reduce|some|every|each|flatMap)$/;
/** Module bindings that are clients of a backing service, whose writes go out of process. */
const BACKING_CLIENTS =
  /^(?:flask_caching\.|flask_cache\.|aiocache\.|redis\.|pymemcache\.|prometheus_client\.|prom-client\.|ioredis|redis$)/;

export function isStartupWrite(w: GlobalWriteFact, facts: FileFacts, startup: StartupGraph): boolean {
  if (/^__\w+__$/.test(w.name)) return true;
  const lower = w.name.toLowerCase();
  if (REGISTRY_NAME.test(lower) || WARN_ONCE_NAME.test(lower)) return true;
  if (w.functionName !== undefined && STARTUP_FUNCTION.test(w.functionName)) return true;
  if (w.scope ? startup.runsAtStartup(w.scope) : ranAtImportTime(w, facts)) return true;
  if (isBackingClient(facts.moduleBindings.get(w.name))) return true;
  if (isIdempotentWrite(w, facts, startup)) return true;
  if (isSetter(w, facts, startup) || isRegistrationDecorator(w, facts)) return true;
  return (w.op === 'assign' || w.op === 'augassign') && isLazyInit(w, facts);
}

/** Without the write's scope (facts from elsewhere): the function or its enclosing one runs at import time. */
function ranAtImportTime(w: GlobalWriteFact, facts: FileFacts): boolean {
  if (w.functionName !== undefined && facts.importTimeFunctions.has(w.functionName)) return true;
  return insideImportTimeFunction(w, facts) || insideTopLevelIteration(w, facts);
}

/** The write sits in (a closure of) a module-level function that runs at import time: a decorator or a function called at top level. */
function insideImportTimeFunction(w: GlobalWriteFact, facts: FileFacts): boolean {
  for (const name of facts.importTimeFunctions) {
    const binding = facts.moduleBindings.get(name);
    if (binding && binding.span.start <= w.span.start && w.span.end <= binding.span.end) return true;
  }
  return false;
}

/** `methods.forEach(function (m) { app[m] = ... })` at top level runs while the module loads. */
function insideTopLevelIteration(w: GlobalWriteFact, facts: FileFacts): boolean {
  return facts.calls.some(
    (c) =>
      c.scope.kind === 'module' &&
      ITERATION_METHODS.test(callName(c.expr) ?? '') &&
      c.expr.args.some(
        (a) => a.value.kind === 'function' && a.value.span.start <= w.span.start && w.span.end <= a.value.span.end,
      ),
  );
}

function isBackingClient(binding: ModuleBinding | undefined): boolean {
  const value = binding?.value;
  if (value?.kind !== 'call') return false;
  const name = callName(value) ?? '';
  return BACKING_CLIENTS.test(name);
}

/**
 * `if _client is None: _client = make()`, `client ??= new Client()`: a value
 * computed once per process from code and configuration, the same in every
 * process, so no state is lost when a process dies.
 */
function isLazyInit(w: GlobalWriteFact, facts: FileFacts): boolean {
  const assignment = facts.assignments.find((a) => a.span.start === w.span.start);
  if (assignment && (assignment.op === '??=' || assignment.op === '||=')) return true;
  if (w.op !== 'assign') return false;
  // `_load_serializers()` rebinding the module's table once.
  if (/^_*load/.test(w.functionName ?? '')) return true;
  // `X = X || load()`, `X = require('./x')`: lazy loading of code or a one-time value.
  const value = assignment?.value;
  if (value?.kind === 'binary' && (value.op === '||' || value.op === '??') && dottedName(value.left) === w.name)
    return true;
  if (value?.kind === 'call' && /^require(?:\(\))?/.test(callName(value) ?? '')) return true;
  if (value?.kind === 'member' && value.object.kind === 'call' && (value.object.calleeName ?? '') === 'require')
    return true;
  const n = w.name.replace(/[$]/g, '\\$');
  const guard = new RegExp(
    `\\b${n}\\s+is\\s+None\\b|\\bnot\\s+${n}\\b|!\\s*${n}\\b|\\b${n}\\s*(?:===?|!==?)\\s*(?:null|undefined|None)\\b|\\b${n}\\s*\\?\\?=`,
  );
  const before = facts.text.slice(Math.max(0, w.span.start - 300), w.span.start);
  // `X || (X = require('./x'))`
  const shortCircuit = new RegExp(`\\b${n}\\s*(?:\\|\\||\\?\\?)\\s*\\(\\s*$`);
  return guard.test(before) || shortCircuit.test(before);
}

interface FunctionParts {
  params: string[];
  body: string;
  /** What each `return` returns, trimmed. */
  returns: string[];
}

const partsCache = new WeakMap<FileFacts, Map<number, FunctionParts | null>>();

/** The function the write is in: its parameters and what follows them, computed once per function. */
function functionParts(w: GlobalWriteFact, facts: FileFacts): FunctionParts | undefined {
  const span = w.scope?.kind === 'function' ? w.scope.span : undefined;
  if (!span) return undefined;
  let byStart = partsCache.get(facts);
  if (!byStart) partsCache.set(facts, (byStart = new Map()));
  let parts = byStart.get(span.start);
  if (parts === undefined) {
    const split = splitFunction(facts.text.slice(span.start, span.end));
    parts = split
      ? { ...split, returns: [...split.body.matchAll(/\breturn\b[ \t]*([^\n;]*)/g)].map((m) => m[1].trim()) }
      : null;
    byStart.set(span.start, parts);
  }
  return parts ?? undefined;
}

/** The text of a function split into its parameter names and what follows the parameter list. */
function splitFunction(fn: string): { params: string[]; body: string } | undefined {
  const open = fn.indexOf('(');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < fn.length; i++) {
    if (fn[i] === '(') depth++;
    else if (fn[i] === ')' && --depth === 0) {
      const params = fn
        .slice(open + 1, i)
        .split(',')
        .map((p) => /^\s*(?:\*{0,2})([A-Za-z_$][\w$]*)/.exec(p)?.[1])
        .filter((p): p is string => p !== undefined && p !== 'self');
      return { params, body: fn.slice(i + 1) };
    }
  }
  return undefined;
}

/**
 * `function setSequelize(seq) { sequelize = seq }`, `def set_client(c): global
 * CLIENT; CLIENT = c`: a setter whose whole body stores its parameter is how
 * a caller injects a dependency or a setting, not state the module keeps.
 */
const SETTER_MAX = 400;
/** Parameter names of class and function decorators. */
const DECORATED = /^(?:cls|klass|class_|func|function|fn|f|target|constructor|decorated|wrapped|view|handler)$/;

function calledName(callee: Expr): string | undefined {
  if (callee.kind === 'name') return callee.name;
  return callee.kind === 'member' ? callee.property : undefined;
}

function isSetter(w: GlobalWriteFact, facts: FileFacts, startup: StartupGraph): boolean {
  if (w.op !== 'assign' || w.value?.kind !== 'name') return false;

  const parts = functionParts(w, facts);
  const param = w.value.name;
  // A setter is a one-liner (with a comment or a type at most): a longer body is not read.
  if (!parts || parts.body.length > SETTER_MAX || !parts.params.includes(param)) return false;
  const body = parts.body
    .replace(/(?:\/\/|#)[^\n]*/g, '')
    .replace(/\s+/g, '')
    .replace(/^(?:->[^:]*)?:(?=global)/, '')
    .replace(/^(?::[^{]*)?\{/, '')
    .replace(/\}$/, '')
    .replace(/^:/, '')
    .replace(new RegExp(`^global${w.name.replace(/[$]/g, '\\$')};?`), '');
  if (body.replace(/;$/, '') !== `${w.name}=${param}`) return false;
  // Called from a handler in this file (`app.post(path, (req) => setUser(req.user))`): per-event state.
  const name = w.functionName;
  return !facts.calls.some((c) => calledName(c.expr.callee) === name && startup.runsPerEvent(c.scope));
}

/**
 * `def JSEnum(cls): REGISTRY[cls.__name__] = cls; return cls`: a decorator
 * that records what it decorates and returns it runs when the decorated
 * class or function is defined, at import time.
 */
function isRegistrationDecorator(w: GlobalWriteFact, facts: FileFacts): boolean {
  const parts = functionParts(w, facts);
  const first = parts?.params[0];
  if (!parts || first === undefined) return false;
  const { returns } = parts;
  if (returns.length === 0 || returns.some((r) => r !== first)) return false;
  // What it takes is a class or a function (`cls`, `func`, `target`), or the file applies it as `@name`:
  // `def add_session(session): …; return session` is a helper, not a decorator.
  if (!DECORATED.test(first) && !appliedAsDecorator(facts, w.functionName)) return false;
  return new RegExp(`\\b${first.replace(/[$]/g, '\\$')}\\b`).test(facts.text.slice(w.span.start, w.span.end));
}

const applied = new WeakMap<FileFacts, Set<string>>();

/** Names the file applies as decorators (`@name` at the start of a line), read once per file. */
function appliedAsDecorator(facts: FileFacts, name: string | undefined): boolean {
  if (name === undefined) return false;
  let names = applied.get(facts);
  if (!names) {
    names = new Set([...facts.text.matchAll(/^[ \t]*@([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]));
    applied.set(facts, names);
  }
  return names.has(name);
}
