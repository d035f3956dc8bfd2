/** The command line of a `twelve-factor` task: plain text output, which the `$twelve-factor` problem matcher reads. */
export const TASK_TYPE = 'twelve-factor';

export function checkArgs(cli: string, args: readonly string[] = []): string[] {
  return [cli, 'check', ...(args.length > 0 ? args : ['.']), '--no-color', '--no-progress'];
}
