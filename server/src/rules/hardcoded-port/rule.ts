import type { CallFact, Expr, FileFacts, Span } from '../../ir/facts';
import { callName, containsEnvRead } from '../../ir/exprs';
import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';
import { COMMAND_MESSAGE, detectCommandPorts } from './commands';
import { portBinding } from '../../semantics/portBinding';
import { GUNICORN_SETTINGS } from './servers';
import { detectUwsgiPorts, UWSGI_MESSAGE } from './uwsgiSockets';

const MESSAGES = {
  port: 'Server bound to a hardcoded port ({{port}}) — VII. Port binding: read the port from the environment (PORT) so the platform can assign it.',
  'port-through-constant':
    'Server bound to a hardcoded port ({{port}} through {{constant}}) — VII. Port binding: read the port from the environment (PORT) so the platform can assign it.',
  'command-port': COMMAND_MESSAGE,
  'uwsgi-port': UWSGI_MESSAGE,
} as const;

/** A port literal found, and how it was reached (for the message and the key). */
interface PortHit {
  span: Span;
  port: number;
  /** The constant the port was bound to (`const PORT = 3000`), when reached through one. */
  via?: string;
}

export const rule = defineRule({
  meta: {
    fixes: ['port-from-env'],
    id: 'hardcoded-port',
    factor: 'VII',
    title: 'Server bound to a hardcoded port instead of one read from the environment',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    documents: ['dockerfile', 'procfile', 'shell', 'ini-config'],
    roles: { app: 'all' },
    keywords: ['listen', 'port', 'Server', 'bind', 'serve', 'run_simple'],
    messages: MESSAGES,
  },
  detect(facts: FileFacts): Detection[] {
    const out: Detection[] = [];
    const seen = new Set<number>();
    const report = (hit: PortHit | undefined, what: string): void => {
      if (!hit || seen.has(hit.span.start)) return;
      seen.add(hit.span.start);
      out.push({
        span: hit.span,
        ...(hit.via
          ? { messageId: 'port-through-constant', params: { port: hit.port, constant: hit.via } }
          : { messageId: 'port', params: { port: hit.port } }),
        key: `${what}:${hit.via ?? ''}:${hit.port}`,
        data: { envName: 'PORT', fixes: ['port-from-env'] },
      });
    };
    for (const call of facts.calls) {
      const name = callName(call.expr);
      if (!name) continue;
      report(portOfCall(facts, call, name), name);
    }
    if (facts.language === 'python' && isGunicornConfig(facts)) {
      for (const a of facts.assignments) {
        if (a.target !== 'bind' || a.scope.kind !== 'module') continue;
        const values = a.value.kind === 'array' ? a.value.elements : [a.value];
        for (const v of values) report(bindAddressPort(v), 'gunicorn.bind');
      }
    }
    return out;
  },
  detectDocument: (facts) => [...detectCommandPorts(facts), ...detectUwsgiPorts(facts)],
});

/** The literal port a server call binds (see semantics/portBinding), when it has one. */
function portOfCall(facts: FileFacts, call: CallFact, name: string): PortHit | undefined {
  const binding = portBinding(facts, call.expr, name);
  if (!binding) return undefined;
  return binding.address ? bindAddressPort(binding.port) : resolvePort(facts, call, binding.port);
}

/**
 * The literal port an argument stands for: the literal itself, or the
 * constant a name is bound to in this file. Anything that reads the
 * environment (`process.env.PORT || 3000`) or comes from elsewhere
 * (`config.port`, a parameter) is not a hardcoded port.
 */
function resolvePort(facts: FileFacts, call: CallFact, expr: Expr | undefined): PortHit | undefined {
  if (!expr) return undefined;
  const literal = portLiteral(expr);
  if (literal) return literal;
  if (expr.kind !== 'name') return undefined;
  const value = bindingValue(facts, call, expr.name);
  if (!value || containsEnvRead(value)) return undefined;
  const hit = portLiteral(value);
  return hit && { ...hit, via: expr.name };
}

/** The value a name holds where the call runs: a local assignment in the same function, else the module binding. */
function bindingValue(facts: FileFacts, call: CallFact, name: string): Expr | undefined {
  if (call.scope.kind === 'function') {
    let local: Expr | undefined;
    let assigned = false;
    for (const a of facts.assignments) {
      if (a.target !== name || a.scope.kind !== 'function' || a.scope.name !== call.scope.name) continue;
      assigned = true;
      // `port += 1` (retrying the next port) leaves no literal that is the bound port.
      if (a.op !== '=') return undefined;
      if (a.span.start < call.expr.span.start) local = a.value;
    }
    // Assigned in the function (maybe after a branch we cannot see): only trust a plain earlier value.
    if (assigned) return local;
  }
  const binding = facts.moduleBindings.get(name);
  if (!binding || (binding.declKind && !['const', 'let', 'var'].includes(binding.declKind))) return undefined;
  // A module `let`/Python name reassigned elsewhere may not hold the literal any more.
  const writes = facts.assignments.filter((a) => a.target === name && (a.scope.kind === 'module' || a.op !== '='));
  if (writes.length > 1 || writes.some((a) => a.op !== '=')) return undefined;
  return binding.value;
}

function portLiteral(expr: Expr): PortHit | undefined {
  let port: number | undefined;
  if (expr.kind === 'number' && Number.isInteger(expr.value)) port = expr.value;
  else if (expr.kind === 'string' && /^\d{2,5}$/.test(expr.value)) port = Number(expr.value);
  // 0 asks the OS for an ephemeral port: nothing to configure.
  if (port === undefined || port < 1 || port > 65535) return undefined;
  return { span: expr.span, port };
}

/** `"0.0.0.0:8000"`, `"[::]:50051"`, `":8000"` → the port; `unix:/run/app.sock` has none. */
function bindAddressPort(expr: Expr | undefined): PortHit | undefined {
  if (expr?.kind !== 'string') return undefined;
  const m = /^(?:[\w.-]*|\[[0-9a-fA-F:.]*\]):(\d{1,5})$/.exec(expr.value);
  if (!m) return undefined;
  const port = Number(m[1]);
  return port >= 1 && port <= 65535 ? { span: expr.span, port } : undefined;
}

function isGunicornConfig(facts: FileFacts): boolean {
  if (/gunicorn/i.test(facts.path.slice(facts.path.lastIndexOf('/') + 1))) return true;
  return GUNICORN_SETTINGS.some((s) => facts.moduleBindings.has(s));
}
