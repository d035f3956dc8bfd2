/**
 * Imports: ES `import`, TS `import x = require()`, and CommonJS `require`
 * declarations. They are registered with the collector before any code is
 * walked so callee names resolve through them.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { ImportFact } from '../../ir/facts';
import { span, type Walker } from './walker';

export function importDeclaration(w: Walker, node: TSESTree.ImportDeclaration, topLevel: boolean): void {
  if (node.importKind === 'type') return;
  // Error recovery (`import {import { … } from 'x'`) can leave a declaration without its source.
  const module: unknown = node.source?.value;
  if (typeof module !== 'string') return;
  for (const s of node.specifiers) {
    let imported: string;
    if (s.type === AST_NODE_TYPES.ImportDefaultSpecifier) imported = 'default';
    else if (s.type === AST_NODE_TYPES.ImportNamespaceSpecifier) imported = '*';
    else if (s.importKind === 'type') continue;
    else imported = s.imported.type === AST_NODE_TYPES.Identifier ? s.imported.name : s.imported.value;
    add(w, { local: s.local.name, module, imported, span: span(s) }, topLevel);
  }
}

export function importEquals(w: Walker, node: TSESTree.TSImportEqualsDeclaration, topLevel: boolean): void {
  if (node.importKind === 'type') return;
  const ref = node.moduleReference;
  if (ref.type !== AST_NODE_TYPES.TSExternalModuleReference) return;
  if (ref.expression.type !== AST_NODE_TYPES.Literal || typeof ref.expression.value !== 'string') return;
  add(w, { local: node.id.name, module: ref.expression.value, span: span(node) }, topLevel);
}

/**
 * `const x = require('m')`, `const { a, b: c } = require('m')`,
 * `const y = require('m').y`: the imports it declares, or undefined when the
 * declarator is not a require.
 */
export function requireImports(node: TSESTree.VariableDeclarator): ImportFact[] | undefined {
  if (!node.init) return undefined;
  let init: TSESTree.Node = node.init;
  let member: string | undefined;
  if (
    init.type === AST_NODE_TYPES.MemberExpression &&
    !init.computed &&
    init.property.type === AST_NODE_TYPES.Identifier
  ) {
    member = init.property.name;
    init = init.object;
  }
  const module = requiredModule(init);
  if (module === undefined) return undefined;
  const id = node.id;
  if (id.type === AST_NODE_TYPES.Identifier) {
    return [
      member === undefined
        ? { local: id.name, module, span: span(node) }
        : { local: id.name, module, imported: member, span: span(node) },
    ];
  }
  if (id.type !== AST_NODE_TYPES.ObjectPattern || member !== undefined) return [];
  const out: ImportFact[] = [];
  for (const p of id.properties) {
    if (p.type !== AST_NODE_TYPES.Property || p.computed || p.key.type !== AST_NODE_TYPES.Identifier) continue;
    const value = p.value.type === AST_NODE_TYPES.AssignmentPattern ? p.value.left : p.value;
    if (value.type === AST_NODE_TYPES.Identifier)
      out.push({ local: value.name, module, imported: p.key.name, span: span(p) });
  }
  return out;
}

/** The specifier of `require('m')`, when the call is exactly that. */
function requiredModule(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (node.callee.name !== 'require' || node.arguments.length !== 1) return undefined;
  const arg = node.arguments[0];
  if (arg.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') return arg.value;
  if (arg.type === AST_NODE_TYPES.TemplateLiteral && arg.expressions.length === 0)
    return arg.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Registers an import with the collector and, at the top level, as a module binding. */
export function add(w: Walker, fact: ImportFact, topLevel: boolean): void {
  w.collector.addImport(fact);
  if (!topLevel) return;
  w.declareModule(fact.local, { kind: 'import' }, { name: fact.local, declKind: 'import', span: fact.span });
}
