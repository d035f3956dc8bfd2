/**
 * Writes that hold the same thing in every process, so scaling out or
 * restarting loses nothing: one-time flags, the process's own resources
 * (thread pools, sockets, servers, workers, timers) and memo caches whose key
 * determines the value (`_translations[lang] = Translation(lang)`).
 *
 * A cache of data read from a backing service or from the request is state:
 * its entries go stale in one process while another changed the source.
 */
import { callName, lastSegment, some } from '../../ir/exprs';
import type { Expr, FileFacts, GlobalWriteFact } from '../../ir/facts';
import type { Span } from '../../ir/types';
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
  const scan = scanFunction(facts, span, w.name);
  const returnsEntry = (w.op === 'assign' ? scan.returnsName : scan.returnsEntry) < w.span.start;
  const readsEntry =
    value.kind === 'name' &&
    (scan.readInto.get(value.name) ?? Infinity) < w.span.start &&
    scan.returned.has(value.name);
  if (!returnsEntry && !readsEntry) return false;
  return !scan.readsOutside(w.functionName);
}

interface FunctionScan {
  /** Where `return X` / `return X[…]`, `return X.get(…)` first appear (Infinity: nowhere). */
  returnsName: number;
  returnsEntry: number;
  /** Locals read from the entry (`v = X[k]`, `v = X.get(k)`) and where first. */
  readInto: Map<string, number>;
  /** Names the function returns (`return v`). */
  returned: Set<string>;
  readsOutside: (own: string | undefined) => boolean;
}

const scans = new WeakMap<FileFacts, Map<string, FunctionScan>>();

/** What isReadThrough needs of one function and one module name, computed once: linear in the function. */
function scanFunction(facts: FileFacts, span: Span, name: string): FunctionScan {
  let byKey = scans.get(facts);
  if (!byKey) scans.set(facts, (byKey = new Map()));
  const key = `${span.start}:${span.end}:${name}`;
  let scan = byKey.get(key);
  if (scan) return scan;
  const fn = facts.text.slice(span.start, span.end);
  const n = name.replace(/[$]/g, '\\$');
  const at = (re: RegExp) => {
    const m = re.exec(fn);
    return m ? span.start + m.index : Infinity;
  };
  const readInto = new Map<string, number>();
  for (const m of fn.matchAll(
    new RegExp(`(?<![\\w$])([A-Za-z_$][\\w$]*)[ \\t]*=[ \\t]*${n}[ \\t]*(?:\\[|\\.get\\()`, 'g'),
  )) {
    if (!readInto.has(m[1])) readInto.set(m[1], span.start + m.index);
  }
  const returned = new Set<string>();
  for (const m of fn.matchAll(/\breturn[ \t]+([A-Za-z_$][\w$]*)/g)) returned.add(m[1]);
  let outside: Map<string, boolean> | undefined;
  scan = {
    returnsName: at(new RegExp(`\\breturn\\s+${n}\\s*(?:;|$)`, 'm')),
    returnsEntry: at(new RegExp(`\\breturn\\s+${n}\\s*(?:\\[|\\.get\\()`)),
    readInto,
    returned,
    readsOutside: (own) => {
      outside ??= new Map();
      let reads = outside.get(own ?? '');
      if (reads === undefined) {
        reads = OUTSIDE_OBJECTS.test(fn) || callsOutside(fn, own);
        outside.set(own ?? '', reads);
      }
      return reads;
    },
  };
  byKey.set(key, scan);
  return scan;
}

/** A call of a name that says it reads outside data, other than the function's own (`findChrome`). */
function callsOutside(fn: string, own: string | undefined): boolean {
  // Identifiers are matched whole and the scan moves past each: linear in the function's length.
  for (const m of fn.matchAll(/[A-Za-z_$][\w$]*/g)) {
    let i = m.index + m[0].length;
    while (fn[i] === ' ' || fn[i] === '\t') i++;
    if (fn[i] === '(' && m[0] !== own && OUTSIDE_DATA.test(m[0])) return true;
  }
  return false;
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
  return callName(call) ?? '';
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
