/**
 * file-logging in INI config files: uWSGI's `logto`/`logto2`, `daemonize`
 * (it logs to the file it is given), `logger`/`req-logger = file:…`, and a
 * supervisord program's `stdout_logfile`/`stderr_logfile` set to a path.
 * supervisord's own `[supervisord] logfile` is the process manager's log,
 * not the app's, and `stdout_logfile=/dev/stdout` (with `_maxbytes=0`) is the
 * fix: neither is reported.
 */
import type { DocumentFacts, ValueFact } from '../../ir/documentFacts';
import type { Detection } from '../../ir/types';
import { found } from './report';

const UWSGI_LOG_FILES = new Set(['logto', 'logto2', 'daemonize', 'daemonize2']);
const UWSGI_LOGGERS = new Set(['logger', 'req-logger']);
const SUPERVISOR_STREAMS: Record<string, string> = { stdout_logfile: 'stdout', stderr_logfile: 'stderr' };
const SUPERVISOR_PROCESS = /^(?:program|fcgi-program|eventlistener):(.+)$/;
/** The process's own streams, and supervisord's "no file" / "a file of its own choosing" (the default). */
const NOT_A_FILE = /^(?:\/dev\/(?:stdout|stderr|fd\/[12]|null)|\/proc\/self\/fd\/[12]|none|auto)$/i;
/** A UDP or TCP address uWSGI sends the log to (`daemonize = 192.168.0.10:1717`). */
const ADDRESS = /^[\w.-]*:\d+$|^\[[0-9a-f:.]+\]:\d+$/i;

export function documentFileLogging(facts: DocumentFacts): Detection[] {
  if (facts.dialect === 'uwsgi') return facts.values.flatMap(uwsgi);
  if (facts.dialect === 'supervisord') return facts.values.flatMap(supervisor);
  return [];
}

function isLogFile(value: ValueFact, path: string): boolean {
  return !value.reference && path !== '' && !NOT_A_FILE.test(path) && !ADDRESS.test(path);
}

function uwsgi(value: ValueFact): Detection[] {
  const setting = value.name;
  let path: string | undefined;
  if (UWSGI_LOG_FILES.has(setting)) path = value.value;
  // `logger = file:/var/log/app.log`, `req-logger = name file:…`: the file logger plugin.
  else if (UWSGI_LOGGERS.has(setting)) path = /(?:^|\s)file:(\S+)/.exec(value.value)?.[1];
  if (path === undefined || !isLogFile(value, path)) return [];
  return [found(value.span, 'uwsgi-log-setting', `uwsgi:${setting}`, { setting, value: path })];
}

function supervisor(value: ValueFact): Detection[] {
  const [section, setting] = value.path;
  const program = SUPERVISOR_PROCESS.exec(section ?? '')?.[1];
  const stream = SUPERVISOR_STREAMS[setting ?? ''];
  if (program === undefined || stream === undefined || !isLogFile(value, value.value)) return [];
  return [
    found(value.span, 'supervisor-logfile', `supervisord:${program}:${setting}`, {
      program,
      stream,
      setting,
      value: value.value,
    }),
  ];
}
