/**
 * Python name resolution for the global-state facts: which writes inside
 * functions reach module-level state. Writes are recorded as candidates in
 * the function where they occur and resolved when that function's walk ends,
 * once all of its local bindings are known (Python decides locality for the
 * whole body), so the tree is walked only once.
 */
import type { Expr, FileFacts, GlobalWriteFact, Scope, Span } from '../../ir/facts';
import { holdsMutableContainer, isMutatingMethod } from '../moduleState';

export interface Candidate {
  name: string;
  op: GlobalWriteFact['op'];
  method?: string;
  span: Span;
  functionName?: string;
  /** The innermost function's scope fact. */
  scope?: Scope;
  value?: Expr;
  key?: Expr;
  /** The function declared the name `global`. */
  declaredGlobal?: boolean;
}

export class PyScope {
  readonly locals = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly pending: Candidate[] = [];
  /** The scope as facts name it, one object shared by every fact recorded in it. */
  readonly fact: Scope;

  constructor(
    readonly kind: 'module' | 'function' | 'class',
    readonly name: string | undefined,
    readonly parent: PyScope | undefined,
    /** A function's own span and decorators. */
    own?: { span: Span; decorators?: Expr[] },
  ) {
    this.fact = { kind, name: kind === 'module' ? undefined : name };
    if (own && kind === 'function') {
      this.fact.span = own.span;
      if (own.decorators?.length) this.fact.decorators = own.decorators;
    }
  }

  /** The nearest enclosing function scope, skipping class bodies. */
  get functionScope(): PyScope | undefined {
    if (this.kind === 'function') return this;
    let s = this.parent;
    while (s && s.kind === 'class') s = s.parent;
    return s?.kind === 'function' ? s : undefined;
  }

  get functionName(): string | undefined {
    return this.functionScope?.name;
  }
}

/**
 * Resolves a finished scope's candidates. A function's own locals shadow;
 * `global` declarations reach the module; anything else bubbles up to the
 * enclosing function (closures) or the module. The module scope is closed
 * last, when every module-level binding is known.
 */
export function closeScope(scope: PyScope, facts: FileFacts): void {
  if (scope.kind === 'module') {
    for (const c of scope.pending) emitIfModuleState(c, facts);
    scope.pending.length = 0;
    return;
  }
  let module: PyScope = scope;
  while (module.parent) module = module.parent;
  const up = scope.parent?.functionScope;
  for (const c of scope.pending) {
    if (scope.globals.has(c.name)) module.pending.push({ ...c, declaredGlobal: true });
    else if (scope.locals.has(c.name) || scope.nonlocals.has(c.name)) continue;
    else (up ?? module).pending.push(c);
  }
  scope.pending.length = 0;
}

/** Closes the module scope over candidates collected statement by statement (frontends/splice.ts). */
export function resolveModuleWrites(candidates: readonly Candidate[], facts: FileFacts): void {
  for (const c of candidates) emitIfModuleState(c, facts);
}

function emitIfModuleState(c: Candidate, facts: FileFacts): void {
  const binding = facts.moduleBindings.get(c.name);
  if (binding?.declKind === 'import' || binding?.declKind === 'function' || binding?.declKind === 'class') return;
  const rebinding = c.op === 'assign' || c.op === 'augassign';
  const state = rebinding
    ? c.declaredGlobal
    : holdsMutableContainer(binding?.value) || (c.declaredGlobal && binding !== undefined);
  if (state) {
    facts.globalWrites.push({
      name: c.name,
      op: c.op,
      method: c.method,
      span: c.span,
      functionName: c.functionName,
      scope: c.scope,
      value: c.value,
      key: c.key,
    });
  }
}

/** The root name of a member/index chain (`CACHE` in `CACHE["a"]["b"]`). */
export function rootName(expr: Expr): string | undefined {
  let e = expr;
  while (e.kind === 'member' || e.kind === 'index') e = e.object;
  return e.kind === 'name' ? e.name : undefined;
}

/** Records `root.mutator(...)` calls in `expr` (in `children` order) as candidates of `fn`. */
export function visitMutations(e: Expr, fn: PyScope): void {
  switch (e.kind) {
    case 'call':
      if (e.callee.kind === 'member' && isMutatingMethod(e.callee.property)) {
        const root = rootName(e.callee.object);
        if (root && root !== 'self' && root !== 'cls') {
          fn.pending.push({
            name: root,
            op: 'call',
            method: e.callee.property,
            span: e.span,
            functionName: fn.name,
            scope: fn.fact,
          });
        }
      }
      visitMutations(e.callee, fn);
      for (const a of e.args) visitMutations(a.value, fn);
      return;
    case 'template':
      for (const x of e.exprs) visitMutations(x, fn);
      return;
    case 'member':
      visitMutations(e.object, fn);
      return;
    case 'index':
      visitMutations(e.object, fn);
      visitMutations(e.index, fn);
      return;
    case 'object':
      for (const en of e.entries) visitMutations(en.value, fn);
      return;
    case 'array':
      for (const x of e.elements) visitMutations(x, fn);
      return;
    case 'binary':
      visitMutations(e.left, fn);
      visitMutations(e.right, fn);
      return;
    case 'conditional':
      visitMutations(e.test, fn);
      visitMutations(e.then, fn);
      visitMutations(e.else, fn);
      return;
    case 'unary':
      visitMutations(e.arg, fn);
      return;
    default:
      return;
  }
}
