/**
 * The `twelve-factor` command: parses the command line and dispatches.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error
 * (one line per problem on stderr).
 */
import { version } from '../../../package.json';
import { HELP, parseArgs } from './args';
import { UsageError } from './errors';
import { CliError } from './errors';
import { escapeForTerminal } from './escape';
import { discardCodeCaches } from '../lib/codeCache';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      discardCodeCaches();
      process.stdout.write(HELP);
      return 0;
    case 'version':
      discardCodeCaches();
      process.stdout.write(`${version}\n`);
      return 0;
    case 'check': {
      // Loaded on demand: --help, --version and usage errors stay instant.
      const { runCheck } = await import('./check.js');
      return runCheck(args, {
        cwd: process.cwd(),
        stdout: process.stdout,
        stderr: process.stderr,
        colorSupported: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
    }
    case 'report': {
      const { runReport } = await import('./reportCommand.js');
      return runReport(args, {
        cwd: process.cwd(),
        stdout: process.stdout,
        stderr: process.stderr,
        colorSupported: process.stdout.isTTY === true && !process.env.NO_COLOR,
      });
    }
    case 'lsp': {
      // Loaded only here: `check` does not pay for the server's start-up.
      // The transport flag stays in process.argv, where the server library reads it.
      const { startServer } = await import('../server.js');
      startServer();
      return -1;
    }
  }
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `twelve-factor check | head`: the reader went away; that is not a failure of ours.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command (the language server) keeps the process alive.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      // One line per problem, whatever a path in it holds.
      for (const line of error.lines) process.stderr.write(`twelve-factor: ${escapeForTerminal(line)}\n`);
    } else if (error instanceof UsageError) {
      discardCodeCaches();
      process.stderr.write(`twelve-factor: ${error.message.split('\n').join('\ntwelve-factor: ')}\n`);
    } else {
      // A bug of ours: one line, no stack (it could quote paths or content), exit 2.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`twelve-factor: internal error: ${escapeForTerminal(message)}\n`);
    }
    process.exitCode = 2;
  },
);
