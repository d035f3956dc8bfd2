/**
 * Run-time writes to module state (`facts.globalWrites`) and functions run at
 * import time (`facts.importTimeFunctions`), decided from the lexical scopes
 * and from how each module-level name was declared.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { GlobalWriteFact } from '../../ir/facts';
import { span, type ModuleDecl, type Walker } from './walker';

type Node = TSESTree.Node;

const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'set', 'delete', 'clear', 'add']);
const CONTAINER_CLASSES = new Set(['Map', 'Set', 'Array', 'Object']);
/** Classes whose instances are in-process caches (lru-cache, node-cache, quick-lru...). */
const CACHE_CLASS = /cache|lru/i;

/**
 * Checks a write to `target` (`x`, `x.y`, `x[k]`) for a write to module state.
 * `op` is the kind of write when the target is a bare name; writes through a
 * member become `attr`/`item` (or stay `update`/`delete`).
 */
export function checkWrite(
  w: Walker,
  target: Node,
  op: 'assign' | 'augassign' | 'update' | 'delete',
  whole: Node,
): void {
  if (!w.inFunction) return;
  const root = rootOf(target);
  if (!root) return;
  const decl = moduleDecl(w, root.name);
  if (!decl) return;
  if (root === unwrap(target)) {
    if (op === 'delete' || !isReassignable(decl)) return;
    push(w, { name: root.name, op, span: span(whole) });
    return;
  }
  if (!isReassignable(decl) && !isContainer(decl)) return;
  const viaMember = op === 'assign' || op === 'augassign' ? memberOp(target) : op;
  push(w, { name: root.name, op: viaMember, span: span(whole) });
}

/** `CACHE.set(k, v)`, `queue.push(job)` on a module-level container. */
export function checkCallWrite(w: Walker, node: TSESTree.CallExpression): void {
  if (!w.inFunction) return;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return;
  if (callee.property.type !== AST_NODE_TYPES.Identifier || !MUTATING_METHODS.has(callee.property.name)) return;
  const root = rootOf(callee.object);
  if (!root) return;
  const decl = moduleDecl(w, root.name);
  if (!decl || !isContainer(decl)) return;
  push(w, { name: root.name, op: 'call', method: callee.property.name, span: span(node) });
}

/** A module-level function called from module-level code runs at import time. */
export function noteImportTimeCall(w: Walker, callee: Node): void {
  if (w.inFunction || w.scope.kind !== 'module') return;
  const target = unwrap(callee);
  if (target.type !== AST_NODE_TYPES.Identifier) return;
  const decl = moduleDecl(w, target.name);
  if (decl && isFunction(decl)) w.importTimeCall(target.name);
}

function push(w: Walker, fact: Omit<GlobalWriteFact, 'functionName' | 'scope'>): void {
  const scoped = { ...fact, scope: w.scope };
  w.facts.globalWrites.push(w.fnName === undefined ? scoped : { ...scoped, functionName: w.fnName });
}

function moduleDecl(w: Walker, name: string): ModuleDecl | undefined {
  const decl = w.moduleDecls.get(name);
  return decl && w.lexical.resolvesToModule(name) ? decl : undefined;
}

export function isReassignable(decl: ModuleDecl): boolean {
  return decl.kind === 'let' || decl.kind === 'var';
}

export function isFunction(decl: ModuleDecl): boolean {
  if (decl.kind === 'function') return true;
  const init = decl.init && unwrap(decl.init);
  return (
    decl.kind !== 'import' &&
    (init?.type === AST_NODE_TYPES.ArrowFunctionExpression || init?.type === AST_NODE_TYPES.FunctionExpression)
  );
}

/** Initialised with a mutable in-process container: `{}`, `[]`, `new Map()`, `new LRUCache()`, `Object.create(null)`. */
export function isContainer(decl: ModuleDecl): boolean {
  if (decl.kind !== 'const' && decl.kind !== 'let' && decl.kind !== 'var') return false;
  const init = decl.init && unwrap(decl.init);
  if (!init) return false;
  switch (init.type) {
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
      return true;
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrap(init.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : memberName(callee);
      return (
        name !== undefined && (CONTAINER_CLASSES.has(name) || (CACHE_CLASS.test(name) && !name.startsWith('Weak')))
      );
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(init.callee);
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        !callee.computed &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'Object' &&
        callee.property.type === AST_NODE_TYPES.Identifier &&
        callee.property.name === 'create'
      );
    }
    default:
      return false;
  }
}

function memberName(node: Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && node.property.type === AST_NODE_TYPES.Identifier
    ? node.property.name
    : undefined;
}

/** `attr` for `x.y = v`, `item` for `x[k] = v`. */
function memberOp(target: Node): 'attr' | 'item' {
  const t = unwrap(target);
  return t.type === AST_NODE_TYPES.MemberExpression && t.computed ? 'item' : 'attr';
}

/** The identifier at the root of a member chain; undefined for `this.x`, calls and others. */
export function rootOf(node: Node): TSESTree.Identifier | undefined {
  let n = unwrap(node);
  while (n.type === AST_NODE_TYPES.MemberExpression) n = unwrap(n.object);
  return n.type === AST_NODE_TYPES.Identifier ? n : undefined;
}

function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    switch (n.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        n = n.expression;
        break;
      default:
        return n;
    }
  }
}
