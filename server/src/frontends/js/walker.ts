/** The state of one walk over a file: where we are and what has been collected. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FactCollector } from '../collect';
import type { Expr, FileFacts, ModuleBinding, Scope } from '../../ir/facts';
import { LexicalScope } from './scopes';

/** How a module-level name was declared, with its initialiser's syntax (known before the walk reaches it). */
export interface ModuleDecl {
  kind: 'const' | 'let' | 'var' | 'import' | 'function' | 'class';
  init?: TSESTree.Node | null;
}

export const MODULE_SCOPE: Scope = { kind: 'module' };

/**
 * What one top-level statement did to file-level state, recorded while the
 * file is walked for statement-level reuse (js/chunks.ts): module bindings
 * declared (and values given to them, as bindings without `declKind`),
 * module declarations, import-time functions.
 */
export interface StatementTrace {
  bindings: ModuleBinding[];
  decls: [string, ModuleDecl][];
  importTime: string[];
}

/** A function-like node the walker enters as its own scope. */
export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression
  | TSESTree.TSEmptyBodyFunctionExpression;

/**
 * The syntax walkers that recurse into each other (statements hold
 * expressions, expressions hold functions, classes and JSX whose bodies hold
 * statements). The modules call one another through this table, filled by
 * syntax.ts, so none imports one above it.
 */
export interface Syntax {
  statement(w: Walker, node: TSESTree.Node | null | undefined): void;
  walkStatements(w: Walker, body: readonly TSESTree.Node[]): void;
  assignmentExpression(w: Walker, node: TSESTree.AssignmentExpression): void;
  walkFunction(w: Walker, node: FunctionNode, name: string | undefined, runsNow?: boolean): void;
  walkClass(w: Walker, node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string | undefined): void;
  walkJsx(w: Walker, node: TSESTree.JSXElement | TSESTree.JSXFragment): void;
}

export class Walker {
  scope: Scope = MODULE_SCOPE;
  readonly moduleLexical = new LexicalScope(undefined, false);
  lexical: LexicalScope = this.moduleLexical;
  /** Innermost enclosing named function. */
  fnName: string | undefined;
  /** Inside some function body (run time, not import time). */
  inFunction = false;
  readonly moduleDecls = new Map<string, ModuleDecl>();
  /** `require` declarators already registered as imports by the module pre-scan. */
  readonly hoisted = new Set<TSESTree.Node>();
  /** Set while recording what each top-level statement does to file-level state. */
  trace: StatementTrace | undefined;

  constructor(
    readonly collector: FactCollector,
    readonly facts: FileFacts,
    readonly syntax: Syntax,
  ) {}

  /** Declares a module-level name (the module pre-scan). */
  declareModule(name: string, decl: ModuleDecl, binding: ModuleBinding): void {
    this.moduleDecls.set(name, decl);
    this.facts.moduleBindings.set(name, binding);
    if (!this.trace) return;
    this.trace.decls.push([name, decl]);
    this.trace.bindings.push({ name, declKind: binding.declKind, span: binding.span });
  }

  /** The value a module-level declarator gives its name. */
  bindValue(name: string, value: Expr): void {
    const binding = this.facts.moduleBindings.get(name);
    if (binding) binding.value = value;
    this.trace?.bindings.push({ name, value, span: value.span });
  }

  importTimeCall(name: string): void {
    this.facts.importTimeFunctions.add(name);
    this.trace?.importTime.push(name);
  }
}

export function span(node: { range: [number, number] }): { start: number; end: number } {
  return { start: node.range[0], end: node.range[1] };
}
