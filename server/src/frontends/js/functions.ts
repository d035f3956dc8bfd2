/** Functions, methods and classes: each body is walked once as its own scope. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Scope } from '../../ir/facts';
import { patternDefaults } from './declarations';
import { constantKey, expr } from './expr';
import { decoratorCallee } from '../moduleState';
import { noteImportTimeName } from './globals';
import { LexicalScope, declareLexical, declareVars, patternNames } from './scopes';
import { span, type FunctionNode, type Walker } from './walker';

/**
 * Walks a function body as a `function` scope named `name` (or the enclosing
 * function's name). `runsNow` marks an immediately invoked function: its
 * writes happen when its caller runs (at import time for top-level IIFEs).
 */
export function walkFunction(w: Walker, node: FunctionNode, name: string | undefined, runsNow = false): void {
  if (!node.body) return;
  for (const p of node.params) decorators(w, p.decorators);
  const lexical = new LexicalScope(w.lexical, true);
  for (const p of node.params) for (const n of patternNames(p)) lexical.names.add(n);
  if (node.type === AST_NODE_TYPES.FunctionExpression && node.id) lexical.names.add(node.id.name);
  const fnName = name ?? w.fnName;
  const scope: Scope =
    fnName === undefined
      ? { kind: 'function', span: span(node) }
      : { kind: 'function', name: fnName, span: span(node) };
  const body = node.body;
  enter(w, scope, lexical, fnName, runsNow ? w.inFunction : true, () => {
    for (const p of node.params) patternDefaults(w, p, false);
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      declareVars(lexical, body.body);
      declareLexical(lexical, body.body);
      w.syntax.walkStatements(w, body.body);
    } else {
      w.collector.expression(expr(w, body), scope);
    }
  });
}

/** Walks a class: decorators and heritage where the class stands, members in their own scopes. */
export function walkClass(
  w: Walker,
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string | undefined,
): void {
  decorators(w, node.decorators);
  if (node.superClass) w.collector.expression(expr(w, node.superClass), w.scope);
  const classScope: Scope = name === undefined ? { kind: 'class' } : { kind: 'class', name };
  for (const m of node.body.body) {
    switch (m.type) {
      case AST_NODE_TYPES.MethodDefinition: {
        decorators(w, m.decorators);
        const key = memberKey(w, m);
        walkFunction(w, m.value, key ?? name);
        break;
      }
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.AccessorProperty: {
        if (m.declare) break;
        decorators(w, m.decorators);
        const key = memberKey(w, m);
        if (m.value) field(w, m.value, classScope, key);
        break;
      }
      case AST_NODE_TYPES.StaticBlock: {
        const lexical = new LexicalScope(w.lexical, true);
        const scope: Scope =
          name === undefined ? { kind: 'function', span: span(m) } : { kind: 'function', name, span: span(m) };
        // Static blocks run when the class is defined, like the code around it.
        enter(w, scope, lexical, name ?? w.fnName, w.inFunction, () => {
          declareVars(lexical, m.body);
          declareLexical(lexical, m.body);
          w.syntax.walkStatements(w, m.body);
        });
        break;
      }
      default:
        // Abstract members and index signatures have no code.
        break;
    }
  }
}

/** A class field initialiser, bound to the field's name in the class scope. */
function field(w: Walker, value: TSESTree.Expression, classScope: Scope, key: string | undefined): void {
  const saved = w.scope;
  w.scope = classScope;
  try {
    const v = expr(w, value, key);
    if (key === undefined) w.collector.expression(v, classScope);
    else w.collector.bound(v, classScope, key, 'field');
  } finally {
    w.scope = saved;
  }
}

function memberKey(
  w: Walker,
  m: TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.AccessorProperty,
): string | undefined {
  const key = constantKey(m.key, m.computed);
  if (m.computed && key === undefined) w.collector.expression(expr(w, m.key), w.scope);
  return key;
}

/** Decorators run where the class is defined (`@Module({...})`, `@register`). */
function decorators(w: Walker, list: readonly TSESTree.Decorator[] | undefined): void {
  if (!list) return;
  for (const d of list) {
    const e = expr(w, d.expression);
    // `@register` runs `register`, `@route('/')` runs `route` (the set keeps a name once).
    const name = decoratorCallee(e);
    if (name !== undefined) noteImportTimeName(w, name);
    w.collector.expression(e, w.scope);
  }
}

function enter(
  w: Walker,
  scope: Scope,
  lexical: LexicalScope,
  fnName: string | undefined,
  inFunction: boolean,
  body: () => void,
): void {
  const saved = { scope: w.scope, lexical: w.lexical, fnName: w.fnName, inFunction: w.inFunction };
  w.scope = scope;
  w.lexical = lexical;
  w.fnName = fnName;
  w.inFunction = inFunction;
  try {
    w.collector.inFunctionBody(body);
  } finally {
    w.scope = saved.scope;
    w.lexical = saved.lexical;
    w.fnName = saved.fnName;
    w.inFunction = saved.inFunction;
  }
}
