/**
 * Known credential formats: literals that are secrets wherever they appear.
 *
 * Each format has a cheap substring prefilter (a prefix every match starts
 * with, or a marker it must contain) that is tested before its regex, so a
 * file full of ordinary strings costs a few `includes` per string. The
 * regexes are written for this project; each demands the vendor's prefix
 * plus a body of the documented alphabet and length, bounded so that a
 * token inside a longer string (`Bearer ghp_…`, a webhook URL) is found but
 * a longer identifier that merely starts the same way is not.
 */
import { isPlaceholder, shannonEntropy } from './values';

export interface CredentialFormat {
  id: string;
  /** Shown in messages: `Stripe secret key`. */
  label: string;
  /** Suggested environment variable when the literal has no binding name. */
  envName: string;
  /** At least one of these must occur in the value before the regex runs. */
  needles: readonly string[];
  /** Matches the credential; group 1, when present, is the random body. */
  regex: RegExp;
  /** Extra check on the match (e.g. a JWT header that decodes to JSON with `alg`). */
  verify?: (token: string) => boolean;
  /**
   * Whether a match looks issued for real use (default: yes). Test-mode keys,
   * self-signed JWTs and Django's `django-insecure-` keys do not: test files
   * report only live-looking ones.
   */
  live?: (token: string) => boolean;
}

export interface FormatMatch {
  format: CredentialFormat;
  /** The credential as found in the value (the whole value, or a token inside it). */
  token: string;
  /** Offset of the token in the value. */
  index: number;
  /** The format's `live` verdict on the token. */
  live: boolean;
}

// Boundaries: a token must not continue an identifier or a base64 run on either side.
const B = '(?<![A-Za-z0-9_])';
const E = '(?![A-Za-z0-9_])';
const re = (body: string, flags = '') => new RegExp(`${B}${body}${E}`, flags);

export const FORMATS: readonly CredentialFormat[] = [
  {
    id: 'aws-access-key-id',
    label: 'AWS access key ID',
    envName: 'AWS_ACCESS_KEY_ID',
    needles: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    regex: re('(?:AKIA|ASIA|ABIA|ACCA)([A-Z2-7]{16})'),
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    envName: 'GITHUB_TOKEN',
    needles: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    regex: re('gh[pousr]_([A-Za-z0-9]{36})'),
  },
  {
    id: 'github-fine-grained-token',
    label: 'GitHub fine-grained token',
    envName: 'GITHUB_TOKEN',
    needles: ['github_pat_'],
    regex: re('github_pat_([A-Za-z0-9]{22}_[A-Za-z0-9]{59})'),
  },
  {
    id: 'gitlab-token',
    label: 'GitLab token',
    envName: 'GITLAB_TOKEN',
    needles: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-'],
    regex: re('(?:glpat|gldt|glrt|glptt|glcbt)-([A-Za-z0-9_-]{20,})'),
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    envName: 'SLACK_TOKEN',
    needles: ['xox'],
    regex: re('xox[abprse]-((?:[0-9]{6,}-){1,3}[A-Za-z0-9-]{10,})'),
  },
  {
    id: 'slack-app-token',
    label: 'Slack app token',
    envName: 'SLACK_APP_TOKEN',
    needles: ['xapp-'],
    regex: re('xapp-\\d-([A-Z0-9]{8,}-\\d{6,}-[a-f0-9]{32,})'),
  },
  {
    id: 'slack-webhook',
    label: 'Slack webhook URL',
    envName: 'SLACK_WEBHOOK_URL',
    needles: ['hooks.slack.com'],
    regex: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/,
  },
  {
    id: 'discord-webhook',
    label: 'Discord webhook URL',
    envName: 'DISCORD_WEBHOOK_URL',
    needles: ['/api/webhooks/'],
    regex: /discord(?:app)?\.com\/api\/webhooks\/\d{15,}\/([A-Za-z0-9_-]{60,})/,
  },
  {
    id: 'stripe-secret-key',
    label: 'Stripe secret key',
    envName: 'STRIPE_SECRET_KEY',
    needles: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    regex: re('[sr]k_(?:live|test)_([A-Za-z0-9]{20,247})'),
    live: (token) => token.includes('_live_'),
  },
  {
    id: 'stripe-webhook-secret',
    label: 'Stripe webhook secret',
    envName: 'STRIPE_WEBHOOK_SECRET',
    needles: ['whsec_'],
    regex: re('whsec_([A-Za-z0-9+/]{32,})'),
  },
  {
    id: 'google-api-key',
    label: 'Google API key',
    envName: 'GOOGLE_API_KEY',
    needles: ['AIza'],
    regex: re('AIza([A-Za-z0-9_-]{35})'),
  },
  {
    id: 'google-oauth-client-secret',
    label: 'Google OAuth client secret',
    envName: 'GOOGLE_CLIENT_SECRET',
    needles: ['GOCSPX-'],
    regex: re('GOCSPX-([A-Za-z0-9_-]{28})'),
  },
  {
    id: 'google-oauth-access-token',
    label: 'Google OAuth access token',
    envName: 'GOOGLE_ACCESS_TOKEN',
    needles: ['ya29.'],
    regex: re('ya29\\.([A-Za-z0-9_-]{30,})'),
  },
  {
    id: 'twilio-api-key',
    label: 'Twilio API key',
    envName: 'TWILIO_API_KEY',
    needles: ['SK'],
    regex: re('SK([0-9a-f]{32})'),
  },
  {
    id: 'sendgrid-api-key',
    label: 'SendGrid API key',
    envName: 'SENDGRID_API_KEY',
    needles: ['SG.'],
    regex: re('SG\\.([A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})'),
  },
  {
    id: 'anthropic-api-key',
    label: 'Anthropic API key',
    envName: 'ANTHROPIC_API_KEY',
    needles: ['sk-ant-'],
    regex: re('sk-ant-(?:api|admin)\\d{2}-([A-Za-z0-9_-]{80,})'),
  },
  {
    id: 'openai-api-key',
    label: 'OpenAI API key',
    envName: 'OPENAI_API_KEY',
    needles: ['sk-'],
    // Legacy keys carry `T3BlbkFJ` (base64 of "OpenAI"); project and service keys a typed prefix.
    regex: re(
      'sk-(?:(?:proj|svcacct|admin)-([A-Za-z0-9_-]{40,})|([A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})|([A-Za-z0-9]{32,64}))',
    ),
  },
  {
    id: 'npm-token',
    label: 'npm access token',
    envName: 'NPM_TOKEN',
    needles: ['npm_'],
    regex: re('npm_([A-Za-z0-9]{36})'),
  },
  {
    id: 'pypi-token',
    label: 'PyPI API token',
    envName: 'PYPI_TOKEN',
    needles: ['pypi-AgE'],
    // The body is a macaroon whose base64 begins with the index's host name.
    regex: re('pypi-(AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,})'),
  },
  {
    id: 'huggingface-token',
    label: 'Hugging Face token',
    envName: 'HF_TOKEN',
    needles: ['hf_'],
    regex: re('hf_([A-Za-z]{34})'),
  },
  {
    id: 'shopify-token',
    label: 'Shopify access token',
    envName: 'SHOPIFY_ACCESS_TOKEN',
    needles: ['shpat_', 'shpss_', 'shpca_', 'shppa_'],
    regex: re('shp(?:at|ss|ca|pa)_([a-fA-F0-9]{32})'),
  },
  {
    id: 'digitalocean-token',
    label: 'DigitalOcean token',
    envName: 'DIGITALOCEAN_TOKEN',
    needles: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    regex: re('do[por]_v1_([a-f0-9]{64})'),
  },
  {
    id: 'mailgun-api-key',
    label: 'Mailgun API key',
    envName: 'MAILGUN_API_KEY',
    needles: ['key-'],
    regex: re('key-([a-f0-9]{32})'),
  },
  {
    id: 'mailchimp-api-key',
    label: 'Mailchimp API key',
    envName: 'MAILCHIMP_API_KEY',
    needles: ['-us'],
    regex: re('([a-f0-9]{32})-us\\d{1,2}'),
  },
  {
    id: 'telegram-bot-token',
    label: 'Telegram bot token',
    envName: 'TELEGRAM_BOT_TOKEN',
    needles: [':AA'],
    regex: re('\\d{8,10}:(AA[A-Za-z0-9_-]{33})'),
  },
  {
    id: 'square-token',
    label: 'Square access token',
    envName: 'SQUARE_ACCESS_TOKEN',
    needles: ['sq0atp-', 'sq0csp-'],
    regex: re('sq0(?:atp|csp)-([A-Za-z0-9_-]{22,43})'),
  },
  {
    id: 'linear-api-key',
    label: 'Linear API key',
    envName: 'LINEAR_API_KEY',
    needles: ['lin_api_'],
    regex: re('lin_api_([A-Za-z0-9]{40})'),
  },
  {
    id: 'postman-api-key',
    label: 'Postman API key',
    envName: 'POSTMAN_API_KEY',
    needles: ['PMAK-'],
    regex: re('PMAK-([a-f0-9]{24}-[a-f0-9]{34})'),
  },
  {
    id: 'databricks-token',
    label: 'Databricks token',
    envName: 'DATABRICKS_TOKEN',
    needles: ['dapi'],
    regex: re('dapi([a-f0-9]{32})(?:-\\d)?'),
  },
  {
    id: 'grafana-token',
    label: 'Grafana token',
    envName: 'GRAFANA_TOKEN',
    needles: ['glsa_', 'glc_'],
    regex: re('(?:glsa_([A-Za-z0-9]{32}_[a-f0-9]{8})|glc_([A-Za-z0-9+/]{32,}={0,2}))'),
  },
  {
    id: 'newrelic-key',
    label: 'New Relic key',
    envName: 'NEW_RELIC_API_KEY',
    needles: ['NRAK-'],
    regex: re('NRAK-([A-Z0-9]{27})'),
  },
  {
    id: 'sentry-token',
    label: 'Sentry auth token',
    envName: 'SENTRY_AUTH_TOKEN',
    needles: ['sntrys_', 'sntryu_'],
    regex: re('(?:sntrys_([A-Za-z0-9+/=_]{60,})|sntryu_([a-f0-9]{64}))'),
  },
  {
    id: 'doppler-token',
    label: 'Doppler token',
    envName: 'DOPPLER_TOKEN',
    needles: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'],
    regex: re('dp\\.(?:pt|st|sa|ct)\\.([A-Za-z0-9]{40,44})'),
  },
  {
    id: 'age-secret-key',
    label: 'age secret key',
    envName: 'AGE_SECRET_KEY',
    needles: ['AGE-SECRET-KEY-1'],
    regex: re('AGE-SECRET-KEY-1([QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})'),
  },
  {
    id: 'azure-storage-key',
    label: 'Azure storage account key',
    envName: 'AZURE_STORAGE_CONNECTION_STRING',
    needles: ['AccountKey='],
    regex: /AccountKey=([A-Za-z0-9+/]{86}==)/,
  },
  {
    id: 'django-secret-key',
    label: 'Django secret key',
    envName: 'DJANGO_SECRET_KEY',
    needles: ['django-insecure-'],
    regex: /django-insecure-(\S{30,})/,
    live: () => false,
  },
  {
    id: 'private-key',
    label: 'private key',
    envName: 'PRIVATE_KEY',
    needles: ['PRIVATE KEY'],
    // A key body must follow the header: a header alone is a constant, not a key.
    regex:
      /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:\s|\\n)*([A-Za-z0-9+/=\s\\:-]{64,})/,
    verify: (token) => (token.replace(/\\n|\s|-/g, '').match(/[A-Za-z0-9+/]/g) ?? []).length >= 64,
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    envName: 'JWT_TOKEN',
    needles: ['eyJ'],
    // A token starts where its base64url run starts (`-` included): testing
    // every `eyJ` inside one long run would rescan the run from each (quadratic).
    regex: new RegExp(`(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.([A-Za-z0-9_-]{16,})${E}`),
    verify: isSecretJwt,
    // Test suites sign their own tokens; a JWT's format says nothing about who issued it.
    live: () => false,
  },
];

/** The first known credential format found in a string value, if any. */
export function matchCredentialFormat(value: string): FormatMatch | undefined {
  // The shortest format (an AWS key ID, a Twilio key) is 20+ characters.
  if (value.length < 20) return undefined;
  for (const format of FORMATS) {
    if (!format.needles.some((n) => value.includes(n))) continue;
    const m = format.regex.exec(value);
    if (!m) continue;
    const token = m[0];
    const body = m.slice(1).find((g) => g !== undefined) ?? token;
    if (format.verify && !format.verify(token)) continue;
    if (!isRandomBody(body, format.id)) continue;
    return { format, token, index: m.index, live: format.live?.(token) ?? true };
  }
  return undefined;
}

const MAX_BODY = 8192;

/**
 * Sample and documentation tokens are made of repeated characters, masks or
 * words (`sk_live_xxxxxxxxxxxxxxxxxxxx`, `AKIAIOSFODNN7EXAMPLE`). A real
 * body has the entropy of random text.
 */
function isRandomBody(whole: string, formatId: string): boolean {
  if (/example|sample|dummy|placeholder|your/i.test(whole)) return false;
  // No credential body is longer (an RSA-8192 key is 6.3 kB); judging a prefix
  // keeps a megabyte-long match to the cost of its regex.
  const body = whole.length > MAX_BODY ? whole.slice(0, MAX_BODY) : whole;
  if (formatId === 'private-key') return !/x{8,}|\.{3,}/i.test(body);
  if (isPlaceholder(body)) return false;
  // Hex bodies top out at 4 bits per character; base62 ones near 6.
  const threshold = /^[a-f0-9-]+$/i.test(body) ? 2.8 : 3.0;
  return shannonEntropy(body) >= threshold;
}

/**
 * A JWT whose header decodes to JSON with `alg` is a bearer credential,
 * except Supabase-style `anon` keys, which are meant to be public,
 * unsigned (`alg: none`) tokens and tokens whose `exp` has passed.
 */
function isSecretJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const h = decodeJson(header);
  if (!h || typeof h.alg !== 'string' || h.alg.toLowerCase() === 'none') return false;
  const p = decodeJson(payload);
  if (p && p.role === 'anon') return false;
  // An `exp` claim in the past: the token authorises nothing any more (a captured, expired session).
  return !(p && typeof p.exp === 'number' && p.exp * 1000 < Date.now());
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
