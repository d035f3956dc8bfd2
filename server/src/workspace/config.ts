/**
 * `.twelve-factor.json`: per-project rule levels, excludes and test-file
 * globs, shared by the CLI and the language server. JSON with comments and
 * trailing commas. Every problem is reported with its file, line and column;
 * the valid parts of a config still apply. Pure and synchronous so the
 * server can call it per document.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { AnalyzeOptions } from '../engine/engine';
import { LineIndex } from '../ir/lines';
import { DEFAULT_TEST_FILES, type RoleFiles, type RoleLevels } from '../semantics/roles';
import { FILE_ROLES, type FileRole, type RuleLevel } from '../ir/types';
import { RULES } from '../rules';
import { MAX_CONFIG_BYTES, readProjectText } from './readFile';

export const CONFIG_FILE_NAME = '.twelve-factor.json';

export interface ProjectConfig {
  rules: Record<string, RuleLevel>;
  exclude: string[];
  testFiles: string[];
  /** Level for every finding in a test file; undefined: analysed like any file. */
  testFileSeverity?: RuleLevel;
  /** Globs that give files a role (`{"browser": ["frontend/**"]}`), before the default ones. */
  roleFiles: RoleFiles;
  /** Rule levels per file role (`{"test": {"global-state": "warning"}}`), over the rules' default roles. */
  roles: RoleLevels;
  /** Baseline file; absolute once loaded from a config file. */
  baseline?: string;
}

/** A problem in a config file; line and column are 1-based. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export { DEFAULT_TEST_FILES };

export const DEFAULT_CONFIG: Readonly<ProjectConfig> = Object.freeze({
  rules: {},
  exclude: [],
  testFiles: [...DEFAULT_TEST_FILES],
  roleFiles: {},
  roles: {},
});

const LEVELS: readonly string[] = ['error', 'warning', 'info', 'off'];

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && LEVELS.includes(value);
}

export function knownRuleIds(): Set<string> {
  return new Set(RULES.map((r) => r.meta.id));
}

/** The nearest `.twelve-factor.json` in `startDir` or above, up to the filesystem root. */
export function findConfigFile(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    // A FIFO or device under the config's name is found, then refused with a reason by the reader.
    if (existsSync(candidate) && !isDirectory(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** What the engine needs of a config for one file, given the file's `testFiles` verdict. */
export function analyzeOptionsFor(
  config: Pick<ProjectConfig, 'rules' | 'testFileSeverity' | 'roleFiles' | 'roles'>,
  isTestFile: boolean,
): AnalyzeOptions {
  const { rules, testFileSeverity, roleFiles, roles } = config;
  return { rules: { ...rules }, isTestFile, testFileSeverity, roleFiles, roles };
}

/**
 * Reads and validates one config file; the result is merged over the
 * defaults. `within`: a folder the file must not link out of (a discovered
 * config: its own folder); a path the user named is taken as given.
 */
export function loadConfigFile(file: string, within?: string): { config: ProjectConfig; errors: ConfigError[] } {
  const read = readProjectText(file, { maxBytes: MAX_CONFIG_BYTES, within });
  if (!read.ok) {
    const why = read.code === 'missing' ? 'config file not found' : `cannot read config file: ${read.reason}`;
    return { config: cloneDefaults(), errors: [{ file, line: 1, column: 1, message: why }] };
  }
  const { config, errors } = parseConfig(read.text, file);
  if (config.baseline !== undefined) config.baseline = resolve(dirname(file), config.baseline);
  const merged = mergeConfig(DEFAULT_CONFIG, config);
  // In the file itself an empty list means "no test files", not "the defaults".
  if (config.testFiles) merged.testFiles = [...config.testFiles];
  return { config: merged, errors };
}

/** The config that applies to `startDir`: the nearest file over the defaults, or the defaults. */
export function loadConfig(startDir: string): { config: ProjectConfig; file?: string; errors: ConfigError[] } {
  const file = findConfigFile(startDir);
  if (!file) return { config: cloneDefaults(), errors: [] };
  return { ...loadConfigFile(file, dirname(file)), file };
}

/**
 * Lays `override` over `base`: rule levels merge per rule (override wins),
 * excludes add up, a non-empty `testFiles` replaces the base's, and the
 * scalar fields are replaced when the override sets them.
 */
export function mergeConfig(base: Readonly<ProjectConfig>, override: Partial<ProjectConfig>): ProjectConfig {
  const merged: ProjectConfig = {
    rules: { ...base.rules, ...override.rules },
    exclude: [...new Set([...base.exclude, ...(override.exclude ?? [])])],
    testFiles: override.testFiles && override.testFiles.length > 0 ? [...override.testFiles] : [...base.testFiles],
    roleFiles: { ...base.roleFiles, ...override.roleFiles },
    roles: mergeRoleLevels(base.roles, override.roles ?? {}),
  };
  const testFileSeverity = override.testFileSeverity ?? base.testFileSeverity;
  if (testFileSeverity !== undefined) merged.testFileSeverity = testFileSeverity;
  const baseline = override.baseline ?? base.baseline;
  if (baseline !== undefined) merged.baseline = baseline;
  return merged;
}

/** Per role, the override's rule levels over the base's. */
function mergeRoleLevels(base: RoleLevels, override: RoleLevels): RoleLevels {
  const merged: RoleLevels = {};
  for (const role of FILE_ROLES) {
    if (base[role] || override[role]) merged[role] = { ...base[role], ...override[role] };
  }
  return merged;
}

/** Parses config text; `file` is only used in the errors. */
export function parseConfig(text: string, file: string): { config: Partial<ProjectConfig>; errors: ConfigError[] } {
  // A BOM (Windows editors write one) is not JSON; editors hide it, so positions are counted without it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineIndex(text);
  const errors: ConfigError[] = [];
  const at = (offset: number, message: string) => {
    const p = lines.position(offset);
    errors.push({ file, line: p.line + 1, column: p.character + 1, message });
  };
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) at(e.offset, `invalid JSON: ${describeParseError(printParseErrorCode(e.error))}`);
  if (parseErrors.length > 0 || !root) {
    if (!root && parseErrors.length === 0) at(0, 'empty config file: expected an object');
    return { config: {}, errors };
  }
  if (root.type !== 'object') {
    at(root.offset, 'expected an object at the top level');
    return { config: {}, errors };
  }
  const config: Partial<ProjectConfig> = {};
  const ruleIds = knownRuleIds();
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    switch (key) {
      case '$schema':
        break;
      case 'rules':
        config.rules = readRules(valueNode, ruleIds, at);
        break;
      case 'exclude':
      case 'testFiles': {
        const list = readStringList(valueNode, key, at);
        if (list) config[key] = list;
        break;
      }
      case 'roleFiles':
        config.roleFiles = readRoleFiles(valueNode, at);
        break;
      case 'roles':
        config.roles = readRoleLevels(valueNode, ruleIds, at);
        break;
      case 'testFileSeverity':
        if (isRuleLevel(valueNode.value)) config.testFileSeverity = valueNode.value;
        else at(valueNode.offset, `"testFileSeverity" must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`);
        break;
      case 'baseline':
        if (valueNode.type === 'string' && String(valueNode.value).trim() !== '') config.baseline = valueNode.value;
        else at(valueNode.offset, '"baseline" must be a non-empty string (a file path)');
        break;
      default:
        at(keyNode.offset, `unknown setting "${key}" (expected ${SETTINGS.join(', ')})`);
    }
  }
  return { config, errors };
}

const SETTINGS = ['rules', 'exclude', 'testFiles', 'testFileSeverity', 'roleFiles', 'roles', 'baseline'];

type At = (offset: number, message: string) => void;

function isRole(key: string): key is FileRole {
  return (FILE_ROLES as readonly string[]).includes(key);
}

/** Calls `read` with each property of an object keyed by file role, in text order; other keys are reported. */
function forEachRole(node: Node, setting: string, at: At, read: (role: FileRole, value: Node) => void): void {
  if (node.type !== 'object') {
    at(node.offset, `"${setting}" must be an object keyed by file role (${FILE_ROLES.join(', ')})`);
    return;
  }
  for (const prop of node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const role = String(keyNode.value);
    if (isRole(role)) read(role, valueNode);
    else at(keyNode.offset, `unknown file role "${role}" in "${setting}" (expected ${FILE_ROLES.join(', ')})`);
  }
}

function readRoleFiles(node: Node, at: At): RoleFiles {
  const roleFiles: RoleFiles = {};
  forEachRole(node, 'roleFiles', at, (role, value) => {
    const list = readStringList(value, `roleFiles.${role}`, at);
    if (list) roleFiles[role] = list;
  });
  return roleFiles;
}

function readRoleLevels(node: Node, ruleIds: Set<string>, at: At): RoleLevels {
  const roles: RoleLevels = {};
  forEachRole(node, 'roles', at, (role, value) => {
    roles[role] = readRules(value, ruleIds, at, `roles.${role}`);
  });
  return roles;
}

function readRules(node: Node, ruleIds: Set<string>, at: At, setting = 'rules'): Record<string, RuleLevel> {
  const rules: Record<string, RuleLevel> = {};
  if (node.type !== 'object') {
    at(node.offset, `"${setting}" must be an object of rule id to level`);
    return rules;
  }
  for (const prop of node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const id = String(keyNode.value);
    if (!ruleIds.has(id)) {
      at(keyNode.offset, `unknown rule "${id}"`);
      continue;
    }
    if (!isRuleLevel(valueNode.value)) {
      at(valueNode.offset, `level of "${id}" must be one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`);
      continue;
    }
    rules[id] = valueNode.value;
  }
  return rules;
}

function readStringList(node: Node, key: string, at: At): string[] | undefined {
  if (node.type !== 'array') {
    at(node.offset, `"${key}" must be an array of glob strings`);
    return undefined;
  }
  const list: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string' && String(item.value).trim() !== '') list.push(item.value);
    else at(item.offset, `"${key}" entries must be non-empty glob strings`);
  }
  return list;
}

function describeParseError(code: string): string {
  // jsonc-parser's codes are identifiers (`CommaExpected`); make them words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function cloneDefaults(): ProjectConfig {
  return mergeConfig(DEFAULT_CONFIG, {});
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
