/**
 * The module pre-scan: registers imports (so names used before an import
 * statement still resolve) and declares every top-level binding before the
 * walk, since functions may refer to bindings declared below them.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModuleBinding } from '../../ir/facts';
import { add, importDeclaration, importEquals, requireImports } from './imports';
import { patternNames } from './scopes';
import { span, type ModuleDecl, type Walker } from './walker';

/** The pre-scan of one top-level statement. */
export function prescanStatement(w: Walker, raw: TSESTree.ProgramStatement): void {
  const node =
    raw.type === AST_NODE_TYPES.ExportNamedDeclaration || raw.type === AST_NODE_TYPES.ExportDefaultDeclaration
      ? raw.declaration
      : raw;
  if (!node) return;
  switch (node.type) {
    case AST_NODE_TYPES.ImportDeclaration:
      importDeclaration(w, node, true);
      break;
    case AST_NODE_TYPES.TSImportEqualsDeclaration:
      importEquals(w, node, true);
      break;
    case AST_NODE_TYPES.VariableDeclaration:
      if (!node.declare) variables(w, node);
      break;
    case AST_NODE_TYPES.FunctionDeclaration:
      if (node.id) declare(w, node.id.name, { kind: 'function' }, node);
      break;
    case AST_NODE_TYPES.ClassDeclaration:
      if (node.id && !node.declare) declare(w, node.id.name, { kind: 'class' }, node);
      break;
    default:
      break;
  }
}

function variables(w: Walker, node: TSESTree.VariableDeclaration): void {
  const kind = node.kind === 'var' || node.kind === 'let' ? node.kind : 'const';
  for (const d of node.declarations) {
    const imports = requireImports(d);
    if (imports) {
      w.hoisted.add(d);
      for (const fact of imports) add(w, fact, true);
      continue;
    }
    const init = d.id.type === AST_NODE_TYPES.Identifier ? d.init : undefined;
    for (const name of patternNames(d.id)) declare(w, name, { kind, init }, d);
  }
}

function declare(w: Walker, name: string, decl: ModuleDecl, node: TSESTree.Node): void {
  const binding: ModuleBinding = { name, declKind: decl.kind, span: span(node) };
  w.declareModule(name, decl, binding);
}
