/**
 * What a value looks like, independent of its name: placeholders, values
 * that have a non-secret shape (paths, URLs, identifiers, hashes, UUIDs,
 * prose, templates, regexes), and whether it has enough randomness to be a
 * credential. Name-based hits need all three answers; format hits only the
 * placeholder check.
 */

/** Shannon entropy in bits per character (code points, as `for…of` counts them). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // Numeric keys and no per-character strings: a 1 MB literal costs a few ms.
  const counts = new Map<number, number>();
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.codePointAt(i) as number;
    if (c > 0xffff) i++;
    counts.set(c, (counts.get(c) ?? 0) + 1);
    n++;
  }
  let bits = 0;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Words that say "put the real value here" and nothing else. At a secret
 * sink (sinks.ts) only values made of these are placeholders: `secret`,
 * `dev-secret` and `keyboard cat` there are the app's real, weak, key.
 */
const STAND_IN_WORDS = new Set([
  'changeme',
  'change',
  'replace',
  'replaceme',
  'placeholder',
  'example',
  'sample',
  'dummy',
  'fake',
  'your',
  'here',
  'insert',
  'enter',
  'put',
  'goes',
  'me',
  'this',
  'todo',
  'fixme',
  'tbd',
  'none',
  'null',
  'nil',
  'undefined',
  'empty',
  'redacted',
  'hidden',
  'masked',
  'removed',
  'xxx',
]);

/**
 * Words that stand in for a credential in docs, samples and templates. A
 * value made only of these words, digits and separators is a placeholder:
 * `changeme`, `your-api-key`, `secret123`, `test_token`. Weak but real
 * passwords such as `password` are deliberately among them: as a value they
 * cannot be told from a form-field name or a sample (see the README).
 */
const PLACEHOLDER_WORDS = new Set([
  ...STAND_IN_WORDS,
  'password',
  'passwd',
  'pass',
  'pwd',
  'secret',
  'secrets',
  'token',
  'key',
  'apikey',
  'api',
  'access',
  'private',
  'auth',
  'mock',
  'test',
  'testing',
  'demo',
  'default',
  'my',
  'set',
  'secure',
  'foo',
  'bar',
  'baz',
  'qux',
  'xyz',
  'abc',
  'value',
  'string',
  'str',
  'admin',
  'root',
  'user',
  'username',
  'guest',
  'qwerty',
  'letmein',
  'keyboard',
  'cat',
  'dev',
  'development',
  'local',
  'localhost',
  'postgres',
  'mysql',
  'redis',
  'rabbitmq',
  'mongo',
  'sk',
  'pk',
  'ghp',
  'the',
  'a',
  'an',
  'of',
  'to',
  'for',
  'with',
  'new',
  'old',
  'super',
  'very',
  'some',
  'random',
  'long',
  'app',
  'client',
  'bot',
  'live',
  'prod',
  'production',
  'staging',
  'sandbox',
  'anonymous',
]);

const TEMPLATE_MARKERS = /\$\{|\{\{|\}\}|%\(|%[sd]\b|\{\d*\}|\{[a-z_]+\}|^\$[A-Z_]+$|<%|%>/i;
const REPEATED = /^(.)\1+$/;
const MASK_RUN = /(x{4,}|X{4,}|\*{3,}|#{4,}|\.{3,}|\u2026|_{4,}|-{4,}|0{8,}|9{8,})/;
const ANGLE_OR_BRACKET = /^[<[{(].*[>\]})]$/s;

/**
 * True for values that stand in for a secret rather than being one:
 * empty, masked runs (`xxxx`, `***`, `…`), templates (`${VAR}`, `{{ x }}`,
 * `%(password)s`, `<your-key>`), and values spelled only with placeholder
 * words (`changeme`, `YOUR_TOKEN_HERE`, `your-secret-here`, `test1234`).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (isWrittenAsPlaceholder(v)) return true;
  const words = valueWords(v);
  if (words.length === 0) return false;
  return words.every((w) => PLACEHOLDER_WORDS.has(w));
}

/** Placeholders written as such (`<your-key>`, `changeme`, `your-secret-here`, `xxx`, `${SECRET}`, empty). */
export function isStandIn(value: string): boolean {
  const v = value.trim();
  if (isWrittenAsPlaceholder(v)) return true;
  const words = valueWords(v);
  return words.length > 0 && words.every((w) => STAND_IN_WORDS.has(w));
}

function valueWords(v: string): string[] {
  return v
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** Empty, masked runs, templates, bracketed hints and the usual "change me" spellings. */
function isWrittenAsPlaceholder(v: string): boolean {
  if (v.length === 0) return true;
  if (REPEATED.test(v)) return true;
  if (MASK_RUN.test(v)) return true;
  if (TEMPLATE_MARKERS.test(v)) return true;
  if (ANGLE_OR_BRACKET.test(v) && !/^[{[]\s*"/.test(v)) return true;
  if (/example|placeholder|change[-_]?me|replace[-_]?me/i.test(v)) return true;
  // `your-api-key-here`: each `your` tries up to 32 letters before the keyword, so a long run of
  // `your` costs 30 steps a character. Placeholders are short; long text is never tried.
  return v.length <= MAX_PLACEHOLDER_LENGTH && YOUR_KEY.test(v);
}

const MAX_PLACEHOLDER_LENGTH = 256;
const YOUR_KEY = /your[-_ ]?(own[-_ ]?)?[a-z]{0,32}[-_ ]?(key|token|secret|password|here)/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;
const HOSTNAME = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?$/i;
const VERSION_OR_DATE = /^v?\d+(?:[.\-/:]\d+)+(?:[-+.][0-9a-z.]+)?$/i;
const NUMERIC = /^[\d.,_+-]+$/;
const COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const PASSWORD_HASH =
  /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|scrypt|pbkdf2[-_a-z0-9]*)\$|(?:pbkdf2_sha\d+|bcrypt(?:_sha256)?|argon2|scrypt|sha1|md5)\$)/;
const SRI_HASH = /^sha(?:256|384|512)-[A-Za-z0-9+/]+=*$/;
const MIME = /^[a-z]+\/[a-z0-9.+-]+$/i;
const REGEX_HINT = /\\[dDwWsSbB]|\(\?[:=!<]|\[\^?[a-zA-Z0-9]-[a-zA-Z0-9]|^\^|[^\\]\$$|\{\d+,\d*\}/;
/** Source code in a string: a call (`runf()`), an arrow, an assignment. */
const CODE = /^[\w.$]+\(.*\)$|=>/;
const MARKUP = /^<[a-z!/]|^[{[]\s*["}\]]/i;

const FILE_NAME =
  /^[\w@-]+(?:\.[\w-]+)*\.(?:pem|key|crt|cer|der|p12|pfx|jks|json|ya?ml|toml|ini|env|txt|conf|cfg|gpg|asc|pub|py|js|ts|log|db|sqlite3?)$/i;

/** The value is a filesystem path or file name (`/etc/ssl/key.pem`, `./secrets.json`, `C:\\keys\\id_rsa`). */
export function isPath(value: string): boolean {
  if (FILE_NAME.test(value)) return true;
  if (/^[a-z]:\\/i.test(value)) return true;
  if (!value.includes('/') || /[+=]/.test(value)) return false;
  const rest = value.replace(/^(?:~|\.{1,2})?\//, '').replace(/\/$/, '');
  // Every segment is `[\w.@-]*`; a scan, not `split`, walks the segments.
  if (/[^\w.@/-]/.test(rest)) return false;
  for (let start = 0; start <= rest.length;) {
    let end = rest.indexOf('/', start);
    if (end < 0) end = rest.length;
    // Base64 may hold `/` too; its segments are long, dense and mixed-case.
    if (end - start >= 12 && looksRandom(rest.slice(start, end))) return false;
    start = end + 1;
  }
  return true;
}

function looksRandom(s: string): boolean {
  return s.length >= 12 && shannonEntropy(s) >= 3.3 && /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);
}

/**
 * True when the value reads as a name rather than data: identifiers,
 * constants, i18n ids, header names (`secret_key`, `X-Auth-Token`,
 * `auth.password.invalid`, `deploy-bot-01`). Letters mixed with digits inside
 * one word (`hunter2`, `s3cr3t`) are not identifier-like; nor is a single
 * long run of letters with the entropy of random text.
 */
export function isIdentifierLike(raw: string): boolean {
  // Sigils around a name (`#bygroup`, `@handle`, `:id`) do not make it data.
  const value = trimSigils(raw);
  // Every token is alphanumeric (the separators are `_.-:/`): anything else fails at once.
  if (/[^A-Za-z0-9_.:/-]/.test(value)) return false;
  // A scan over the tokens, not `split`: a megabyte of `a.` is half a million strings.
  const count = countTokens(value);
  if (count === 0) return false;
  let named = false;
  for (let start = 0; start < value.length;) {
    while (start < value.length && isSeparator(value.charCodeAt(start))) start++;
    if (start === value.length) break;
    let end = start;
    let digits = 0;
    let lower = 0;
    let upper = 0;
    for (; end < value.length && !isSeparator(value.charCodeAt(end)); end++) {
      const c = value.charCodeAt(end);
      if (c >= 48 && c <= 57) digits++;
      else if (c >= 97 && c <= 122) lower++;
      else upper++;
    }
    const length = end - start;
    // All digits, or one case of letters: a name part; the only letters-only tech word (`scrypt`) has 3+ letters.
    if (digits === length) {
      // continue
    } else if (lower === length || upper === length) {
      if (length >= 3) named = true;
    } else {
      const t = value.slice(start, end);
      if (!isNameToken(t, count)) return false;
      if (/^[A-Za-z]{3,}/.test(t) || TECH_WORD.test(t)) named = true;
    }
    start = end;
  }
  if (!named) return false;
  return !(count === 1 && value.length >= 16 && isRandomLetters(value));
}

/** `_ . - : /`, the separators of a name's tokens. */
function isSeparator(c: number): boolean {
  return c === 95 || c === 46 || c === 45 || c === 58 || c === 47;
}

function countTokens(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    if (!isSeparator(value.charCodeAt(i)) && (i === 0 || isSeparator(value.charCodeAt(i - 1)))) count++;
  }
  return count;
}

/** One token of a name with `count` tokens: a tech word, a short version-like word in a compound, or a cased word. */
function isNameToken(t: string, count: number): boolean {
  if (/^\d+$/.test(t) || TECH_WORD.test(t)) return true;
  // In a compound name, short version-like words are names too (`s3_bucket`, `oauth2-client`, `x509.pem`).
  if (count > 1 && /^(?:[A-Za-z]{1,8}\d{1,3}|\d{1,3}[A-Za-z]{1,8})$/.test(t)) return true;
  return /^[A-Za-z][A-Za-z0-9]*$/.test(t) && isWordCasing(t);
}

/**
 * `raw` without leading `#@:$` and trailing `:?!`. A loop, not
 * `/[:?!]+$/`, which is retried at every character of a long run that does
 * not end the string (quadratic).
 */
function trimSigils(raw: string): string {
  let start = 0;
  while (start < raw.length && '#@:$'.includes(raw[start])) start++;
  let end = raw.length;
  while (end > start && ':?!'.includes(raw[end - 1])) end--;
  return raw.slice(start, end);
}

/** Names of algorithms, encodings and protocols spelled with digits: `oauth2`, `sha256`, `base64`, `HS256`. */
const TECH_WORD =
  /^(?:oauth[12]|sha(?:1|3|224|256|384|512)|md[45]|base(?:32|58|64)|utf(?:8|16)|https?[23]|aes\d{3}|rsa\d{4}|ed(?:25519|448)|x509|s3|ec2|k8s|i18n|l10n|[hrep]s(?:256|384|512)|pbkdf2|argon2(?:id|i|d)?|scrypt|v\d{1,2}|ipv[46]|blake2[bs]?|crc32|tls1[0-3]?|h2c?|win(?:32|64)|arm64|amd64|x86|x64)$/i;

/**
 * lower, UPPER, Capitalized or camelCase words (`userId`, `XAuthToken`,
 * `getOAuth2Token`); not rAnDoM casing, and not one word with digits in it
 * (`hunter2`, `Summer2024`, `Passw0rd`), which is how passwords are spelled.
 */
function isWordCasing(token: string): boolean {
  if (/^[a-z]+$/.test(token) || /^[A-Z]+$/.test(token)) return true;
  const words = token.match(/[A-Z]+\d*(?![a-z])|[A-Z]?[a-z]+(?:\d+(?=[A-Z]|$))?/g) ?? [];
  if (words.join('') !== token) return false;
  if (/\d/.test(token) && words.length < 2) return false;
  return token.length / words.length >= 3;
}

/** A long single-case run of letters with few vowels reads as random, not as a word. */
function isRandomLetters(value: string): boolean {
  if (!/^[a-z]+$|^[A-Z]+$/.test(value)) return false;
  const vowels = (value.match(/[aeiou]/gi) ?? []).length;
  return vowels / value.length < 0.25;
}

/** Values that have the shape of something other than a credential. */
export function hasNonSecretShape(value: string): boolean {
  return (
    /\s/.test(value) ||
    UUID.test(value) ||
    URL_LIKE.test(value) ||
    EMAIL.test(value) ||
    HOSTNAME.test(value) ||
    // Its group and tail overlap: backtracking is quadratic in the length, so only short values are tried.
    (value.length <= 64 && VERSION_OR_DATE.test(value)) ||
    NUMERIC.test(value) ||
    COLOR.test(value) ||
    PASSWORD_HASH.test(value) ||
    SRI_HASH.test(value) ||
    MIME.test(value) ||
    MARKUP.test(value) ||
    CODE.test(value) ||
    REGEX_HINT.test(value) ||
    isPath(value) ||
    URL_PATH_OR_QUERY.test(value) ||
    isIdentifierLike(value)
  );
}

/** An endpoint path with a query, or a query-string fragment (`/api/authorize?response_type=token&…`, `&redirect_uri=…`). */
const URL_PATH_OR_QUERY = /^(?:\/[\w.~%-]*)+\?[\w.~%-]+=|^[?&][\w.~%-]+=/;

/**
 * Values that are public by design: Stripe publishable keys, Mapbox public
 * tokens, SSH public keys, PEM public keys and certificates.
 */
const PUBLIC_VALUE =
  /^(?:0x[0-9a-fA-F]{40}$|pk_(?:live|test)_|pk\.eyJ|ssh-(?:rsa|ed25519|dss) |ecdsa-sha2-nistp\d+ |sk-(?:ssh-ed25519|ecdsa-sha2)@|-----BEGIN (?:RSA |EC )?PUBLIC KEY-----|-----BEGIN CERTIFICATE-----)/;

export function isPublicValue(value: string): boolean {
  return PUBLIC_VALUE.test(value.trimStart());
}

/** `Bearer abc`, `Basic abc`, `Token abc`: the credential is what follows the scheme. */
export function stripAuthScheme(value: string): string {
  const m = /^(?:bearer|basic|token|bot|digest|apikey|key)\s+(\S+)$/i.exec(value.trim());
  return m ? m[1] : value;
}

export const MIN_NAMED_SECRET_LENGTH = 6;

/**
 * Whether a value bound to a secret-like name is plausibly a real credential:
 * long enough, not a placeholder, not shaped like something else, and with
 * some randomness (at least two character classes, or high entropy).
 */
export function looksLikeSecretValue(raw: string): boolean {
  const value = stripAuthScheme(raw);
  if (value.length < MIN_NAMED_SECRET_LENGTH) return false;
  if (isPlaceholder(value) || isPublicValue(value) || hasNonSecretShape(value)) return false;
  if (new Set(value).size < 5) return false;
  let classes = 0;
  if (/[a-z]/.test(value)) classes++;
  if (/[A-Z]/.test(value)) classes++;
  if (/\d/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  return classes >= 2 || (value.length >= 16 && shannonEntropy(value) >= 3.5);
}
