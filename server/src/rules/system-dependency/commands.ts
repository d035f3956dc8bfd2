/**
 * What a process-spawning call runs: the programs and arguments of
 * `subprocess.run([...])`, `os.system("...")`, `execSync("...")`,
 * `spawn("git", [...])`, zx's $`...`. Shared by `system-dependency` and
 * `runtime-install`.
 */
import { argument, dottedName } from '../../analysis/exprs';
import type { CallExpr, Expr } from '../../analysis/facts';

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
]);
/** Words that run the command after them. */
const PREFIX_COMMANDS = new Set(['sudo', 'nohup', 'time', 'env', 'exec', 'command']);

/** The commands a call runs, or undefined when it does not spawn a process we can read. */
export function commandOf(call: CallExpr): Command | undefined {
  const name = call.calleeName ?? dottedName(call.callee);
  if (!name) return undefined;
  const first = argument(call, 0, 'args');
  if (PY_ARGV.has(name)) {
    const shell = call.args.some((a) => a.name === 'shell' && a.value.kind === 'literal' && a.value.value === true);
    if (first?.kind === 'string' || (shell && first?.kind === 'template')) return fromShell(first);
    if (first?.kind === 'array') return fromArgv(first.elements);
    return undefined;
  }
  if (PY_SHELL.has(name) || JS_SHELL.has(name) || isZx(call, name)) return fromShell(first);
  if (PY_VARARGS.has(name)) return fromArgv(call.args.slice(1).map((a) => a.value));
  if (JS_PROGRAM_ARGS.has(name)) {
    const rest = argument(call, 1);
    if (first?.kind === 'string' && /\s/.test(first.value.trim()) && rest?.kind !== 'array') return fromShell(first);
    return fromArgv([first ?? { kind: 'other', span: call.span }, ...(rest?.kind === 'array' ? rest.elements : [])]);
  }
  return undefined;
}

function isZx(call: CallExpr, name: string): boolean {
  return (name === 'zx.$' || name === '$') && call.args[0]?.value.kind === 'template';
}

function fromArgv(elements: Expr[]): Command | undefined {
  if (elements.length === 0) return undefined;
  const own = isOwnRuntime(elements[0]);
  const argv: Argv = elements.map((e) => (e.kind === 'string' ? e.value : undefined));
  return { commands: [argv], ownRuntime: own };
}

/** Splits a shell command line into its commands (`a && b | c; d`), first words normalised. */
function fromShell(expr: Expr | undefined): Command | undefined {
  if (!expr) return undefined;
  const text = shellText(expr);
  if (text === undefined || text.startsWith('\u0000')) return undefined;
  const commands: Argv[] = [];
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
  return commands.length ? { commands, ownRuntime: false } : undefined;
}

/** The text of a command line with `\u0000` standing for computed parts (f-strings, `+`, templates). */
function shellText(expr: Expr): string | undefined {
  switch (expr.kind) {
    case 'string':
      return expr.value;
    case 'template':
      return expr.quasis.join('\u0000');
    case 'binary': {
      if (expr.op !== '+') return undefined;
      const left = shellText(expr.left) ?? '\u0000';
      const right = shellText(expr.right) ?? '\u0000';
      return left + right;
    }
    default:
      return undefined;
  }
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
