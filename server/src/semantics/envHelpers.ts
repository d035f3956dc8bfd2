/**
 * A file's own helpers that read a variable named by their caller
 * (`function required(name) { const v = process.env[name]; … }`,
 * `def env(name): return os.getenv(name)`): calls to them with a constant
 * name are environment reads of that name.
 */
import type { Expr, FileFacts, Scope } from '../ir/facts';
import { envReadName, isEnvRead, some } from '../ir/exprs';

/** Functions in whose body an environment read takes a name that is not a constant. */
export function envHelperFunctions(facts: FileFacts): Set<string> {
  const helpers = new Set<string>();
  const consider = (scope: Scope, e: Expr) => {
    if (scope.kind === 'function' && scope.name && !helpers.has(scope.name) && some(e, readsVariableName)) {
      helpers.add(scope.name);
    }
  };
  for (const a of facts.assignments) consider(a.scope, a.value);
  for (const c of facts.calls) consider(c.scope, c.expr);
  return helpers;
}

/** `process.env[name]`, `os.getenv(name)`: an env read whose variable is not a constant. */
function readsVariableName(e: Expr): boolean {
  if (!isEnvRead(e) || envReadName(e) !== undefined) return false;
  if (e.kind === 'index') return e.index.kind === 'name';
  return e.kind === 'call' && e.args[0]?.value.kind === 'name';
}
