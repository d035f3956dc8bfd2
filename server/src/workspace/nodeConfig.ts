/**
 * node-config's `custom-environment-variables.{json,yaml,yml}`: the keys of
 * the config files beside it that an environment variable overrides
 * (`{"db": {"host": "DB_HOST"}}`, or `{"__name": "DB_HOST", "__format":
 * "json"}`). A value such a key has in `default.json` is only the fallback
 * of an environment read, as `os.environ.get("DB_HOST", "localhost")` is in
 * code. Read through the safe reader, parsed by frontends/documents/envMapping.ts.
 */
import { join, dirname } from 'node:path';
import { envMappingKeys } from '../frontends/documents';
import type { InputKind } from '../ir/types';
import { MAX_CONFIG_BYTES, readProjectText } from './readFile';

const MAPPINGS = [
  'custom-environment-variables.json',
  'custom-environment-variables.yaml',
  'custom-environment-variables.yml',
];

/** The dotted key paths mapped to variables for the config file at `configPath`; undefined when none is. */
export function envMappedKeys(configPath: string): string[] | undefined {
  const dir = dirname(configPath);
  const keys = new Set<string>();
  for (const name of MAPPINGS) {
    const read = readProjectText(join(dir, name), { maxBytes: MAX_CONFIG_BYTES, within: dir });
    if (read.ok) for (const key of envMappingKeys(read.text, name)) keys.add(key);
  }
  return keys.size > 0 ? [...keys].sort() : undefined;
}

/** The document kinds node-config reads (INI files are no node-config's). */
export function isConfigJsonOrYaml(kind: InputKind): boolean {
  return kind === 'json-config' || kind === 'yaml-config';
}
