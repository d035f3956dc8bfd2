/** JSX: attribute values are bound to the attribute's name; embedded expressions are walked. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { expr } from './expr';
import type { Walker } from './walker';

export function walkJsx(w: Walker, node: TSESTree.JSXElement | TSESTree.JSXFragment): void {
  if (node.type === AST_NODE_TYPES.JSXElement) {
    for (const a of node.openingElement.attributes) {
      if (a.type === AST_NODE_TYPES.JSXSpreadAttribute) {
        w.collector.expression(expr(w, a.argument), w.scope);
        continue;
      }
      const name = a.name.type === AST_NODE_TYPES.JSXIdentifier ? a.name.name : a.name.name.name;
      attribute(w, a.value, name);
    }
  }
  for (const child of node.children) {
    switch (child.type) {
      case AST_NODE_TYPES.JSXElement:
      case AST_NODE_TYPES.JSXFragment:
        walkJsx(w, child);
        break;
      case AST_NODE_TYPES.JSXExpressionContainer:
        if (child.expression.type !== AST_NODE_TYPES.JSXEmptyExpression) {
          w.collector.expression(expr(w, child.expression), w.scope);
        }
        break;
      case AST_NODE_TYPES.JSXSpreadChild:
        if (child.expression.type !== AST_NODE_TYPES.JSXEmptyExpression) {
          w.collector.expression(expr(w, child.expression), w.scope);
        }
        break;
      default:
        // Text between tags is content, not configuration.
        break;
    }
  }
}

function attribute(w: Walker, value: TSESTree.JSXAttribute['value'], name: string): void {
  if (!value) return;
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      w.collector.bound(expr(w, value), w.scope, name, 'key');
      return;
    case AST_NODE_TYPES.JSXExpressionContainer:
      if (value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression) {
        w.collector.bound(expr(w, value.expression, name), w.scope, name, 'key');
      }
      return;
    case AST_NODE_TYPES.JSXElement:
    case AST_NODE_TYPES.JSXFragment:
      walkJsx(w, value);
      return;
    default:
      return;
  }
}
