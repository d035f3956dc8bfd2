/**
 * The one registry of rules. Adding a rule: create its folder (rule.ts,
 * README.md, fixtures/), then add it to this list.
 */
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
