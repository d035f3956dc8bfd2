/**
 * Files that are not worth parsing: binary data, files over the size limit and
 * minified bundles. They are counted as skipped, with the reason.
 */
import { pythonParseText } from './py/lineBreaks';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Notebooks carry their outputs (images as base64): only their cells' sources are analysed, under MAX_FILE_BYTES. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;
const MINIFIED_LINE = 1000;

/** Returns why bytes read from disk should be skipped, or undefined. */
export function shouldSkipBytes(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): string | undefined {
  const tooLarge = sizeSkip(bytes.length, maxBytes);
  if (tooLarge) return tooLarge;
  const probe = bytes.subarray(0, 8000);
  if (probe.includes(0)) return 'binary file';
  if (!isValidUtf8(bytes)) return 'not valid UTF-8 text';
  return undefined;
}

/** Why a file of `length` bytes is skipped for its size, or undefined. */
export function sizeSkip(length: number, maxBytes = MAX_FILE_BYTES): string | undefined {
  return length > maxBytes ? `larger than ${maxBytes / 1024 / 1024} MB` : undefined;
}

/** Returns why already-decoded text should be skipped, or undefined. */
export function shouldSkipText(text: string, path: string): string | undefined {
  const tooLarge = sizeSkip(text.length);
  if (tooLarge) return tooLarge;
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
  // indexOf finds line ends natively: this runs on every keystroke of an open file.
  let longChars = 0;
  for (let start = 0; start <= text.length;) {
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    if (end - start > MINIFIED_LINE) longChars += end - start;
    start = end + 1;
  }
  return longChars / text.length > 0.5;
}

/** Mean length of a non-blank line past which, with little whitespace, compiled output is minified. */
const DENSE_LINE = 200;
const DENSE_WHITESPACE = 0.08;

/**
 * Minified at any size, for build output (where a bundler's small chunks
 * are common): long lines on average, and almost no whitespace on them
 * (compiled but unminified code keeps its indentation and spaced operators,
 * 12-25 % of its characters).
 */
export function isDense(text: string): boolean {
  let lines = 0;
  let chars = 0;
  let blanks = 0;
  for (let start = 0; start < text.length;) {
    const eol = text.indexOf('\n', start);
    const end = eol < 0 ? text.length : eol;
    let spaces = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 13) spaces++;
    }
    if (spaces < end - start) {
      lines++;
      chars += end - start;
      blanks += spaces;
    }
    start = end + 1;
  }
  return lines > 0 && chars / lines > DENSE_LINE && blanks / chars < DENSE_WHITESPACE;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * CPython refuses more than 100 nested indentation levels ("too many levels
 * of indentation"). Past ~500 levels tree-sitter-python's scanner overflows
 * its state buffer and corrupts the parser's memory, which breaks every
 * later parse in the process; such text is never handed to it.
 */
export const MAX_PYTHON_INDENT_LEVELS = 100;

/** Why Python text cannot be parsed safely, or undefined. */
export function shouldSkipPython(text: string): string | undefined {
  // Counted in the text the parser gets: a lone '\r' ends a line there.
  return pythonIndentLevels(pythonParseText(text)) > MAX_PYTHON_INDENT_LEVELS
    ? `more than ${MAX_PYTHON_INDENT_LEVELS} levels of indentation (not valid Python)`
    : undefined;
}

/**
 * The deepest indentation stack, counted as CPython's tokenizer does (a
 * wider line pushes, a narrower one pops), over every non-blank line: lines
 * inside brackets and strings count too, so this never under-counts.
 */
export function pythonIndentLevels(text: string): number {
  const stack: number[] = [0];
  let deepest = 0;
  let i = 0;
  while (i < text.length) {
    let width = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 32) width++;
      else if (c === 9) width = width + 8 - (width % 8);
      else if (c !== 12) break;
    }
    const c = text.charCodeAt(i);
    if (i < text.length && c !== 10 && c !== 13 && c !== 35) {
      while (width < stack[stack.length - 1]) stack.pop();
      if (width > stack[stack.length - 1]) stack.push(width);
      if (stack.length - 1 > deepest) deepest = stack.length - 1;
    }
    const eol = text.indexOf('\n', i);
    i = eol < 0 ? text.length : eol + 1;
  }
  return deepest;
}
