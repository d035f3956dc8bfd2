/** Unit tests of the hardcoded-secret detection library: formats, names, values, URLs, env names, masking. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyFacts, type StringFact } from '../server/src/ir/facts';
import type { ProjectFacts } from '../server/src/ir/types';
import { keyedFingerprint, maskSecret } from '../server/src/ir/mask';
import { formatMessage } from '../server/src/engine/messages';
import { suggestEnvName } from '../server/src/rules/hardcoded-secret/envName';
import { isSecretName, nameWords, positionalSecret } from '../server/src/rules/hardcoded-secret/names';
import { matchCredentialFormat } from '../server/src/rules/hardcoded-secret/patterns';
import { rule } from '../server/src/rules/hardcoded-secret/rule';
import { findUrlCredential, urlHasPassword } from '../server/src/rules/hardcoded-secret/urls';
import {
  isIdentifierLike,
  isPath,
  isPlaceholder,
  looksLikeSecretValue,
  shannonEntropy,
} from '../server/src/rules/hardcoded-secret/values';

/** Deterministic pseudo-random strings, so format-valid fakes need not be pasted into the test. */
function randomString(seed: number, length: number, alphabet: string): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length];
  }
  return out;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64URL = ALNUM + '-_';
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('maskSecret', () => {
  test('shows at most four characters, then an ellipsis', () => {
    assert.equal(maskSecret('sk_live_ErQHQwjyaxErPZDS3MoJaQNj'), 'sk_l…');
    assert.equal(maskSecret('hunter2!x'), 'hun…');
    assert.equal(maskSecret('abcdef'), 'ab…');
    assert.equal(maskSecret('ab'), '…');
    assert.equal(maskSecret(''), '…');
  });

  test('never shows more than a third of the value, nor splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (value) => {
        const shown = maskSecret(value).slice(0, -1);
        const chars = Array.from(value);
        assert.ok(Array.from(shown).length <= Math.min(4, chars.length / 3));
        assert.ok(value.startsWith(shown));
        assert.ok(!/[\uD800-\uDBFF]$/.test(shown));
      }),
    );
  });
});

describe('keyedFingerprint', () => {
  test('is 16 hex digits, stable, and differs between values and between places', () => {
    const where = ['hardcoded-secret', 'app/settings.py', 'PASSWORD'];
    const a = keyedFingerprint('s3cr3t-value', where);
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.equal(keyedFingerprint('s3cr3t-value', where), a);
    assert.notEqual(keyedFingerprint('s3cr3t-valuf', where), a);
    assert.notEqual(keyedFingerprint('s3cr3t-value', ['hardcoded-secret', 'app/other.py', 'PASSWORD']), a);
    assert.notEqual(keyedFingerprint('s3cr3t-value', ['hardcoded-secret', 'app/settings.py', 'TOKEN']), a);
  });
});

describe('credential formats', () => {
  const positives: [string, string][] = [
    ['aws-access-key-id', 'AKIA' + randomString(1, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')],
    ['github-token', 'ghp_' + randomString(2, 36, ALNUM)],
    ['github-token', 'gho_' + randomString(3, 36, ALNUM)],
    ['github-token', 'ghs_' + randomString(4, 36, ALNUM)],
    ['github-fine-grained-token', `github_pat_${randomString(5, 22, ALNUM)}_${randomString(6, 59, ALNUM)}`],
    ['gitlab-token', 'glpat-' + randomString(7, 20, ALNUM)],
    [
      'slack-token',
      `xoxb-${randomString(8, 11, '0123456789')}-${randomString(9, 13, '0123456789')}-${randomString(10, 24, ALNUM)}`,
    ],
    [
      'slack-token',
      `xoxp-${randomString(11, 10, '0123456789')}-${randomString(12, 12, '0123456789')}-${randomString(13, 12, '0123456789')}-${randomString(14, 32, HEX)}`,
    ],
    [
      'slack-webhook',
      `https://hooks.slack.com/services/T${randomString(15, 8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/B${randomString(16, 8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}/${randomString(17, 24, ALNUM)}`,
    ],
    ['stripe-secret-key', 'sk_live_' + randomString(18, 24, ALNUM)],
    ['stripe-secret-key', 'sk_test_' + randomString(19, 24, ALNUM)],
    ['stripe-secret-key', 'rk_live_' + randomString(20, 24, ALNUM)],
    ['google-api-key', 'AIza' + randomString(21, 35, B64URL)],
    ['twilio-api-key', 'SK' + randomString(22, 32, HEX)],
    ['sendgrid-api-key', `SG.${randomString(23, 22, B64URL)}.${randomString(24, 43, B64URL)}`],
    ['openai-api-key', 'sk-proj-' + randomString(25, 48, B64URL)],
    ['openai-api-key', `sk-${randomString(26, 20, ALNUM)}T3BlbkFJ${randomString(27, 20, ALNUM)}`],
    ['anthropic-api-key', `sk-ant-api03-${randomString(28, 93, B64URL)}AA`],
    ['npm-token', 'npm_' + randomString(29, 36, ALNUM)],
    ['pypi-token', 'pypi-AgEIcHlwaS5vcmc' + randomString(30, 60, B64URL)],
    [
      'django-secret-key',
      'django-insecure-' + randomString(31, 50, 'abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)'),
    ],
    ['jwt', `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'svc' })}.${randomString(32, 43, B64URL)}`],
    [
      'private-key',
      `-----BEGIN RSA PRIVATE KEY-----\n${randomString(33, 64, ALNUM)}\n${randomString(34, 64, ALNUM)}\n-----END RSA PRIVATE KEY-----`,
    ],
    [
      'private-key',
      `-----BEGIN OPENSSH PRIVATE KEY-----\\n${randomString(35, 70, ALNUM)}\\n-----END OPENSSH PRIVATE KEY-----`,
    ],
  ];
  for (const [id, value] of positives) {
    test(`finds ${id} (${maskSecret(value)})`, () => {
      assert.equal(matchCredentialFormat(value)?.format.id, id);
    });
  }

  test('finds a token inside a longer string and reports where', () => {
    const token = 'ghp_' + randomString(40, 36, ALNUM);
    const m = matchCredentialFormat(`Bearer ${token}`);
    assert.equal(m?.token, token);
    assert.equal(m?.index, 7);
  });

  test('finds a JWT after a space or a quote, not inside a longer base64url run', () => {
    const jwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'svc' })}.${randomString(49, 43, B64URL)}`;
    assert.equal(matchCredentialFormat(`Authorization: Bearer ${jwt}`)?.index, 22);
    assert.equal(matchCredentialFormat(`"${jwt}"`)?.format.id, 'jwt');
    assert.equal(matchCredentialFormat(`x-${jwt}`), undefined);
  });

  const negatives: [string, string][] = [
    ['a placeholder body', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
    ['the AWS documentation key', 'AKIAIOSFODNN7EXAMPLE'],
    ['a publishable key', 'pk_live_' + randomString(41, 24, ALNUM)],
    ['a PEM header without a body', '-----BEGIN PRIVATE KEY-----'],
    ['a PEM public key', `-----BEGIN PUBLIC KEY-----\n${randomString(42, 128, ALNUM)}\n-----END PUBLIC KEY-----`],
    ['a JWT with alg none', `${b64url({ alg: 'none' })}.${b64url({ sub: 'x' })}.${randomString(43, 20, B64URL)}`],
    ['a public (anon) JWT', `${b64url({ alg: 'HS256' })}.${b64url({ role: 'anon' })}.${randomString(44, 43, B64URL)}`],
    ['three base64 parts that are not a JWT header', `eyJub3QganNvbg.eyJzdWIiOiJ4In0.${randomString(45, 30, B64URL)}`],
    ['a prefix inside an identifier', 'my_ghp_' + randomString(46, 36, ALNUM)],
    ['a Twilio account SID (an identifier)', 'AC' + randomString(47, 32, HEX)],
    ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
    ['a SHA-256 hex digest', randomString(48, 64, HEX)],
    ['a short value', 'sk_live_abc'],
  ];
  for (const [what, value] of negatives) {
    test(`ignores ${what}`, () => {
      assert.equal(matchCredentialFormat(value), undefined);
    });
  }
});

describe('secret-like names', () => {
  const secret = [
    'SECRET_KEY',
    'api_key',
    'apiKey',
    'stripeSecret',
    'password',
    'PASSWORD',
    'DB_PASSWORD',
    'EMAIL_HOST_PASSWORD',
    'AWS_SECRET_ACCESS_KEY',
    'client_secret',
    'refresh_token',
    'GITHUB_TOKEN',
    'x-api-key',
    'Authorization',
    'apikey',
    'dbpassword',
    'STRIPE_KEY_LIVE',
    'FIELD_ENCRYPTION_KEY',
    'jwtSecret',
    'password2',
  ];
  const notSecret = [
    'primary_key',
    'sort_key',
    'cache_key',
    'keyboard',
    'KEY_PREFIX',
    'monkey',
    'PASSWORD_FIELD',
    'TOKEN_HEADER',
    'password_reset_url',
    'SECRET_KEY_NAME',
    'token_type',
    'grant_type',
    'TOKEN_URL',
    'KEY_FILE',
    'hashed_password',
    'eos_token',
    'next_page_token',
    'csrf_token',
    'public_key',
    'STRIPE_PUBLISHABLE_KEY',
    'AUTH_PASSWORD_VALIDATORS',
    'PASSWORD_HASHERS',
    'AWS_ACCESS_KEY_ID',
    'SOCIAL_AUTH_GITHUB_KEY',
    'max_tokens',
    'wrong_password',
    'key',
  ];
  for (const name of secret) test(`${name} names a secret`, () => assert.equal(isSecretName(name), true));
  for (const name of notSecret) test(`${name} does not`, () => assert.equal(isSecretName(name), false));

  test('splits identifiers, headers and run-together names into words', () => {
    assert.deepEqual(nameWords('stripeSecretKey'), ['stripe', 'secret', 'key']);
    assert.deepEqual(nameWords('X-API-Key'), ['x', 'api', 'key']);
    assert.deepEqual(nameWords('HTTPAuthToken'), ['http', 'auth', 'token']);
    assert.deepEqual(nameWords('secretkey'), ['secret', 'key']);
  });

  test('names secrets passed by position to known APIs', () => {
    assert.equal(positionalSecret('jsonwebtoken.sign', 1)?.name, 'jwt_secret');
    assert.equal(positionalSecret('jsonwebtoken.sign', 0), undefined);
    assert.equal(positionalSecret('hmac.new', 0)?.name, 'hmac_key');
    assert.equal(positionalSecret('smtp.login', 1)?.name, 'password');
    assert.equal(positionalSecret('pydantic.SecretStr', 0)?.wrapper, true);
    assert.equal(positionalSecret(undefined, 0), undefined);
  });
});

describe('values', () => {
  const secretValues = [
    'hunter2!',
    's3cr3tP@ss',
    'w3dvoDjUWglN64DoH6UH',
    randomString(50, 64, HEX),
    'Bearer ' + randomString(51, 32, ALNUM),
    'qwhdkzmxplrtvbnaysoe',
    'Summer2024',
    'Passw0rd!',
  ];
  const notSecretValues = [
    '',
    'changeme',
    '<your-key>',
    'xxx',
    'xxxxxxxxxxxx',
    'YOUR_TOKEN_HERE',
    'your-secret-here',
    '***',
    '${VAR}',
    '{{ secret }}',
    '%(password)s',
    'dummy',
    'test',
    'example',
    'password',
    'password123',
    'X-Auth-Token',
    'secret_key',
    'Bearer',
    'Invalid password',
    'keyboard cat',
    '/etc/ssl/key.pem',
    './secrets/prod.json',
    'C:\\keys\\id_rsa',
    '550e8400-e29b-41d4-a716-446655440000',
    'https://oauth2.googleapis.com/token',
    'auth.password.invalid',
    '^(?=.*\\d).{8,}$',
    'pbkdf2_sha256$600000$abc$def',
    '$2b$12$KIXQJm5Gm2Dq4bV8z9lJXe',
    'pk_live_' + randomString(52, 24, ALNUM),
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq8mZ3nR5tY1wX9cB4hF2gE6kL7pQ2vTz',
    'noreply@example.com',
    'myapp.auth0.com',
    '2024-06-20',
    '123456789',
    'abc12',
    'deploy-bot-01',
    'userId',
    'oauth2',
    'HS256',
    'getOAuth2Token',
    'refreshTokenClientAcquireToken',
    '#bygroup',
    '#ff00aa',
    '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
    'runf()',
    'anonymous@',
  ];
  for (const v of secretValues)
    test(`${JSON.stringify(maskSecret(v))} looks like a secret`, () => assert.ok(looksLikeSecretValue(v)));
  for (const v of notSecretValues)
    test(`${JSON.stringify(v)} does not`, () => assert.equal(looksLikeSecretValue(v), false));

  test('placeholders, paths and identifiers are recognised as such', () => {
    assert.ok(isPlaceholder('YOUR_API_KEY'));
    assert.ok(!isPlaceholder('s3cr3t'));
    assert.ok(isPath('/var/run/secrets/kubernetes.io/serviceaccount/token'));
    assert.ok(!isPath('wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lm3Xa2b'));
    assert.ok(isIdentifierLike('getHTTPResponse'));
    assert.ok(!isIdentifierLike('hqzXbTkWpLmNvRcQ'));
  });

  test('entropy grows with randomness', () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy(randomString(53, 40, ALNUM)) > 4);
  });
});

describe('URLs with a password', () => {
  const reported: [string, string, string][] = [
    ['postgres://app:Xk29sd7q@db.internal:5432/app', 'postgres', 'Xk29sd7q'],
    ['redis://:s3cretRedis@cache:6379/0', 'redis', 's3cretRedis'],
    ['amqp://worker:Rb8kLm2Qz7@rabbitmq:5672/jobs', 'amqp', 'Rb8kLm2Qz7'],
    ['mongodb+srv://admin:Tr0ub4dor3@cluster0.abc.mongodb.net/db', 'mongodb+srv', 'Tr0ub4dor3'],
    ['postgresql+asyncpg://orders:Vx9#pL2qRt8z@postgres:5432/orders', 'postgresql+asyncpg', 'Vx9#pL2qRt8z'],
    ['https://deploy:Gh7!kQ2mZx@github.com/acme/app.git', 'https', 'Gh7!kQ2mZx'],
    ['mysql://db.internal/app?user=app&password=Qz7kLm2x', 'mysql', 'Qz7kLm2x'],
    ['psql postgres://app:p%40ss9Wq@db/app', 'postgres', 'p@ss9Wq'],
    ['Server=db;Database=app;User Id=sa;Password=Str0ng!Pass;', 'connection string', 'Str0ng!Pass'],
  ];
  for (const [url, scheme, password] of reported) {
    test(`reports ${scheme}`, () => {
      const c = findUrlCredential(url);
      assert.equal(c?.scheme, scheme);
      assert.equal(c?.password, password);
      assert.equal(urlHasPassword(url), true);
    });
  }
  const clean = [
    'redis://cache:6379',
    'postgres://user:pw@host/db',
    'postgres://postgres:postgres@localhost:5432/app',
    'amqp://guest:guest@localhost//',
    'https://user:token@github.com/org/repo',
    'postgres://u:${DB_PASSWORD}@h/db',
    'postgresql://user:password@localhost:5432/mydb',
    'https://3f9c2a7b8d1e4f6a@o450123.ingest.sentry.io/5501234',
    'https://example.com/a:b@c',
    'mailto:someone@example.com',
  ];
  for (const url of clean) test(`does not report ${url}`, () => assert.equal(urlHasPassword(url), false));
});

describe('suggested environment variable names', () => {
  const cases: [Parameters<typeof suggestEnvName>[0], string][] = [
    [{ name: 'SECRET_KEY', path: ['SECRET_KEY'] }, 'SECRET_KEY'],
    [{ name: 'PASSWORD', path: ['DATABASES', 'default', 'PASSWORD'] }, 'DATABASE_PASSWORD'],
    [{ name: 'api_key', path: ['stripe', 'api_key'] }, 'STRIPE_API_KEY'],
    [{ name: 'api_key', path: ['client', 'api_key'], formatEnvName: 'OPENAI_API_KEY' }, 'OPENAI_API_KEY'],
    [{ name: 'password', path: ['password'], calleeName: 'redis.Redis' }, 'REDIS_PASSWORD'],
    [{ name: 'Authorization', path: ['headers', 'Authorization'], formatEnvName: 'GITHUB_TOKEN' }, 'GITHUB_TOKEN'],
    [{ name: 'x-api-key', path: ['PARTNER_HEADERS', 'x-api-key'] }, 'PARTNER_API_KEY'],
    [
      { name: 'accessKeyId', path: ['credentials', 'accessKeyId'], formatEnvName: 'AWS_ACCESS_KEY_ID' },
      'AWS_ACCESS_KEY_ID',
    ],
    [{ name: 'LOCATION', path: ['CACHES', 'default', 'LOCATION'], urlScheme: 'redis' }, 'REDIS_URL'],
    [{ name: 'CELERY_BROKER_URL', path: ['CELERY_BROKER_URL'], urlScheme: 'amqp' }, 'CELERY_BROKER_URL'],
    [{ name: 'url', path: ['imports', 'url'], urlScheme: 'mysql' }, 'DATABASE_URL'],
    [{ path: [], formatEnvName: 'STRIPE_SECRET_KEY' }, 'STRIPE_SECRET_KEY'],
    [{ name: 'pass', path: ['auth', 'pass'], formatEnvName: 'SENDGRID_API_KEY' }, 'SENDGRID_PASSWORD'],
  ];
  for (const [input, expected] of cases) {
    test(`${input.name ?? '(no name)'} → ${expected}`, () => assert.equal(suggestEnvName(input), expected));
  }

  test('is always a valid, short variable name', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (name, path) => {
        assert.match(suggestEnvName({ name, path }), /^[A-Z_][A-Z0-9_]{0,47}$/);
      }),
    );
  });
});

describe('rule over hand-built facts', () => {
  const NO_PROJECT: ProjectFacts = { declaredTools: new Set() };
  function stringFact(value: string, start: number, extra: Partial<StringFact> = {}): StringFact {
    return {
      expr: { kind: 'string', value, span: { start, end: start + value.length + 2 } },
      path: extra.name ? [extra.name] : [],
      envFallback: false,
      scope: { kind: 'module' },
      ...extra,
    };
  }
  const stripeKey = 'sk_live_' + randomString(60, 24, ALNUM);
  const password = 'Pz8!kQ2vLm-' + randomString(61, 6, ALNUM);

  test('reports at the literal with a masked message, a value-free key and fix data', () => {
    const facts = emptyFacts('python', 'app/settings.py', '');
    facts.strings.push(stringFact(stripeKey, 10, { name: 'STRIPE_KEY', nameKind: 'assign' }));
    facts.strings.push(
      stringFact(password, 80, { name: 'PASSWORD', nameKind: 'key', path: ['DATABASES', 'default', 'PASSWORD'] }),
    );
    const [first, second] = rule.detect(facts, NO_PROJECT);
    assert.deepEqual(first.span, { start: 10, end: 10 + stripeKey.length + 2 });
    assert.equal(first.messageId, 'secret');
    assert.equal(
      formatMessage(rule.meta, first),
      'Hardcoded secret (Stripe secret key "sk_l…") — III. Config: read it from the environment (STRIPE_KEY) instead.',
    );
    assert.deepEqual(first.data, { envName: 'STRIPE_KEY', fixes: ['move-to-env'] });
    assert.deepEqual(second.data, { envName: 'DATABASE_PASSWORD', fixes: ['move-to-env'] });
    for (const d of [first, second]) {
      for (const secret of [stripeKey, password]) {
        assert.ok(
          !formatMessage(rule.meta, d).includes(secret) &&
            !d.key.includes(secret) &&
            !JSON.stringify(d.data).includes(secret),
        );
      }
    }
  });

  test('the key depends on the value and the binding, not on the position', () => {
    const at = (start: number, name: string, value = password) => {
      const facts = emptyFacts('javascript', 'a.js', '');
      facts.strings.push(stringFact(value, start, { name, nameKind: 'assign' }));
      return rule.detect(facts, NO_PROJECT)[0].key;
    };
    assert.equal(at(5, 'dbPassword'), at(500, 'dbPassword'));
    assert.notEqual(at(5, 'dbPassword'), at(5, 'adminPassword'));
    assert.notEqual(at(5, 'dbPassword'), at(5, 'dbPassword', password + 'x'));
  });

  test('env fallbacks are clean, except a credential format that is a secret wherever it sits', () => {
    const facts = emptyFacts('python', 'a.py', '');
    facts.strings.push(stringFact(password, 0, { name: 'DB_PASSWORD', nameKind: 'assign', envFallback: true }));
    facts.strings.push(stringFact('postgres://app:Xk29sd7q@db/app', 50, { envFallback: true }));
    facts.strings.push(
      stringFact('django-insecure-' + randomString(62, 50, ALNUM), 100, { name: 'SECRET_KEY', envFallback: true }),
    );
    facts.strings.push(stringFact(stripeKey, 200, { name: 'STRIPE_KEY', envFallback: true }));
    assert.deepEqual(
      rule.detect(facts, NO_PROJECT).map((d) => d.span.start),
      [200],
    );
  });

  test('a (user, password) pair reports only the password', () => {
    const facts = emptyFacts('python', 'a.py', '');
    const user = { kind: 'string' as const, value: 'billing-bot-01x', span: { start: 10, end: 27 } };
    const pw = { kind: 'string' as const, value: password, span: { start: 29, end: 29 + password.length + 2 } };
    facts.calls.push({
      expr: {
        kind: 'call',
        callee: { kind: 'name', name: 'post', span: { start: 0, end: 4 } },
        args: [{ name: 'auth', value: { kind: 'array', elements: [user, pw], span: { start: 9, end: 60 } } }],
        isNew: false,
        span: { start: 0, end: 61 },
      },
      scope: { kind: 'module' },
      statement: true,
    });
    facts.strings.push({ ...stringFact(user.value, 10, { name: 'auth', nameKind: 'keyword' }), expr: user });
    facts.strings.push({ ...stringFact(pw.value, 29, { name: 'auth', nameKind: 'keyword' }), expr: pw });
    const found = rule.detect(facts, NO_PROJECT);
    assert.deepEqual(
      found.map((d) => d.span.start),
      [29],
    );
    assert.equal(found[0].data?.envName, 'PASSWORD');
  });

  test('no message ever holds more of a secret than its mask', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 12, maxLength: 40 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
        (value) => {
          const facts = emptyFacts('javascript', 'a.js', '');
          facts.strings.push(stringFact(value, 0, { name: 'apiSecret', nameKind: 'assign' }));
          for (const d of rule.detect(facts, NO_PROJECT)) {
            const message = formatMessage(rule.meta, d);
            assert.ok(message.includes(`"${maskSecret(value)}"`));
            assert.ok(!message.includes(value) && !d.key.includes(value) && !JSON.stringify(d.params).includes(value));
          }
        },
      ),
    );
  });
});
