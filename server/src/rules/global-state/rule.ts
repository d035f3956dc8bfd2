import type { GlobalWriteFact } from '../../ir/facts';
import { defineRule } from '../rule';
import { isStartupWrite } from './exclusions';
import { StartupGraph } from './startup';

const FACTOR = 'VI. Processes: keep state in a backing service (Redis, a database)';

/** `{{where}}`: the kind of write and the function it is in; `{{also}}`: how many more writes the file has, if any. */
const MESSAGES = {
  'runtime-write': `Module-level "{{name}}" is modified at run time ({{where}}{{also}}) — ${FACTOR}.`,
} as const;

export const rule = defineRule({
  meta: {
    id: 'global-state',
    factor: 'VI',
    title: 'Module-level mutable state written at run time',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all' },
    messages: MESSAGES,
  },
  detect(facts) {
    const startup = new StartupGraph(facts);
    const runtime = facts.globalWrites.filter((w) => !isStartupWrite(w, facts, startup));
    return firstWrites(runtime).map(({ write: w, more }) => {
      const how = describe(w);
      const where = w.functionName === undefined ? how : `${how} in ${w.functionName}`;
      const also = more === 0 ? '' : `; ${more} more write${more === 1 ? '' : 's'} in this file`;
      return {
        span: w.span,
        messageId: 'runtime-write' satisfies keyof typeof MESSAGES,
        params: { name: w.name, where, also },
        key: `${w.name}:${how}:${w.functionName ?? ''}`,
      };
    });
  },
});

/** Cleanup of state made elsewhere: not where the state is made. */
const CLEANUP = new Set(['delete', 'clear', 'discard', 'remove', 'pop', 'popitem', 'shift', 'splice']);

/**
 * One finding per piece of state, at its first run-time write in the file;
 * state only ever deleted or cleared at run time is not reported.
 */
function firstWrites(writes: GlobalWriteFact[]): { write: GlobalWriteFact; more: number }[] {
  const byName = new Map<string, { write?: GlobalWriteFact; count: number }>();
  for (const w of writes) {
    const entry = byName.get(w.name) ?? { count: 0 };
    entry.count++;
    const cleanup = w.op === 'delete' || (w.op === 'call' && CLEANUP.has(w.method ?? ''));
    if (!cleanup && (!entry.write || w.span.start < entry.write.span.start)) entry.write = w;
    byName.set(w.name, entry);
  }
  const out: { write: GlobalWriteFact; more: number }[] = [];
  for (const { write, count } of byName.values()) if (write) out.push({ write, more: count - 1 });
  return out.sort((a, b) => a.write.span.start - b.write.span.start);
}

function describe(w: GlobalWriteFact): string {
  switch (w.op) {
    case 'assign':
      return 'assignment';
    case 'augassign':
      return 'augmented assignment';
    case 'update':
      return 'increment';
    case 'item':
      return 'item write';
    case 'attr':
      return 'attribute write';
    case 'call':
      return `${w.method ?? 'mutating'}() call`;
    case 'delete':
      return 'delete';
  }
}
