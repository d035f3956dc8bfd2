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

/**
 * The rule's messages by id (`meta.messages`). `{{path}}` is the file's
 * label, ` ("app.log")`, or nothing when the path is not a literal.
 */
export const MESSAGES = {
  'handler-class': `Logs written to a file{{path}} by {{handler}} — ${FACTOR}.`,
  'dictconfig-handler': `Logging config handler "{{handler}}" writes to a file — ${FACTOR}.`,
  'gunicorn-setting': `gunicorn {{setting}} writes to a file ("{{value}}") — ${FACTOR}.`,
  'std-redirect': `{{stream}} redirected to a file{{path}} — ${FACTOR}.`,
  'twisted-log-file': `Twisted log file{{path}} — ${FACTOR}.`,
  'basic-config': `logging.basicConfig writes logs to a file{{path}} — ${FACTOR}.`,
  'loguru-sink': `loguru sink writes logs to a file{{path}} — ${FACTOR}.`,
  'opened-file-stream': `{{call}} writes to an opened file{{path}} — ${FACTOR}.`,
  'log4js-appender': `log4js "{{type}}" appender writes logs to a file — ${FACTOR}.`,
  'bunyan-stream': `bunyan stream writes logs to a file ("{{value}}") — ${FACTOR}.`,
  'winston-transport': `winston {{transport}} transport writes logs to a file{{path}} — ${FACTOR}.`,
  'pino-destination': `pino.destination writes logs to a file{{path}} — ${FACTOR}.`,
  'rotating-stream': `Rotating log stream writes to a file{{path}} — ${FACTOR}.`,
  'append-file': `Log lines appended to a file{{path}} — ${FACTOR}.`,
  'write-stream': `Log stream written to a file{{path}} — ${FACTOR}.`,
  'pino-file-transport': `pino/file transport writes logs to a file{{path}} — ${FACTOR}.`,
  'pino-roll-transport': `pino-roll transport writes logs to rotating files — ${FACTOR}.`,
  'uwsgi-log-setting': `uWSGI {{setting}} writes logs to a file ("{{value}}") — ${FACTOR} (leave it unset: uWSGI logs to stderr).`,
  'supervisor-logfile': `supervisord writes {{program}}'s {{stream}} to a file ("{{value}}") — ${FACTOR} (set {{setting}}=/dev/{{stream}} and {{setting}}_maxbytes=0).`,
} as const;

/** A detection; `form` marks a shape the log-to-stdout fix can rewrite. */
export function found(
  span: Span,
  messageId: keyof typeof MESSAGES,
  key: string,
  params?: Record<string, string>,
  form?: Form,
): Detection {
  return {
    span,
    messageId,
    params,
    key,
    data: form ? { fixes: ['log-to-stdout'], form } : undefined,
  };
}
