/**
 * The `twelveFactor.*` settings a client sends (VS Code settings, Neovim's
 * `settings` table), validated field by field: a client may send nothing,
 * `null`, or values of the wrong type, and a bad field must not hide the
 * good ones.
 *
 * How to add a setting: (1) a field here and in `parseClientSettings`,
 * (2) its use in `projectSettings.ts` (or wherever it applies), (3) its
 * `contributes.configuration` entry with a `markdownDescription` in
 * package.json, (4) a line in the protocol test if it changes diagnostics.
 */
import type { RoleFiles, RoleLevels } from '../semantics/roles';
import { FILE_ROLES, type RuleLevel } from '../ir/types';

export const SETTINGS_SECTION = 'twelveFactor';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface ClientSettings {
  enable: boolean;
  /** Per-rule levels; override `.twelve-factor.json`. */
  rules: Record<string, RuleLevel>;
  /** Extra globs; added to the file's. */
  exclude: string[];
  /** When non-empty, replaces the file's test globs. */
  testFiles: string[];
  testFileSeverity?: RuleLevel;
  /** Role globs per role; a role set here replaces the file's globs for that role. */
  roleFiles: RoleFiles;
  /** Rule levels per file role; merged per rule over the file's. */
  roles: RoleLevels;
  /** Baseline file, relative to the project root; overrides the file's. */
  baseline?: string;
  trace: TraceLevel;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  enable: true,
  rules: {},
  exclude: [],
  testFiles: [],
  roleFiles: {},
  roles: {},
  trace: 'off',
};

const LEVELS: readonly string[] = ['error', 'warning', 'info', 'off'];
const TRACES: readonly string[] = ['off', 'messages', 'verbose'];

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && LEVELS.includes(value);
}

/** Reads the `twelveFactor` section; unknown or ill-typed fields fall back to defaults. */
export function parseClientSettings(raw: unknown): ClientSettings {
  const s = isObject(raw) ? raw : {};
  const rules = ruleLevels(s.rules);
  const roles: RoleLevels = {};
  const roleFiles: RoleFiles = {};
  for (const role of FILE_ROLES) {
    if (isObject(s.roles) && isObject(s.roles[role])) roles[role] = ruleLevels(s.roles[role]);
    const globs = isObject(s.roleFiles) ? stringList(s.roleFiles[role]) : [];
    if (globs.length > 0) roleFiles[role] = globs;
  }
  const trace = isObject(s.trace) ? s.trace.server : undefined;
  const settings: ClientSettings = {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_CLIENT_SETTINGS.enable,
    rules,
    exclude: stringList(s.exclude),
    testFiles: stringList(s.testFiles),
    roleFiles,
    roles,
    trace: typeof trace === 'string' && TRACES.includes(trace) ? (trace as TraceLevel) : 'off',
  };
  if (isRuleLevel(s.testFileSeverity)) settings.testFileSeverity = s.testFileSeverity;
  if (typeof s.baseline === 'string' && s.baseline.trim() !== '') settings.baseline = s.baseline.trim();
  return settings;
}

/**
 * Settings pushed in `workspace/didChangeConfiguration` by clients that do
 * not answer `workspace/configuration`: `{ twelveFactor: {...} }`.
 */
export function sectionOf(pushed: unknown): unknown {
  return isObject(pushed) ? pushed[SETTINGS_SECTION] : undefined;
}

function ruleLevels(value: unknown): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  if (isObject(value)) for (const [id, level] of Object.entries(value)) if (isRuleLevel(level)) rules[id] = level;
  return rules;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
