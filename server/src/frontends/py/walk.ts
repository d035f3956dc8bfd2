/**
 * One walk over a tree-sitter-python tree producing `FileFacts`: statements,
 * scopes, imports, branches and module-level state writes. This is the state
 * of the walk; the syntax is handled by statements.ts, definitions.ts,
 * assignments.ts, branches.ts, imports.ts and globals.ts.
 */
import type { PyNode as Node, PyTree } from './tree';
import { FactCollector } from '../collect';
import type { CallFact, Expr, FileFacts, ImportFact, ModuleBinding, Scope } from '../../ir/facts';
import { commentFacts, isDocstring } from './comments';
import { lambda } from './definitions';
import { PyExprConverter } from './expr';
import { noteImportTimeCalls } from './globals';
import { type Candidate, closeScope, PyScope, visitMutations } from './scopes';
import { block, statement } from './statements';
import type { PyWalker } from './walker';

export class PyTreeWalker implements PyWalker {
  readonly collector: FactCollector;
  readonly exprs: PyExprConverter;
  scope: PyScope = new PyScope('module', undefined, undefined);
  /** Statements open, so deeply nested (generated or broken) code cannot overflow the stack. */
  depth = 0;
  /** When set, every module-level binding attempt is recorded here (statement-level reuse replays them). */
  bindAttempts: ModuleBinding[] | undefined;
  /** Decorators of the definition about to be walked (definitions.ts). */
  decorators: Expr[] | undefined;
  /** Walks the statements of a `split` block (mirrored without them), in the block's scope. */
  splitBlock: (() => void) | undefined;

  constructor(readonly facts: FileFacts) {
    this.collector = new FactCollector(facts);
    this.exprs = new PyExprConverter({ lambda: (node) => lambda(this, node) });
  }

  run(tree: PyTree): FileFacts {
    this.block(tree.root);
    closeScope(this.scope, this.facts);
    commentFacts(this.facts.text, tree.comments, this.facts.comments);
    this.facts.syntaxErrors = tree.hasError;
    return this.collector.finish();
  }

  block(node: Node): void {
    block(this, node);
  }

  statement(node: Node): void {
    statement(this, node);
  }

  /**
   * Walks one child of a block (the module included) as `block` would;
   * `first`: no named statement other than a comment precedes it in the block
   * (it may be the docstring).
   * Module-level writes found in functions stay pending (`takeModulePending`).
   */
  blockStatement(node: Node, first: boolean): void {
    if (!node.isNamed || node.type === 'comment' || (first && isDocstring(node))) return;
    this.statement(node);
  }

  /**
   * The candidate module-state writes collected since the last call, in order.
   * Taken from the module scope even inside a split class body, so a method's
   * writes stay with the part that holds its other facts (and its values and
   * scope, shifted with them when the part is reused).
   */
  takeModulePending(): Candidate[] {
    let module = this.scope;
    while (module.parent) module = module.parent;
    const pending = module.pending.slice();
    module.pending.length = 0;
    return pending;
  }

  /** Makes imports of statements not walked (reused) known to name resolution, in order. */
  knowImports(imports: readonly ImportFact[]): void {
    for (const fact of imports) this.collector.knowImport(fact);
  }

  /** Resolves callee names against every import known, as `finish` does. */
  resolveCalls(calls: readonly CallFact[]): void {
    for (const call of calls) call.expr.calleeName = this.collector.resolve(call.expr.callee);
  }

  get scopeFact(): Scope {
    return this.scope.fact;
  }

  /** Converts and records an expression that is not a statement of its own. */
  expr(node: Node | null): Expr {
    const expr = this.exprs.convert(node);
    if (node) {
      this.collector.expression(expr, this.scopeFact);
      this.afterExpression(expr);
    }
    return expr;
  }

  /** What an expression already recorded does to module state. */
  afterExpression(expr: Expr): void {
    // Inside a function: mutating method calls (`CACHE.append(x)`) anywhere in the expression.
    // Outside (module and class bodies): every call runs at import time.
    const fn = this.scope.functionScope;
    if (fn) visitMutations(expr, fn);
    else noteImportTimeCalls(this.facts, expr);
  }

  /** Walks `walk` in `scope`, then closes it (a class's pending writes go to the enclosing scope). */
  inScope(scope: PyScope, walk: () => void): void {
    const saved = this.scope;
    this.scope = scope;
    try {
      if (scope.kind === 'function') this.collector.inFunctionBody(walk);
      else walk();
    } finally {
      this.scope = saved;
    }
    if (scope.kind === 'function') closeScope(scope, this.facts);
    else for (const c of scope.pending) saved.pending.push(c);
  }
}
