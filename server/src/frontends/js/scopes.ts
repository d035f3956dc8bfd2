/**
 * Lexical scopes, so a write inside a function can be told apart from a write
 * to module state: a name resolves to the innermost block or function that
 * declares it (`var` and function declarations hoisted, `let`/`const`/class
 * block-scoped, parameters and catch parameters local).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';

export class LexicalScope {
  readonly names = new Set<string>();

  constructor(
    readonly parent: LexicalScope | undefined,
    /** A function body: `var` declarations stop here. */
    readonly isFunction: boolean,
  ) {}

  /** True when `name` resolves to the outermost (module) scope, or to no declaration at all. */
  resolvesToModule(name: string): boolean {
    if (!this.parent) return true;
    if (this.names.has(name)) return false;
    for (let lexical = this.parent; lexical.parent; lexical = lexical.parent) if (lexical.names.has(name)) return false;
    return true;
  }
}

/** Names bound by a binding pattern (`a`, `{ b, c: d }`, `[e, ...f]`, `g = 1`). */
export function patternNames(node: TSESTree.Node | null | undefined, out: string[] = []): string[] {
  if (!node) return out;
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      out.push(node.name);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const p of node.properties) patternNames(p.type === AST_NODE_TYPES.Property ? p.value : p, out);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const e of node.elements) patternNames(e, out);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternNames(node.left, out);
      break;
    case AST_NODE_TYPES.RestElement:
      patternNames(node.argument, out);
      break;
    case AST_NODE_TYPES.TSParameterProperty:
      patternNames(node.parameter, out);
      break;
    default:
      break;
  }
  return out;
}

/** Declares a block's lexical declarations (let/const/class/function at its own level). */
export function declareLexical(lexical: LexicalScope, body: readonly TSESTree.Node[]): void {
  for (const raw of body) {
    const stmt = unwrapExport(raw);
    if (!stmt) continue;
    switch (stmt.type) {
      case AST_NODE_TYPES.VariableDeclaration:
        if (stmt.kind !== 'var')
          for (const d of stmt.declarations) for (const n of patternNames(d.id)) lexical.names.add(n);
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.TSEnumDeclaration:
        if (stmt.id) lexical.names.add(stmt.id.name);
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        for (const s of stmt.specifiers) lexical.names.add(s.local.name);
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        lexical.names.add(stmt.id.name);
        break;
      default:
        break;
    }
  }
}

/**
 * Declares the `var`s of a function body (or the module), found in nested
 * blocks too but not in nested functions.
 */
export function declareVars(lexical: LexicalScope, body: readonly TSESTree.Node[]): void {
  for (const stmt of body) hoistVars(lexical, stmt, 0);
}

function hoistVars(lexical: LexicalScope, raw: TSESTree.Node | null | undefined, depth: number): void {
  const node = raw && unwrapExport(raw);
  // Bounded: pathological nesting only loses hoisting precision (more misses, no false alarms).
  if (!node || depth > 200) return;
  switch (node.type) {
    case AST_NODE_TYPES.VariableDeclaration:
      if (node.kind === 'var')
        for (const d of node.declarations) for (const n of patternNames(d.id)) lexical.names.add(n);
      return;
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      for (const s of node.body) hoistVars(lexical, s, depth + 1);
      return;
    case AST_NODE_TYPES.IfStatement:
      hoistVars(lexical, node.consequent, depth + 1);
      hoistVars(lexical, node.alternate, depth + 1);
      return;
    case AST_NODE_TYPES.ForStatement:
      hoistVars(lexical, node.init, depth + 1);
      hoistVars(lexical, node.body, depth + 1);
      return;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      hoistVars(lexical, node.left, depth + 1);
      hoistVars(lexical, node.body, depth + 1);
      return;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.LabeledStatement:
    case AST_NODE_TYPES.WithStatement:
      hoistVars(lexical, node.body, depth + 1);
      return;
    case AST_NODE_TYPES.TryStatement:
      hoistVars(lexical, node.block, depth + 1);
      hoistVars(lexical, node.handler?.body, depth + 1);
      hoistVars(lexical, node.finalizer, depth + 1);
      return;
    case AST_NODE_TYPES.SwitchStatement:
      for (const c of node.cases) for (const s of c.consequent) hoistVars(lexical, s, depth + 1);
      return;
    default:
      return;
  }
}

function unwrapExport(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
    return node.declaration;
  }
  return node;
}
