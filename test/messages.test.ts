/** Messages by id: the engine formats a rule's templates, and a broken one is a rule error, not a crash. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMessage, placeholders } from '../server/src/engine/messages';
import { initParsers, runRules } from '../server/src/engine/engine';
import { emptyFacts } from '../server/src/ir/facts';
import type { Detection, RuleMeta } from '../server/src/ir/types';
import { RULES } from '../server/src/rules';
import { defineRule } from '../server/src/rules/rule';

before(() => initParsers());

const meta: RuleMeta = {
  ...RULES[0].meta,
  id: 'throw-away',
  messages: { plain: 'No placeholder.', flag: 'PID file flag "{{flag}}" at {{flag}} — {{n}} times.' },
};

test('a template is filled from the params, each placeholder wherever it occurs', () => {
  assert.equal(formatMessage(meta, { messageId: 'plain' }), 'No placeholder.');
  assert.equal(
    formatMessage(meta, { messageId: 'flag', params: { flag: '--pid', n: 2 } }),
    'PID file flag "--pid" at --pid — 2 times.',
  );
  assert.deepEqual(placeholders(meta.messages.flag), ['flag', 'n']);
  // A value is inserted as it is: `{{x}}` inside a value is not a placeholder again.
  assert.equal(
    formatMessage(meta, { messageId: 'flag', params: { flag: '{{n}}', n: 1 } }),
    'PID file flag "{{n}}" at {{n}} — 1 times.',
  );
});

test('an unknown id, a missing param and an unused one are refused', () => {
  assert.throws(() => formatMessage(meta, { messageId: 'nope' }), /throw-away: no message "nope"/);
  assert.throws(() => formatMessage(meta, { messageId: 'toString' }), /no message "toString"/);
  assert.throws(() => formatMessage(meta, { messageId: 'flag', params: { flag: 'x' } }), /no value for \{\{n\}\}/);
  assert.throws(() => formatMessage(meta, { messageId: 'plain', params: { extra: 'x' } }), /unused params extra/);
});

test('a detection with a broken message is reported as the rule failing, the others still land', () => {
  const detections: Detection[] = [
    { span: { start: 0, end: 1 }, messageId: 'nope', key: 'a' },
    { span: { start: 2, end: 3 }, messageId: 'plain', key: 'b' },
  ];
  const rule = defineRule({ meta, detect: () => detections });
  const errors: string[] = [];
  const findings = runRules(emptyFacts('python', 'a.py', 'x = 1\n'), [rule], {}, (e) => errors.push(e.message));
  assert.deepEqual(
    findings.map((f) => [f.messageId, f.message]),
    [['plain', 'No placeholder.']],
  );
  assert.deepEqual(errors, ['rule throw-away failed on a.py']);
});

test('every rule has messages: kebab-case ids, well-formed templates that end with the factor', () => {
  for (const { meta: m } of RULES) {
    const ids = Object.keys(m.messages);
    assert.ok(ids.length > 0, `${m.id} has no messages`);
    for (const id of ids) {
      const template = m.messages[id];
      assert.match(id, /^[a-z][a-z0-9-]*$/, `${m.id}/${id}: not kebab-case`);
      // Braces that are not a whole `{{name}}` are a typo.
      assert.doesNotMatch(template.replace(/\{\{\w+\}\}/g, ''), /\{\{|\}\}/, `${m.id}/${id}: a broken placeholder`);
      assert.match(
        template,
        new RegExp(`— (?:${[m.factor, ...(m.alsoFactors ?? [])].join('|')})\\. `),
        `${m.id}/${id}: names no factor`,
      );
    }
  }
});
