/** The arguments of `twelve-factor report`: parsed here, run by reportCommand.ts. */
import { UsageError } from './errors';

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
