/**
 * node-config's `custom-environment-variables.{json,yaml,yml}` read for the
 * key paths it maps to environment variables (`{"db": {"host": "DB_HOST"}}`,
 * or `{"__name": "DB_HOST", "__format": "json"}` for a parsed one). A file
 * that does not parse maps nothing.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';

const MAX_DEPTH = 32;

/** The dotted key paths the mapping's text (`name` says JSON or YAML) maps to variables. */
export function envMappingKeys(text: string, name: string): string[] {
  let tree: unknown;
  try {
    tree = name.endsWith('.json') ? parseJsonc(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch {
    return [];
  }
  const keys: string[] = [];
  collect(tree, [], 0, keys);
  return keys;
}

function collect(node: unknown, path: string[], depth: number, keys: string[]): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') {
    if (typeof node === 'string' && path.length > 0) keys.push(path.join('.'));
    return;
  }
  if (Array.isArray(node)) return;
  const map = node as Record<string, unknown>;
  if (typeof map.__name === 'string') {
    if (path.length > 0) keys.push(path.join('.'));
    return;
  }
  for (const [key, value] of Object.entries(map)) collect(value, [...path, key], depth + 1, keys);
}
