import { callName } from '../../ir/exprs';
import { defineRule } from '../rule';
import { documentPidFiles } from './documents';
import { launcherFindings } from './launchers';
import { found, MESSAGES } from './report';
import { settingFindings } from './settings';
import { writesPid } from './writes';

export const rule = defineRule({
  meta: {
    id: 'pid-file',
    factor: 'VIII',
    title: 'PID files and daemonizing',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['ini-config'],
    roles: { app: 'all' },
    keywords: ['pid', 'PID', 'daemon', 'Daemon', 'detach', 'setsid', 'twistd'],
    messages: MESSAGES,
  },
  detect(facts) {
    const out = [...settingFindings(facts), ...launcherFindings(facts)];
    for (const { expr } of facts.calls) {
      if (!writesPid(expr, facts)) continue;
      const callee = callName(expr) ?? 'write';
      out.push(found(expr.span, 'pid-written', `write:${callee.replace(/^.*\./, '')}`));
    }
    return out;
  },
  detectDocument: (facts) => documentPidFiles(facts),
});
