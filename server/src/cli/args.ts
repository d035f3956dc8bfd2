/**
 * The command line, parsed by hand: a few flags do not justify a dependency,
 * and every mistake must end in one clear line and exit code 2.
 */
import type { Severity } from '../ir/types';
import { UsageError } from './errors';
import { parseReport, REPORT_HELP, type ReportArgs } from './reportArgs';

export type CheckFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: CheckFormat;
  failOn: FailOn;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  /** Reuse the results of unchanged files (`--cache`); the folder when `--cache-location` names one. */
  cache: boolean;
  cacheLocation?: string;
  progress: boolean;
  color: boolean;
  verbose: boolean;
}

export interface LspArgs {
  command: 'lsp';
  transport: 'stdio' | 'node-ipc';
}

export type Args = CheckArgs | ReportArgs | LspArgs | { command: 'help' } | { command: 'version' };

/** A mistake on the command line: exit 2 with the message. */
export const FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export const HELP = `Usage: twelve-factor <command> [options]

Commands:
  check [PATH ...]       Analyse files and folders (default: .) and report findings
${REPORT_HELP}  lsp --stdio|--node-ipc Start the language server

Options for check:
  --format text|json|sarif
                         Output format (default: text); sarif is SARIF 2.1.0
                         for GitHub code scanning
  --fail-on LEVEL        error|warning|info|never: exit 1 when a finding is at
                         or above LEVEL (default: error)
  --config FILE          Use FILE instead of the nearest .twelve-factor.json
  --baseline FILE        Hide findings whose fingerprints FILE lists
  --write-baseline FILE  Write the fingerprints of the findings to FILE
  --cache                Reuse the findings of unchanged files from
                         .twelve-factor-cache/ at the project root
  --cache-location DIR   Keep the cache in DIR instead (implies --cache)
  --no-progress          Never show the progress bar
  --no-color             Plain text output
  --verbose              List skipped files in text output

  -h, --help             Show this help
  -v, --version          Show the version

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error.
`;

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help')
    return { command: 'help' };
  if (command === '-v' || command === '--version') return { command: 'version' };
  if (rest.includes('-h') || rest.includes('--help')) return { command: 'help' };
  if (command === 'check') return parseCheck(rest);
  if (command === 'report') return parseReport(rest);
  if (command === 'lsp') return parseLsp(rest);
  if (command.startsWith('-')) throw new UsageError(`unknown option ${command} (see --help)`);
  throw new UsageError(`unknown command "${command}" (see --help)`);
}

function parseCheck(argv: readonly string[]): CheckArgs {
  const args: CheckArgs = {
    command: 'check',
    paths: [],
    format: 'text',
    failOn: 'error',
    cache: false,
    progress: true,
    color: true,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2))
        throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    const flag = (): void => {
      if (inline !== undefined) throw new UsageError(`${name} takes no value`);
    };
    switch (name) {
      case '--format':
        args.format = oneOf(name, value(), FORMATS);
        break;
      case '--fail-on':
        args.failOn = oneOf(name, value(), FAIL_ON);
        break;
      case '--config':
        args.config = nonEmpty(name, value());
        break;
      case '--baseline':
        args.baseline = nonEmpty(name, value());
        break;
      case '--write-baseline':
        args.writeBaseline = nonEmpty(name, value());
        break;
      case '--cache':
        flag();
        args.cache = true;
        break;
      case '--cache-location':
        args.cacheLocation = nonEmpty(name, value());
        args.cache = true;
        break;
      case '--no-progress':
        flag();
        args.progress = false;
        break;
      case '--no-color':
        flag();
        args.color = false;
        break;
      case '--verbose':
        flag();
        args.verbose = true;
        break;
      default:
        throw new UsageError(`unknown option ${name} (see --help)`);
    }
  }
  if (args.paths.length === 0) args.paths.push('.');
  return args;
}

function parseLsp(argv: readonly string[]): LspArgs {
  let transport: LspArgs['transport'] | undefined;
  for (const arg of argv) {
    let next: LspArgs['transport'];
    if (arg === '--stdio') next = 'stdio';
    else if (arg === '--node-ipc') next = 'node-ipc';
    // VS Code's client adds --clientProcessId=N; the server library reads it.
    else if (arg.startsWith('--clientProcessId')) continue;
    else throw new UsageError(`unknown option ${arg} for lsp (use --stdio or --node-ipc)`);
    if (transport && transport !== next) throw new UsageError('lsp takes one of --stdio or --node-ipc');
    transport = next;
  }
  if (!transport) throw new UsageError('lsp needs --stdio or --node-ipc');
  return { command: 'lsp', transport };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${name} needs a value`);
  return value;
}
