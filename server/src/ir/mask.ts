/**
 * How secret values are shown anywhere the product prints them (messages,
 * hovers, logs, reports): a short prefix that helps recognise the value, and
 * nothing derived from the rest of it.
 */
import { createHash, createHmac } from 'node:crypto';

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

/**
 * A stable identifier of a secret that tells two values apart, for finding
 * keys (and so baseline fingerprints) only. An unsalted hash of the value
 * alone lets anyone who sees it test guesses offline (a 7-character
 * password falls in minutes), so the value is HMAC'd under a key derived
 * from where it was found (`rule`, file path, binding name): a precomputed
 * table or a plain SHA-256 of candidates matches nothing. It is never shown
 * in a human-facing message.
 */
export function keyedFingerprint(value: string, where: readonly string[]): string {
  const key = createHash('sha256')
    .update(`twelve-factor/secret-fingerprint/v2\0${where.join('\0')}`)
    .digest();
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, 16);
}
