/**
 * pydantic `BaseSettings` classes read their fields from the environment:
 * `redis_url: str = "…"` reads REDIS_URL (prefixed by `env_prefix`), and
 * `Field(alias="X")` / `validation_alias` / pydantic 1's `env="X"` read X.
 */
import type { Expr, FileFacts } from '../ir/facts';
import { argument, callName, stringValue } from '../ir/exprs';

/** `class Settings(BaseSettings):` headers; bases are on one line in practice. */
const CLASS_HEADER = /^[ \t]*class[ \t]+(\w+)[ \t]*\(([^)\n]{0,200})\)[ \t]*:/gm;

/** Names of the file's settings classes: BaseSettings subclasses, and their subclasses in the file. */
function settingsClasses(text: string): Set<string> {
  if (!text.includes('BaseSettings')) return new Set();
  const bases = new Map<string, string[]>();
  for (const m of text.matchAll(CLASS_HEADER)) {
    bases.set(
      m[1],
      m[2].split(',').map((b) => b.trim().split('.').pop() ?? ''),
    );
  }
  const out = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, list] of bases) {
      if (!out.has(name) && list.some((b) => b === 'BaseSettings' || out.has(b))) {
        out.add(name);
        grew = true;
      }
    }
  }
  return out;
}

/** The environment variables the file's settings classes read. */
export function pydanticEnvReads(facts: FileFacts): string[] {
  if (facts.language !== 'python') return [];
  const classes = settingsClasses(facts.text);
  if (classes.size === 0) return [];
  let prefix = '';
  for (const a of facts.assignments) {
    if (a.scope.kind !== 'class') continue;
    if (a.target === 'env_prefix' && a.scope.name === 'Config') prefix = stringValue(a.value) ?? prefix;
    if (a.target === 'model_config' && classes.has(a.scope.name ?? '') && a.value.kind === 'call') {
      prefix = stringValue(argument(a.value, -1, 'env_prefix')) ?? prefix;
    }
  }
  const names: string[] = [];
  for (const a of facts.assignments) {
    if (a.scope.kind !== 'class' || !classes.has(a.scope.name ?? '') || a.target === 'model_config') continue;
    if (!/^[a-z_][a-z0-9_]*$/i.test(a.target)) continue;
    names.push(aliasOf(a.value) ?? `${prefix}${a.target}`.toUpperCase());
  }
  return names;
}

function aliasOf(value: Expr): string | undefined {
  if (value.kind !== 'call' || !/(?:^|\.)Field$/.test(callName(value) ?? '')) return undefined;
  for (const keyword of ['validation_alias', 'alias', 'env']) {
    const alias = stringValue(argument(value, -1, keyword));
    if (alias) return alias;
  }
  return undefined;
}
