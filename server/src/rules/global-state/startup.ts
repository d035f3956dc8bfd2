/**
 * Which functions run at start-up, decided by reachability rather than by
 * their names: code at module level (and `if __name__ == "__main__":`), the
 * framework's start-up hooks (`@app.on_event("startup")`, Django's
 * `AppConfig.ready`, the Flask factory), callbacks that run once when the
 * start-up code runs (`connect().then(cb)`, `app.listen(port, cb)`,
 * `client.once('ready', cb)`), and every function those call by name.
 *
 * A request handler defined inside start-up code (`app.get('/', cb)` inside
 * `main`, `@app.route` inside `create_app`) is not start-up: a callback is
 * judged by the call it is given to, a nested def by its own name.
 */
import { callName, dottedName, lastSegment, stringValue } from '../../ir/exprs';
import type { CallFact, Expr, FileFacts, Scope } from '../../ir/facts';

/** Callbacks of these run now, in the caller's context. */
const ITERATION_METHODS = /^(?:forEach|map|filter|reduce|some|every|each|flatMap)$/;
/** Promise continuations, server start-up: the callback runs once. */
const ONCE_METHODS = /^(?:then|catch|finally|listen|add_event_handler|before_first_request)$/;
/** JS clients' connect callbacks run once; a Python `signal.connect(f)` registers a receiver instead. */
const JS_ONCE_METHODS = /^(?:connect|createConnection)$/;
/** Events that fire once, when the process or a connection comes up. */
const ONCE_EVENTS = /^(?:ready|listening|open|connect|connected|start|started|startup|init|boot)$/;
const EVENT_METHODS = /^(?:on|once|addListener|addEventListener|prependListener|prependOnceListener)$/;
const DEFERRED_CALLS = /^(?:setImmediate|setTimeout|process\.nextTick|queueMicrotask)$/;
/** Start-up hook decorators: Flask, Quart, FastAPI/Starlette, Sanic, Celery worker signals. */
const STARTUP_DECORATORS =
  /(?:^|\.)(?:before_first_request|before_serving|before_server_start|main_process_start|on_startup|startup|worker_process_init\.connect|worker_init\.connect|celeryd_init\.connect|celeryd_after_setup\.connect)$/;
const STARTUP_EVENT_DECORATORS = /(?:^|\.)(?:on_event|listener|on)$/;
const STARTUP_EVENT_NAMES = /^(?:startup|before_server_start|after_server_start|main_process_start)$/;
/** Keyword arguments that name start-up hooks (`FastAPI(on_startup=[init], lifespan=lifespan)`). */
const STARTUP_KEYWORDS = new Set(['on_startup', 'lifespan', 'startup']);
/** Factories and hooks the frameworks call by name: Flask's CLI looks for `create_app`/`make_app`. */
const FRAMEWORK_ENTRIES = new Set(['main', 'create_app', 'make_app']);
/** Hooks called by name once a framework that defines them is imported. */
const IMPORTED_HOOKS: [RegExp, string[]][] = [
  [/^django\.apps/, ['ready']],
  [/^twisted\./, ['postOptions', 'makeService', 'startService', 'privilegedStartService']],
];
const FIXPOINT_ROUNDS = 8;

export class StartupGraph {
  /** Functions by name that run at start-up. */
  private readonly names = new Set<string>();
  /** Anonymous functions by span start: the call they are an argument of, and whether directly. */
  private readonly callbacks = new Map<number, { call: CallFact; direct: boolean }>();

  constructor(private readonly facts: FileFacts) {
    for (const name of facts.importTimeFunctions) this.names.add(name);
    for (const name of FRAMEWORK_ENTRIES) this.names.add(name);
    for (const [module, hooks] of IMPORTED_HOOKS) {
      if (facts.imports.some((i) => module.test(i.module))) for (const h of hooks) this.names.add(h);
    }
    for (const call of facts.calls) {
      call.expr.args.forEach((a) => this.noteCallbacks(call, a.value, true));
      for (const a of call.expr.args) {
        if (a.name !== undefined && STARTUP_KEYWORDS.has(a.name)) this.addNamed(a.value);
      }
    }
    this.propagate();
  }

  /** The code of `scope` runs at start-up. */
  runsAtStartup(scope: Scope | undefined): boolean {
    return this.inStartup(scope, 0);
  }

  /**
   * The code of `scope` runs once per event: a callback given to a call that
   * does not run it now (`socket.on('setup', cb)`, `app.post(path, cb)`), or a
   * function under a decorator that is not a start-up hook (`@app.route`).
   */
  runsPerEvent(scope: Scope | undefined): boolean {
    if (scope?.kind !== 'function' || this.runsAtStartup(scope)) return false;
    if (scope.span && this.callbacks.has(scope.span.start)) return true;
    return (scope.decorators?.length ?? 0) > 0;
  }

  private inStartup(scope: Scope | undefined, depth: number): boolean {
    if (!scope || scope.kind !== 'function') return scope !== undefined;
    if (depth > 16) return false;
    const callback = scope.span && this.callbacks.get(scope.span.start);
    if (callback) {
      return callback.direct && this.runsCallbackNow(callback.call) && this.inStartup(callback.call.scope, depth + 1);
    }
    if (scope.decorators?.some(isStartupDecorator)) return true;
    return scope.name !== undefined && this.names.has(scope.name);
  }

  /** The call runs its function arguments now or once: iteration, promise continuations, start-up events. */
  private runsCallbackNow(call: CallFact): boolean {
    const name = callName(call.expr) ?? '';
    const method = lastSegment(name);
    if (ITERATION_METHODS.test(method) || ONCE_METHODS.test(method) || DEFERRED_CALLS.test(name)) return true;
    // `new Promise((resolve) => { … })`: the executor runs synchronously, in the caller's context.
    if (name === 'Promise' && call.expr.isNew) return true;
    if (this.facts.language !== 'python' && JS_ONCE_METHODS.test(method)) return true;
    if (method === 'append' && /(?:^|\.)on_startup\.append$/.test(name)) return true;
    return EVENT_METHODS.test(method) && ONCE_EVENTS.test(stringValue(call.expr.args[0]?.value) ?? '');
  }

  /** Functions called by name from start-up code, and named callbacks of once-calls there, until nothing changes. */
  private propagate(): void {
    for (let round = 0; round < FIXPOINT_ROUNDS; round++) {
      const before = this.names.size;
      for (const call of this.facts.calls) {
        if (!this.runsAtStartup(call.scope)) continue;
        const callee = calledFunction(call.expr.callee);
        if (callee !== undefined) this.names.add(callee);
        if (this.runsCallbackNow(call)) for (const a of call.expr.args) this.addNamed(a.value);
      }
      if (this.names.size === before) return;
    }
  }

  private addNamed(value: Expr): void {
    if (value.kind === 'name') this.names.add(value.name);
    else if (value.kind === 'array') for (const e of value.elements) this.addNamed(e);
  }

  private noteCallbacks(call: CallFact, value: Expr, direct: boolean): void {
    if (value.kind === 'function') {
      if (!this.callbacks.has(value.span.start)) this.callbacks.set(value.span.start, { call, direct });
    } else if (value.kind === 'object') {
      for (const e of value.entries) this.noteCallbacks(call, e.value, false);
    } else if (value.kind === 'array') {
      for (const e of value.elements) this.noteCallbacks(call, e, false);
    }
  }
}

/** `f()`, `self.f()`, `this.f()`: a function of this file called by name. */
function calledFunction(callee: Expr): string | undefined {
  if (callee.kind === 'name') return callee.name;
  if (callee.kind === 'member' && callee.object.kind === 'name' && /^(?:self|cls|this)$/.test(callee.object.name)) {
    return callee.property;
  }
  return undefined;
}

function isStartupDecorator(d: Expr): boolean {
  const head = d.kind === 'call' ? d.callee : d;
  const name = (d.kind === 'call' ? d.calleeName : undefined) ?? dottedName(head) ?? '';
  if (STARTUP_DECORATORS.test(name)) return true;
  return (
    d.kind === 'call' &&
    STARTUP_EVENT_DECORATORS.test(name) &&
    STARTUP_EVENT_NAMES.test(stringValue(d.args[0]?.value) ?? '')
  );
}
