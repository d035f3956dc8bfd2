/** `def`, `class`, decorators and `lambda`: each body is walked once as its own scope. */
import type { Expr } from '../../ir/facts';
import { spanOf } from './expr';
import { bindModule, noteDecorator } from './globals';
import { PyScope } from './scopes';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

export function decorated(w: PyWalker, node: Node): void {
  const list: Expr[] = [];
  for (const child of node.namedChildren) {
    if (child?.type !== 'decorator') continue;
    const expr = w.expr(child.namedChildren[0] ?? null);
    list.push(expr);
    if (!w.scope.functionScope) noteDecorator(w.facts, expr);
  }
  const def = node.childForFieldName('definition');
  if (!def) return;
  // The def reads them when it opens its scope (a class ignores them).
  w.decorators = list;
  try {
    w.statement(def);
  } finally {
    w.decorators = undefined;
  }
}

export function functionDef(w: PyWalker, node: Node): void {
  const name = node.childForFieldName('name')?.text;
  if (name && w.scope.kind !== 'module') w.scope.locals.add(name);
  if (name) bindModule(w, name, 'function', spanOf(node));
  const decorators = w.decorators;
  w.decorators = undefined;
  const inner = new PyScope('function', name, w.scope, { span: spanOf(node), decorators });
  const params = node.childForFieldName('parameters');
  for (const p of params?.namedChildren ?? []) {
    if (!p) continue;
    const pname = paramName(p);
    if (pname) inner.locals.add(pname);
    const value = p.childForFieldName('value');
    if (pname && value) w.collector.bound(w.exprs.convert(value), w.scopeFact, pname, 'default');
  }
  w.inScope(inner, () => {
    const body = node.childForFieldName('body');
    if (body) w.block(body);
  });
}

export function lambda(w: PyWalker, node: Node): void {
  const inner = new PyScope('function', w.scope.name ?? 'lambda', w.scope, { span: spanOf(node) });
  for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
    const pname = p && paramName(p);
    if (pname) inner.locals.add(pname);
  }
  w.inScope(inner, () => {
    const body = node.childForFieldName('body');
    if (body) w.expr(body);
  });
}

export function classDef(w: PyWalker, node: Node): void {
  w.decorators = undefined;
  const name = node.childForFieldName('name')?.text;
  if (name && w.scope.kind !== 'module') w.scope.locals.add(name);
  if (name) bindModule(w, name, 'class', spanOf(node));
  const supers = node.childForFieldName('superclasses');
  if (supers) w.expr(supers);
  w.inScope(new PyScope('class', name, w.scope), () => {
    const body = node.childForFieldName('body');
    if (body) w.block(body);
  });
}

function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  const name = p.childForFieldName('name');
  if (name) return name.text;
  const first = p.namedChildren[0];
  return first?.type === 'identifier' ? first.text : undefined;
}
