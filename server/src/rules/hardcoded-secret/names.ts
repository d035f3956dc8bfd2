/**
 * Secret-like binding names. A name is split into words (`stripeSecretKey`,
 * `STRIPE_SECRET_KEY`, `x-api-key` → stripe/secret/key) and judged by its
 * last meaningful word, so `password` is a secret but `password_reset_url`,
 * `PASSWORD_FIELD` and `token_type` are not. `key` counts only after a word
 * that makes it a credential (`api_key`, `secret_key`, `stripe_key`), never
 * in `primary_key`, `sort_key` or `cache_key`.
 */
import { identifierWords } from '../../lib/identifiers';

/** Words that are a credential by themselves when they end a name. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'pw',
  'pass',
  'secret',
  'credential',
  'credentials',
  'creds',
  'token',
  'auth',
  'authorization',
  'apikey',
]);

/** Words before `key` that make it a credential. */
const KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'access',
  'auth',
  'signing',
  'sign',
  'signature',
  'encryption',
  'encrypt',
  'decryption',
  'crypt',
  'crypto',
  'cipher',
  'aes',
  'fernet',
  'hmac',
  'jwt',
  'master',
  'service',
  'account',
  'admin',
  'webhook',
  'subscription',
  'shared',
  'ingest',
  'ingestion',
  'deploy',
  'license',
  'server',
  'rest',
  'management',
  'mgmt',
  'root',
  // Vendors whose bare "KEY" is a secret. OAuth providers are left out: their
  // `*_KEY` settings (SOCIAL_AUTH_GITHUB_KEY, PUSHER_KEY) hold public client ids.
  'stripe',
  'openai',
  'anthropic',
  'sendgrid',
  'mailgun',
  'mailchimp',
  'twilio',
  'datadog',
  'postmark',
  'brevo',
  'resend',
  'cohere',
  'mistral',
  'groq',
  'replicate',
  'pinecone',
  'aws',
  'azure',
  'newrelic',
  'rollbar',
]);

/** Words before `token` that make it something other than a credential. */
const TOKEN_NON_SECRET = new Set([
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'pagination',
  'cursor',
  'sync',
  'resume',
  'csrf',
  'xsrf',
  'cancel',
  'cancellation',
  'eos',
  'bos',
  'pad',
  'unk',
  'mask',
  'sep',
  'cls',
  'special',
  'start',
  'end',
  'stop',
  'split',
  'max',
  'min',
  'num',
  'count',
  'lexer',
  'parse',
  'design',
  'color',
  'css',
  'theme',
]);

/** Qualifiers that say the value is not the live credential (`hashed_password`, `wrong_password`). */
const NEGATING_QUALIFIERS = new Set([
  'hashed',
  'hash',
  'masked',
  'mask',
  'encrypted',
  'wrong',
  'bad',
  'invalid',
  'incorrect',
  'weak',
  'expired',
  'revoked',
  'fake',
  'dummy',
  'mock',
  'example',
  'sample',
  'placeholder',
  'public',
  'publishable',
  'site',
  'min',
  'max',
  'forgot',
  'reset',
  'show',
  'hide',
  'toggle',
  'has',
  'is',
  'use',
  'require',
  'requires',
  'needs',
  'no',
  'disable',
  'disabled',
  'enable',
  'enabled',
  'skip',
  'allow',
  'without',
  'supports',
  'should',
]);

/** Trailing words that qualify the environment or encoding of the same secret (`STRIPE_KEY_LIVE`, `secret_b64`). */
const TRAILING_MODIFIERS = new Set([
  'live',
  'test',
  'prod',
  'production',
  'dev',
  'development',
  'staging',
  'stage',
  'sandbox',
  'local',
  'default',
  'fallback',
  'fallbacks',
  'value',
  'val',
  'raw',
  'str',
  'string',
  'bytes',
  'plain',
  'plaintext',
  'b64',
  'base64',
  'hex',
  'old',
  'new',
  'current',
  'primary',
  'secondary',
  'v1',
  'v2',
]);

/** Lowercase run-together names: `apikey`, `secretkey`, `authtoken`, `dbpassword`. */
const COMPOUND_SUFFIXES = ['password', 'passwd', 'secret', 'token', 'key'];

/** The words of an identifier, key or header name, lowercased. */
export function nameWords(name: string): string[] {
  // `key2`: a trailing number is a word of its own.
  return identifierWords(name.replace(/([a-zA-Z])(\d+)$/, '$1 $2')).flatMap(splitCompound);
}

function splitCompound(word: string): string[] {
  if (SECRET_WORDS.has(word) || word === 'key') return [word];
  for (const suffix of COMPOUND_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) {
      const head = word.slice(0, -suffix.length);
      if (suffix === 'key' || suffix === 'token') {
        if (
          KEY_QUALIFIERS.has(head) ||
          (suffix === 'token' && /^(access|refresh|auth|bearer|bot|id|session)$/.test(head))
        ) {
          return [head, suffix];
        }
        continue;
      }
      return [head, suffix];
    }
  }
  return [word];
}

/** Whether a binding name (assignment target, keyword, key, parameter, field) names a credential. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  while (
    words.length > 1 &&
    (TRAILING_MODIFIERS.has(words[words.length - 1]) || /^\d+$/.test(words[words.length - 1]))
  ) {
    words.pop();
  }
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const before = words.slice(0, -1);
  if (before.some((w) => NEGATING_QUALIFIERS.has(w))) return false;
  const prev = before[before.length - 1];
  if (last === 'key') return prev !== undefined && KEY_QUALIFIERS.has(prev);
  if (last === 'token') return prev === undefined || !TOKEN_NON_SECRET.has(prev);
  return SECRET_WORDS.has(last);
}

export interface PositionalSecret {
  /** The binding name the argument stands for. */
  name: string;
  /** The call returns the secret itself (`SecretStr("…")`), so the variable it is assigned to names it. */
  wrapper: boolean;
}

/**
 * Call arguments that are secrets by position, where the API gives them no
 * name at the call site: `jwt.sign(payload, "secret")`,
 * `crypto.createHmac("sha256", key)`, `hmac.new(key, …)`, `cookieParser(secret)`,
 * `client.login(user, password)`, `SecretStr("…")`.
 */
export function positionalSecret(calleeName: string | undefined, index: number): PositionalSecret | undefined {
  if (calleeName === undefined) return undefined;
  for (const [pattern, argIndex, name] of POSITIONAL_SINKS) {
    if (argIndex === index && pattern.test(calleeName)) return { name, wrapper: name === 'secret' };
  }
  return undefined;
}

const POSITIONAL_SINKS: readonly [RegExp, number, string][] = [
  [/^(?:jsonwebtoken|jwt|jose)\.(?:sign|verify)$/, 1, 'jwt_secret'],
  [/^(?:jwt|jose\.jwt)\.(?:encode|decode)$/, 1, 'jwt_secret'],
  [/^(?:crypto|node:crypto)\.createHmac$/, 1, 'hmac_key'],
  [/^(?:crypto|node:crypto)\.createCipheriv$/, 1, 'encryption_key'],
  [/^hmac\.new$/, 0, 'hmac_key'],
  [/^(?:cookie-parser|cookieParser)$/, 0, 'cookie_secret'],
  [/(?:^|\.)Fernet$/, 0, 'fernet_key'],
  [/(?:^|\.)(?:URLSafe)?(?:Timed)?Serializer$/, 0, 'secret_key'],
  [/(?:^|\.)(?:HTTPBasicAuth|HTTPDigestAuth|BasicAuth)$/, 1, 'password'],
  [/\.login$/, 1, 'password'],
  [/(?:^|\.)Secret(?:Str|Bytes)$/, 0, 'secret'],
];
