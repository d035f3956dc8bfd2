/**
 * Run-time writes to module state (`facts.globalWrites`) and functions run at
 * import time (`facts.importTimeFunctions`), decided from the lexical scopes
 * and from how each module-level name was declared.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { CallExpr, Expr, GlobalWriteFact } from '../../ir/facts';
import { holdsMutableContainer, importTimeCallee, isMutatingMethod } from '../moduleState';
import { span, type ModuleDecl, type Walker } from './walker';

type Node = TSESTree.Node;

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
  if (callee.property.type !== AST_NODE_TYPES.Identifier || !isMutatingMethod(callee.property.name)) return;
  const root = rootOf(callee.object);
  if (!root) return;
  const decl = moduleDecl(w, root.name);
  if (!decl || !isContainer(decl)) return;
  push(w, { name: root.name, op: 'call', method: callee.property.name, span: span(node) });
}

/** A call in module-level code runs its callee at import time (frontends/moduleState.ts). */
export function noteImportTimeCall(w: Walker, call: CallExpr): void {
  const name = importTimeCallee(call);
  if (name !== undefined) noteImportTimeName(w, name);
}

/** `name` runs at import time when module-level code calls it or decorates with it. */
export function noteImportTimeName(w: Walker, name: string): void {
  if (!w.inFunction && w.scope.kind === 'module') w.importTimeCall(name);
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

/** Initialised with a mutable in-process container: `{}`, `[]`, `new Map()`, `new LRUCache()`, `Object.create(null)`. */
export function isContainer(decl: ModuleDecl): boolean {
  if (decl.kind !== 'const' && decl.kind !== 'let' && decl.kind !== 'var') return false;
  return decl.init ? holdsMutableContainer(shapeOf(decl.init)) : false;
}

/**
 * The shape of an initialiser as far as `holdsMutableContainer` reads it,
 * without walking it (the walk records facts; this may run more than once).
 */
function shapeOf(node: Node): Expr {
  const n = unwrap(node);
  const at = span(n);
  switch (n.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return { kind: 'object', entries: [], span: at };
    case AST_NODE_TYPES.ArrayExpression:
      return { kind: 'array', elements: [], span: at };
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return {
        kind: 'call',
        callee: chainOf(n.callee),
        args: [],
        isNew: n.type === AST_NODE_TYPES.NewExpression,
        span: at,
      };
    default:
      return { kind: 'other', span: at };
  }
}

/** `a.b.C` as names and members; anything else is `other`. */
function chainOf(node: Node): Expr {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return { kind: 'name', name: n.name, span: span(n) };
  if (n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier)
    return { kind: 'member', object: chainOf(n.object), property: n.property.name, span: span(n) };
  return { kind: 'other', span: span(n) };
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
