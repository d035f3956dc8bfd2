/**
 * ESTree expressions → `Expr` trees. Conversion is also where expression-level
 * side effects are noticed in the same pass: nested functions are walked,
 * assignments and updates recorded, module-state writes checked.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Arg, CallExpr, Expr, ObjectEntry, StringExpr } from '../../ir/facts';
import { checkCallWrite, checkWrite, noteImportTimeCall } from './globals';
import { span, type Walker } from './walker';

type Node = TSESTree.Node;

/** Converts an expression; `name` names a function value (the variable or key it is bound to). */
export function expr(w: Walker, node: Node | null | undefined, name?: string): Expr {
  if (!node) return { kind: 'other', span: { start: 0, end: 0 } };
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return literal(node);
    case AST_NODE_TYPES.TemplateLiteral:
      return template(w, node);
    case AST_NODE_TYPES.Identifier:
      if (node.name === 'undefined') return { kind: 'literal', value: undefined, span: span(node) };
      // Recovered trees hold empty identifiers for missing code.
      return node.name ? { kind: 'name', name: node.name, span: span(node) } : other(node);
    case AST_NODE_TYPES.ThisExpression:
      return { kind: 'name', name: 'this', span: span(node) };
    case AST_NODE_TYPES.Super:
      return { kind: 'name', name: 'super', span: span(node) };
    case AST_NODE_TYPES.MetaProperty:
      return { kind: 'name', name: `${node.meta.name}.${node.property.name}`, span: span(node) };
    case AST_NODE_TYPES.MemberExpression:
      return member(w, node);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.TSInstantiationExpression:
      return expr(w, node.expression, name);
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return call(w, node);
    case AST_NODE_TYPES.ImportExpression:
      return {
        kind: 'call',
        callee: { kind: 'name', name: 'import', span: span(node) },
        args: [{ value: moduleSource(w, node.source) }],
        isNew: false,
        span: span(node),
      };
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return {
        kind: 'call',
        callee: expr(w, node.tag),
        args: [{ value: template(w, node.quasi) }],
        isNew: false,
        span: span(node),
      };
    case AST_NODE_TYPES.ObjectExpression:
      return object(w, node);
    case AST_NODE_TYPES.ArrayExpression: {
      const elements: Expr[] = [];
      for (const e of node.elements) {
        if (e) elements.push(expr(w, e.type === AST_NODE_TYPES.SpreadElement ? e.argument : e));
      }
      return { kind: 'array', elements, span: span(node) };
    }
    case AST_NODE_TYPES.BinaryExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return {
        kind: 'binary',
        op: node.operator,
        left: expr(w, node.left),
        right: expr(w, node.right),
        span: span(node),
      };
    case AST_NODE_TYPES.ConditionalExpression:
      return {
        kind: 'conditional',
        test: expr(w, node.test),
        then: expr(w, node.consequent, name),
        else: expr(w, node.alternate, name),
        span: span(node),
      };
    case AST_NODE_TYPES.UnaryExpression:
      if (node.operator === 'delete') checkWrite(w, node.argument, 'delete', node);
      return { kind: 'unary', op: node.operator, arg: expr(w, node.argument), span: span(node) };
    case AST_NODE_TYPES.UpdateExpression:
      checkWrite(w, node.argument, 'update', node);
      return { kind: 'unary', op: node.operator, arg: expr(w, node.argument), span: span(node) };
    case AST_NODE_TYPES.AwaitExpression:
      return { kind: 'unary', op: 'await', arg: expr(w, node.argument), span: span(node) };
    case AST_NODE_TYPES.YieldExpression:
      return node.argument
        ? { kind: 'unary', op: 'yield', arg: expr(w, node.argument), span: span(node) }
        : other(node);
    case AST_NODE_TYPES.SequenceExpression: {
      // Only the last value is the sequence's value; the others are statements.
      const last = node.expressions.length - 1;
      for (let i = 0; i < last; i++) w.collector.expression(expr(w, node.expressions[i]), w.scope, { statement: true });
      return last >= 0 ? expr(w, node.expressions[last], name) : other(node);
    }
    case AST_NODE_TYPES.AssignmentExpression:
      w.syntax.assignmentExpression(w, node);
      return other(node);
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
      w.syntax.walkFunction(w, node, node.type === AST_NODE_TYPES.FunctionExpression && node.id ? node.id.name : name);
      return { kind: 'function', span: span(node) };
    case AST_NODE_TYPES.ClassExpression:
      w.syntax.walkClass(w, node, node.id?.name ?? name);
      return { kind: 'function', span: span(node) };
    case AST_NODE_TYPES.JSXElement:
    case AST_NODE_TYPES.JSXFragment:
      w.syntax.walkJsx(w, node);
      return other(node);
    default:
      return other(node);
  }
}

export function other(node: Node): Expr {
  return { kind: 'other', span: span(node) };
}

function literal(node: TSESTree.Literal): Expr {
  const value = node.value;
  switch (typeof value) {
    case 'string':
      return stringExpr(node, value, 'plain');
    case 'number':
      return { kind: 'number', value, raw: node.raw, span: span(node) };
    case 'boolean':
      return { kind: 'literal', value, span: span(node) };
    default:
      // null, RegExp, bigint
      return value === null && !('regex' in node && node.regex) && node.raw === 'null'
        ? { kind: 'literal', value: null, span: span(node) }
        : other(node);
  }
}

function stringExpr(node: Node, value: string, flavor: 'plain' | 'template'): StringExpr {
  const [start, end] = node.range;
  return { kind: 'string', value, span: { start, end }, innerSpan: { start: start + 1, end: end - 1 }, flavor };
}

function template(w: Walker, node: TSESTree.TemplateLiteral): Expr {
  if (node.expressions.length === 0 && node.quasis.length === 1) {
    const q = node.quasis[0].value;
    return stringExpr(node, q.cooked ?? q.raw, 'template');
  }
  const quasis = node.quasis.map((q) => q.value.cooked ?? q.value.raw);
  const exprs = node.expressions.map((e) => expr(w, e));
  return { kind: 'template', quasis, exprs, span: span(node) };
}

/** The constant text of a key or computed property (`"db"`, `db`, `0`, `` `db` ``). */
export function constantKey(node: Node, computed: boolean): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier && !computed) return node.name;
  if (node.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.name}`;
  if (node.type === AST_NODE_TYPES.Literal) {
    if (typeof node.value === 'string') return node.value;
    if (typeof node.value === 'number') return node.raw;
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0 && node.quasis.length === 1) {
    return node.quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

function member(w: Walker, node: TSESTree.MemberExpression): Expr {
  const object = expr(w, node.object);
  const key = constantKey(node.property, node.computed);
  const isStringKey = !node.computed || (key !== undefined && !isNumberLiteral(node.property));
  if (key !== undefined && isStringKey) {
    return node.computed
      ? { kind: 'member', object, property: key, computed: true, span: span(node) }
      : { kind: 'member', object, property: key, span: span(node) };
  }
  return { kind: 'index', object, index: expr(w, node.property), span: span(node) };
}

function isNumberLiteral(node: Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number';
}

function call(w: Walker, node: TSESTree.CallExpression | TSESTree.NewExpression): Expr {
  const target = node.callee;
  const iife =
    target.type === AST_NODE_TYPES.FunctionExpression || target.type === AST_NODE_TYPES.ArrowFunctionExpression;
  if (iife)
    w.syntax.walkFunction(
      w,
      target,
      target.type === AST_NODE_TYPES.FunctionExpression ? target.id?.name : undefined,
      true,
    );
  const callee: Expr = iife ? { kind: 'function', span: span(target) } : expr(w, target);
  const isRequire =
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require';
  const args: Arg[] = [];
  for (const a of node.arguments) {
    if (a.type === AST_NODE_TYPES.SpreadElement) args.push({ value: expr(w, a.argument), spread: true });
    else args.push({ value: isRequire ? moduleSource(w, a) : expr(w, a) });
  }
  const call: CallExpr = {
    kind: 'call',
    callee,
    args,
    isNew: node.type === AST_NODE_TYPES.NewExpression,
    span: span(node),
  };
  if (node.type === AST_NODE_TYPES.CallExpression) {
    checkCallWrite(w, node);
    noteImportTimeCall(w, call);
  }
  return call;
}

/**
 * A module specifier (`require('x')`) stays a string in the tree, so rules can
 * see what `require('memorystore')(session)` loads; the collector does not
 * report it as a string value.
 */
function moduleSource(w: Walker, node: Node): Expr {
  return expr(w, node);
}

function object(w: Walker, node: TSESTree.ObjectExpression): Expr {
  const entries: ObjectEntry[] = [];
  for (const p of node.properties) {
    if (p.type === AST_NODE_TYPES.SpreadElement) {
      entries.push({ value: expr(w, p.argument), spread: true });
      continue;
    }
    const key = constantKey(p.key, p.computed);
    // A computed key's own expression is evaluated too.
    if (p.computed && key === undefined) w.collector.expression(expr(w, p.key), w.scope);
    const value = p.shorthand && p.value.type === AST_NODE_TYPES.Identifier ? expr(w, p.value) : expr(w, p.value, key);
    entries.push(key === undefined ? { value } : { key, keySpan: span(p.key), value });
  }
  return { kind: 'object', entries, span: span(node) };
}
