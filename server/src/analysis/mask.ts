/**
 * How secret values are shown anywhere the product prints them (messages,
 * hovers, logs, reports): a short prefix that helps recognise the value and
 * a hash that tells two values apart without revealing either.
 */
import { createHash } from 'node:crypto';

const MAX_SHOWN = 4;
const ELLIPSIS = '…';

/**
 * At most the first four characters followed by `…`, and never more than a
 * third of the value, so short secrets are not mostly revealed. Counts code
 * points so a surrogate pair is never cut in half.
 */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  const shown = Math.min(MAX_SHOWN, Math.floor(chars.length / 3));
  return chars.slice(0, shown).join('') + ELLIPSIS;
}

/** A short, stable, non-reversible identifier of a value: 8 hex digits of its SHA-256. */
export function fingerprintValue(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 8);
}
