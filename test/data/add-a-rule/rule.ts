// A throw-away rule for test/add-a-rule.test.ts, which copies it into a scratch
// copy of the repository as server/src/rules/block-forever/rule.ts.
import { callName } from '../../ir/exprs';
import { defineRule } from '../rule';

export const rule = defineRule({
  meta: {
    id: 'block-forever',
    factor: 'IX',
    title: 'A call that blocks the process forever',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    roles: { app: 'all' },
    keywords: ['blockForever', 'block_forever'],
    messages: { blocks: '{{call}}() never returns: the process cannot stop gracefully' },
  },
  detect(facts) {
    return facts.calls
      .filter(({ expr }) => /(?:^|\.)(?:blockForever|block_forever)$/.test(callName(expr) ?? ''))
      .map(({ expr }) => ({ span: expr.span, messageId: 'blocks', params: { call: callName(expr) ?? '' }, key: 'block' }));
  },
});
