/**
 * One dependency line added to a manifest with the smallest edit: a line at
 * the end of `requirements.txt`, an item in pyproject's `[project]
 * dependencies` (or a key in `[tool.poetry.dependencies]`), an entry in
 * package.json's `dependencies`. The file is never reformatted and no line is
 * removed; a manifest that already names the package gets no edit. Pure:
 * text in, one insertion out.
 */
import { parseTree } from 'jsonc-parser';
import { normalizePython } from '../workspace/declaredTools';
import { lineEnding } from './dotenv';
import type { TextChange } from './patch';

export type ManifestKind = 'requirements' | 'pyproject' | 'package-json';

export interface Dependency {
  /** The package name as the manifest spells it (`python-dotenv`, `dotenv`). */
  name: string;
  /** A requirement specifier (`>=1.0`) for Python, a range (`^16.4.7`) for npm. */
  version: string;
}

export type DependencyEdit =
  { kind: 'declared' } | { kind: 'change'; change: TextChange } | { kind: 'unsupported'; reason: string };

export function addDependency(kind: ManifestKind, text: string, dep: Dependency): DependencyEdit {
  switch (kind) {
    case 'requirements':
      return requirementsEdit(text, dep);
    case 'pyproject':
      return pyprojectEdit(text, dep);
    case 'package-json':
      return packageJsonEdit(text, dep);
  }
}

function requirementsEdit(text: string, dep: Dependency): DependencyEdit {
  const wanted = normalizePython(dep.name);
  for (const line of text.split(/\r\n|\n|\r/)) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (m && normalizePython(m[1]) === wanted) return { kind: 'declared' };
  }
  const eol = lineEnding(text);
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return {
    kind: 'change',
    change: {
      start: text.length,
      end: text.length,
      newText: `${needsBreak ? eol : ''}${dep.name}${dep.version}${eol}`,
    },
  };
}

/** `[project]` `dependencies = [...]`, else `[tool.poetry.dependencies]`, else a new key under `[project]`. */
function pyprojectEdit(text: string, dep: Dependency): DependencyEdit {
  const eol = lineEnding(text);
  const tables = tomlTables(text);
  const project = tables.find((t) => t.name === 'project');
  const poetry = tables.find((t) => t.name === 'tool.poetry.dependencies');
  const wanted = normalizePython(dep.name);
  if (project) {
    const m = /^dependencies[ \t]*=[ \t]*\[/m.exec(text.slice(project.bodyStart, project.end));
    if (m) {
      const open = project.bodyStart + m.index + m[0].length - 1;
      const close = closingBracket(text, open);
      if (close === undefined) return { kind: 'unsupported', reason: 'its [project] dependencies array is not closed' };
      const items = [...text.slice(open, close).matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)/g)];
      if (items.some((i) => normalizePython(i[1]) === wanted)) return { kind: 'declared' };
      return { kind: 'change', change: arrayAppend(text, open, close, `"${dep.name}${dep.version}"`, eol) };
    }
  }
  if (poetry) {
    const body = text.slice(poetry.bodyStart, poetry.end);
    const keys = [...body.matchAll(/^[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?[ \t]*=/gm)];
    if (keys.some((k) => normalizePython(k[1]) === wanted)) return { kind: 'declared' };
    const last = lastContentEnd(text, poetry.bodyStart, poetry.end);
    const at = last === poetry.bodyStart ? poetry.headerEnd : last;
    return { kind: 'change', change: lineAfter(at, `${dep.name} = "${dep.version}"`, eol) };
  }
  if (project) {
    return {
      kind: 'change',
      change: lineAfter(project.headerEnd, `dependencies = ["${dep.name}${dep.version}"]`, eol),
    };
  }
  return { kind: 'unsupported', reason: 'it has neither a [project] nor a [tool.poetry.dependencies] table' };
}

interface TomlTable {
  name: string;
  /** The end of the header line (before its line break). */
  headerEnd: number;
  /** The start of the line after the header. */
  bodyStart: number;
  /** The start of the next header, or the end of the text. */
  end: number;
}

function tomlTables(text: string): TomlTable[] {
  const headers = [...text.matchAll(/^[ \t]*\[([^\[\]\r\n]+)\][ \t]*(?:#[^\r\n]*)?$/gm)];
  return headers.map((h, i) => {
    const headerEnd = (h.index ?? 0) + h[0].length;
    const br = /\r\n|\n|\r/.exec(text.slice(headerEnd));
    return {
      name: h[1]
        .trim()
        .replace(/\s*\.\s*/g, '.')
        .replace(/["']/g, ''),
      headerEnd,
      bodyStart: br ? headerEnd + br.index + br[0].length : text.length,
      end: headers[i + 1]?.index ?? text.length,
    };
  });
}

/** The `]` closing the array opened at `open`, skipping strings and comments. */
function closingBracket(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '#') {
      const br = text.slice(i).search(/[\r\n]/);
      if (br < 0) return undefined;
      i += br;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return undefined;
}

/**
 * `item` appended to the array `[`…`]` at `open`…`close` in its own layout: a
 * multi-line array gets a line in its items' indentation (and a comma after
 * the last item when it has none), a one-line array `, item` before the `]`.
 */
function arrayAppend(text: string, open: number, close: number, item: string, eol: string): TextChange {
  const inner = text.slice(open + 1, close);
  const lastItem = lastContentEnd(text, open + 1, close);
  const empty = lastItem === open + 1;
  if (!/[\r\n]/.test(inner) || empty) {
    const comma = empty ? '' : text[lastItem - 1] === ',' ? ' ' : ', ';
    return { start: lastItem, end: lastItem, newText: `${comma}${item}` };
  }
  const lineStart = text.lastIndexOf('\n', lastItem - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const comma = text[lastItem - 1] === ',' ? '' : ',';
  return { start: lastItem, end: lastItem, newText: `${comma}${eol}${indent}${item},` };
}

/** The end of the last character in `start`…`end` that is neither blank nor in a comment. */
function lastContentEnd(text: string, start: number, end: number): number {
  let last = start;
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '#') {
      while (i < end && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      i = close < 0 || close >= end ? end : close + 1;
      last = i;
      continue;
    }
    if (!/\s/.test(c)) last = i + 1;
    i++;
  }
  return last;
}

/** A new line holding `line` right after `offset` (the end of a line's content). */
function lineAfter(offset: number, line: string, eol: string): TextChange {
  return { start: offset, end: offset, newText: `${eol}${line}` };
}

function packageJsonEdit(text: string, dep: Dependency): DependencyEdit {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'unsupported', reason: 'it is not valid JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { kind: 'unsupported', reason: 'it is not a JSON object' };
  }
  const manifest = json as Record<string, unknown>;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const d = manifest[field];
    if (typeof d === 'object' && d !== null && dep.name in d) return { kind: 'declared' };
  }
  const entry = `${JSON.stringify(dep.name)}: ${JSON.stringify(dep.version)}`;
  const eol = lineEnding(text);
  const top = topLevelObjects(text);
  if (!top) return { kind: 'unsupported', reason: 'its JSON could not be followed' };
  const deps = top.members.get('dependencies');
  if (deps && typeof manifest.dependencies === 'object' && manifest.dependencies !== null) {
    return { kind: 'change', change: objectAppend(text, deps.open, deps.close, entry, eol) };
  }
  if (deps) return { kind: 'unsupported', reason: 'its "dependencies" is not an object' };
  const indent = top.indent;
  const block = /[\r\n]/.test(text.slice(top.open, top.close))
    ? `"dependencies": {${eol}${indent}${indent}${entry}${eol}${indent}}`
    : `"dependencies": { ${entry} }`;
  return { kind: 'change', change: objectAppend(text, top.open, top.close, block, eol) };
}

/**
 * The root object's braces, the braces of its object-valued members by key,
 * and the indentation of its first member (jsonc-parser's tree: offsets into
 * the text as written).
 */
function topLevelObjects(
  text: string,
): { open: number; close: number; indent: string; members: Map<string, { open: number; close: number }> } | undefined {
  // A BOM kept as a blank: the offsets stay those of the text.
  const root = parseTree(text.replace(/^\uFEFF/, ' '));
  if (root?.type !== 'object') return undefined;
  const open = root.offset;
  const members = new Map<string, { open: number; close: number }>();
  for (const [key, value] of (root.children ?? []).map((p) => p.children ?? [])) {
    if (typeof key?.value === 'string' && value?.type === 'object')
      members.set(key.value, { open: value.offset, close: value.offset + value.length - 1 });
  }
  let indent = '  ';
  const first = root.children?.[0];
  if (first) {
    const lineStart = Math.max(text.lastIndexOf('\n', first.offset), text.lastIndexOf('\r', first.offset)) + 1;
    const lead = text.slice(lineStart, first.offset);
    if (lineStart > open && /^[ \t]*$/.test(lead)) indent = lead;
  }
  return { open, close: root.offset + root.length - 1, indent, members };
}

/** `entry` as the object's last member, on its own line in the members' indentation when the object spans lines. */
function objectAppend(text: string, open: number, close: number, entry: string, eol: string): TextChange {
  const last = lastJsonContentEnd(text, open + 1, close);
  const empty = last === open + 1;
  const inner = text.slice(open + 1, close);
  if (!/[\r\n]/.test(inner)) {
    return { start: last, end: last, newText: empty ? ` ${entry} ` : `, ${entry}` };
  }
  if (empty) {
    const lineStart = text.lastIndexOf('\n', open) + 1;
    const outer = /^[ \t]*/.exec(text.slice(lineStart))![0];
    return { start: open + 1, end: open + 1, newText: `${eol}${outer}  ${entry}` };
  }
  const lineStart = Math.max(text.lastIndexOf('\n', last - 1), text.lastIndexOf('\r', last - 1)) + 1;
  const lineIndent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { start: last, end: last, newText: `,${eol}${lineIndent}${entry}` };
}

function lastJsonContentEnd(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (!/\s/.test(text[i])) return i + 1;
  return start;
}
