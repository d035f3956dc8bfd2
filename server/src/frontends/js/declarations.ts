/** `var`/`let`/`const` declarators: assignments, destructuring defaults, require imports. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvObject } from '../../ir/exprs';
import { constantKey, expr } from './expr';
import { add, requireImports } from './imports';
import { span, type Walker } from './walker';

type Node = TSESTree.Node;

export function variableDeclaration(w: Walker, node: TSESTree.VariableDeclaration): void {
  if (node.declare) return;
  for (const d of node.declarations)
    declarator(w, d, node.kind === 'using' || node.kind === 'await using' ? 'const' : node.kind);
}

function declarator(w: Walker, d: TSESTree.VariableDeclarator, declKind: 'const' | 'let' | 'var'): void {
  if (w.hoisted.has(d)) return;
  const imports = requireImports(d);
  if (imports) {
    for (const fact of imports) add(w, fact, false);
    return;
  }
  if (d.id.type === AST_NODE_TYPES.Identifier) {
    if (!d.init) return;
    const name = d.id.name;
    const value = expr(w, d.init, name);
    if (w.lexical === w.moduleLexical) w.bindValue(name, value);
    w.collector.assignment({
      target: name,
      targetExpr: { kind: 'name', name, span: span(d.id) },
      value,
      op: '=',
      declKind,
      span: span(d),
      scope: w.scope,
    });
    return;
  }
  const init = d.init ? expr(w, d.init) : undefined;
  // `const { PORT = 3000 } = process.env`: the defaults are what runs without the variable.
  patternDefaults(w, d.id, init !== undefined && isEnvObject(init));
  if (init) w.collector.expression(init, w.scope);
}

/** Default values inside a binding pattern, bound to the key (or local) name they default. */
export function patternDefaults(w: Walker, node: Node | null | undefined, envFallback: boolean): void {
  if (!node) return;
  switch (node.type) {
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of node.properties) {
        if (p.type === AST_NODE_TYPES.RestElement) continue;
        const key = constantKey(p.key, p.computed);
        if (p.computed && key === undefined) w.collector.expression(expr(w, p.key), w.scope);
        if (p.value.type === AST_NODE_TYPES.AssignmentPattern) defaultValue(w, p.value, key, envFallback);
        else patternDefaults(w, p.value, false);
      }
      return;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of node.elements) patternDefaults(w, e, false);
      return;
    case AST_NODE_TYPES.AssignmentPattern:
      defaultValue(w, node, undefined, envFallback);
      return;
    case AST_NODE_TYPES.TSParameterProperty:
      patternDefaults(w, node.parameter, false);
      return;
    default:
      return;
  }
}

function defaultValue(
  w: Walker,
  node: TSESTree.AssignmentPattern,
  key: string | undefined,
  envFallback: boolean,
): void {
  const name = key ?? (node.left.type === AST_NODE_TYPES.Identifier ? node.left.name : undefined);
  const value = expr(w, node.right, name);
  if (name === undefined) w.collector.expression(value, w.scope);
  else w.collector.bound(value, w.scope, name, 'default', envFallback);
  if (node.left.type !== AST_NODE_TYPES.Identifier) patternDefaults(w, node.left, false);
}
