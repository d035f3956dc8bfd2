/**
 * Launchers that daemonize unless told not to: `twistd` (it forks into the
 * background and writes `twistd.pid` unless `-n`/`--nodaemon`), and the npm
 * `daemon`/`daemonize-process`/`daemonize2` packages.
 */
import { callName, some, stringValue } from '../../ir/exprs';
import type { CallExpr, Expr, FileFacts } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { found } from './report';

const TWISTD = /^(?:\S*\/)?twistd$/;
/** `-n`, `--nodaemon`, or short flags bundled with n (`-ny app.tac`). */
const NO_DAEMON = /^(?:--nodaemon|-[a-zA-Z]*n[a-zA-Z]*)$/;
/** npm packages whose call detaches the process, with the members that do it. */
const DAEMON_PACKAGES = new Map([
  ['daemon', ['', '.daemon', '.default']],
  ['daemonize', ['', '.start', '.setup', '.default']],
  ['daemonize2', ['.setup']],
  ['daemonize-process', ['', '.default', '.daemonizeProcess']],
]);

export function launcherFindings(facts: FileFacts): Detection[] {
  // python-daemon and daemonize are matched by class in settings.ts; these are the npm packages.
  return facts.language === 'python' ? twistdCommands(facts) : daemonPackageCalls(facts);
}

/** `["twistd", "-y", "app.tac"]` or `"twistd -y app.tac"` without `--nodaemon`. */
function twistdCommands(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<number>();
  const visit = (e: Expr): boolean => {
    if (e.kind !== 'array' || seen.has(e.span.start)) return false;
    const words = e.elements.map((x) => stringValue(x));
    if (words[0] !== undefined && TWISTD.test(words[0]) && !words.some((w) => w !== undefined && NO_DAEMON.test(w))) {
      seen.add(e.span.start);
      out.push(found(e.span, 'twistd', 'twistd:argv'));
    }
    return false;
  };
  for (const a of facts.assignments) some(a.value, visit);
  for (const c of facts.calls) for (const arg of c.expr.args) some(arg.value, visit);
  if (!facts.text.includes('twistd ')) return out;
  for (const s of facts.strings) {
    const words = s.expr.value.trim().split(/\s+/);
    // An option right after the program: a command line, not prose that names twistd.
    if (!TWISTD.test(words[0]) || !words[1]?.startsWith('-') || words.some((w) => NO_DAEMON.test(w))) continue;
    out.push(found(s.expr.span, 'twistd', 'twistd:command'));
  }
  return out;
}

/** `require('daemon')()`, `daemonizeProcess()` with the package imported in this file. */
function daemonPackageCalls(facts: FileFacts): Detection[] {
  const imported = new Set(facts.imports.map((i) => i.module).filter((m) => DAEMON_PACKAGES.has(m)));
  const out: Detection[] = [];
  for (const { expr } of facts.calls) {
    const pkg = daemonPackage(expr, imported);
    if (pkg) out.push(found(expr.span, 'daemon-package', `daemon-package:${pkg}`, { package: pkg }));
  }
  return out;
}

function daemonPackage(call: CallExpr, imported: ReadonlySet<string>): string | undefined {
  // `require('daemon')()`, `require('daemonize2').setup(...)`: no local name to resolve.
  const inner = call.callee.kind === 'member' ? call.callee.object : call.callee;
  const member = call.callee.kind === 'member' ? `.${call.callee.property}` : '';
  if (inner.kind === 'call' && callName(inner) === 'require') {
    const pkg = stringValue(inner.args[0]?.value);
    return pkg !== undefined && DAEMON_PACKAGES.get(pkg)?.includes(member) ? pkg : undefined;
  }
  const name = call.calleeName ?? '';
  for (const pkg of imported) {
    if (name.startsWith(pkg) && DAEMON_PACKAGES.get(pkg)?.includes(name.slice(pkg.length))) return pkg;
  }
  return undefined;
}
