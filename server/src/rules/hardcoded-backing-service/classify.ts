/**
 * How the rule judges one string literal, in code or in a config document:
 * whether its place can hold configuration (not a default, a message, an
 * assertion, an environment fallback) and which service it locates.
 */
import type { FileFacts, StringFact } from '../../ir/facts';
import { stringCallee } from '../../ir/exprs';
import { urlHasPassword } from '../hardcoded-secret/urls';
import { clientOf, HOST_KEYS } from './clients';
import { isHostLike, isHostPort, isUrl, serviceUrl, type Service } from './locators';
import { defaultEnvName, serviceOfName } from './names';

/** Keywords and keys whose string documents or defaults an option rather than configuring one. */
const NOT_CONFIG_NAMES = new Set([
  'default',
  'help',
  'description',
  'example',
  'examples',
  'placeholder',
  'metavar',
  'doc',
]);
/** Callee tails whose string arguments are messages or expectations, not configuration. */
const MESSAGE_OR_ASSERT =
  /(?:^|[._/-])(?:log|info|debug|warn|warning|error|exception|critical|trace|fatal|print|echo|secho|write|toBe|toEqual|toStrictEqual|toMatch|toContain|toHaveBeenCalledWith|toHaveProperty|urlparse|urlsplit|parse|parseUrl|parseURL|parse_url|equal|equals|strictEqual|deepEqual|deepStrictEqual|notEqual|assertEqual|assertEquals|assertIn|assertNotEqual|assert_called_with|assert_called_once_with|assert_any_call|eq|eql|include|includes|startsWith|startswith|endswith|endsWith|match|test|search|split|replace)$/;

export interface Hit {
  service: Service;
  envName: string;
}

export function isCandidate(s: StringFact, settingsClasses: boolean): boolean {
  if (s.envFallback || s.compared || s.expr.flavor === 'bytes') return false;
  const value = s.expr.value;
  if (value.length < 2 || value.length > 400) return false;
  if (s.nameKind === 'default' || s.nameKind === 'compare') return false;
  if (s.name !== undefined && NOT_CONFIG_NAMES.has(s.name)) return false;
  if (s.call && MESSAGE_OR_ASSERT.test(stringCallee(s) ?? '')) return false;
  // pydantic BaseSettings fields are defaults the environment overrides.
  if (settingsClasses && s.scope.kind === 'class') return false;
  // A URL with a password is a secret: hardcoded-secret reports it, once.
  if (urlHasPassword(value)) return false;
  return true;
}

export function classify(s: StringFact): Hit | undefined {
  const value = s.expr.value;
  const url = serviceUrl(value);
  const named = serviceOfName(s.name, s.path);
  if (url) {
    const envName = named && named.service === url.service ? named.envName : defaultEnvName(url.service, true, s.name);
    return { service: url.service, envName };
  }
  const client = clientOf(stringCallee(s));
  if (client) {
    const inPlace =
      s.name !== undefined
        ? HOST_KEYS.has(s.name) && s.nameKind !== 'assign'
        : s.call !== undefined && client.positional.includes(s.call.index);
    const looksLike = isHostLike(value) || (isUrl(value) && !/^(?:sqlite|file):/i.test(value));
    if (inPlace && looksLike) {
      const envName = named && !named.fromPath ? named.envName : defaultEnvName(client.service, isUrl(value), s.name);
      return { service: client.service, envName };
    }
    if (s.call?.index === 0 && client.service === 'database' && s.name === undefined) {
      // libpq keyword DSN: psycopg2.connect("host=db dbname=app")
      const host = /(?:^|\s)host=([^\s'"]+)/.exec(value)?.[1];
      if (host && isHostLike(host)) return { service: 'database', envName: 'DATABASE_URL' };
    }
  }
  if (named) {
    const httpUrl = named.http && /^https?:\/\//i.test(value) && isUrl(value);
    const host = named.strict ? isHostPort(value) : isHostLike(value);
    if (httpUrl || host) return { service: named.service, envName: named.envName };
  }
  return undefined;
}

/** A file that defines pydantic settings: its class fields are environment fallbacks. */
export function importsBaseSettings(facts: FileFacts): boolean {
  return facts.imports.some((i) => i.imported === 'BaseSettings' || /(?:^|\.)BaseSettings$/.test(i.module));
}

export function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
}
