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
 * read-only subcommands run here (`ls-files`, `config`, `rev-parse`) never
 * invoke them, and a test plants them to keep it so. Writing the index
 * does: git re-hashes "racily clean" entries through their clean filter
 * (and `git rm --cached` compares the file with the index through it), so
 * `gitUntrack` first reads the filter drivers the config names and turns
 * each off by name.
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
    // git >= 2.45: a partial clone never fetches missing objects for us.
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

/** The top of the work tree holding `cwd`, or undefined when it is not in a git repository (or git cannot tell). */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  const out = await runGit(['rev-parse', '--show-toplevel'], { cwd, maxBytes: 64 * 1024, timeoutMs: 5000 });
  const top = out?.toString('utf8').replace(/\r?\n$/, '');
  return top === undefined || top === '' ? undefined : top;
}

/**
 * `-c` settings that turn off every filter driver the configuration of the
 * repository at `cwd` names (`filter.<driver>.clean`/`smudge`/`process`);
 * undefined when the configuration cannot be read or names a driver no `-c`
 * can spell (an `=` in its name).
 */
export async function filterOverrides(cwd: string): Promise<string[] | undefined> {
  const out = await runGit(['config', '-z', '--get-regexp', '^filter\\.'], { cwd, maxBytes: 1024 * 1024 });
  // Exit code 1 (nothing matched) reads as a failure: ask whether the config reads at all.
  const listed = out ?? ((await runGit(['config', '--list'], { cwd, maxBytes: 1024 * 1024 })) && Buffer.alloc(0));
  if (!listed) return undefined;
  const drivers = new Set<string>();
  for (const entry of splitNul(listed)) {
    const key = entry.split('\n', 1)[0];
    const match = /^filter\.(.+)\.[^.]+$/s.exec(key);
    if (match) drivers.add(match[1]);
  }
  if ([...drivers].some((d) => d.includes('='))) return undefined;
  return [...drivers].flatMap((d) =>
    ['clean=', 'smudge=', 'process=', 'required=false'].flatMap((s) => ['-c', `filter.${d}.${s}`]),
  );
}

/**
 * Removes `name` (a file in `cwd`) from the index and keeps it on disk, as
 * `git rm --cached -- name` does, with every filter driver turned off (see
 * above) and without `git rm`'s comparison of the file with the index.
 * True when git did it.
 */
export async function gitUntrack(cwd: string, name: string): Promise<boolean> {
  const filters = await filterOverrides(cwd);
  if (!filters) return false;
  const out = await runGit([...filters, 'update-index', '--force-remove', '--', name], { cwd, maxBytes: 64 * 1024 });
  return out !== undefined;
}
