/** The statement walk: blocks, compound statements and expression statements. */
import { assignment, augmented, bindTargets } from './assignments';
import { ifStatement, matchStatement } from './branches';
import { isDocstring } from './comments';
import { classDef, decorated, functionDef } from './definitions';
import { deleteStatement } from './globals';
import { importStatement } from './imports';
import type { PyNode as Node } from './tree';
import type { PyWalker } from './walker';

const MAX_STATEMENT_DEPTH = 150;
const LOOP_BLOCKS = ['body', 'alternative'];
const WITH_BLOCKS = ['body'];

/** A block's statements; a leading string is a docstring and is not a value. */
export function block(w: PyWalker, node: Node): void {
  if (node.split && w.splitBlock) return w.splitBlock();
  let first = true;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (first && isDocstring(child)) {
      first = false;
      continue;
    }
    first = false;
    statement(w, child);
  }
}

export function statement(w: PyWalker, node: Node): void {
  if (w.depth > MAX_STATEMENT_DEPTH) return;
  w.depth++;
  try {
    statementNode(w, node);
  } finally {
    w.depth--;
  }
}

function statementNode(w: PyWalker, node: Node): void {
  switch (node.type) {
    case 'expression_statement':
      for (const child of node.namedChildren) if (child) expressionStatement(w, child);
      return;
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      importStatement(w, node);
      return;
    case 'decorated_definition':
      decorated(w, node);
      return;
    case 'function_definition':
      functionDef(w, node);
      return;
    case 'class_definition':
      classDef(w, node);
      return;
    case 'if_statement':
      ifStatement(w, node);
      return;
    case 'match_statement':
      matchStatement(w, node);
      return;
    case 'for_statement':
      bindTargets(w, node.childForFieldName('left'));
      w.expr(node.childForFieldName('right'));
      blocks(w, node, LOOP_BLOCKS);
      return;
    case 'while_statement':
      w.expr(node.childForFieldName('condition'));
      blocks(w, node, LOOP_BLOCKS);
      return;
    case 'with_statement':
      withStatement(w, node);
      return;
    case 'return_statement': {
      const value = node.namedChildren.find((c) => c && c.type !== 'comment');
      if (value) w.collector.produce(w.expr(value));
      return;
    }
    case 'global_statement':
      for (const n of node.namedChildren) if (n?.type === 'identifier') w.scope.globals.add(n.text);
      return;
    case 'nonlocal_statement':
      for (const n of node.namedChildren) if (n?.type === 'identifier') w.scope.nonlocals.add(n.text);
      return;
    case 'delete_statement':
      deleteStatement(w, node);
      return;
    case 'pass_statement':
    case 'break_statement':
    case 'continue_statement':
    case 'comment':
      return;
    case 'block':
    case 'module':
    case 'ERROR':
    case 'else_clause':
    case 'finally_clause':
    case 'try_statement':
      compound(w, node);
      return;
    case 'except_clause':
    case 'except_group_clause':
      exceptClause(w, node);
      return;
    default:
      // raise, assert, print, exec and any expression-like node a broken parse leaves here
      for (const child of node.namedChildren) {
        if (!child || child.type === 'comment') continue;
        if (isStatementType(child.type)) statement(w, child);
        else w.expr(child);
      }
  }
}

function compound(w: PyWalker, node: Node): void {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'block') block(w, child);
    else if (isStatementType(child.type) || child.type.endsWith('_clause')) statement(w, child);
    else expressionStatement(w, child);
  }
}

function blocks(w: PyWalker, node: Node, fields: readonly string[]): void {
  for (const f of fields) {
    const b = node.childForFieldName(f);
    if (b) statement(w, b);
  }
}

function expressionStatement(w: PyWalker, node: Node): void {
  if (node.type === 'assignment') return assignment(w, node);
  if (node.type === 'augmented_assignment') return augmented(w, node);
  const expr = w.exprs.convert(node);
  w.collector.expression(expr, w.scopeFact, { statement: true });
  w.afterExpression(expr);
}

function withStatement(w: PyWalker, node: Node): void {
  for (const clause of node.namedChildren) {
    if (clause?.type !== 'with_clause') continue;
    for (const item of clause.namedChildren) {
      const value = item?.childForFieldName('value');
      if (!value) continue;
      if (value.type === 'as_pattern') {
        w.expr(value.namedChildren[0] ?? null);
        const alias = value.childForFieldName('alias');
        bindTargets(w, alias?.namedChildren[0] ?? alias);
      } else w.expr(value);
    }
  }
  blocks(w, node, WITH_BLOCKS);
}

function exceptClause(w: PyWalker, node: Node): void {
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'block') block(w, child);
    else if (child.type === 'as_pattern') {
      w.expr(child.namedChildren[0] ?? null);
      const alias = child.childForFieldName('alias');
      bindTargets(w, alias?.namedChildren[0] ?? alias);
    } else w.expr(child);
  }
}

function isStatementType(type: string): boolean {
  return type.endsWith('_statement') || type.endsWith('_definition') || type === 'block' || type === 'ERROR';
}
