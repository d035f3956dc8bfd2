/**
 * Turns the `Expr` trees a front-end builds into the flat fact lists rules
 * read (strings with their binding context, calls, comparisons, assignments).
 * Shared by both front-ends, so a literal's context means the same thing in
 * Python and JavaScript.
 */
import type {
  AssignmentFact,
  BranchSummary,
  CallExpr,
  Expr,
  FileFacts,
  ImportFact,
  Scope,
  StringFact,
} from '../ir/facts';
import { containsEnvRead, dottedName, isEnvCall, lastSegment, resolveDotted } from '../ir/exprs';

/** How a value is bound to a name. */
export interface Binding {
  name?: string;
  nameKind?: StringFact['nameKind'];
  path: string[];
}

interface WalkContext {
  scope: Scope;
  binding?: Binding;
  envFallback: boolean;
  call?: { expr: CallExpr; index: number; keyword?: string };
  compared: boolean;
  /** Set while walking the test of an if/ternary: comparisons found there decide these branches. */
  decides?: BranchSummary;
}

const COMPARISONS = new Set(['==', '===', '!=', '!==', 'in', 'not in']);
const FALLBACK_OPS = new Set(['||', '??']);

/** An if/switch being walked and what its branches did so far. */
interface OpenBranch {
  summary: BranchSummary;
  assigned: Expr[];
  produced: Expr[];
}

/** Summaries receive what the statements of the innermost few open branches do. */
const SUMMARY_DEPTH = 3;
const SUMMARY_ITEMS = 16;

export class FactCollector {
  private readonly imports = new Map<string, ImportFact>();

  /** Branches being walked, innermost last: their summaries receive what the statements do. */
  private branches: OpenBranch[] = [];

  constructor(readonly facts: FileFacts) {}

  /**
   * Opens the summary of an if/switch whose branches are walked next (both
   * front-ends; the test is walked with `decides` set to it). Assignments
   * and returned values reach the innermost SUMMARY_DEPTH open summaries,
   * SUMMARY_ITEMS at most each, so deep or long branches cost linear time.
   */
  openBranch(summary: BranchSummary): void {
    this.branches.push({ summary, assigned: [], produced: [] });
  }

  /** Closes the innermost open branch: its values are the assigned ones (aligned with `assigns`), then the produced. */
  closeBranch(): void {
    const open = this.branches.pop();
    if (open) open.summary.values.push(...open.assigned, ...open.produced);
  }

  /** A value a branch produces without assigning it (`return value`). */
  produce(value: Expr): void {
    for (let i = this.branches.length - 1, n = 0; i >= 0 && n < SUMMARY_DEPTH; i--, n++) {
      const open = this.branches[i];
      if (open.produced.length < SUMMARY_ITEMS) open.produced.push(value);
    }
  }

  /** Walks a function body: what it assigns or returns belongs to no branch around the definition. */
  inFunctionBody(walk: () => void): void {
    const saved = this.branches;
    this.branches = [];
    try {
      walk();
    } finally {
      this.branches = saved;
    }
  }

  /** Registers an import; later names resolve through it. */
  addImport(fact: ImportFact): void {
    this.facts.imports.push(fact);
    this.imports.set(fact.local, fact);
  }

  /**
   * Makes an import known to name resolution without recording it: its
   * statement's facts are reused from an earlier analysis (frontends/splice.ts).
   */
  knowImport(fact: ImportFact): void {
    this.imports.set(fact.local, fact);
  }

  /** The canonical dotted name of a name/member chain, resolved through imports. */
  resolve(expr: Expr): string | undefined {
    const dotted = dottedName(expr);
    return dotted === undefined ? undefined : resolveDotted(dotted, this.imports);
  }

  /**
   * An expression evaluated in `scope`. `binding` names the value (an
   * assignment target, default parameter, class field); `statement` marks an
   * expression statement; `decides` marks the test of a branch.
   */
  expression(
    expr: Expr,
    scope: Scope,
    options: { binding?: Binding; statement?: boolean; decides?: BranchSummary } = {},
  ): void {
    this.walk(
      expr,
      { scope, binding: options.binding, envFallback: false, compared: false, decides: options.decides },
      !!options.statement,
    );
  }

  /** Records an assignment and walks its value with the target as binding. */
  assignment(fact: AssignmentFact, envFallback = false): void {
    this.facts.assignments.push(fact);
    for (let i = this.branches.length - 1, n = 0; i >= 0 && n < SUMMARY_DEPTH; i--, n++) {
      const open = this.branches[i];
      if (open.assigned.length >= SUMMARY_ITEMS) continue;
      open.summary.assigns.push(fact.target);
      open.assigned.push(fact.value);
    }
    const path = fact.target.split('.').filter(Boolean);
    const binding: Binding = { name: lastSegment(fact.target), nameKind: 'assign', path };
    this.walk(fact.value, { scope: fact.scope, binding, envFallback, compared: false }, false);
  }

  /** A default parameter value or a class field initialiser. */
  bound(expr: Expr, scope: Scope, name: string, nameKind: 'default' | 'field' | 'key', envFallback = false): void {
    this.walk(expr, { scope, binding: { name, nameKind, path: [name] }, envFallback, compared: false }, false);
  }

  /** Resolves callee names against every import seen (imports may follow their use). */
  finish(): FileFacts {
    for (const call of this.facts.calls) {
      call.expr.calleeName = this.resolve(call.expr.callee);
    }
    return this.facts;
  }

  private walk(expr: Expr, ctx: WalkContext, statement: boolean): void {
    switch (expr.kind) {
      case 'string':
        this.facts.strings.push({
          expr,
          name: ctx.binding?.name,
          nameKind: ctx.binding?.name === undefined ? undefined : ctx.binding.nameKind,
          path: ctx.binding?.path ?? [],
          envFallback: ctx.envFallback,
          call: ctx.call && { expr: ctx.call.expr, index: ctx.call.index, keyword: ctx.call.keyword },
          compared: ctx.compared || undefined,
          statement: statement || undefined,
          scope: ctx.scope,
        });
        return;
      case 'template':
        for (const e of expr.exprs) this.walk(e, { ...ctx, binding: undefined, decides: undefined }, false);
        return;
      case 'member':
        this.walk(expr.object, plain(ctx), false);
        return;
      case 'index':
        this.walk(expr.object, plain(ctx), false);
        this.walk(expr.index, plain(ctx), false);
        return;
      case 'call':
        this.call(expr, ctx, statement);
        return;
      case 'object':
        for (const entry of expr.entries) {
          const binding =
            entry.key === undefined
              ? undefined
              : { name: entry.key, nameKind: 'key' as const, path: [...(ctx.binding?.path ?? []), entry.key] };
          this.walk(entry.value, { ...ctx, binding, compared: false, decides: undefined }, false);
        }
        return;
      case 'array':
        for (const e of expr.elements) this.walk(e, { ...ctx, decides: undefined }, false);
        return;
      case 'binary':
        this.binary(expr, ctx);
        return;
      case 'conditional': {
        const test = containsEnvRead(expr.test);
        this.walk(expr.test, { ...plain(ctx), decides: branchOf('ternary', ctx, [expr.then, expr.else]) }, false);
        this.walk(expr.then, { ...ctx, envFallback: ctx.envFallback || test || containsEnvRead(expr.else) }, false);
        this.walk(expr.else, { ...ctx, envFallback: ctx.envFallback || test || containsEnvRead(expr.then) }, false);
        return;
      }
      case 'unary':
        this.walk(expr.arg, ctx, false);
        return;
      default:
        return;
    }
  }

  private call(expr: CallExpr, ctx: WalkContext, statement: boolean): void {
    expr.calleeName = this.resolve(expr.callee);
    this.facts.calls.push({ expr, scope: ctx.scope, statement });
    if (expr.callee.kind !== 'name' && expr.callee.kind !== 'member') this.walk(expr.callee, plain(ctx), false);
    else if (expr.callee.kind === 'member') this.walk(expr.callee.object, plain(ctx), false);
    // Module specifiers are names of code, not values.
    if (expr.calleeName === 'require' || expr.calleeName === 'import') return;
    const env = isEnvCall(expr);
    let positional = 0;
    for (const arg of expr.args) {
      const index = arg.name || arg.spread ? -1 : positional++;
      // The variable's name in an env read is not a value; what follows it is a
      // fallback. (A schema library's first argument is the schema: walked, as defaults.)
      if (env && index === 0 && arg.value.kind === 'string') continue;
      const binding: Binding | undefined = arg.name
        ? { name: arg.name, nameKind: 'keyword', path: [...(ctx.binding?.path ?? []), arg.name] }
        : undefined;
      this.walk(
        arg.value,
        {
          scope: ctx.scope,
          binding: binding ?? (ctx.binding && { path: ctx.binding.path }),
          envFallback: ctx.envFallback || env,
          call: { expr, index, keyword: arg.name },
          compared: false,
        },
        false,
      );
    }
  }

  private binary(expr: Extract<Expr, { kind: 'binary' }>, ctx: WalkContext): void {
    if (COMPARISONS.has(expr.op)) {
      this.facts.comparisons.push({
        left: expr.left,
        right: expr.right,
        op: expr.op,
        span: expr.span,
        scope: ctx.scope,
        decides: ctx.decides,
      });
      const leftName = dottedName(expr.left);
      const rightName = dottedName(expr.right);
      this.walk(expr.left, compareCtx(ctx, rightName), false);
      this.walk(expr.right, compareCtx(ctx, leftName), false);
      return;
    }
    if (FALLBACK_OPS.has(expr.op)) {
      this.walk(expr.left, ctx, false);
      this.walk(expr.right, { ...ctx, envFallback: ctx.envFallback || containsEnvRead(expr.left) }, false);
      return;
    }
    // `&&`, `and`, arithmetic and concatenation keep the binding (SECRET = "a" + "b").
    const keepDecides = expr.op === '&&' ? ctx : { ...ctx, decides: undefined };
    this.walk(expr.left, keepDecides, false);
    this.walk(expr.right, keepDecides, false);
  }
}

function plain(ctx: WalkContext): WalkContext {
  return { scope: ctx.scope, envFallback: false, compared: false };
}

function compareCtx(ctx: WalkContext, otherName: string | undefined): WalkContext {
  return {
    scope: ctx.scope,
    envFallback: false,
    compared: true,
    binding: otherName === undefined ? undefined : { name: lastSegment(otherName), nameKind: 'compare', path: [] },
    decides: ctx.decides,
  };
}

function branchOf(kind: BranchSummary['kind'], ctx: WalkContext, values: Expr[]): BranchSummary {
  const target = ctx.binding?.path.join('.');
  return { kind, assigns: target ? [target] : [], values };
}
