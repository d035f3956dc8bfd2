/**
 * The server's log. Lines go to the client's output channel through
 * `connection.console`; nothing here ever receives file content or a secret
 * value, and errors are described by their type and stack frames only,
 * because an exception message can quote the text being analysed.
 */

/** What `connection.console` offers (and what tests can fake). */
export interface LogSink {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

export interface Logger {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
  /** Only written when verbose logging is on (`twelveFactor.trace.server: verbose`). */
  debug(message: string): void;
  setVerbose(verbose: boolean): void;
}

export function createLogger(sink: LogSink, verbose = false): Logger {
  return {
    error(message, error) {
      sink.error(error === undefined ? message : `${message}: ${describeError(error)}`);
    },
    warn: (message) => sink.warn(message),
    info: (message) => sink.info(message),
    debug(message) {
      if (verbose) sink.log(message);
    },
    setVerbose(value) {
      verbose = value;
    },
  };
}

/**
 * The error's class and where it was thrown, without its message: messages
 * of parser and rule errors may quote source text.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 5)
    .map((line) => line.trim());
  const code = (error as { code?: unknown }).code;
  const name = typeof code === 'string' ? `${error.name} (${code})` : error.name;
  return frames.length ? `${name}\n  ${frames.join('\n  ')}` : name;
}
