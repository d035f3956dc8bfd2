/**
 * The state of one walk over a Python tree, as the syntax modules see it
 * (statements.ts, definitions.ts, assignments.ts, branches.ts, imports.ts,
 * globals.ts). walk.ts implements it; the syntax modules recurse through
 * `block` and `statement` here instead of importing each other.
 */
import type { FactCollector } from '../collect';
import type { CallFact, Expr, FileFacts, ImportFact, ModuleBinding, Scope } from '../../ir/facts';
import type { PyExprConverter } from './expr';
import type { Candidate, PyScope } from './scopes';
import type { PyNode as Node } from './tree';

export interface PyWalker {
  readonly facts: FileFacts;
  readonly collector: FactCollector;
  readonly exprs: PyExprConverter;
  scope: PyScope;
  /** Statements open, so deeply nested (generated or broken) code cannot overflow the stack. */
  depth: number;
  /** When set, every module-level binding attempt is recorded here (statement-level reuse replays them). */
  bindAttempts: ModuleBinding[] | undefined;
  /** Decorators of the definition about to be walked (definitions.ts). */
  decorators: Expr[] | undefined;
  /** Walks the statements of a `split` block (mirrored without them), in the block's scope. */
  splitBlock: (() => void) | undefined;
  readonly scopeFact: Scope;

  /** Walks the statements of a block (the module included). */
  block(node: Node): void;
  /** Walks one statement. */
  statement(node: Node): void;
  /** Walks one child of a block as `block` would; `first`: it may be the docstring. */
  blockStatement(node: Node, first: boolean): void;
  /** The candidate module-state writes collected since the last call, in order. */
  takeModulePending(): Candidate[];
  /** Makes imports of statements not walked (reused) known to name resolution, in order. */
  knowImports(imports: readonly ImportFact[]): void;
  /** Resolves callee names against every import known, as `finish` does. */
  resolveCalls(calls: readonly CallFact[]): void;
  /** Converts and records an expression that is not a statement of its own. */
  expr(node: Node | null): Expr;
  /** What an expression already recorded does to module state. */
  afterExpression(expr: Expr): void;
  /** Walks `walk` in `scope`, then closes it. */
  inScope(scope: PyScope, walk: () => void): void;
}
