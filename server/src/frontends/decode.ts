/**
 * Source bytes to text, where bytes read from disk become text (the scan,
 * the CLI, the compliance model). Editors open UTF-16 files saved with a
 * byte-order mark (Windows tools write them) as text; read as UTF-8 they are
 * full of NULs and would be skipped as binary. The mark itself is dropped, as
 * editors hide it: offsets, and so line 1's columns, are then the editor's.
 */
import { MAX_FILE_BYTES, shouldSkipBytes, sizeSkip } from './skip';

export type Decoded = { text: string; skipped?: undefined } | { text?: undefined; skipped: string };

export function decodeSource(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): Decoded {
  const [a, b] = bytes;
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) return decodeUtf16(bytes, a === 0xff, maxBytes);
  const skipped = shouldSkipBytes(bytes, maxBytes);
  if (skipped) return { skipped };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, maxBytes: number): Decoded {
  // The size limit is on the bytes, as for UTF-8 (the NULs of ASCII text in UTF-16 are not binary).
  const tooLarge = sizeSkip(bytes.length, maxBytes);
  if (tooLarge) return { skipped: tooLarge };
  try {
    const decoder = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: false });
    return { text: decoder.decode(bytes) };
  } catch {
    return { skipped: `not valid UTF-16${littleEndian ? 'LE' : 'BE'} text` };
  }
}
