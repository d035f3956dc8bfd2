/**
 * What module state means, decided once for both front-ends (py/scopes.ts,
 * js/globals.ts): which values are mutable in-process containers, which
 * method calls mutate one, and which names a module-level call or decorator
 * runs at import time. Everything here reads IR expressions, never syntax.
 */
import type { CallExpr, Expr } from '../ir/facts';
import { callName, lastSegment } from '../ir/exprs';

/** Methods that mutate the container they are called on (Python and JS names). */
const MUTATING_METHODS = new Set([
  // Python list/dict/set/deque, Redis-like `set`/`incr` on in-process stores.
  'append',
  'extend',
  'insert',
  'remove',
  'pop',
  'popitem',
  'clear',
  'update',
  'setdefault',
  'add',
  'discard',
  'appendleft',
  'extendleft',
  'set',
  'incr',
  '__setitem__',
  // JS Array/Map/Set.
  'push',
  'shift',
  'unshift',
  'splice',
  'delete',
]);

export function isMutatingMethod(name: string): boolean {
  return MUTATING_METHODS.has(name);
}

/** Built-in collections of either language, by the last segment of the constructor's name. */
const COLLECTIONS = new Set([
  'dict',
  'list',
  'set',
  'defaultdict',
  'OrderedDict',
  'Counter',
  'deque',
  'ChainMap',
  'SimpleNamespace',
  'WeakValueDictionary',
  'Map',
  'Set',
  'Array',
  'Object',
]);
/** Classes whose instances hold state in process: lru-cache, cachetools, node-cache, registries, queues. */
const STATEFUL_CLASS = /Cache|LRU|(?:Dict|Registry|Store|Queue)$/;

/**
 * True when `value` creates a mutable in-process container: a dict/object
 * literal, a list/array (not a tuple), `Object.create(...)`, or a
 * construction of a collection or of a cache/registry/store class.
 * `WeakMap`-like classes hold no state of their own.
 */
export function holdsMutableContainer(value: Expr | undefined): boolean {
  if (!value) return false;
  switch (value.kind) {
    case 'object':
      return true;
    case 'array':
      return !value.tuple;
    case 'call':
      // As written (`new LRU()`) and as resolved through imports (`dd(list)` → `collections.defaultdict`).
      return [writtenName(value.callee), callName(value)].some(constructsContainer);
    default:
      return false;
  }
}

function constructsContainer(name: string | undefined): boolean {
  if (name === undefined) return false;
  if (name === 'Object.create') return true;
  const tail = lastSegment(name);
  if (COLLECTIONS.has(tail)) return true;
  return /^[A-Z]/.test(tail) && !tail.startsWith('Weak') && STATEFUL_CLASS.test(tail);
}

/** `a.b.C` as the source spells it, imports not followed. */
function writtenName(expr: Expr): string | undefined {
  if (expr.kind === 'name') return expr.name;
  if (expr.kind !== 'member') return undefined;
  const object = writtenName(expr.object);
  return object === undefined ? undefined : `${object}.${expr.property}`;
}

/** The name a module-level call runs at import time: `register` in `register(handler)`. */
export function importTimeCallee(call: CallExpr): string | undefined {
  return call.callee.kind === 'name' ? call.callee.name : undefined;
}

/** The name a decorator runs where its class or function is defined: `route` in `@route('/')`, `register` in `@register`. */
export function decoratorCallee(decorator: Expr): string | undefined {
  const head = decorator.kind === 'call' ? decorator.callee : decorator;
  return head.kind === 'name' ? head.name : undefined;
}
