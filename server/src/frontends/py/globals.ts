/**
 * Module-level bookkeeping: module bindings, functions run at import time,
 * and writes inside functions that may reach module state (kept pending on
 * the function scope, resolved by scopes.ts when it closes).
 */
import type { Expr, FileFacts, ModuleBinding, Span } from '../../ir/facts';
import { children } from '../../ir/exprs';
import { decoratorCallee, importTimeCallee } from '../moduleState';
import { spanOf } from './expr';
import { rootName } from './scopes';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

/** Applies a module-level binding: the first value that says what the binding holds is kept. */
export function bindModuleName(bindings: Map<string, ModuleBinding>, binding: ModuleBinding): void {
  // (`CACHE = {}` before `CACHE = load()` is rare.)
  if (bindings.get(binding.name)?.value && !binding.value) return;
  bindings.set(binding.name, binding);
}

/** Records module-level bindings as the walk meets them. */
export function bindModule(
  w: PyWalker,
  name: string,
  declKind: ModuleBinding['declKind'],
  span: Span,
  value?: Expr,
): void {
  if (w.scope.kind !== 'module') return;
  const binding: ModuleBinding = { name, declKind, span, value };
  w.bindAttempts?.push(binding);
  bindModuleName(w.facts.moduleBindings, binding);
}

/** Every call in a module-level expression runs at import time (`setup()`, `x = build(register(h))`). */
export function noteImportTimeCalls(facts: FileFacts, expr: Expr): void {
  if (expr.kind === 'call') {
    const name = importTimeCallee(expr);
    if (name !== undefined) facts.importTimeFunctions.add(name);
  }
  for (const child of children(expr)) noteImportTimeCalls(facts, child);
}

/** A module-level decorator runs where its function or class is defined. */
export function noteDecorator(facts: FileFacts, decorator: Expr): void {
  const name = decoratorCallee(decorator);
  if (name !== undefined) facts.importTimeFunctions.add(name);
}

/** Records a write for the global-state analysis. */
export function noteWrite(w: PyWalker, target: Expr, op: string, span: Span, value?: Expr): void {
  const fn = w.scope.functionScope;
  if (!fn) return;
  if (target.kind === 'name') {
    if (!fn.globals.has(target.name)) return; // a plain assignment binds a local
    fn.pending.push({
      name: target.name,
      op: op === '=' ? 'assign' : 'augassign',
      span,
      functionName: fn.name,
      scope: fn.fact,
      value: op === '=' ? value : undefined,
    });
    return;
  }
  if (target.kind === 'member' || target.kind === 'index') {
    const root = rootName(target);
    if (!root || root === 'self' || root === 'cls') return;
    const op2 = target.kind === 'member' && !target.computed ? 'attr' : 'item';
    fn.pending.push({
      name: root,
      op: op2,
      span,
      functionName: fn.name,
      scope: fn.fact,
      value: op === '=' ? value : undefined,
      key: target.kind === 'index' ? target.index : undefined,
    });
  }
}

/** `del CACHE[key]` in a function. */
export function deleteStatement(w: PyWalker, node: Node): void {
  const fn = w.scope.functionScope;
  for (const child of node.namedChildren) {
    if (!child) continue;
    const targets = child.type === 'expression_list' ? child.namedChildren : [child];
    for (const t of targets) {
      if (!t) continue;
      const expr = w.exprs.convert(t);
      const root = rootName(expr);
      if (fn && root && (expr.kind === 'member' || expr.kind === 'index') && root !== 'self') {
        fn.pending.push({ name: root, op: 'delete', span: spanOf(node), functionName: fn.name, scope: fn.fact });
      }
    }
  }
}
