/**
 * One walk over a tree-sitter-python tree producing `FileFacts`: statements,
 * scopes, imports, branches and module-level state writes.
 */
import type { PyComment, PyNode as Node, PyTree } from './tree';
import { FactCollector } from '../../collect';
import { dottedName } from '../../exprs';
import type {
  BranchSummary,
  CallFact,
  CommentFact,
  Expr,
  FileFacts,
  ImportFact,
  ModuleBinding,
  Scope,
  Span,
} from '../../facts';
import { PyExprConverter, spanOf } from './expr';
import { type Candidate, closeScope, PyScope, rootName, visitMutations } from './scopes';

const MAX_STATEMENT_DEPTH = 150;

export class PyWalker {
  private readonly collector: FactCollector;
  private readonly exprs: PyExprConverter;
  private scope: PyScope = new PyScope('module', undefined, undefined);
  private returns: Expr[] = [];
  private depth = 0;
  /** When set, every module-level binding attempt is recorded here (statement-level reuse replays them). */
  bindAttempts: ModuleBinding[] | undefined;
  /** Walks the statements of a `split` block (mirrored without them), in the block's scope. */
  splitBlock: (() => void) | undefined;

  constructor(private readonly facts: FileFacts) {
    this.collector = new FactCollector(facts);
    this.exprs = new PyExprConverter({ lambda: (node) => this.lambda(node) });
  }

  run(tree: PyTree): FileFacts {
    this.block(tree.root);
    closeScope(this.scope, this.facts);
    commentFacts(this.facts.text, tree.comments, this.facts.comments);
    this.facts.syntaxErrors = tree.hasError;
    return this.collector.finish();
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

  /** The candidate module-state writes collected since the last call, in order. */
  takeModulePending(): Candidate[] {
    const pending = this.scope.pending.slice();
    this.scope.pending.length = 0;
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

  private get scopeFact(): Scope {
    return this.scope.fact;
  }

  /** A block's statements; a leading string is a docstring and is not a value. */
  private block(node: Node): void {
    if (node.split && this.splitBlock) return this.splitBlock();
    let first = true;
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (first && isDocstring(child)) {
        first = false;
        continue;
      }
      first = false;
      this.statement(child);
    }
  }

  private statement(node: Node): void {
    if (this.depth > MAX_STATEMENT_DEPTH) return;
    this.depth++;
    try {
      this.statementNode(node);
    } finally {
      this.depth--;
    }
  }

  private statementNode(node: Node): void {
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) if (child) this.expressionStatement(child);
        return;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
        this.importStatement(node);
        return;
      case 'decorated_definition':
        this.decorated(node);
        return;
      case 'function_definition':
        this.functionDef(node);
        return;
      case 'class_definition':
        this.classDef(node);
        return;
      case 'if_statement':
        this.ifStatement(node);
        return;
      case 'match_statement':
        this.matchStatement(node);
        return;
      case 'for_statement':
        this.bindTargets(node.childForFieldName('left'));
        this.expr(node.childForFieldName('right'));
        this.blocks(node, ['body', 'alternative']);
        return;
      case 'while_statement':
        this.expr(node.childForFieldName('condition'));
        this.blocks(node, ['body', 'alternative']);
        return;
      case 'with_statement':
        this.withStatement(node);
        return;
      case 'return_statement': {
        const value = node.namedChildren.find((c) => c && c.type !== 'comment');
        if (value) this.returns.push(this.expr(value));
        return;
      }
      case 'global_statement':
        for (const n of node.namedChildren) if (n?.type === 'identifier') this.scope.globals.add(n.text);
        return;
      case 'nonlocal_statement':
        for (const n of node.namedChildren) if (n?.type === 'identifier') this.scope.nonlocals.add(n.text);
        return;
      case 'delete_statement':
        this.deleteStatement(node);
        return;
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'comment':
        return;
      case 'block':
      case 'module':
      case 'ERROR':
      case 'else_clause':
      case 'finally_clause':
      case 'try_statement':
        this.compound(node);
        return;
      case 'except_clause':
      case 'except_group_clause':
        this.exceptClause(node);
        return;
      default:
        // raise, assert, print, exec and any expression-like node a broken parse leaves here
        for (const child of node.namedChildren) {
          if (!child || child.type === 'comment') continue;
          if (isStatementType(child.type)) this.statement(child);
          else this.expr(child);
        }
        if (node.namedChildren.length === 0 || !isStatementType(node.type)) return;
    }
  }

  private compound(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'block') this.block(child);
      else if (isStatementType(child.type) || child.type.endsWith('_clause')) this.statement(child);
      else this.expressionStatement(child);
    }
  }

  private blocks(node: Node, fields: string[]): void {
    for (const f of fields) {
      const b = node.childForFieldName(f);
      if (b) this.statement(b);
    }
  }

  private expressionStatement(node: Node): void {
    if (node.type === 'assignment') return this.assignment(node);
    if (node.type === 'augmented_assignment') return this.augmented(node);
    const expr = this.exprs.convert(node);
    this.collector.expression(expr, this.scopeFact, { statement: true });
    this.afterExpression(expr);
  }

  /** Converts and records an expression that is not a statement of its own. */
  private expr(node: Node | null): Expr {
    const expr = this.exprs.convert(node);
    if (node) {
      this.collector.expression(expr, this.scopeFact);
      this.afterExpression(expr);
    }
    return expr;
  }

  private afterExpression(expr: Expr): void {
    this.findMutations(expr);
    if (this.scope.kind === 'module') this.noteImportTimeCalls(expr);
  }

  private assignment(node: Node): void {
    const targets: Node[] = [];
    let value: Node | null = node;
    while (value?.type === 'assignment') {
      const left = value.childForFieldName('left');
      if (left) targets.push(left);
      value = value.childForFieldName('right');
    }
    const valueExpr = value ? this.exprs.convert(value) : undefined;
    for (const target of targets) {
      const targetExpr = this.exprs.convert(target);
      this.bindTargets(target);
      if (targetExpr.kind === 'name') this.bindModule(targetExpr.name, undefined, spanOf(node), valueExpr);
      this.noteWrite(targetExpr, '=', spanOf(node));
      if (!valueExpr) continue;
      const dotted = targetDotted(targetExpr);
      if (dotted !== undefined && targetExpr.kind !== 'array') {
        this.collector.assignment({
          target: dotted,
          targetExpr,
          value: valueExpr,
          op: '=',
          span: spanOf(node),
          scope: this.scopeFact,
        });
      } else {
        this.collector.expression(valueExpr, this.scopeFact);
      }
      // Only walk the value once, even for `a = b = value`.
      break;
    }
    if (valueExpr) this.afterExpression(valueExpr);
  }

  private augmented(node: Node): void {
    const target = node.childForFieldName('left');
    const targetExpr = this.exprs.convert(target);
    const value = this.exprs.convert(node.childForFieldName('right'));
    const op = node.childForFieldName('operator')?.text ?? '+=';
    this.noteWrite(targetExpr, op, spanOf(node));
    const dotted = targetDotted(targetExpr);
    if (dotted !== undefined) {
      this.collector.assignment({ target: dotted, targetExpr, value, op, span: spanOf(node), scope: this.scopeFact });
    } else {
      this.collector.expression(value, this.scopeFact);
    }
    this.afterExpression(value);
  }

  /** Records a write for the global-state analysis. */
  private noteWrite(target: Expr, op: string, span: { start: number; end: number }): void {
    const fn = this.scope.functionScope;
    if (!fn) return;
    if (target.kind === 'name') {
      if (!fn.globals.has(target.name)) return; // a plain assignment binds a local
      fn.pending.push({ name: target.name, op: op === '=' ? 'assign' : 'augassign', span, functionName: fn.name });
      return;
    }
    if (target.kind === 'member' || target.kind === 'index') {
      const root = rootName(target);
      if (!root || root === 'self' || root === 'cls') return;
      const op2 = target.kind === 'member' && !target.computed ? 'attr' : 'item';
      fn.pending.push({ name: root, op: op2, span, functionName: fn.name });
    }
  }

  /** Mutating method calls (`CACHE.append(x)`) anywhere in an expression inside a function. */
  private findMutations(expr: Expr): void {
    const fn = this.scope.functionScope;
    if (!fn) return;
    visitMutations(expr, fn);
  }

  private deleteStatement(node: Node): void {
    const fn = this.scope.functionScope;
    for (const child of node.namedChildren) {
      if (!child) continue;
      const targets = child.type === 'expression_list' ? child.namedChildren : [child];
      for (const t of targets) {
        if (!t) continue;
        const expr = this.exprs.convert(t);
        const root = rootName(expr);
        if (fn && root && (expr.kind === 'member' || expr.kind === 'index') && root !== 'self') {
          fn.pending.push({ name: root, op: 'delete', span: spanOf(node), functionName: fn.name });
        }
      }
    }
  }

  /** Names bound by assignment/for/with targets become locals of the current function. */
  private bindTargets(node: Node | null): void {
    if (!node) return;
    const fn = this.scope.kind === 'module' ? undefined : this.scope;
    if (!fn) return;
    if (node.type === 'identifier') {
      if (!fn.globals.has(node.text) && !fn.nonlocals.has(node.text)) fn.locals.add(node.text);
      return;
    }
    if (/pattern|list|tuple/.test(node.type)) {
      for (const c of node.namedChildren) this.bindTargets(c);
    }
  }

  private importStatement(node: Node): void {
    const moduleNode = node.childForFieldName('module_name');
    const from = moduleNode ? moduleNode.text : undefined;
    for (const nameNode of node.childrenForFieldName('name')) {
      if (!nameNode) continue;
      const aliased = nameNode.type === 'aliased_import';
      const dotted = aliased ? (nameNode.childForFieldName('name')?.text ?? '') : nameNode.text;
      const alias = aliased ? nameNode.childForFieldName('alias')?.text : undefined;
      let local: string;
      if (from !== undefined) {
        local = alias ?? dotted;
        this.collector.addImport({ local, module: from, imported: dotted, span: spanOf(nameNode) });
      } else {
        // `import a.b` binds `a`; `import a.b as c` binds c to a.b.
        local = alias ?? dotted.split('.')[0];
        this.collector.addImport({ local, module: alias ? dotted : local, span: spanOf(nameNode) });
      }
      if (this.scope.kind !== 'module') this.scope.locals.add(local);
      this.bindModule(local, 'import', spanOf(nameNode));
    }
  }

  private decorated(node: Node): void {
    for (const child of node.namedChildren) {
      if (child?.type !== 'decorator') continue;
      const expr = this.expr(child.namedChildren[0] ?? null);
      const head = expr.kind === 'call' ? expr.callee : expr;
      if (head.kind === 'name' && this.scope.kind === 'module') this.facts.importTimeFunctions.add(head.name);
    }
    const def = node.childForFieldName('definition');
    if (def) this.statement(def);
  }

  private functionDef(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    if (name && this.scope.kind !== 'module') this.scope.locals.add(name);
    if (name) this.bindModule(name, 'function', spanOf(node));
    const inner = new PyScope('function', name, this.scope);
    const params = node.childForFieldName('parameters');
    for (const p of params?.namedChildren ?? []) {
      if (!p) continue;
      const pname = paramName(p);
      if (pname) inner.locals.add(pname);
      const value = p.childForFieldName('value');
      if (pname && value) this.collector.bound(this.exprs.convert(value), this.scopeFact, pname, 'default');
    }
    this.inScope(inner, () => {
      const body = node.childForFieldName('body');
      if (body) this.block(body);
    });
  }

  private lambda(node: Node): void {
    const inner = new PyScope('function', this.scope.name ?? 'lambda', this.scope);
    for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
      const pname = p && paramName(p);
      if (pname) inner.locals.add(pname);
    }
    this.inScope(inner, () => {
      const body = node.childForFieldName('body');
      if (body) this.expr(body);
    });
  }

  private classDef(node: Node): void {
    const name = node.childForFieldName('name')?.text;
    if (name && this.scope.kind !== 'module') this.scope.locals.add(name);
    if (name) this.bindModule(name, 'class', spanOf(node));
    const supers = node.childForFieldName('superclasses');
    if (supers) this.expr(supers);
    this.inScope(new PyScope('class', name, this.scope), () => {
      const body = node.childForFieldName('body');
      if (body) this.block(body);
    });
  }

  private inScope(scope: PyScope, walk: () => void): void {
    const saved = this.scope;
    const savedReturns = this.returns;
    this.scope = scope;
    this.returns = [];
    try {
      walk();
    } finally {
      this.scope = saved;
      this.returns = savedReturns;
    }
    if (scope.kind === 'function') closeScope(scope, this.facts);
    else for (const c of scope.pending) saved.pending.push(c);
  }

  private ifStatement(node: Node): void {
    const branches = [node.childForFieldName('consequence'), ...node.childrenForFieldName('alternative')];
    const decides = this.summarize('if', () => {
      for (const b of branches) {
        if (!b) continue;
        if (b.type === 'elif_clause') {
          this.ifStatement(b);
        } else if (b.type === 'else_clause') {
          const body = b.childForFieldName('body');
          if (body) this.block(body);
        } else this.block(b);
      }
    });
    const condition = this.exprs.convert(node.childForFieldName('condition'));
    this.collector.expression(condition, this.scopeFact, { decides });
    this.afterExpression(condition);
  }

  private matchStatement(node: Node): void {
    const subject = this.expr(node.childForFieldName('subject'));
    const cases: { test?: Expr; span: { start: number; end: number } }[] = [];
    const body = node.childForFieldName('body');
    const decides = this.summarize('switch', () => {
      for (const clause of body?.namedChildren ?? []) {
        if (clause?.type !== 'case_clause') continue;
        const pattern = clause.namedChildren.find((c) => c?.type === 'case_pattern');
        const first = pattern?.namedChildren[0];
        cases.push({ test: first ? this.exprs.convert(first) : undefined, span: spanOf(clause) });
        const consequence = clause.childForFieldName('consequence');
        if (consequence) this.block(consequence);
      }
    });
    this.facts.switches.push({ discriminant: subject, cases, decides, span: spanOf(node), scope: this.scopeFact });
  }

  /** Walks branches and summarises what they assign, call and produce. */
  private summarize(kind: BranchSummary['kind'], walk: () => void): BranchSummary {
    const a0 = this.facts.assignments.length;
    const c0 = this.facts.calls.length;
    const r0 = this.returns.length;
    walk();
    const assigned = this.facts.assignments.slice(a0);
    return {
      kind,
      assigns: assigned.map((a) => a.target),
      calls: this.facts.calls
        .slice(c0)
        .map((c) => c.expr.calleeName ?? dottedName(c.expr.callee))
        .filter((n): n is string => n !== undefined),
      values: [...assigned.map((a) => a.value), ...this.returns.slice(r0)],
    };
  }

  private withStatement(node: Node): void {
    for (const clause of node.namedChildren) {
      if (clause?.type !== 'with_clause') continue;
      for (const item of clause.namedChildren) {
        const value = item?.childForFieldName('value');
        if (!value) continue;
        if (value.type === 'as_pattern') {
          this.expr(value.namedChildren[0] ?? null);
          const alias = value.childForFieldName('alias');
          this.bindTargets(alias?.namedChildren[0] ?? alias);
        } else this.expr(value);
      }
    }
    this.blocks(node, ['body']);
  }

  private exceptClause(node: Node): void {
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'block') this.block(child);
      else if (child.type === 'as_pattern') {
        this.expr(child.namedChildren[0] ?? null);
        const alias = child.childForFieldName('alias');
        this.bindTargets(alias?.namedChildren[0] ?? alias);
      } else this.expr(child);
    }
  }

  /** Functions called from module-level code run at import time. */
  private noteImportTimeCalls(expr: Expr): void {
    if (expr.kind === 'call' && expr.callee.kind === 'name') this.facts.importTimeFunctions.add(expr.callee.name);
  }

  /** Records module-level bindings as the walk meets them. */
  private bindModule(name: string, declKind: ModuleBinding['declKind'], span: Span, value?: Expr): void {
    if (this.scope.kind !== 'module') return;
    const binding: ModuleBinding = { name, declKind, span, value };
    this.bindAttempts?.push(binding);
    bindModuleName(this.facts.moduleBindings, binding);
  }
}

/** Applies a module-level binding: the first value that says what the binding holds is kept. */
export function bindModuleName(bindings: Map<string, ModuleBinding>, binding: ModuleBinding): void {
  // (`CACHE = {}` before `CACHE = load()` is rare.)
  if (bindings.get(binding.name)?.value && !binding.value) return;
  bindings.set(binding.name, binding);
}

/** Comment facts of mirrored comments, appended to `out`. */
export function commentFacts(text: string, comments: readonly PyComment[], out: CommentFact[]): void {
  for (const c of comments) {
    const before = text.lastIndexOf('\n', c.start - 1) + 1;
    out.push({
      text: text.slice(c.start, c.end).replace(/^#/, ''),
      span: { start: c.start, end: c.end },
      line: c.row,
      trailing: text.slice(before, c.start).trim() !== '',
    });
  }
}

function isDocstring(node: Node): boolean {
  return node.type === 'expression_statement' && node.namedChildren[0]?.type === 'string';
}

function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  const name = p.childForFieldName('name');
  if (name) return name.text;
  const first = p.namedChildren[0];
  return first?.type === 'identifier' ? first.text : undefined;
}

function targetDotted(target: Expr): string | undefined {
  if (target.kind === 'name') return target.name;
  if (target.kind === 'member') {
    const object = targetDotted(target.object);
    return object === undefined ? undefined : `${object}.${target.property}`;
  }
  return undefined;
}

function isStatementType(type: string): boolean {
  return type.endsWith('_statement') || type.endsWith('_definition') || type === 'block' || type === 'ERROR';
}
