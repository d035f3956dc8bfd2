/**
 * The one registry of rules. Adding a rule: create its folder (rule.ts,
 * README.md, fixtures/), then add it to this list.
 */
import { rule as envSpecificConfig } from './env-specific-config/rule';
import { rule as fileLogging } from './file-logging/rule';
import { rule as globalState } from './global-state/rule';
import { rule as hardcodedBackingService } from './hardcoded-backing-service/rule';
import { rule as hardcodedPort } from './hardcoded-port/rule';
import { rule as hardcodedSecret } from './hardcoded-secret/rule';
import { rule as inMemorySession } from './in-memory-session/rule';
import { rule as pidFile } from './pid-file/rule';
import type { Rule } from './rule';
import { rule as runtimeInstall } from './runtime-install/rule';
import { rule as systemDependency } from './system-dependency/rule';

export const RULES: readonly Rule[] = [
  hardcodedSecret,
  hardcodedBackingService,
  hardcodedPort,
  envSpecificConfig,
  inMemorySession,
  systemDependency,
  runtimeInstall,
  fileLogging,
  pidFile,
  globalState,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
