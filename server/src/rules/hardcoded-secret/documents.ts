/**
 * hardcoded-secret in config and deployment documents: compose
 * `environment`/`build.args` values (anchors followed), Dockerfile `ENV` and
 * `ARG` defaults, and the entries of a `.env` file git tracks. Each value is
 * judged by the same classification as a literal in code (rule.ts), bound to
 * its variable's name; a variable reference is where the value should come
 * from and is never a finding.
 */
import { posix } from 'node:path';
import { valueLiteral, type DocumentFacts, type ValueFact } from '../../ir/documentFacts';
import type { Detection } from '../../ir/types';
import {
  bareContext,
  formatHit,
  PASSWORD_NAME,
  secretHit,
  secretIdentity,
  urlHit,
  type FileContext,
  type Hit,
} from './classify';
import { isSecretName } from './names';
import { isDefaultPassword } from './urls';
import { isStandIn } from './values';

export function detectDocumentSecrets(facts: DocumentFacts): Detection[] {
  // An untracked `.env` is where secrets belong (the move-to-environment fix writes there).
  if (facts.document === 'dotenv' && facts.tracked !== true) return [];
  const context = bareContext(facts.path);
  const dev = facts.document === 'compose' && isDevComposeFile(facts.path);
  const out: Detection[] = [];
  for (const value of facts.values) {
    if (value.reference) continue;
    const fact = valueLiteral(value);
    const hit =
      value.role === 'key' ? (formatHit(fact) ?? urlHit(fact)) : (secretHit(fact, context) ?? weakHit(value, facts));
    if (!hit) continue;
    out.push(report(value, hit, facts, context, dev && !hit.live));
  }
  return out;
}

/** `docker-compose.dev.yml`, `compose.override.yaml`, `docker-compose.local.yml`: local development, not deployment. */
export function isDevComposeFile(path: string): boolean {
  const name = posix.basename(path).replace(/\.ya?ml$/, '');
  return /(?:^|[.-])(?:dev|develop|development|local|override)(?:[.-]|$)/.test(name);
}

/**
 * A default password (`postgres`, `secret`, `admin`) under a password
 * variable of a compose file or Dockerfile: guessable, and what a service
 * image really starts with. Placeholders written as such (`changeme`) are not.
 */
function weakHit(value: ValueFact, facts: DocumentFacts): Hit | undefined {
  if (facts.document === 'dotenv' || value.value.length < 3) return undefined;
  if (!PASSWORD_NAME.test(value.name) || !isSecretName(value.name)) return undefined;
  if (!isDefaultPassword(value.value) || isStandIn(value.value)) return undefined;
  return { label: value.name, secret: value.value, envName: value.name, weakAt: `as ${value.name}` };
}

function report(
  value: ValueFact,
  hit: Hit,
  facts: DocumentFacts,
  context: FileContext,
  devDefault: boolean,
): Detection {
  const { key, shown } = secretIdentity(hit, value.path.join('.'), context.path);
  const what = hit.weakAt ? `weak secret ${hit.weakAt} (${shown})` : `secret (${hit.label} ${shown})`;
  const name = value.role === 'key' ? hit.envName : value.name;
  return {
    span: value.span,
    message: `${messageFor(facts, value, what, name)}${devDefault ? ' (a development default in a dev compose file: keep it out of the deployed configuration)' : ''}`,
    key,
    data: { envName: name, fixes: composeMovable(facts, value) ? ['move-to-env'] : [] },
    confidence: hit.live ? 'live-format' : undefined,
    severity: devDefault ? 'info' : undefined,
  };
}

/**
 * Whether the finding offers "Move to .env". A compose environment or
 * build-argument value written as the value alone
 * (plain, or quoted with nothing to unescape) can become `${NAME}` in place;
 * a quoted `- "KEY=value"` item, or an escaped value, is left to the user.
 */
function composeMovable(facts: DocumentFacts, value: ValueFact): boolean {
  // A Dockerfile `ENV` of one variable can be removed whole (the value goes to .env); `ARG` and shared lines cannot.
  if (facts.document === 'dockerfile') return value.role === 'env' && value.soleStatement !== undefined;
  if (facts.document !== 'compose' || value.role === 'key') return false;
  const raw = facts.text.slice(value.span.start, value.span.end);
  if (raw === value.value) return true;
  const quote = raw[0];
  return (quote === '"' || quote === "'") && raw.endsWith(quote) && raw.slice(1, -1) === value.value;
}

function messageFor(facts: DocumentFacts, value: ValueFact, what: string, name: string): string {
  switch (facts.document) {
    case 'dotenv': {
      const file = posix.basename(facts.path);
      return `Hardcoded ${what} in ${file}, which git tracks — III. Config: the value is in the repository's history, so rotate it; then stop tracking the file (git rm --cached ${file}) and keep ${file} in .gitignore.`;
    }
    case 'dockerfile':
      return value.role === 'arg'
        ? `Hardcoded ${what} as the default of ARG ${value.name} — III. Config: build arguments are recorded in the image history; pass it as a BuildKit secret (RUN --mount=type=secret,id=${name}) instead.`
        : `Hardcoded ${what} in ENV ${value.name} — III. Config: it is baked into every image built from this file; set ${name} when the container starts (docker run -e, the platform's secrets) instead.`;
    default: {
      const where = value.role === 'key' ? value.path.join('.') : `${value.path.slice(0, -1).join('.')}`;
      return `Hardcoded ${what} in ${where} — III. Config: reference a variable instead (${name}: \${${name}}) and keep the value in an untracked .env or the platform's secrets.`;
    }
  }
}
