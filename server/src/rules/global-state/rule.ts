import type { GlobalWriteFact } from '../../analysis/facts';
import { defineRule } from '../rule';
import { isStartupWrite } from './exclusions';

const FACTOR = 'VI. Processes: keep state in a backing service (Redis, a database)';

export const rule = defineRule({
  meta: {
    id: 'global-state',
    factor: 'VI',
    title: 'Module-level mutable state written at run time',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript', 'typescript'],
    roles: { app: 'all' },
  },
  detect(facts) {
    return facts.globalWrites
      .filter((w) => !isStartupWrite(w, facts))
      .map((w) => {
        const how = describe(w);
        const where = w.functionName === undefined ? how : `${how} in ${w.functionName}`;
        return {
          span: w.span,
          message: `Module-level "${w.name}" is modified at run time (${where}) — ${FACTOR}.`,
          key: `${w.name}:${how}:${w.functionName ?? ''}`,
        };
      });
  },
});

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
