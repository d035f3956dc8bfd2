/**
 * Writes that hold the same thing in every process, so scaling out or
 * restarting loses nothing: one-time flags, the process's own resources
 * (thread pools, sockets, servers, workers, timers) and memo caches whose key
 * determines the value (`_translations[lang] = Translation(lang)`).
 *
 * A cache of data read from a backing service or from the request is state:
 * its entries go stale in one process while another changed the source.
 */
import { dottedName, lastSegment, some } from '../../analysis/exprs';
import type { Expr, FileFacts, GlobalWriteFact } from '../../analysis/facts';
import type { StartupGraph } from './startup';

/** Constructors and calls that make a process resource, not data. */
const HANDLES =
  /^(?:ThreadPoolExecutor|ProcessPoolExecutor|ThreadPool|Pool|Thread|Process|Timer|Lock|RLock|Semaphore|BoundedSemaphore|Event|Condition|Barrier|socket|create_connection|create_server|createServer|listen|Worker|fork|spawn|setInterval|setTimeout|get_event_loop|new_event_loop|get_running_loop|launch|connect|createConnection|createPool|Server|WebSocketServer|Agent)$/;
/** Callees whose result is data from outside the process (a store, the network, the clock, a counter). */
const IMPURE =
  /fetch|load|query|select|find|read|recv|request|http|download|get_?object|filter|lookup|retrieve|session|user|random|uuid|now|time|count|next|incr|pop|shift/i;
const CONTAINER_WRITES = new Set(['set', 'setdefault', 'add', 'append', 'push']);
/** Wrappers that keep a value's determinism (`list(iter_modules(lang))`). */
const WRAPPERS = new Set(['list', 'tuple', 'dict', 'set', 'frozenset', 'sorted', 'Object.freeze', 'Array.from']);

export function isIdempotentWrite(w: GlobalWriteFact, facts: FileFacts, startup: StartupGraph): boolean {
  const write = writtenValue(w, facts);
  if (!write) return false;
  const { value, key } = write;
  // `_initialized = True`, `ready = false`: a flag, the same after every write — unless an event
  // flips it (`needSetup = false` in a socket handler), which the other processes never see.
  if ((w.op === 'assign' || w.op === 'attr') && value.kind === 'literal') return !startup.runsPerEvent(w.scope);
  if (isHandle(value) || (w.op === 'assign' && isClearedTimer(w.name, facts))) return true;
  if (isReadThrough(w, value, facts)) return true;
  return key !== undefined && isMemo(value, key, facts);
}

/** `loop = Metrics.updateLoop()` … `clearInterval(loop)`: what the file hands to clearInterval is a timer handle. */
function isClearedTimer(name: string, facts: FileFacts): boolean {
  return facts.calls.some(
    (c) =>
      /^(?:clearInterval|clearTimeout)$/.test(c.expr.calleeName ?? '') &&
      c.expr.args.length === 1 &&
      c.expr.args[0].value.kind === 'name' &&
      c.expr.args[0].value.name === name,
  );
}

/** Calls whose result is data from a store, the network or the request: a cache of it is state. */
const OUTSIDE_DATA =
  /fetch|query|select|find|load|request|download|lookup|retrieve|session|user|recv|http|get_?object|db/i;
/** Members that hold the request or a store (`req.db`, `request.session`, `Model.objects`). */
const OUTSIDE_OBJECTS = /\b(?:objects|req|request|requests|httpx|aiohttp|session|db|redis|cursor|socket)\s*\./;

/**
 * A read-through memo: before the write, the function returns the cached
 * entry when there is one (`if (cache.has(k)) return cache.get(k)`, `if X:
 * return X`) or reads it into the value it stores (`let v = cache[k]; if
 * (!v) { … cache[k] = v } return v`), and it computes the entry from code,
 * files and the key — no call to a store, the network or the request. Every
 * process computes the same entry; losing it loses nothing.
 */
function isReadThrough(w: GlobalWriteFact, value: Expr, facts: FileFacts): boolean {
  const span = w.scope?.kind === 'function' ? w.scope.span : undefined;
  if (!span || !['assign', 'item', 'call'].includes(w.op)) return false;
  if (w.op === 'call' && w.method !== 'set') return false;
  const fn = facts.text.slice(span.start, span.end);
  const before = facts.text.slice(span.start, w.span.start);
  const n = w.name.replace(/[$]/g, '\\$');
  const returnsEntry =
    w.op === 'assign'
      ? new RegExp(`\\breturn\\s+${n}\\s*(?:;|$)`, 'm').test(before)
      : new RegExp(`\\breturn\\s+${n}\\s*(?:\\[|\\.get\\()`).test(before);
  const v = value.kind === 'name' ? value.name.replace(/[$]/g, '\\$') : undefined;
  const readsEntry =
    v !== undefined &&
    new RegExp(`\\b${v}\\s*=\\s*${n}\\s*(?:\\[|\\.get\\()`).test(before) &&
    new RegExp(`\\breturn\\s+${v}\\b`).test(fn);
  if (!returnsEntry && !readsEntry) return false;
  if (OUTSIDE_OBJECTS.test(fn)) return false;
  const own = w.functionName;
  for (const m of fn.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
    if (m[1] !== own && OUTSIDE_DATA.test(m[1])) return false;
  }
  return true;
}

/** What the write stores, and under which key for item writes and `cache.set(k, v)`. */
function writtenValue(w: GlobalWriteFact, facts: FileFacts): { value: Expr; key?: Expr } | undefined {
  if (w.op === 'call') {
    if (!CONTAINER_WRITES.has(w.method ?? '')) return undefined;
    const call = facts.calls.find((c) => c.expr.span.start === w.span.start && c.expr.span.end === w.span.end);
    const args = call?.expr.args.filter((a) => !a.name && !a.spread) ?? [];
    if (args.length === 0) return undefined;
    const keyed = w.method === 'set' || w.method === 'setdefault';
    return keyed && args.length >= 2 ? { value: args[1].value, key: args[0].value } : { value: args[0].value };
  }
  return w.value && { value: w.value, key: w.key };
}

function calleeOf(call: Extract<Expr, { kind: 'call' }>): string {
  return call.calleeName ?? dottedName(call.callee) ?? '';
}

function isHandle(value: Expr): boolean {
  if (value.kind === 'unary' && value.op === 'await') return isHandle(value.arg);
  return value.kind === 'call' && HANDLES.test(lastSegment(calleeOf(value)).replace(/\(\)$/, ''));
}

/**
 * `CACHE[k] = compute(k)`: a call that is not I/O, whose arguments use only
 * the key's names, literals and module-level names (imports, constants,
 * functions, `settings`). A value computed from anything else (a local, a
 * parameter not in the key, an awaited read) may differ between processes.
 */
function isMemo(value: Expr, key: Expr, facts: FileFacts): boolean {
  let call = value;
  while (call.kind === 'call' && WRAPPERS.has(calleeOf(call)) && call.args.length === 1) call = call.args[0].value;
  if (call.kind !== 'call' || IMPURE.test(calleeOf(call))) return false;
  const keyNames = new Set<string>();
  some(key, (e) => {
    if (e.kind === 'name') keyNames.add(e.name);
    return false;
  });
  if (keyNames.size === 0) return false;
  const written = new Set(facts.globalWrites.map((g) => g.name));
  return call.args.every(
    (a) =>
      !some(a.value, (e) => {
        if (e.kind === 'unary' && e.op === 'await') return true;
        if (e.kind === 'function') return true;
        if (e.kind !== 'name') return false;
        if (keyNames.has(e.name)) return false;
        const binding = facts.moduleBindings.get(e.name);
        return binding === undefined || written.has(e.name);
      }),
  );
}
