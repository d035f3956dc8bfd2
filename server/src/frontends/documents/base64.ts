/**
 * The text a base64 value (a Kubernetes Secret's `data`) encodes, when it is
 * text: strict base64 (padding optional, blanks and line breaks allowed, as
 * `kubectl` reads it) decoding to UTF-8 without control characters. Binary
 * (a keystore, a DER certificate) is undefined: no classification applies.
 */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Text(encoded: string): string | undefined {
  const compact = encoded.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !BASE64.test(compact)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}
