/** Decoding Python string literals (prefixes, escapes) from tree-sitter nodes. */
import type { PyNode as Node } from './tree';

export interface PyStringParts {
  prefix: string;
  /** Literal pieces between interpolations (decoded). */
  quasis: string[];
  /** Interpolated expression nodes (f-strings). */
  holes: Node[];
  /** Offsets of the content between the quotes, when there is a single piece. */
  inner: { start: number; end: number };
  raw: boolean;
  bytes: boolean;
}

/** Splits a `string` node into decoded literal pieces and interpolations. */
export function stringParts(node: Node): PyStringParts {
  const start = node.firstChild;
  const end = node.lastChild;
  const startText = start?.type === 'string_start' ? start.text : '"';
  const prefix = startText.replace(/['"]+$/, '').toLowerCase();
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  const quasis: string[] = [''];
  const holes: Node[] = [];
  const innerStart = start?.type === 'string_start' ? start.endIndex : node.startIndex;
  const innerEnd = end?.type === 'string_end' ? end.startIndex : node.endIndex;
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'string_content') {
      quasis[quasis.length - 1] += raw ? child.text : decodeEscapes(child.text, bytes);
    } else if (child.type === 'interpolation') {
      const expr = child.namedChildren.find((c) => c && c.type !== 'type_conversion' && c.type !== 'format_specifier');
      if (expr) holes.push(expr);
      quasis.push('');
    } else if (child.type === 'escape_sequence') {
      quasis[quasis.length - 1] += raw ? child.text : decodeEscapes(child.text, bytes);
    }
  }
  return { prefix, quasis, holes, inner: { start: innerStart, end: innerEnd }, raw, bytes };
}

const SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/** Python escape sequences; unknown escapes keep their backslash, as Python does. */
export function decodeEscapes(text: string, bytes = false): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n in SIMPLE) {
      out += SIMPLE[n];
      i++;
    } else if (n === '\r') {
      i += text[i + 2] === '\n' ? 2 : 1;
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
    } else if (n === 'x' && /^[0-9a-fA-F]{2}/.test(text.slice(i + 2))) {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (!bytes && n === 'u' && /^[0-9a-fA-F]{4}/.test(text.slice(i + 2))) {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (!bytes && n === 'U' && /^[0-9a-fA-F]{8}/.test(text.slice(i + 2))) {
      const cp = parseInt(text.slice(i + 2, i + 10), 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : text.slice(i, i + 10);
      i += 9;
    } else {
      out += c;
    }
  }
  return out;
}
