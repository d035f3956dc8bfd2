/**
 * The one way CLI and server run git. A cloned repository is hostile input:
 * its `.git/config` can name commands (`core.fsmonitor`, `core.pager`,
 * `diff.external`, textconv and filter drivers, hooks) that git would run on
 * our behalf, and the environment we were started from can point git at
 * another repository (`GIT_DIR`, `GIT_WORK_TREE`…). Every call here turns
 * the command-running settings off on the command line (which beats every
 * config file), drops inherited `GIT_*` variables, skips the system config,
 * never fetches, and is bounded in time and output. Textconv and filter
 * drivers are per-driver names no `-c` can switch off as a class: the
 * subcommands run here (`ls-files`, `config`) never invoke them, and a test
 * plants them to keep it so.
 */
import { spawn } from 'node:child_process';

export interface GitOptions {
  cwd: string;
  /** Killed after this long (default 10 s). */
  timeoutMs?: number;
  /** Killed once stdout exceeds this many bytes (default 64 MB): the call then fails. */
  maxBytes?: number;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `-c` settings that stop git from running anything a repository names.
 * Empty values turn a command setting off; `/dev/null` is a hooks directory
 * with no hooks on every platform git runs on (Git for Windows maps it).
 */
const HARDENING: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'core.askPass=',
  'core.sshCommand=',
  'credential.helper=',
  'diff.external=',
  'protocol.allow=never',
  'core.untrackedCache=false',
  'gc.auto=0',
].flatMap((setting) => ['-c', setting]);

/** The environment git runs in: ours without any `GIT_*` variable, plus the safety switches. */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (!/^GIT_/i.test(key)) out[key] = value;
  }
  return {
    ...out,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // git ≥ 2.45: a partial clone never fetches missing objects for us.
    GIT_NO_LAZY_FETCH: '1',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
  };
}

/** The full argument list: hardening first, so a subcommand cannot undo it. */
export function gitArgs(args: readonly string[]): string[] {
  return ['--no-pager', ...HARDENING, ...args];
}

/**
 * Runs `git <args>` in `cwd`; its stdout, or undefined when git is missing,
 * fails, is too slow or says too much. Never throws.
 */
export function runGit(args: readonly string[], options: GitOptions): Promise<Buffer | undefined> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve) => {
    let settled = false;
    const done = (value: Buffer | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      resolve(value);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn('git', gitArgs(args), {
        cwd: options.cwd,
        env: gitEnvironment(),
        stdio: ['ignore', 'pipe', 'ignore'],
        shell: false,
        windowsHide: true,
      });
    } catch {
      return done(undefined);
    }
    const kill = () => {
      child.kill('SIGKILL');
      done(undefined);
    };
    const timer = setTimeout(kill, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    if (options.signal?.aborted) return kill();
    options.signal?.addEventListener('abort', kill, { once: true });
    const chunks: Buffer[] = [];
    let size = 0;
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return kill();
      chunks.push(chunk);
    });
    child.on('error', () => done(undefined));
    child.on('close', (code) => done(code === 0 ? Buffer.concat(chunks) : undefined));
  });
}

/** NUL-separated paths from a `-z` listing. */
export function splitNul(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
}

/** `git ls-files -z <args>` in `cwd`: paths relative to `cwd`, or undefined when git cannot tell. */
export async function gitListFiles(cwd: string, args: readonly string[], options: Partial<GitOptions> = {}) {
  const out = await runGit(['ls-files', '-z', ...args], { ...options, cwd });
  return out && splitNul(out);
}

/** Whether the repository at `cwd` compares paths without case (`core.ignorecase`); false when git cannot tell. */
export async function gitIgnoresCase(cwd: string): Promise<boolean> {
  const out = await runGit(['config', '--type=bool', '--get', 'core.ignorecase'], { cwd, maxBytes: 64 });
  return out?.toString('utf8').trim() === 'true';
}

/**
 * The `.env` and `.env.*` files git tracks under `cwd` (relative to it, `/`
 * separators, sorted); undefined when git cannot tell (not installed, not a
 * repository). A tracked `.env` is a finding of its own: its values are in
 * the history.
 */
export async function gitTrackedEnvFiles(
  cwd: string,
  options: Partial<GitOptions> = {},
): Promise<string[] | undefined> {
  const listed = await gitListFiles(cwd, ['--', ':(glob)**/.env', ':(glob)**/.env.*'], {
    maxBytes: 4 * 1024 * 1024,
    ...options,
  });
  return listed?.sort();
}
