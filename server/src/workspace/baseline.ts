/**
 * `.twelve-factor-baseline.json`: fingerprints of accepted findings, so CI
 * fails only on new ones. Fingerprints come from rule + file + content, not
 * line numbers, so edits elsewhere in a file keep them valid.
 */
import { writeFileSync } from 'node:fs';
import type { Finding } from '../analysis/types';
import { MAX_CONFIG_BYTES, readProjectText } from './readFile';

export const BASELINE_FILE_NAME = '.twelve-factor-baseline.json';

export interface BaselineFile {
  version: 1;
  fingerprints: string[];
}

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
    throw new BaselineError(file, 'baseline must be an object {"version": 1, "fingerprints": [...]}');
  }
  const o = json as Record<string, unknown>;
  if (o.version !== 1) throw new BaselineError(file, `unsupported baseline version ${JSON.stringify(o.version)}`);
  // A saved `check --format json` report (version 1, findings[]) works as a baseline too.
  const items = Array.isArray(o.fingerprints)
    ? o.fingerprints
    : Array.isArray(o.findings)
      ? o.findings.map((f) => (f as { fingerprint?: unknown } | null)?.fingerprint)
      : undefined;
  if (!items) throw new BaselineError(file, 'baseline has no "fingerprints" array');
  const set = new Set<string>();
  for (const item of items) {
    if (typeof item !== 'string' || item === '') throw new BaselineError(file, 'baseline fingerprints must be strings');
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

export function serializeBaseline(findings: Iterable<Pick<Finding, 'fingerprint'>>): string {
  const fingerprints = [...new Set([...findings].map((f) => f.fingerprint))].sort();
  const body: BaselineFile = { version: 1, fingerprints };
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
