/** The statement walk: one pass over the tree, scopes pushed as blocks open. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { ifStatement, switchStatement } from './branches';
import { variableDeclaration } from './declarations';
import { constantKey, expr } from './expr';
import { walkClass, walkFunction } from './functions';
import type { Expr, GlobalWriteFact } from '../../ir/facts';
import { checkWrite } from './globals';
import { LexicalScope, declareLexical, patternNames } from './scopes';
import { span, type Walker } from './walker';

type Node = TSESTree.Node;

export function walkStatements(w: Walker, body: readonly Node[]): void {
  for (const s of body) statement(w, s);
}

export function statement(w: Walker, node: Node | null | undefined): void {
  if (!node) return;
  switch (node.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      // Directive prologues ('use strict', 'use client') are not values.
      if (!node.directive) expressionStatement(w, node.expression);
      return;
    case AST_NODE_TYPES.VariableDeclaration:
      variableDeclaration(w, node);
      return;
    case AST_NODE_TYPES.FunctionDeclaration:
      walkFunction(w, node, node.id?.name);
      return;
    case AST_NODE_TYPES.ClassDeclaration:
      if (!node.declare) walkClass(w, node, node.id?.name);
      return;
    case AST_NODE_TYPES.ReturnStatement:
      if (node.argument) {
        const value = expr(w, node.argument);
        w.collector.produce(value);
        w.collector.expression(value, w.scope);
      }
      return;
    case AST_NODE_TYPES.ThrowStatement:
      value(w, node.argument);
      return;
    case AST_NODE_TYPES.IfStatement:
      ifStatement(w, node);
      return;
    case AST_NODE_TYPES.SwitchStatement:
      switchStatement(w, node);
      return;
    case AST_NODE_TYPES.BlockStatement:
      block(w, node.body);
      return;
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      loop(w, node);
      return;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      value(w, node.test);
      statement(w, node.body);
      return;
    case AST_NODE_TYPES.TryStatement:
      tryStatement(w, node);
      return;
    case AST_NODE_TYPES.LabeledStatement:
      statement(w, node.body);
      return;
    case AST_NODE_TYPES.WithStatement:
      value(w, node.object);
      statement(w, node.body);
      return;
    case AST_NODE_TYPES.ExportNamedDeclaration:
      statement(w, node.declaration);
      return;
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      exportDefault(w, node.declaration);
      return;
    case AST_NODE_TYPES.TSExportAssignment:
      value(w, node.expression);
      return;
    case AST_NODE_TYPES.TSEnumDeclaration:
      if (!node.declare) enumDeclaration(w, node);
      return;
    case AST_NODE_TYPES.TSModuleDeclaration:
      if (!node.declare && node.body?.type === AST_NODE_TYPES.TSModuleBlock) block(w, node.body.body);
      return;
    default:
      // Types, interfaces, imports (registered up front), empty statements, jumps.
      return;
  }
}

/** Walks an expression whose value is used where it stands. */
export function value(w: Walker, node: Node | null | undefined): void {
  if (node) w.collector.expression(expr(w, node), w.scope);
}

function expressionStatement(w: Walker, node: TSESTree.Expression): void {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) assignmentExpression(w, node);
  else w.collector.expression(expr(w, node), w.scope, { statement: true });
}

/** `x = v`, `this.k = v`, `a.b["c"] += v`, `[a, b] = v`. */
export function assignmentExpression(w: Walker, node: TSESTree.AssignmentExpression): void {
  const left = node.left;
  if (left.type === AST_NODE_TYPES.ObjectPattern || left.type === AST_NODE_TYPES.ArrayPattern) {
    for (const id of patternIdentifiers(left)) checkWrite(w, id, 'assign', node);
    value(w, node.right);
    return;
  }
  const written = w.facts.globalWrites.length;
  checkWrite(w, left, node.operator === '=' ? 'assign' : 'augassign', node);
  // This assignment's own write, taken before the value is walked (writes inside it follow).
  const own = w.facts.globalWrites.length > written ? w.facts.globalWrites[written] : undefined;
  const target = targetText(left);
  const right = expr(w, node.right, target === undefined ? undefined : lastName(target));
  if (own && node.operator === '=') describeWrite(own, left, right);
  if (target === undefined) {
    value(w, left);
    w.collector.expression(right, w.scope);
    return;
  }
  w.collector.assignment({
    target,
    targetExpr: expr(w, left),
    value: right,
    op: node.operator,
    span: span(node),
    scope: w.scope,
  });
}

/** What the write of `left = right` stores, and its key when it is a plain name (`cache[key] = v`). */
function describeWrite(write: GlobalWriteFact, left: Node, right: Expr): void {
  write.value = right;
  if (
    left.type === AST_NODE_TYPES.MemberExpression &&
    left.computed &&
    left.property.type === AST_NODE_TYPES.Identifier
  ) {
    write.key = { kind: 'name', name: left.property.name, span: span(left.property) };
  }
}

/** Dotted text of an assignment target; constant keys become segments (`config["db"]` → `config.db`). */
export function targetText(node: Node): string | undefined {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return node.name || undefined;
    case AST_NODE_TYPES.ThisExpression:
      return 'this';
    case AST_NODE_TYPES.MemberExpression: {
      const object = targetText(node.object);
      const key = constantKey(node.property, node.computed);
      return object === undefined || key === undefined ? undefined : `${object}.${key}`;
    }
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.ChainExpression:
      return targetText(node.expression);
    default:
      return undefined;
  }
}

function lastName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

function patternIdentifiers(node: Node, out: TSESTree.Identifier[] = []): TSESTree.Identifier[] {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      out.push(node);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of node.properties) patternIdentifiers(p.type === AST_NODE_TYPES.Property ? p.value : p, out);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of node.elements) if (e) patternIdentifiers(e, out);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternIdentifiers(node.left, out);
      break;
    case AST_NODE_TYPES.RestElement:
      patternIdentifiers(node.argument, out);
      break;
    default:
      break;
  }
  return out;
}

/** A block with its own lexical declarations. */
export function block(w: Walker, body: readonly Node[], lexical = new LexicalScope(w.lexical, false)): void {
  declareLexical(lexical, body);
  const saved = w.lexical;
  w.lexical = lexical;
  try {
    walkStatements(w, body);
  } finally {
    w.lexical = saved;
  }
}

function loop(w: Walker, node: TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement): void {
  const lexical = new LexicalScope(w.lexical, false);
  const saved = w.lexical;
  w.lexical = lexical;
  try {
    if (node.type === AST_NODE_TYPES.ForStatement) {
      if (node.init?.type === AST_NODE_TYPES.VariableDeclaration) {
        declareLexical(lexical, [node.init]);
        variableDeclaration(w, node.init);
      } else if (node.init) {
        expressionStatement(w, node.init);
      }
      value(w, node.test);
      if (node.update) expressionStatement(w, node.update);
    } else {
      if (node.left.type === AST_NODE_TYPES.VariableDeclaration) {
        if (node.left.kind !== 'var')
          for (const d of node.left.declarations) for (const n of patternNames(d.id)) lexical.names.add(n);
      } else {
        checkWrite(w, node.left, 'assign', node.left);
      }
      value(w, node.right);
    }
    statement(w, node.body);
  } finally {
    w.lexical = saved;
  }
}

function tryStatement(w: Walker, node: TSESTree.TryStatement): void {
  block(w, node.block.body);
  if (node.handler) {
    const lexical = new LexicalScope(w.lexical, false);
    for (const n of patternNames(node.handler.param)) lexical.names.add(n);
    const saved = w.lexical;
    w.lexical = lexical;
    try {
      block(w, node.handler.body.body);
    } finally {
      w.lexical = saved;
    }
  }
  if (node.finalizer) block(w, node.finalizer.body);
}

function exportDefault(w: Walker, node: TSESTree.ExportDefaultDeclaration['declaration']): void {
  switch (node.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassDeclaration:
      statement(w, node);
      return;
    case AST_NODE_TYPES.TSDeclareFunction:
    case AST_NODE_TYPES.TSInterfaceDeclaration:
    case AST_NODE_TYPES.TSEnumDeclaration:
    case AST_NODE_TYPES.TSModuleDeclaration:
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
    case AST_NODE_TYPES.VariableDeclaration:
      statement(w, node);
      return;
    default:
      value(w, node);
  }
}

function enumDeclaration(w: Walker, node: TSESTree.TSEnumDeclaration): void {
  for (const m of node.body.members) {
    if (!m.initializer) continue;
    const name = constantKey(m.id, false);
    const v = expr(w, m.initializer, name);
    if (name === undefined) w.collector.expression(v, w.scope);
    else w.collector.bound(v, w.scope, name, 'key');
  }
}
