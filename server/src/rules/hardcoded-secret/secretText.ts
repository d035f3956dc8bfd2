/**
 * Text that must never become part of a name the product shows: an
 * environment variable it suggests, a label in a message. A dict key or
 * path element can be a secret itself (`tokens = {"ghp_…": user}`), and a
 * name derived from it prints the secret, upper-cased, in every message,
 * JSON report, SARIF log, code-action title and `.env.example`.
 */
import { matchCredentialFormat } from './patterns';
import { urlHasPassword } from './urls';
import { looksLikeSecretValue } from './values';

/** `text` would be reported as a secret if it were a value: a credential format, a URL with a password, a secret's shape. */
export function isSecretText(text: string): boolean {
  if (matchCredentialFormat(text) !== undefined || urlHasPassword(text)) return true;
  // Accents do not make a name random: `café-token` is a name.
  return looksLikeSecretValue(text) && looksLikeSecretValue(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
}

/** A dotted name without its secret pieces (`tokens.ghp_…` → `tokens`); undefined when nothing is left. */
export function withoutSecretParts(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (!isSecretText(name)) {
    const kept = name.split('.').filter((p) => !isSecretText(p));
    if (kept.length === name.split('.').length) return name;
    return kept.length > 0 ? kept.join('.') : undefined;
  }
  return undefined;
}

/** Path elements that are not secrets (keys, targets), in order. */
export function secretFreePath(path: readonly string[]): string[] {
  return path.map(withoutSecretParts).filter((p): p is string => p !== undefined);
}
