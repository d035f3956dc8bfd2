import type { Detection, Span } from '../../ir/types';

const FACTOR =
  'VIII. Concurrency: run in the foreground and let the process manager (systemd, Kubernetes, a Procfile runner) track the process';

/** The rule's messages by id (`meta.messages`). */
export const MESSAGES = {
  'pid-written': `Process id written to a file — ${FACTOR}.`,
  'pid-setting': `PID file setting {{name}} ("{{value}}") — ${FACTOR}.`,
  'pid-flag': `PID file flag "{{flag}}" — ${FACTOR}.`,
  'daemon-flag': `"{{flag}}" daemonizes the worker — ${FACTOR}.`,
  'gunicorn-daemon': `gunicorn daemon = True detaches from the process manager — ${FACTOR}.`,
  'daemon-call': `{{call}} daemonizes the process — ${FACTOR}.`,
  'pid-lock': `{{call}} writes a PID file — ${FACTOR}.`,
  'double-fork': `os.fork() + os.setsid() daemonizes the process — ${FACTOR}.`,
  'detached-child': `{{call}} with detached: true and unref() runs a daemon — ${FACTOR}.`,
  twistd: `twistd without --nodaemon daemonizes and writes twistd.pid — ${FACTOR}.`,
  'daemon-package': `The {{package}} package detaches the process — ${FACTOR}.`,
  'uwsgi-pidfile': `uWSGI {{setting}} writes a PID file ("{{value}}") — ${FACTOR}.`,
  'uwsgi-daemonize': `uWSGI {{setting}} daemonizes the server — ${FACTOR}.`,
} as const;

export function found(
  span: Span,
  messageId: keyof typeof MESSAGES,
  key: string,
  params?: Record<string, string>,
): Detection {
  return { span, messageId, params, key };
}
