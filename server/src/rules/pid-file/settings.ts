/**
 * PID-file settings and daemonizing: gunicorn `pidfile`/`daemon`, pm2
 * `pid_file`, python-daemon, celery/gunicorn argv flags, the double fork,
 * and detached + unref'd node children.
 */
import { callName, dottedName, property, stringCallee } from '../../ir/exprs';
import type { CallExpr, FileFacts } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { found } from './report';

const PIDFILE_NAME = /^pid_?file$/i;
const GUNICORN_FILE = /(?:^|\/)gunicorn[^/]*\.py$/;
const CONF_FILE = /(?:^|\/)[^/]*conf[^/]*\.py$/;
const GUNICORN_SETTINGS = new Set([
  'bind',
  'workers',
  'worker_class',
  'threads',
  'timeout',
  'accesslog',
  'errorlog',
  'loglevel',
  'preload_app',
  'wsgi_app',
  'graceful_timeout',
  'keepalive',
  'max_requests',
]);
const DAEMON_CALLS =
  /^(?:daemon\.DaemonContext|daemon\.daemon\.DaemonContext|daemon\.runner\.DaemonRunner|daemonize\.Daemonize)$/;
const PIDLOCK_CALLS =
  /^(?:daemon\.pidfile\.(?:PIDLockFile|TimeoutPIDLockFile)|lockfile\.pidlockfile\.PIDLockFile|pidlockfile\.PIDLockFile|pid\.PidFile|pid\.decorator\.pidfile)$/;
/** Declaring an option is not using it. */
const OPTION_DEFINITIONS = /(?:^|\.)(?:add_argument|add_option|option|addoption|addOption|requiredOption)$/;
const SPAWNS = /^child_process\.(?:spawn|fork|exec|execFile)$/;

export function isGunicornConfig(facts: FileFacts): boolean {
  if (facts.language !== 'python') return false;
  if (GUNICORN_FILE.test(facts.path)) return true;
  if (!CONF_FILE.test(facts.path)) return false;
  return facts.assignments.some((a) => a.scope.kind === 'module' && GUNICORN_SETTINGS.has(a.target));
}

export function settingFindings(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  const gunicorn = isGunicornConfig(facts);
  const celeryOrGunicorn = /\b(?:celery|gunicorn)\b/.test(facts.text);
  for (const s of facts.strings) {
    if (s.compared || s.envFallback) continue;
    const v = s.expr.value;
    // `PIDFILE = os.path.join(RUN_DIR, "app.pid")`: the literal sits in a call bound to the name.
    const bound = s.name ?? s.path[s.path.length - 1];
    if (bound !== undefined && PIDFILE_NAME.test(bound) && v.trim() !== '') {
      const moduleSetting = gunicorn && s.nameKind === 'assign' && s.scope.kind === 'module';
      if (v.endsWith('.pid') || moduleSetting) {
        out.push(found(s.expr.span, 'pid-setting', `setting:${bound}:${v}`, { name: bound, value: v }));
      }
      continue;
    }
    if (s.call && OPTION_DEFINITIONS.test(stringCallee(s) ?? '')) continue;
    if (/^--pidfile=./.test(v) || v === '--pidfile' || (celeryOrGunicorn && /^--pid(?:=.|$)/.test(v))) {
      out.push(found(s.expr.span, 'pid-flag', `flag:${v.replace(/=.*/, '')}`, { flag: v }));
    } else if (celeryOrGunicorn && s.call && (v === '--detach' || v === '--daemon' || v === '-D')) {
      out.push(found(s.expr.span, 'daemon-flag', `flag:${v}`, { flag: v }));
    }
  }
  if (gunicorn) {
    for (const a of facts.assignments) {
      if (a.scope.kind === 'module' && a.target === 'daemon' && a.value.kind === 'literal' && a.value.value === true) {
        out.push(found(a.span, 'gunicorn-daemon', 'gunicorn:daemon'));
      }
    }
  }
  out.push(...daemonCalls(facts), ...doubleForks(facts), ...detachedChildren(facts));
  return out;
}

function daemonCalls(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  const daemons = facts.calls.filter((c) => DAEMON_CALLS.test(name(c.expr)));
  for (const { expr } of daemons) {
    out.push(found(expr.span, 'daemon-call', `daemon:${name(expr)}`, { call: name(expr) }));
  }
  for (const { expr } of facts.calls) {
    if (!PIDLOCK_CALLS.test(name(expr))) continue;
    // Inside DaemonContext(pidfile=...) it is part of that finding.
    if (daemons.some((d) => d.expr.span.start <= expr.span.start && expr.span.end <= d.expr.span.end)) continue;
    out.push(found(expr.span, 'pid-lock', `pidlock:${name(expr)}`, { call: name(expr) }));
  }
  return out;
}

/** `os.fork()` and `os.setsid()` in one function: the classic daemon double fork (reported at the setsid). */
function doubleForks(facts: FileFacts): Detection[] {
  const scopeKey = (c: { scope: { kind: string; name?: string } }) => `${c.scope.kind}:${c.scope.name ?? ''}`;
  const forks = new Set(facts.calls.filter((c) => name(c.expr) === 'os.fork').map(scopeKey));
  return facts.calls
    .filter((c) => name(c.expr) === 'os.setsid' && forks.has(scopeKey(c)))
    .map((c) => found(c.expr.span, 'double-fork', `fork-setsid:${c.scope.name ?? ''}`));
}

/** `spawn(cmd, args, { detached: true })` whose child is `.unref()`'d: a daemon the process manager cannot see. */
function detachedChildren(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  for (const { expr } of facts.calls) {
    if (!SPAWNS.test(name(expr))) continue;
    const options = expr.args[expr.args.length - 1]?.value;
    const detached = property(options, 'detached');
    if (detached?.kind !== 'literal' || detached.value !== true) continue;
    if (isUnrefd(expr, facts)) {
      out.push(found(expr.span, 'detached-child', `detached:${name(expr)}`, { call: name(expr) }));
    }
  }
  return out;
}

function isUnrefd(spawn: CallExpr, facts: FileFacts): boolean {
  const holders = new Set(
    facts.assignments
      .filter((a) => a.value.kind === 'call' && a.value.span.start === spawn.span.start)
      .map((a) => a.target),
  );
  return facts.calls.some(({ expr }) => {
    if (expr.callee.kind !== 'member' || expr.callee.property !== 'unref') return false;
    const object = expr.callee.object;
    if (object.kind === 'call') return object.span.start === spawn.span.start;
    const holder = dottedName(object);
    return holder !== undefined && holders.has(holder);
  });
}

function name(call: CallExpr): string {
  return callName(call) ?? '';
}
