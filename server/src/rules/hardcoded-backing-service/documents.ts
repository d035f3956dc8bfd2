/**
 * hardcoded-backing-service in application config files (`config/default.json`,
 * `settings.yaml`, `config.ini`, `alembic.ini`): each setting is judged as
 * the same literal in code would be, bound to its key and key path
 * (`db.host`, `redis.url`), by classify.ts. Only settings count: a value a
 * deployment file gives the process's environment (a Kubernetes `env:` or
 * ConfigMap, uWSGI `env =`, supervisord `environment=`) is where the rule
 * asks locators to come from. A config file named for the test environment
 * points at the services the test setup starts (as test code does: the rule
 * does not apply to tests); one named for local development may point at
 * this machine (`localhost`). A key node-config's
 * `custom-environment-variables.*` maps to a variable holds the fallback of
 * that environment read (the caller reads the mapping: `envMapped`).
 */
import { posix } from 'node:path';
import { valueLiteral, type DocumentFacts } from '../../ir/documentFacts';
import type { Detection, DocumentKind } from '../../ir/types';
import { classify, isCandidate, show } from './classify';
import { isLoopback } from './locators';
import type { MessageId } from './messages';

const CONFIG_KINDS: ReadonlySet<DocumentKind> = new Set(['json-config', 'yaml-config', 'ini-config']);

export function detectConfigLocators(facts: DocumentFacts): Detection[] {
  if (!CONFIG_KINDS.has(facts.document)) return [];
  const environment = environmentOf(facts.path);
  if (environment === 'test') return [];
  // A key node-config overrides from the environment holds only the fallback of that read.
  const mapped = new Set(facts.envMapped);
  const out: Detection[] = [];
  for (const value of facts.values) {
    if (value.role !== 'setting' || value.reference || mapped.has(value.path.join('.'))) continue;
    const literal = valueLiteral(value);
    if (!isCandidate(literal, false)) continue;
    const hit = classify(literal);
    if (!hit || (environment === 'development' && isLoopback(value.value))) continue;
    out.push({
      span: value.span,
      messageId: 'config-locator' satisfies MessageId,
      params: {
        shown: show(value.value),
        where: value.path.join('.'),
        file: posix.basename(facts.path),
        envName: hit.envName,
        service: hit.service,
      },
      key: `${hit.service}:${value.path.join('.')}:${value.value}`,
      // The app reads the file as it is: no rewrite of it can make it read the environment.
      data: { envName: hit.envName, fixes: [] },
    });
  }
  return out;
}

const TEST_NAMES = new Set(['test', 'tests', 'testing', 'ci']);
const DEVELOPMENT_NAMES = new Set(['dev', 'develop', 'development', 'local']);

/**
 * The environment a config file's name is for: node-config's
 * `config/test.json`, `config/local-development.yml`, `settings.dev.yaml`,
 * `settings_test.ini`.
 */
function environmentOf(path: string): 'test' | 'development' | undefined {
  const words = posix
    .basename(path)
    .toLowerCase()
    .replace(/\.[^.]+$/, '')
    .split(/[._-]/);
  if (words.some((w) => TEST_NAMES.has(w))) return 'test';
  if (words.some((w) => DEVELOPMENT_NAMES.has(w))) return 'development';
  return undefined;
}
