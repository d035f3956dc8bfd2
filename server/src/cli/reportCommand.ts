/**
 * `twelve-factor report [PATH] --format text|json|markdown`: the compliance
 * outline of one folder, the same model the editor's view shows.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { computeCompliance } from '../factors/compute';
import { renderMarkdown } from '../factors/render/markdown';
import { renderText } from '../factors/render/text';
import { loadConfig } from '../workspace/config';
import { relPosix } from '../workspace/globs';
import { UsageError } from './args';
import { CliError, formatConfigError, type CheckIo } from './check';
import { ProgressBar } from './progress';

export type ReportFormat = 'text' | 'json' | 'markdown';

export interface ReportArgs {
  command: 'report';
  path: string;
  format: ReportFormat;
  progress: boolean;
  color: boolean;
}

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown'];

export const REPORT_HELP = `  report [PATH]          Outline compliance with the twelve factors (default: .)
                         --format text|json|markdown, --no-progress, --no-color
`;

export function parseReport(argv: readonly string[]): ReportArgs {
  const args: ReportArgs = { command: 'report', path: '.', format: 'text', progress: true, color: true };
  let pathGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (name === '--format') {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError('--format needs a value');
      if (!(FORMATS as readonly string[]).includes(value))
        throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${value}")`);
      args.format = value as ReportFormat;
    } else if (name === '--no-progress') args.progress = false;
    else if (name === '--no-color') args.color = false;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${name} for report (see --help)`);
    else if (pathGiven) throw new UsageError('report takes one PATH');
    else {
      args.path = arg;
      pathGiven = true;
    }
  }
  return args;
}

export async function runReport(args: ReportArgs, io: CheckIo): Promise<number> {
  const root = resolve(io.cwd, args.path);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new CliError([`${args.path}: does not exist`]);
  }
  if (!isDir) throw new CliError([`${args.path}: not a directory`]);
  const loaded = loadConfig(root);
  if (loaded.errors.length > 0) throw new CliError(loaded.errors.map((e) => formatConfigError(e, io.cwd)));
  const bar = args.progress && io.stderr.isTTY ? new ProgressBar(io.stderr) : undefined;
  let model;
  try {
    model = await computeCompliance(root, { config: loaded.config, onProgress: (p) => bar?.update(p) });
  } finally {
    bar?.clear();
  }
  const title = relPosix(io.cwd, root);
  if (args.format === 'json') io.stdout.write(JSON.stringify(model, null, 2) + '\n');
  else if (args.format === 'markdown') io.stdout.write(renderMarkdown(model, { title }));
  else io.stdout.write(renderText(model, { title, color: args.color && io.colorSupported }));
  return 0;
}
