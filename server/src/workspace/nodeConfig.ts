/**
 * node-config's `custom-environment-variables.{json,yaml,yml}`: the keys of
 * the config files beside it that an environment variable overrides
 * (`{"db": {"host": "DB_HOST"}}`, or `{"__name": "DB_HOST", "__format":
 * "json"}`). A value such a key has in `default.json` is only the fallback
 * of an environment read, as `os.environ.get("DB_HOST", "localhost")` is in
 * code. Read through the safe reader; a file that does not parse maps nothing.
 */
import { join, dirname } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import type { InputKind } from '../ir/types';
import { MAX_CONFIG_BYTES, readProjectText } from './readFile';

const MAPPINGS = [
  'custom-environment-variables.json',
  'custom-environment-variables.yaml',
  'custom-environment-variables.yml',
];
const MAX_DEPTH = 32;

/** The dotted key paths mapped to variables for the config file at `configPath`; undefined when none is. */
export function envMappedKeys(configPath: string): string[] | undefined {
  const dir = dirname(configPath);
  const keys = new Set<string>();
  for (const name of MAPPINGS) {
    const read = readProjectText(join(dir, name), { maxBytes: MAX_CONFIG_BYTES, within: dir });
    if (!read.ok) continue;
    let tree: unknown;
    try {
      tree = name.endsWith('.json') ? parseJsonc(read.text) : parseYaml(read.text, { maxAliasCount: 50 });
    } catch {
      continue;
    }
    collect(tree, [], 0, keys);
  }
  return keys.size > 0 ? [...keys].sort() : undefined;
}

function collect(node: unknown, path: string[], depth: number, keys: Set<string>): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') {
    if (typeof node === 'string' && path.length > 0) keys.add(path.join('.'));
    return;
  }
  if (Array.isArray(node)) return;
  const map = node as Record<string, unknown>;
  if (typeof map.__name === 'string') {
    if (path.length > 0) keys.add(path.join('.'));
    return;
  }
  for (const [key, value] of Object.entries(map)) collect(value, [...path, key], depth + 1, keys);
}

/** The document kinds node-config reads (INI files are no node-config's). */
export function isConfigJsonOrYaml(kind: InputKind): boolean {
  return kind === 'json-config' || kind === 'yaml-config';
}
