/**
 * `.twelve-factor-baseline.json`: fingerprints of accepted findings, so CI
 * fails only on new ones. Fingerprints come from rule + file + content, not
 * line numbers, so edits elsewhere in a file keep them valid.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINGERPRINT_HEX_DIGITS } from '../engine/engine';
import type { Finding } from '../ir/types';
import { MAX_CONFIG_BYTES, readProjectText } from './readFile';

export const BASELINE_FILE_NAME = '.twelve-factor-baseline.json';

/** Version 2: fingerprint scheme 2, where a secret's part is a keyed hash (ir/mask.ts). */
export interface BaselineFile {
  version: 2;
  fingerprints: string[];
}

/**
 * Version-1 baselines hold scheme-1 fingerprints, built on a plain SHA-256 of
 * each secret. They are refused, not half-matched: matching them would mean
 * computing that plain hash again, and silently matching nothing would turn
 * every accepted finding into a "new" one without saying why.
 */
const SCHEME_1 =
  'baseline was written by an earlier twelve-factor whose fingerprints (scheme 1) hashed secrets without a key; they no longer match: regenerate it with `twelve-factor check --write-baseline FILE`';

/** A baseline that cannot be read or is not in the expected shape. */
export class BaselineError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** Parses baseline text; throws BaselineError naming `file`. */
export function parseBaseline(text: string, file: string): Set<string> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BaselineError(file, 'baseline is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BaselineError(file, 'baseline must be an object {"version": 2, "fingerprints": [...]}');
  }
  const o = json as Record<string, unknown>;
  // A saved `check --format json` report (version 1, findings[]) works as a baseline too.
  const report = o.version === 1 && !Array.isArray(o.fingerprints) && Array.isArray(o.findings);
  if (o.version === 1 && !report) throw new BaselineError(file, SCHEME_1);
  if (o.version !== 2 && !report)
    throw new BaselineError(file, `unsupported baseline version ${JSON.stringify(o.version)}`);
  const items = report
    ? (o.findings as unknown[]).map((f) => (f as { fingerprint?: unknown } | null)?.fingerprint)
    : o.fingerprints;
  if (!Array.isArray(items)) throw new BaselineError(file, 'baseline has no "fingerprints" array');
  const set = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string' || item === '') throw new BaselineError(file, 'baseline fingerprints must be strings');
    // A report keeps version 1 (the JSON contract): the fingerprints' length tells the scheme.
    if (report && item.length !== FINGERPRINT_HEX_DIGITS) throw new BaselineError(file, SCHEME_1);
    set.add(item);
  }
  return set;
}

/**
 * Reads a baseline through the project-file reader: a FIFO, a device or an
 * oversized file is an error, never a hang. `within`: a folder the file must
 * not link out of (the project root for one the project names).
 */
export function readBaselineFile(file: string, within?: string): Set<string> {
  const read = readProjectText(file, { maxBytes: MAX_CONFIG_BYTES, within });
  if (!read.ok) {
    throw new BaselineError(
      file,
      read.code === 'missing' ? 'baseline file not found' : `cannot read baseline: ${read.reason}`,
    );
  }
  return parseBaseline(read.text, file);
}

/**
 * The fingerprints a project's baseline accepts: the `configured` file
 * (absolute) when there is one, else the project's own
 * `.twelve-factor-baseline.json` when it exists, else none. Read inside
 * `within` when given (a file the project names must not lead out of it).
 * The one resolution the CLI and the language server share; throws
 * BaselineError.
 */
export function projectBaseline(root: string, configured: string | undefined, within: string | undefined): Set<string> {
  const file = configured ?? join(root, BASELINE_FILE_NAME);
  if (!configured && !existsSync(file)) return new Set();
  return readBaselineFile(file, within);
}

export function serializeBaseline(findings: Iterable<Pick<Finding, 'fingerprint'>>): string {
  const fingerprints = [...new Set([...findings].map((f) => f.fingerprint))].sort();
  const body: BaselineFile = { version: 2, fingerprints };
  return JSON.stringify(body, null, 2) + '\n';
}

export function writeBaselineFile(file: string, findings: Iterable<Pick<Finding, 'fingerprint'>>): void {
  try {
    writeFileSync(file, serializeBaseline(findings));
  } catch (error) {
    throw new BaselineError(file, `cannot write baseline (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** The findings whose fingerprint the baseline does not accept. */
export function filterBaseline<T extends Pick<Finding, 'fingerprint'>>(
  findings: readonly T[],
  baseline: ReadonlySet<string>,
): T[] {
  return baseline.size === 0 ? [...findings] : findings.filter((f) => !baseline.has(f.fingerprint));
}
