/**
 * pid-file in uWSGI INI files: `pidfile`/`pidfile2`/`safe-pidfile`/
 * `safe-pidfile2` write the master's pid to a file, `daemonize`/`daemonize2`
 * detach it from whatever started it. supervisord's own `[supervisord]
 * pidfile` belongs to the process manager itself and is not reported.
 */
import type { DocumentFacts } from '../../ir/documentFacts';
import type { Detection } from '../../ir/types';
import { found } from './report';

const PIDFILES = new Set(['pidfile', 'pidfile2', 'safe-pidfile', 'safe-pidfile2']);
const DAEMONIZE = new Set(['daemonize', 'daemonize2']);

export function documentPidFiles(facts: DocumentFacts): Detection[] {
  if (facts.dialect !== 'uwsgi') return [];
  const out: Detection[] = [];
  for (const value of facts.values) {
    const setting = value.name;
    if (value.value.trim() === '' || value.path.length !== 2) continue;
    if (PIDFILES.has(setting)) {
      out.push(found(value.span, 'uwsgi-pidfile', `uwsgi:${setting}`, { setting, value: value.value }));
    } else if (DAEMONIZE.has(setting)) {
      out.push(found(value.span, 'uwsgi-daemonize', `uwsgi:${setting}`, { setting }));
    }
  }
  return out;
}
