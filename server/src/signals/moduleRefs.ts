/**
 * Values that cross module boundaries: what a module exports (and whether it
 * comes from the environment), and references to another module's export
 * (`app.listen(config.port)` with `const config = require('./config')`;
 * `settings.PORT` with `from django.conf import settings`). Per file, from
 * its facts; the compliance checks join them across the project.
 */
import type { Expr, FileFacts } from '../ir/facts';
import type { ExportSignal, ModuleRef } from '../ir/signals';

const MAX_DEPTH = 3;

export function moduleExports(facts: FileFacts, readsEnv: (e: Expr) => boolean): ExportSignal[] {
  const out: ExportSignal[] = [];
  const add = (path: string[], value: Expr, depth: number) => {
    out.push({ path, value: readsEnv(value) ? 'env' : isConstant(value) ? 'literal' : 'other' });
    if (value.kind !== 'object' || depth >= MAX_DEPTH) return;
    for (const entry of value.entries) if (entry.key !== undefined) add([...path, entry.key], entry.value, depth + 1);
  };
  for (const binding of facts.moduleBindings.values()) {
    if (binding.value && binding.declKind !== 'import') add([binding.name], binding.value, 1);
  }
  for (const a of facts.assignments) {
    if (a.scope.kind !== 'module') continue;
    if (a.target === 'module.exports') add([], a.value, 0);
    else if (/^(?:module\.)?exports\.\w+$/.test(a.target))
      add([a.target.slice(a.target.lastIndexOf('.') + 1)], a.value, 1);
  }
  return out;
}

/** The export an expression reads, when it is (a conversion of) a member chain rooted at an import. */
export function moduleRefOf(expr: Expr, facts: FileFacts): ModuleRef | undefined {
  const inner = unwrapConversion(expr);
  const path: string[] = [];
  let e = inner;
  while (e.kind === 'member') {
    path.unshift(e.property);
    e = e.object;
  }
  if (e.kind !== 'name') return undefined;
  const imp = facts.imports.find((i) => i.local === e.name);
  if (!imp) return undefined;
  return { module: imp.module, imported: imp.imported, path };
}

/** `Number(x)`, `parseInt(x, 10)`, `int(x)`, `+x`, `String(x)`: the value they convert. */
function unwrapConversion(expr: Expr): Expr {
  if (expr.kind === 'unary' && expr.op === '+') return unwrapConversion(expr.arg);
  if (expr.kind === 'call' && expr.callee.kind === 'name' && CONVERSIONS.has(expr.callee.name) && expr.args[0]) {
    return unwrapConversion(expr.args[0].value);
  }
  return expr;
}

const CONVERSIONS = new Set(['Number', 'parseInt', 'String', 'int', 'str']);

function isConstant(expr: Expr): boolean {
  if (expr.kind === 'number' || expr.kind === 'string') return true;
  if (expr.kind === 'unary' && expr.op === '-') return isConstant(expr.arg);
  return expr.kind === 'call' &&
    expr.callee.kind === 'name' &&
    CONVERSIONS.has(expr.callee.name) &&
    expr.args.length > 0
    ? isConstant(expr.args[0].value)
    : false;
}
