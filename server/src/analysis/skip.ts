/**
 * Files that are not worth parsing: binary data, files over the size limit and
 * minified bundles. They are counted as skipped, with the reason.
 */

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MINIFIED_LINE = 1000;

/** Returns why bytes read from disk should be skipped, or undefined. */
export function shouldSkipBytes(bytes: Uint8Array, path: string): string | undefined {
  if (bytes.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) return 'binary file';
  if (!isValidUtf8(bytes)) return 'not valid UTF-8 text';
  void path;
  return undefined;
}

/** Returns why already-decoded text should be skipped, or undefined. */
export function shouldSkipText(text: string, path: string): string | undefined {
  if (text.length > MAX_FILE_BYTES) return `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`;
  if (text.slice(0, 8000).includes('\0')) return 'binary file';
  if (isMinified(text, path)) return 'minified bundle';
  return undefined;
}

/**
 * A file is treated as minified when its name says so or when most of its
 * bytes sit on very long lines (what bundlers and minifiers emit).
 */
export function isMinified(text: string, path: string): boolean {
  if (/\.min\.(c|m)?js$/i.test(path)) return true;
  if (text.length < 4096) return false;
  let longChars = 0;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      const len = i - lineStart;
      if (len > MINIFIED_LINE) longChars += len;
      lineStart = i + 1;
    }
  }
  return longChars / text.length > 0.5;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
