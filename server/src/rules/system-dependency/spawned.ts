/**
 * The processes a file spawns, with what the code around the call says:
 * commands kept in variables (`cmd = ["ffmpeg", …]; subprocess.run(cmd)`),
 * spawners reached through `require('child_process').execSync` or
 * `util.promisify(exec)`, and the file's own wrappers
 * (`def bash(command): subprocess.run(command, shell=True)` then
 * `bash("convert …")`, reported where the wrapper is called).
 */
import { argument, dottedName, normalizeModule, resolveDotted } from '../../ir/exprs';
import type { Arg, AssignmentFact, CallExpr, Expr, FileFacts, ImportFact, Scope } from '../../ir/facts';
import { commandOf, isSpawner, type Command, type Lookup } from './commands';

export interface Spawned {
  /** The call the finding is reported on: the spawner's, or the wrapper's for a wrapped command. */
  call: CallExpr;
  /** The spawning function, canonical (`subprocess.run`, `child_process.exec`). */
  spawner: string;
  command: Command;
}

export function spawnedCommands(facts: FileFacts): Spawned[] {
  const imports = new Map<string, ImportFact>(facts.imports.map((i) => [i.local, i]));
  const assigned = assignmentsByName(facts);
  const lookupAt = (call: CallExpr, scope: Scope): Lookup => {
    return (name) => valueBefore(facts, assigned.get(name), name, scope, call.span.start);
  };
  const out: Spawned[] = [];
  const wrappers = new Map<string, { call: CallExpr; spawner: string; parameter: string }>();
  const candidates: { call: CallExpr; scope: Scope }[] = [];
  for (const { expr: call, scope } of facts.calls) {
    const lookup = lookupAt(call, scope);
    const spawner = spawnerOf(call, lookup, imports);
    if (!spawner) {
      candidates.push({ call, scope });
      continue;
    }
    const first = argument(call, 0, 'args');
    // A command that is the enclosing function's parameter: that function is a wrapper of the spawner.
    if (first?.kind === 'name' && !lookup(first.name) && scope.kind === 'function' && scope.name) {
      wrappers.set(scope.name, { call, spawner, parameter: first.name });
      continue;
    }
    const command = commandOf(call, spawner, lookup);
    if (command) out.push({ call, spawner, command });
  }
  for (const { call, scope } of candidates) {
    const name = wrapperName(call.callee);
    const wrapper = name === undefined ? undefined : wrappers.get(name);
    const given = argument(call, 0);
    if (!wrapper || !given || scope.name === name) continue;
    const args = wrapper.call.args.map((a): Arg => (isName(a.value, wrapper.parameter) ? { ...a, value: given } : a));
    const command = commandOf({ ...wrapper.call, args }, wrapper.spawner, lookupAt(call, scope));
    if (command) out.push({ call, spawner: wrapper.spawner, command });
  }
  return out;
}

function isName(expr: Expr, name: string): boolean {
  return expr.kind === 'name' && expr.name === name;
}

/** `bash(…)`, `self.bash(…)`, `this.bash(…)`: calls that can reach a wrapper defined in this file. */
function wrapperName(callee: Expr): string | undefined {
  if (callee.kind === 'name') return callee.name;
  if (callee.kind === 'member' && callee.object.kind === 'name' && /^(?:self|this|cls)$/.test(callee.object.name)) {
    return callee.property;
  }
  return undefined;
}

const PROMISIFY = new Set(['util.promisify', 'promisify', 'node:util.promisify']);

/** The canonical spawner a call invokes, or undefined. */
function spawnerOf(call: CallExpr, lookup: Lookup, imports: ReadonlyMap<string, ImportFact>): string | undefined {
  const name = canonical(call.callee, call.calleeName, imports);
  if (name !== undefined && isSpawner(name)) return name;
  // `const run = util.promisify(exec)` (module level or local).
  if (call.callee.kind !== 'name') return undefined;
  const value = lookup(call.callee.name);
  if (value?.kind !== 'call' || !PROMISIFY.has(canonical(value.callee, value.calleeName, imports) ?? ''))
    return undefined;
  const inner = value.args[0]?.value;
  const wrapped = inner && canonical(inner, undefined, imports);
  return wrapped !== undefined && isSpawner(wrapped) ? wrapped : undefined;
}

/** A callee's dotted name through imports, with `require('m').f` read as `m.f`. */
function canonical(
  expr: Expr,
  known: string | undefined,
  imports: ReadonlyMap<string, ImportFact>,
): string | undefined {
  if (
    expr.kind === 'member' &&
    expr.object.kind === 'call' &&
    expr.object.callee.kind === 'name' &&
    expr.object.callee.name === 'require' &&
    expr.object.args[0]?.value.kind === 'string'
  ) {
    return `${normalizeModule(expr.object.args[0].value.value)}.${expr.property}`;
  }
  if (known !== undefined) return known;
  const dotted = dottedName(expr);
  return dotted === undefined ? undefined : resolveDotted(dotted, imports);
}

/** The plain assignments (`=`) of the file by target, in fact order: every call looks its names up. */
function assignmentsByName(facts: FileFacts): Map<string, AssignmentFact[]> {
  const out = new Map<string, AssignmentFact[]>();
  for (const a of facts.assignments) {
    if (a.op !== '=') continue;
    const list = out.get(a.target);
    if (list) list.push(a);
    else out.set(a.target, [a]);
  }
  return out;
}

/**
 * The value last assigned to `name` (`assigned`: its plain assignments)
 * before `offset` in the same scope, else its module-level value: what a
 * command variable holds when the call runs.
 */
function valueBefore(
  facts: FileFacts,
  assigned: readonly AssignmentFact[] | undefined,
  name: string,
  scope: Scope,
  offset: number,
): Expr | undefined {
  let found: Expr | undefined;
  for (const a of assigned ?? []) {
    if (a.span.start < offset && a.scope.kind === scope.kind && a.scope.name === scope.name) found = a.value;
  }
  if (found) return found;
  const binding = facts.moduleBindings.get(name);
  const declared = binding?.declKind;
  return declared === 'import' || declared === 'function' || declared === 'class' ? undefined : binding?.value;
}
