/**
 * Rules own their policy: the fixes a rule offers, its SARIF security level
 * and the other tools' pragmas that silence it live in its metadata, and the
 * code actions, SARIF and suppression read them there. No module outside
 * rules/ names a rule id.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseSuppressions } from '../server/src/engine/suppress';
import { offersFix } from '../server/src/fixes/offers';
import { LineIndex } from '../server/src/ir/lines';
import type { Finding, RuleMeta } from '../server/src/ir/types';
import { RULES } from '../server/src/rules';

const SRC = join(__dirname, '..', 'server', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'rules' && dir === SRC ? [] : sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

test('no module outside rules/ names a rule id', () => {
  const ids = RULES.map((r) => r.meta.id);
  const literal = new RegExp(`['"\`](?:${ids.join('|')})['"\`]`);
  // Comments may name rules (documentation); code may not.
  const code = (f: string) =>
    readFileSync(f, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
  const offenders = sources(SRC).filter((f) => literal.test(code(f)));
  assert.deepEqual(offenders, []);
});

test('a finding offers only the fixes its rule declares and it carries', () => {
  const finding = (rule: string, fixes: Finding['data']) =>
    ({ rule, data: fixes, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }) as Finding;
  for (const rule of RULES) {
    for (const kind of ['move-to-env', 'port-from-env', 'log-to-stdout', 'stop-tracking'] as const) {
      const declared = rule.meta.fixes?.includes(kind) ?? false;
      assert.equal(offersFix(finding(rule.meta.id, { fixes: [kind] }), kind), declared, `${rule.meta.id} ${kind}`);
      assert.equal(offersFix(finding(rule.meta.id, { fixes: [] }), kind), false, `${rule.meta.id} ${kind} narrowed`);
    }
  }
});

test("other tools' secret pragmas silence exactly the rules whose metadata lists them", () => {
  const text = 'token = "x"  # gitleaks:allow\n';
  const comments = [{ line: 0, span: { start: 13, end: text.length - 1 }, text: '# gitleaks:allow', trailing: true }];
  const suppressions = parseSuppressions(comments, new LineIndex(text));
  const detection = { span: { start: 8, end: 11 }, messageId: 'm', key: 'k' };
  const meta = (pragmas?: RuleMeta['pragmas']) => ({ ...RULES[0].meta, id: 'throw-away', pragmas });
  assert.equal(suppressions.suppresses(meta(['secret']), 0, detection), true);
  assert.equal(suppressions.suppresses(meta(undefined), 0, detection), false);
  for (const rule of RULES) {
    assert.equal(suppressions.suppresses(rule.meta, 0, detection), rule.meta.pragmas?.includes('secret') ?? false);
  }
});
