/**
 * What a process-spawning call runs: the programs and arguments of
 * `subprocess.run([...])`, `os.system("...")`, `execSync("...")`,
 * `spawn("git", [...])`, zx's $`...`. Shared by `system-dependency` and
 * `runtime-install`.
 */
import { argument, callName, dottedName } from '../../ir/exprs';
import type { CallExpr, Expr } from '../../ir/facts';

/** An argv: each word a known string, or `undefined` where the code computes it. */
export type Argv = (string | undefined)[];

export interface Command {
  /** One argv per command in the call (a shell string may chain several). */
  commands: Argv[];
  /** The call runs the app's own interpreter (`sys.executable`, `process.execPath`). */
  ownRuntime: boolean;
}

/** argv-style callees: the first argument is a list (Python) or the program (JS). */
const PY_ARGV = new Set([
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'asyncio.create_subprocess_exec',
  'os.execv',
  'os.execvp',
  'os.execvpe',
  'os.spawnv',
  'os.spawnvp',
  'pexpect.spawn',
]);
const PY_SHELL = new Set([
  'os.system',
  'os.popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
  'commands.getoutput',
]);
/** `execl("/usr/bin/git", "git", "status")` style: program then argv as positional args. */
const PY_VARARGS = new Set(['os.execl', 'os.execlp', 'os.spawnl', 'os.spawnlp']);
const JS_SHELL = new Set(['child_process.exec', 'child_process.execSync', 'execa.command', 'execa.commandSync']);
const JS_PROGRAM_ARGS = new Set([
  'child_process.spawn',
  'child_process.spawnSync',
  'child_process.execFile',
  'child_process.execFileSync',
  'execa',
  'execa.execa',
  'execa.execaSync',
  'execa.sync',
]);

const SHELL_BUILTINS = new Set([
  'cd',
  'echo',
  'export',
  'set',
  'unset',
  'true',
  'false',
  'exit',
  'test',
  '[',
  'source',
  '.',
  'read',
  'printf',
  'sleep',
  // cmd.exe's own `start` (`start cmd /k ...`): the Windows shell, not a package.
  'start',
]);
/** Words that run the command after them. */
const PREFIX_COMMANDS = new Set(['sudo', 'nohup', 'time', 'env', 'exec', 'command']);

/**
 * What a command expression refers to: variables (`cmd = [...]`, `PIP = [sys.executable, "-m", "pip"]`)
 * resolved to the value assigned before the call. Undefined when the code computes it.
 */
export type Lookup = (name: string) => Expr | undefined;

const noLookup: Lookup = () => undefined;

/** How deep variables, concatenations and joins are followed: enough for real code, bounded for any input. */
const MAX_DEPTH = 6;
/** Alternatives (`{npm: 'npm install', yarn: 'yarn add'}[pm]`, ternaries) kept per command line. */
const MAX_ALTERNATIVES = 16;

/**
 * The commands a call to the spawning function `name` runs, or undefined
 * when it does not spawn a process we can read.
 */
export function commandOf(call: CallExpr, name = callName(call), lookup = noLookup): Command | undefined {
  if (!name) return undefined;
  const first = argument(call, 0, 'args');
  if (PY_ARGV.has(name)) {
    const argv = argvOf(first, lookup, 0);
    if (argv) return fromArgv(argv, lookup);
    // A string without `shell=True` is one program name on POSIX; read as a command line it is the same program.
    return fromShell(first, lookup);
  }
  if (PY_SHELL.has(name) || JS_SHELL.has(name) || isZx(call, name)) return fromShell(first, lookup);
  if (PY_VARARGS.has(name))
    return fromArgv(
      call.args.slice(1).map((a) => a.value),
      lookup,
    );
  if (JS_PROGRAM_ARGS.has(name)) {
    const rest = argvOf(argument(call, 1), lookup, 0);
    const program = first && resolved(first, lookup);
    if (program?.kind === 'string' && /\s/.test(program.value.trim()) && !rest) return fromShell(program, lookup);
    return fromArgv([first ?? { kind: 'other', span: call.span }, ...(rest ?? [])], lookup);
  }
  return undefined;
}

/** The functions whose calls spawn processes (before wrappers and `promisify` are followed). */
export function isSpawner(name: string): boolean {
  return (
    PY_ARGV.has(name) || PY_SHELL.has(name) || PY_VARARGS.has(name) || JS_SHELL.has(name) || JS_PROGRAM_ARGS.has(name)
  );
}

function isZx(call: CallExpr, name: string): boolean {
  return (name === 'zx.$' || name === '$') && call.args[0]?.value.kind === 'template';
}

/** A variable's value, followed a few steps (`cmd = base; base = [...]`). */
function resolved(expr: Expr, lookup: Lookup, depth = 0): Expr {
  let e = expr;
  for (let d = depth; e.kind === 'name' && d < MAX_DEPTH; d++) {
    const value = lookup(e.name);
    if (!value) break;
    e = value;
  }
  return e;
}

/**
 * The elements of an argv expression: a list, lists joined with `+`
 * (`[sys.executable, "-m", "pip"] + ["install", pkg]`), a variable holding
 * one, `shlex.split("…")` / `"…".split()`. Undefined when it is not a list.
 */
function argvOf(expr: Expr | undefined, lookup: Lookup, depth: number): Expr[] | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  const e = resolved(expr, lookup, depth);
  if (e.kind === 'array') return e.elements;
  if (e.kind === 'binary' && e.op === '+') {
    const left = argvOf(e.left, lookup, depth + 1);
    const right = argvOf(e.right, lookup, depth + 1);
    if (!left && !right) return undefined;
    return [...(left ?? [namedPart(e.left)]), ...(right ?? [namedPart(e.right)])];
  }
  if (e.kind === 'call' && e.args.length <= 1) {
    const callee = callName(e);
    const text =
      callee === 'shlex.split'
        ? e.args[0]?.value
        : e.callee.kind === 'member' && e.callee.property === 'split'
          ? e.callee.object
          : undefined;
    const value = text && resolved(text, lookup, depth + 1);
    if (value?.kind === 'string' && (callee === 'shlex.split' || !e.args[0] || isBlank(e.args[0].value))) {
      return value.value
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => ({ ...value, value: w }));
    }
  }
  return undefined;
}

function isBlank(expr: Expr): boolean {
  return expr.kind === 'string' && expr.value.trim() === '';
}

/**
 * A part of an argv the code computes, named after a package manager
 * (`pip_cmdline + ["install", x]`, `NPM + ["i"]`): the name says what it runs.
 */
function namedPart(expr: Expr): Expr {
  const name = expr.kind === 'name' ? expr.name : expr.kind === 'member' ? expr.property : undefined;
  const manager =
    name &&
    /^(pip3?|npm|yarn|pnpm|poetry|pipenv)(?:[_-]?(?:cmd|cmdline|command|args|argv|exe|bin|prefix))?$/i.exec(name);
  return manager
    ? { kind: 'string', value: manager[1].toLowerCase(), span: expr.span }
    : { kind: 'other', span: expr.span };
}

function fromArgv(elements: Expr[], lookup: Lookup): Command | undefined {
  if (elements.length === 0) return undefined;
  const words = elements.map((e) => resolved(e, lookup));
  const own = isOwnRuntime(words[0]);
  const argv: Argv = words.map((e) => (e.kind === 'string' ? e.value : undefined));
  return { commands: [argv], ownRuntime: own };
}

/** Splits a shell command line into its commands (`a && b | c; d`), first words normalised. */
function fromShell(expr: Expr | undefined, lookup: Lookup): Command | undefined {
  if (!expr) return undefined;
  const commands: Argv[] = [];
  for (const text of shellTexts(expr, lookup, 0) ?? []) {
    if (text.startsWith('\u0000')) continue;
    for (const part of text.split(/&&|\|\||[;|\n]/)) {
      const words = part
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => (w.includes('\u0000') ? undefined : w.replace(/^["']|["']$/g, '')));
      while (words.length && words[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
      while (words.length && words[0] !== undefined && PREFIX_COMMANDS.has(words[0])) words.shift();
      if (words[0] !== undefined && SHELL_BUILTINS.has(words[0])) continue;
      if (words.length) commands.push(words);
    }
  }
  return commands.length ? { commands, ownRuntime: false } : undefined;
}

/**
 * The texts a command line can have, with `\u0000` standing for computed
 * parts: f-strings and templates (`f"{sys.executable} -m pip install {x}"`),
 * `+`, `" ".join([...])`, variables, ternaries and lookup tables
 * (`{npm: 'npm install', yarn: 'yarn add'}[pm]`).
 */
function shellTexts(expr: Expr, lookup: Lookup, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = resolved(expr, lookup, depth);
  switch (e.kind) {
    case 'string':
      return [e.value];
    case 'template': {
      let texts = [e.quasis[0] ?? ''];
      e.exprs.forEach((hole, i) => {
        texts = cross(cross(texts, holeTexts(hole, lookup, depth + 1)), [e.quasis[i + 1] ?? '']);
      });
      return texts;
    }
    case 'binary':
      if (e.op !== '+') return undefined;
      return cross(holeTexts(e.left, lookup, depth + 1), holeTexts(e.right, lookup, depth + 1));
    case 'conditional': {
      const both = [...(shellTexts(e.then, lookup, depth + 1) ?? []), ...(shellTexts(e.else, lookup, depth + 1) ?? [])];
      return both.length ? both.slice(0, MAX_ALTERNATIVES) : undefined;
    }
    case 'index': {
      const table = resolved(e.object, lookup, depth + 1);
      if (table.kind !== 'object') return undefined;
      const values = table.entries.flatMap((entry) => (entry.value.kind === 'string' ? [entry.value.value] : []));
      return values.length ? values.slice(0, MAX_ALTERNATIVES) : undefined;
    }
    case 'call': {
      // `" ".join(["pip", "install", x])`
      if (e.callee.kind !== 'member' || e.callee.property !== 'join' || e.callee.object.kind !== 'string')
        return undefined;
      const separator = e.callee.object.value;
      const elements = argvOf(e.args[0]?.value, lookup, depth + 1);
      if (!elements) return undefined;
      let texts = [''];
      elements.forEach((element, i) => {
        texts = cross(cross(texts, [i === 0 ? '' : separator]), holeTexts(element, lookup, depth + 1));
      });
      return texts;
    }
    default:
      return undefined;
  }
}

/** A part of a command line: its texts, the interpreter for `sys.executable`, else a computed part. */
function holeTexts(expr: Expr, lookup: Lookup, depth: number): string[] {
  const e = resolved(expr, lookup, depth);
  if (isOwnRuntime(e)) return [dottedName(e) === 'process.execPath' ? 'node' : 'python'];
  return shellTexts(e, lookup, depth) ?? ['\u0000'];
}

function cross(left: string[], right: string[]): string[] {
  const out: string[] = [];
  for (const l of left) for (const r of right) if (out.length < MAX_ALTERNATIVES) out.push(l + r);
  return out;
}

function isOwnRuntime(expr: Expr): boolean {
  const name = dottedName(expr);
  return name === 'sys.executable' || name === 'process.execPath';
}

/** `/usr/bin/convert` → `convert`; `git.exe` → `git`. */
export function programName(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const base = word.slice(word.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  return base || undefined;
}

/** Interpreters of the app's own language: running them is part of the app, not a system tool. */
export const OWN_RUNTIMES = /^(?:python(?:\d(?:\.\d+)?)?|node|nodejs|npx|tsx|ts-node|deno|bun)$/;
