/** A problem that ends the run with exit code 2; each line goes to stderr. */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
