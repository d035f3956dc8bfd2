/**
 * The oracle of the incremental-analysis tests: edits applied through the
 * language server's IncrementalParse must give exactly the facts and findings
 * of a full extraction of the same text. Shared by the per-language tests
 * (random edits from a seeded generator, so failures replay).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { runRules } from '../../server/src/engine/engine';
import type { FileFacts } from '../../server/src/ir/facts';
import { extractFacts } from '../../server/src/frontends';
import type { Language } from '../../server/src/ir/types';
import type { IncrementalParse } from '../../server/src/lsp/incremental';
import { RULES } from '../../server/src/rules';

/** A change in offsets of the text as the changes before it in the same notification left it. */
export type Change = { start: number; end: number; text: string };
/** The changes of one notification, drawn from `rnd` for `text`. */
export type Edit = (text: string, rnd: () => number) => Change[];

/** Everything rules read, in order (Maps and Sets as entry lists). */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Map || v instanceof Set ? [...v] : v)));
}

export function findings(facts: FileFacts): unknown {
  return runRules(facts, RULES).map((f) => ({ ...f, span: { ...f.span } }));
}

/** mulberry32: a small seeded generator, so failures replay. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(items: readonly T[], rnd: () => number): T => items[Math.floor(rnd() * items.length)];

/** Offsets of the starts of lines matching `re` (or every line). */
export function lineStarts(text: string, re?: RegExp): number[] {
  const out: number[] = [];
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    if (!re || re.test(text.slice(at, end))) out.push(at);
    if (nl === -1) break;
    at = nl + 1;
  }
  return out;
}

/** The offset after the line at `at` (its newline included). */
export function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl === -1 ? text.length : nl + 1;
}

/** An offset inside a line matching `re`, else a random offset. */
export function inLine(text: string, re: RegExp, rnd: () => number): number {
  const starts = lineStarts(text, re);
  if (starts.length === 0) return Math.floor(rnd() * (text.length + 1));
  const start = pick(starts, rnd);
  const end = lineEnd(text, start);
  return start + Math.floor(rnd() * Math.max(1, end - start));
}

/**
 * Edits that mean the same in every language: a character of `chars` typed
 * anywhere, a character deleted anywhere (a surrogate pair as a whole), a
 * whole line deleted, a copy of another line inserted (an import, a
 * declaration, a decorator...).
 */
export function commonEdits(chars: readonly string[]): Edit[] {
  return [
    (t, r) => {
      const at = Math.floor(r() * (t.length + 1));
      return [{ start: at, end: at, text: pick(chars, r) }];
    },
    (t, r) => {
      if (t.length === 0) return [];
      let at = Math.floor(r() * t.length);
      if (at > 0 && /[\udc00-\udfff]/.test(t[at])) at--;
      const width = /[\ud800-\udbff]/.test(t[at]) ? 2 : 1;
      return [{ start: at, end: at + width, text: '' }];
    },
    (t, r) => {
      const start = pick(lineStarts(t), r);
      return [{ start, end: lineEnd(t, start), text: '' }];
    },
    (t, r) => {
      const starts = lineStarts(t);
      const from = pick(starts, r);
      const line = t.slice(from, lineEnd(t, from));
      const at = pick(starts, r);
      return [{ start: at, end: at, text: line.endsWith('\n') ? line : `${line}\n` }];
    },
  ];
}

/** A line of `lines` inserted before a top-level line (imports, module state, calls that change file-level context). */
export function topLevelLine(lines: readonly string[]): Edit {
  return (t, r) => {
    const at = pick(lineStarts(t, /^\S/), r) ?? 0;
    return [{ start: at, end: at, text: pick(lines, r) }];
  };
}

/** Two characters of `chars` typed in one notification (the second in offsets after the first). */
export function twoChanges(chars: readonly string[]): Edit {
  return (t, r) => {
    const a = Math.floor(r() * (t.length + 1));
    const b = Math.floor(r() * (t.length + 1));
    return [
      { start: a, end: a, text: pick(chars, r) },
      { start: b, end: b, text: pick(chars, r) },
    ];
  };
}

/** The content changes of a didChange notification for `changes` (clamped to the text). */
export function toLsp(doc: TextDocument, changes: readonly Change[]): TextDocumentContentChangeEvent[] {
  // Each change is given in the offsets of the text as the previous changes left it.
  const out: TextDocumentContentChangeEvent[] = [];
  let d = doc;
  for (const c of changes) {
    const start = Math.min(c.start, d.getText().length);
    const end = Math.min(Math.max(c.end, start), d.getText().length);
    const event = { range: { start: d.positionAt(start), end: d.positionAt(end) }, text: c.text };
    out.push(event);
    d = TextDocument.update(TextDocument.create(d.uri, d.languageId, d.version, d.getText()), [event], d.version + 1);
  }
  return out;
}

/**
 * Applies `changes` to `doc` through `parse` as a didChange does, analyses the
 * new text incrementally and checks its facts and findings against a full
 * extraction (`where` names the edit in failures). Returns the edited
 * document (`TextDocument.update` edits `doc` in place), or undefined when
 * there was nothing to change (`parse` was not called).
 */
export function editAndCheck(
  parse: IncrementalParse,
  doc: TextDocument,
  changes: readonly Change[],
  name: string,
  where: string,
): TextDocument | undefined {
  const events = toLsp(doc, changes);
  if (events.length === 0) return undefined;
  parse.edit(doc, events);
  const next = TextDocument.update(doc, events, doc.version + 1);
  const text = next.getText();
  const language = next.languageId as Language;
  const incremental = parse.facts(text, name, language);
  const full = extractFacts(language, text, name);
  assert.deepEqual(plain(incremental), plain(full), where);
  assert.deepEqual(findings(incremental), findings(full), where);
  return next;
}
