/**
 * Byte-exact `.env` writing for the "Move to environment" fix: read a file
 * the way both npm `dotenv` and python-dotenv do, quote a value so both read
 * it back exactly, and append `NAME=value` without touching existing bytes.
 * Pure functions: text in, text or edits out.
 */
import { parseDotenv, type DotenvEntry } from '../lib/dotenvParse';
import { tryQuoteDotenvValue } from './dotenvQuote';

export { parseDotenv, type DotenvEntry, type DotenvParse } from '../lib/dotenvParse';
export { quoteDotenvValue, tryQuoteDotenvValue, type QuoteResult } from './dotenvQuote';

/** An insertion at the end of the file: `offset` into the given text; `position` as an LSP client counts it. */
export interface AppendEdit {
  offset: number;
  /** 0-based line/UTF-16 character; a leading BOM is not counted (editors hide it). */
  position: { line: number; character: number };
  newText: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The insertion that appends `NAME=<quoted value>` in the file's own line ending. */
export function appendEdit(text: string, name: string, value: string): AppendEdit | { error: string } {
  if (!ENV_NAME.test(name)) return { error: `${JSON.stringify(name)} is not a valid environment variable name` };
  const parsed = parseDotenv(text);
  if (!parsed.ok) return { error: `.env line ${parsed.line}: ${parsed.reason}` };
  const existing = parsed.entries.find((e) => e.name === name);
  if (existing) return { error: `${name} is already defined on line ${existing.line} of .env` };
  const quoted = tryQuoteDotenvValue(value);
  if (!quoted.ok) return { error: quoted.reason };
  const eol = lineEnding(text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A BOM-only file: python-dotenv would read the BOM as part of the new name.
  const needsBreak = text.length > 0 && !/[\r\n]$/.test(text);
  return {
    offset: text.length,
    position: endPosition(body),
    newText: `${needsBreak ? eol : ''}${name}=${quoted.text}${eol}`,
  };
}

/** The whole new text: `text` unchanged, then the appended line. */
export function appendEntry(text: string, name: string, value: string): { text: string } | { error: string } {
  const edit = appendEdit(text, name, value);
  if ('error' in edit) return edit;
  return { text: text + edit.newText };
}

/** The line ending used most in `text` (ties: the first seen); `\n` for a file without one. */
export function lineEnding(text: string): string {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\r\n|\n|\r/g)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  let best = '\n';
  let bestCount = 0;
  for (const [eol, n] of counts) {
    if (n > bestCount) [best, bestCount] = [eol, n];
  }
  return best;
}

function endPosition(text: string): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (const m of text.matchAll(/\r\n|\n|\r/g)) {
    line++;
    start = (m.index ?? 0) + m[0].length;
  }
  return { line, character: text.length - start };
}

/**
 * The entry a variable with `value` can reuse: the last definition of a name
 * (the one both readers keep) with an equal value, skipping values
 * python-dotenv would expand.
 */
export function findEntryByValue(entries: readonly DotenvEntry[], value: string): DotenvEntry | undefined {
  const effective = effectiveEntries(entries);
  for (const e of effective.values()) {
    if (!e.interpolated && e.value === value) return e;
  }
  return undefined;
}

/**
 * `wanted`, or the first of `wanted_2`, `wanted_3`… that already holds
 * `value` (reuse) or else is free. A name holding a different value is
 * never chosen.
 */
export function uniqueName(
  entries: readonly DotenvEntry[],
  wanted: string,
  value: string,
): { name: string; reuse: boolean } {
  const effective = effectiveEntries(entries);
  const candidate = (i: number): string => (i === 1 ? wanted : `${wanted}_${i}`);
  const holds = (e: DotenvEntry | undefined): boolean => e !== undefined && !e.interpolated && e.value === value;
  for (let i = 1; i <= effective.size + 1; i++) {
    if (holds(effective.get(candidate(i)))) return { name: candidate(i), reuse: true };
  }
  for (let i = 1; ; i++) {
    if (!effective.has(candidate(i))) return { name: candidate(i), reuse: false };
  }
}

function effectiveEntries(entries: readonly DotenvEntry[]): Map<string, DotenvEntry> {
  const byName = new Map<string, DotenvEntry>();
  for (const e of entries) byName.set(e.name, e);
  return byName;
}
