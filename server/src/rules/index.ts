/**
 * The one registry of rules. Adding a rule: create its folder (rule.ts,
 * README.md, fixtures/), then add it to this list.
 */
import { rule as hardcodedSecret } from './hardcoded-secret/rule';
import { rule as inMemorySession } from './in-memory-session/rule';
import type { Rule } from './rule';
import { rule as runtimeInstall } from './runtime-install/rule';
import { rule as systemDependency } from './system-dependency/rule';

export const RULES: readonly Rule[] = [hardcodedSecret, inMemorySession, systemDependency, runtimeInstall];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
