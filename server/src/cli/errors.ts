/** A problem that ends the run with exit code 2; each line goes to stderr. */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** A malformed command line: the message and a pointer to --help, exit code 2. */
export class UsageError extends Error {}
