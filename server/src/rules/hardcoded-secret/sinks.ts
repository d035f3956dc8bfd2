/**
 * Places that hold a secret by definition: whatever literal is written there
 * signs sessions, cookies or tokens, or opens the database. Elsewhere a weak
 * word (`keyboard cat`, `dev-secret`) cannot be told from a sample or a field
 * name; here it is the app's real key, only a guessable one.
 */
import type { StringFact } from '../../ir/facts';
import { stringCallee } from '../../ir/exprs';

export interface Sink {
  /** How the message places the value: `assigned to SECRET_KEY`, `passed to session({ secret })`. */
  label: string;
  /** The environment variable for a call's secret; a named setting's comes from its name. */
  envName?: string;
  /** A database password: the image defaults (`postgres`, `root`) are local setups, as in URLs. */
  password?: boolean;
}

/** Django's test helpers: settings overridden for one test are not the app's. */
const TEST_SETTINGS = /(?:^|\.)(?:override_settings|modify_settings)$/;

/** Calls whose object argument takes the secret under these keys. */
const OPTION_SINKS: readonly [RegExp, ReadonlySet<string>, string][] = [
  [/^express-session$/, new Set(['secret']), 'session'],
  [/^cookie-session$/, new Set(['secret', 'keys']), 'cookieSession'],
];
const SESSION_ENV = 'SESSION_SECRET';

/** Calls that take the secret by position (or keyword): `[callee, index, keyword, label, envName]`. */
const POSITION_SINKS: readonly [RegExp, number, string | undefined, string, string][] = [
  [/^cookie-parser$/, 0, undefined, 'cookieParser(secret)', 'COOKIE_SECRET'],
  [/^(?:jsonwebtoken|jwt)\.sign$/, 1, undefined, 'jwt.sign(payload, secret)', 'JWT_SECRET'],
  [/^(?:jsonwebtoken|jwt)\.verify$/, 1, undefined, 'jwt.verify(token, secret)', 'JWT_SECRET'],
  [/^jwt\.encode$/, 1, 'key', 'jwt.encode(payload, key)', 'JWT_SECRET'],
  [/^jwt\.decode$/, 1, 'key', 'jwt.decode(token, key)', 'JWT_SECRET'],
];

/** The sink a string literal is written into, or undefined. */
export function sinkOf(fact: StringFact): Sink | undefined {
  const { name, nameKind, path, call } = fact;
  const callee = stringCallee(fact);
  if (callee !== undefined && TEST_SETTINGS.test(callee)) return undefined;
  // Django and Flask settings, Flask config classes, `app.config["SECRET_KEY"]`, `app.config.update(SECRET_KEY=…)`.
  if (name === 'SECRET_KEY' && nameKind !== 'compare' && nameKind !== 'default') {
    return { label: 'assigned to SECRET_KEY' };
  }
  // Flask's `app.secret_key = …`: an attribute of an object, not a local variable of that name.
  if (name === 'secret_key' && nameKind === 'assign' && path.length === 2) {
    return { label: `assigned to ${path[0]}.secret_key`, envName: 'SECRET_KEY' };
  }
  if (name === 'PASSWORD' && nameKind === 'key' && path[0] === 'DATABASES') {
    return { label: 'assigned to the DATABASES PASSWORD', password: true };
  }
  if (callee === undefined) return undefined;
  for (const [pattern, keys, label] of OPTION_SINKS) {
    // The key must be a top-level option of the call's first argument, not a nested object's.
    if (call!.index === 0 && nameKind === 'key' && name !== undefined && keys.has(name) && path.length === 1) {
      if (pattern.test(callee)) return { label: `passed to ${label}({ ${name} })`, envName: SESSION_ENV };
    }
  }
  for (const [pattern, index, keyword, label, envName] of POSITION_SINKS) {
    const here = call!.keyword === undefined ? call!.index === index : call!.keyword === keyword;
    if (here && pattern.test(callee)) return { label: `passed to ${label}`, envName };
  }
  return undefined;
}
