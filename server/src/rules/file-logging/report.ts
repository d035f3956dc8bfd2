import type { Detection, Span } from '../../ir/types';

/** The shapes the log-to-stdout fix knows how to rewrite. */
export type Form =
  | 'handler-class'
  | 'basicConfig'
  | 'dictconfig-class'
  | 'stream-open'
  | 'gunicorn-setting'
  | 'winston-file'
  | 'pino-destination';

const FACTOR = 'XI. Logs: write to stdout and let the environment route the stream';

/** A detection; `form` marks a shape the log-to-stdout fix can rewrite. */
export function found(span: Span, what: string, key: string, form?: Form): Detection {
  return {
    span,
    message: `${what} — ${FACTOR}.`,
    key,
    data: form ? { fixes: ['log-to-stdout'], form } : undefined,
  };
}
