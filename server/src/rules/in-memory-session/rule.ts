import { argument, callName, dottedName, property, resolveDotted } from '../../ir/exprs';
import type { CallExpr, FileFacts, StringFact } from '../../ir/facts';
import type { Detection } from '../../ir/types';
import { defineRule } from '../rule';

const FACTOR = 'VI. Processes: keep sessions in a backing service (Redis, a database) shared by every process';

const MESSAGES = {
  'middleware-without-store': `{{middleware}}() without a store keeps sessions in process memory — ${FACTOR}.`,
  'plugin-without-store': `{{plugin}} without a store keeps sessions in process memory — ${FACTOR}.`,
  'memory-store': `MemoryStore keeps sessions in process memory — ${FACTOR}.`,
  'memorystore-package': `memorystore keeps sessions in process memory — ${FACTOR}.`,
  'django-file-sessions': `Django file-based sessions live on one machine's disk — ${FACTOR}.`,
  'flask-session-type': `Flask-Session "{{type}}" sessions stay in one process or on its disk — ${FACTOR}.`,
  'beaker-session-type': `Beaker "{{type}}" sessions stay in one process or on its disk — ${FACTOR}.`,
  'locmem-cache-sessions': `Sessions in a LocMemCache live in one process's memory — ${FACTOR}.`,
} as const;
type MessageId = keyof typeof MESSAGES;

/** Session middlewares whose default store is process memory when no `store` is given. */
const SESSION_MIDDLEWARES = new Set(['express-session', 'fastify-session', '@fastify/session']);
const MEMORY_STORES = new Set(['express-session.MemoryStore', 'express-session.session.MemoryStore']);
const LOCAL_DJANGO_ENGINES = new Set(['django.contrib.sessions.backends.file']);
const LOCAL_FLASK_TYPES = new Set(['filesystem', 'null']);

export const rule = defineRule({
  meta: {
    id: 'in-memory-session',
    factor: 'VI',
    title: 'Sessions stored in process memory or on the local disk',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all' },
    keywords: ['session', 'Session', 'SESSION'],
    messages: MESSAGES,
  },
  detect(facts) {
    return [...javascriptSessions(facts), ...pythonSessions(facts)];
  },
});

function javascriptSessions(facts: FileFacts): Detection[] {
  const out: Detection[] = [];
  const memorystoreNames = memorystoreBindings(facts);
  for (const { expr: call } of facts.calls) {
    const name = callName(call) ?? '';
    if (!call.isNew && SESSION_MIDDLEWARES.has(name) && lacksStore(argument(call, 0))) {
      out.push(detection(call, 'middleware-without-store', name, { middleware: name }));
    } else if (call.isNew && (MEMORY_STORES.has(name) || name.endsWith('session.MemoryStore'))) {
      out.push(detection(call, 'memory-store', name));
    } else if (call.isNew && memorystoreNames.has(name)) {
      out.push(detection(call, 'memorystore-package', 'memorystore'));
    } else if (call.calleeName?.endsWith('.register') && !call.isNew) {
      // fastify.register(fastifySession, { secret }) — the plugin's default store is memory.
      const plugin = argument(call, 0);
      const pluginName = plugin && (plugin.kind === 'name' ? dottedName(plugin) : undefined);
      const resolved = plugin?.kind === 'name' ? (plugin.canonical ?? resolveImport(facts, plugin.name)) : pluginName;
      if (resolved && SESSION_MIDDLEWARES.has(resolved) && lacksStore(argument(call, 1))) {
        out.push(detection(call, 'plugin-without-store', resolved, { plugin: resolved }));
      }
    }
  }
  return out;
}

/** Names bound to `require('memorystore')(session)` / `createMemoryStore(session)`. */
function memorystoreBindings(facts: FileFacts): Set<string> {
  const names = new Set<string>();
  for (const binding of facts.moduleBindings.values()) {
    const v = binding.value;
    if (v?.kind !== 'call') continue;
    const callee = v.callee;
    const direct =
      v.calleeName === 'memorystore' || (callee.kind === 'name' && resolveImport(facts, callee.name) === 'memorystore');
    const required =
      callee.kind === 'call' &&
      callee.calleeName === 'require' &&
      callee.args[0]?.value.kind === 'string' &&
      callee.args[0].value.value === 'memorystore';
    if (direct || required) names.add(binding.name);
  }
  return names;
}

function resolveImport(facts: FileFacts, local: string): string | undefined {
  const resolved = resolveDotted(local, new Map(facts.imports.map((i) => [i.local, i])));
  return resolved === local ? undefined : resolved;
}

/** An options object literal with no `store` (and no spread that could bring one). */
function lacksStore(options: ReturnType<typeof argument>): boolean {
  if (!options || options.kind !== 'object') return false;
  if (options.entries.some((e) => e.spread)) return false;
  return property(options, 'store') === undefined;
}

function pythonSessions(facts: FileFacts): Detection[] {
  if (facts.language !== 'python') return [];
  const out: Detection[] = [];
  let cacheEngine: StringFact | undefined;
  const locmem: StringFact[] = [];
  for (const s of facts.strings) {
    if (s.envFallback || s.compared) continue;
    const v = s.expr.value;
    if (s.name === 'SESSION_ENGINE' && LOCAL_DJANGO_ENGINES.has(v)) {
      out.push(at(s, 'django-file-sessions', v));
    } else if (s.name === 'SESSION_ENGINE' && v === 'django.contrib.sessions.backends.cache') {
      cacheEngine = s;
    } else if (s.name === 'SESSION_TYPE' && LOCAL_FLASK_TYPES.has(v)) {
      out.push(at(s, 'flask-session-type', v, { type: v }));
    } else if (s.name === 'session.type' && (v === 'memory' || v === 'file')) {
      out.push(at(s, 'beaker-session-type', v, { type: v }));
    } else if (
      s.name === 'BACKEND' &&
      v === 'django.core.cache.backends.locmem.LocMemCache' &&
      s.path[0] === 'CACHES'
    ) {
      locmem.push(s);
    }
  }
  // The cache engine is local only when the cache it uses (SESSION_CACHE_ALIAS, "default") is LocMemCache.
  if (cacheEngine) {
    const alias = facts.strings.find((s) => s.name === 'SESSION_CACHE_ALIAS')?.expr.value ?? 'default';
    for (const s of locmem) {
      if (s.path[1] === alias) out.push(at(s, 'locmem-cache-sessions', 'locmem'));
    }
  }
  return out;
}

function detection(call: CallExpr, messageId: MessageId, key: string, params?: Record<string, string>): Detection {
  return { span: call.span, messageId, params, key: `call:${key}` };
}

function at(s: StringFact, messageId: MessageId, key: string, params?: Record<string, string>): Detection {
  return { span: s.expr.span, messageId, params, key: `${s.path.join('.')}:${key}` };
}
