/**
 * Whether a string literal is a credential, and what kind, for every input
 * hardcoded-secret reads: code (rule.ts) and config documents (documents.ts).
 *
 * Three ways a string literal is one, tried in this order and reported once:
 * 1. it holds a known credential format (patterns.ts), wherever it appears;
 * 2. it is a URL or connection string with an embedded password (urls.ts);
 * 3. it is bound to a secret-like name (names.ts) and its value looks like a
 *    credential rather than a placeholder, name, path or prose (values.ts);
 * 4. it is written where a secret goes by definition (sinks.ts: `SECRET_KEY`,
 *    `session({ secret })`, `jwt.sign(payload, secret)`): then any value but a
 *    placeholder written as such is one, and a weak one is called weak.
 */
import { lastSegment, stringCallee } from '../../ir/exprs';
import type { Expr, FileFacts, StringFact } from '../../ir/facts';
import { keyedFingerprint, maskSecret } from '../../ir/mask';
import type { FixKind } from '../../ir/types';
import { suggestEnvName } from './envName';
import { isSecretName, positionalSecret } from './names';
import { matchCredentialFormat } from './patterns';
import { isSecretText } from './secretText';
import { sinkOf } from './sinks';
import { findUrlCredential, isDefaultPassword, type UrlCredential } from './urls';
import { isStandIn, looksLikeSecretValue } from './values';

export interface FileContext {
  /** The file's path: part of the key each secret's fingerprint is keyed with. */
  path: string;
  /** Starts of literals that are the user-name slot of a `(user, password)` pair. */
  userSlots: Set<number>;
  /** Starts of literals that are the password slot of such a pair. */
  passwordSlots: Set<number>;
  /** Starts of literals tested as property names (`"token" in obj`): names, not values. */
  propertyTests: Set<number>;
  /** Joined paths of objects that are Firebase web configs, whose `apiKey` is public. */
  firebaseConfigs: Set<string>;
}

export interface Hit {
  /** What it is, for the message: `Stripe secret key`, `postgres URL with a password`, `DB_PASSWORD`. */
  label: string;
  /** The part of the value that is the secret: masked and hashed, never shown. */
  secret: string;
  envName: string;
  /** A provider format that looks issued: still reported in test files. */
  live?: boolean;
  /** Set for a weak value at a secret sink: where the message says it is (`passed to session({ secret })`). */
  weakAt?: string;
  /** Fix ids offered; move-to-env when unset (it rewrites string literals only). */
  fixes?: FixKind[];
}

/** A sink's value may be short (`app.secret_key = "dev"`); elsewhere six characters are needed. */
const MIN_SINK_SECRET_LENGTH = 3;

/** Whether a literal in its context is a secret, and what kind: the one classification every input shares. */
export function secretHit(fact: StringFact, context: FileContext): Hit | undefined {
  const value = fact.expr.value;
  if (value.length < MIN_SINK_SECRET_LENGTH) return undefined;
  // A docstring or a bare string statement is documentation, read no more than a comment is.
  if (fact.statement) return undefined;
  // Firebase web configs ship their `apiKey` to every browser: it identifies the project, it does not authorise.
  if (fact.name === 'apiKey' && context.firebaseConfigs.has(parentPath(fact))) return undefined;
  const hit =
    (value.length >= 6 ? formatHit(fact) : undefined) ??
    (fact.envFallback
      ? undefined
      : value.length >= 6
        ? (urlHit(fact) ?? nameHit(fact, context) ?? sinkHit(fact))
        : sinkHit(fact));
  return hit;
}

export function formatHit(fact: StringFact): Hit | undefined {
  const match = matchCredentialFormat(fact.expr.value);
  if (!match) return undefined;
  const { format } = match;
  // A development key offered as the fallback of an environment read is the documented Django pattern.
  if (fact.envFallback && format.id === 'django-secret-key') return undefined;
  return {
    label: format.label,
    secret: match.token,
    live: match.live,
    envName: suggestEnvName({
      name: fact.name,
      path: fact.path,
      calleeName: stringCallee(fact),
      formatEnvName: format.envName,
    }),
  };
}

export function urlHit(fact: StringFact): Hit | undefined {
  const value = fact.expr.value;
  if (!value.includes('://') && !value.includes(';')) return undefined;
  const credential = findUrlCredential(value);
  return credential && credentialHit(credential, fact.name, fact.path);
}

export function credentialHit(credential: UrlCredential, name: string | undefined, path: readonly string[]): Hit {
  const label =
    credential.scheme === 'connection string'
      ? 'connection string with a password'
      : `${credential.scheme} URL with a password`;
  return {
    label,
    secret: credential.password,
    envName: suggestEnvName({ name, path, urlScheme: credential.scheme }),
    weakAt: credential.weak
      ? `as the password of a ${credential.scheme === 'connection string' ? credential.scheme : `${credential.scheme} URL`}`
      : undefined,
  };
}

/** Calls that render a template with a context of values shown in the page (Django, Flask, Express). */
const TEMPLATE_RENDER = /^(?:render|render_template|render_to_string|render_to_response|TemplateResponse)$/;
/** A variable named for a password (`DB_PASSWORD`, `passwd`, `pwd`). */
export const PASSWORD_NAME = /pass(?:word|wd)?|pwd/i;
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/;

function nameHit(fact: StringFact, context: FileContext): Hit | undefined {
  const start = fact.expr.span.start;
  if (context.userSlots.has(start) || context.propertyTests.has(start)) return undefined;
  const name = context.passwordSlots.has(start) ? 'password' : (fact.name ?? positionalName(fact));
  if (name === undefined || !BINDING_NAME.test(name) || !secretName(name)) return undefined;
  // `render(request, "page.html", {"secret": "…"})`: a template context is what the page shows its reader.
  if (
    (fact.nameKind === 'key' || fact.nameKind === 'keyword') &&
    TEMPLATE_RENDER.test(lastSegment(stringCallee(fact) ?? ''))
  )
    return undefined;
  const value = fact.expr.value;
  // JWTs are judged by their claims in patterns.ts: one that got here is public (an `anon` key).
  if (JWT_SHAPE.test(value) || !looksLikeSecretValue(value)) return undefined;
  // A password column holding a hex digest stores the hash (md5/sha1/sha256/sha512), not the password.
  if (PASSWORD_NAME.test(name) && HEX_DIGEST.test(value)) return undefined;
  const aws = /^[A-Za-z0-9/+]{40}$/.test(value) && /aws|secret_?access/i.test(name);
  return {
    // The binding name is shown: not when it is a secret itself (a key that is a token).
    label: aws ? 'AWS secret access key' : isSecretText(name) ? 'secret' : name,
    secret: value,
    envName: suggestEnvName({
      name,
      path: fact.path,
      calleeName: stringCallee(fact),
      formatEnvName: aws ? 'AWS_SECRET_ACCESS_KEY' : undefined,
    }),
  };
}

/** A literal at a secret sink that the name test let pass because it is weak (`"keyboard cat"`, `"dev-secret"`). */
function sinkHit(fact: StringFact): Hit | undefined {
  const sink = sinkOf(fact);
  if (!sink) return undefined;
  const value = fact.expr.value;
  // `SECRET_KEY = "SECRET_KEY"` names the setting; it is not its value.
  if (isStandIn(value) || normalName(value) === normalName(fact.name ?? '')) return undefined;
  if (sink.password && isDefaultPassword(value)) return undefined;
  return {
    label: sink.label,
    secret: value,
    weakAt: sink.label,
    envName: sink.envName ?? suggestEnvName({ name: fact.name, path: fact.path }),
  };
}

function normalName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** isSecretName results: the same keyword, key and variable names recur across a file's strings and across files. */
const secretNames = new Map<string, boolean>();
const SECRET_NAMES_KEPT = 10_000;

function secretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    if (secretNames.size >= SECRET_NAMES_KEPT) secretNames.clear();
    secret = isSecretName(name);
    secretNames.set(name, secret);
  }
  return secret;
}

/** Identifiers, header names and dotted setting keys; not type names (`AWS::IAM::AccessKey`) or prose keys. */
const BINDING_NAME = /^[A-Za-z_$@][\w$.-]*$/;
const JWT_SHAPE = /^eyJ[\w-]+\.eyJ[\w-]+\./;

/** A secret passed by position to an API that takes one there; named after its variable when that says more. */
function positionalName(fact: StringFact): string | undefined {
  const implied = fact.call && positionalSecret(stringCallee(fact), fact.call.index);
  if (implied === undefined) return undefined;
  const outer = fact.path[fact.path.length - 1];
  return implied.wrapper && outer !== undefined && secretName(outer) ? outer : implied.name;
}

function parentPath(fact: StringFact): string {
  return fact.path.slice(0, -1).join('.');
}

const FIREBASE_KEYS = new Set(['authDomain', 'messagingSenderId', 'storageBucket', 'appId']);

/** The context of a file without code around its values (a document): no pairs, tests or configs to tell apart. */
export function bareContext(path: string): FileContext {
  return { path, userSlots: new Set(), passwordSlots: new Set(), propertyTests: new Set(), firebaseConfigs: new Set() };
}

export function fileContext(facts: FileFacts): FileContext {
  const userSlots = new Set<number>();
  const passwordSlots = new Set<number>();
  const markPair = (name: string | undefined, value: Expr) => {
    if (name === undefined || value.kind !== 'array' || value.elements.length !== 2 || !secretName(name)) return;
    const [user, password] = value.elements;
    if (user.kind === 'string') userSlots.add(user.span.start);
    if (password.kind === 'string') passwordSlots.add(password.span.start);
  };
  for (const call of facts.calls) for (const arg of call.expr.args) markPair(arg.name, arg.value);
  for (const a of facts.assignments) markPair(a.target.split('.').pop(), a.value);

  const firebaseConfigs = new Set<string>();
  for (const s of facts.strings) {
    if (s.nameKind === 'key' && s.name !== undefined && FIREBASE_KEYS.has(s.name)) firebaseConfigs.add(parentPath(s));
  }
  const propertyTests = new Set<number>();
  for (const c of facts.comparisons) {
    if ((c.op === 'in' || c.op === 'not in') && c.left.kind === 'string') propertyTests.add(c.left.span.start);
  }
  return { path: facts.path, userSlots, passwordSlots, propertyTests, firebaseConfigs };
}

/**
 * What a finding shows and is keyed by: the secret masked (`"sk_l…"`) and a
 * key of its binding plus a keyed hash. Keyed, and only in the key: a plain
 * hash next to the mask would let a reader of CI logs test guesses.
 */
export function secretIdentity(hit: Hit, binding: string, path: string): { key: string; shown: string } {
  const hash = keyedFingerprint(hit.secret, ['hardcoded-secret', path, binding]);
  return { key: `${binding}#${hash}`, shown: `"${maskSecret(hit.secret)}"` };
}
