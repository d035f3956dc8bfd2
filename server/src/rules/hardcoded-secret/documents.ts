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
import type { Detection, FixKind } from '../../ir/types';
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
import type { MessageId } from './messages';
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
      value.role === 'key'
        ? (formatHit(fact) ?? urlHit(fact))
        : value.role === 'setting'
          ? secretHit(fact, context)
          : (secretHit(fact, context) ?? weakHit(value, facts));
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
 * Config files: a Kubernetes object's values (the path starts with its kind
 * and name, frontends/documents/yamlConfig.ts) or an application setting.
 */
function configMessage(
  facts: DocumentFacts,
  value: ValueFact,
  what: string,
  name: string,
): { messageId: MessageId; params: Record<string, string> } {
  const [kind, object, ...rest] = value.path;
  const manifest = facts.document === 'yaml-config' && /^[A-Z]/.test(kind ?? '') && rest.length > 0;
  if (!manifest) {
    return {
      messageId: 'config-value',
      params: { what, where: value.path.join('.'), file: posix.basename(facts.path), name },
    };
  }
  const where = rest.join('.');
  if (kind === 'Secret' && (rest[0] === 'data' || rest[0] === 'stringData')) {
    return {
      messageId: value.encoding === 'base64' ? 'kubernetes-secret-base64' : 'kubernetes-secret',
      params: { what, where, secret: object || '(unnamed)' },
    };
  }
  return { messageId: 'kubernetes-value', params: { what, where, object: object ? `${kind} ${object}` : kind } };
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
  const name = value.role === 'key' || value.role === 'setting' ? hit.envName : value.name;
  return {
    span: value.span,
    ...messageFor(facts, value, what, name, devDefault),
    key,
    data: { envName: name, fixes: fixesOf(facts, value) },
    confidence: hit.live ? 'live-format' : undefined,
    severity: devDefault ? 'info' : undefined,
  };
}

/**
 * A tracked `.env` offers "Stop tracking"; compose and Dockerfile values
 * "Move to .env" where it is safe. An application config file is read as it
 * is (JSON, YAML and INI loaders expand no variables) and a manifest's value
 * must become a Secret made outside the repository, so no rewrite of either
 * is right; but a tracked file that holds nothing but secrets — named so
 * (`secrets.json`, `credentials.json`, `secrets.yml`) or a stream of
 * Kubernetes Secrets only — can leave the index as a `.env` does.
 */
function fixesOf(facts: DocumentFacts, value: ValueFact): FixKind[] {
  if (facts.document === 'dotenv' || (facts.tracked === true && holdsOnlySecrets(facts))) return ['stop-tracking'];
  return composeMovable(facts, value) ? ['move-to-env'] : [];
}

const SECRETS_FILE = /^(?:secrets?|credentials)(?:[._-][\w.-]*)?\.(?:json|ya?ml)$/i;

function holdsOnlySecrets(facts: DocumentFacts): boolean {
  if (facts.document !== 'json-config' && facts.document !== 'yaml-config') return false;
  if (SECRETS_FILE.test(posix.basename(facts.path))) return true;
  const kinds = facts.manifestKinds ?? [];
  return kinds.length > 0 && kinds.every((k) => k === 'Secret');
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

function messageFor(
  facts: DocumentFacts,
  value: ValueFact,
  what: string,
  name: string,
  devDefault: boolean,
): { messageId: MessageId; params: Record<string, string> } {
  switch (facts.document) {
    case 'dotenv':
      return { messageId: 'tracked-dotenv', params: { what, file: posix.basename(facts.path) } };
    case 'dockerfile':
      return value.role === 'arg'
        ? { messageId: 'dockerfile-arg', params: { what, arg: value.name, name } }
        : { messageId: 'dockerfile-env', params: { what, variable: value.name, name } };
    case 'json-config':
    case 'yaml-config':
    case 'ini-config':
      return configMessage(facts, value, what, name);
    default: {
      const where = value.role === 'key' ? value.path.join('.') : `${value.path.slice(0, -1).join('.')}`;
      return { messageId: devDefault ? 'compose-dev-default' : 'compose-value', params: { what, where, name } };
    }
  }
}
