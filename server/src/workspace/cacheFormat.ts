/**
 * The body of the result cache's file (cache.ts), kept small because a warm
 * run reads all of it before it can answer: each distinct salt is written
 * once (files analysed with the same options share it), an entry is an array
 * rather than an object with repeated keys, and the empty lists of a file's
 * signals (most files have none of them) are a bit mask. Decoding restores
 * exactly what was encoded and drops any entry that is not well-formed.
 */
import type { FileResult } from '../ir/types';
import type { FileSignals } from '../ir/signals';

/** One file's cached analysis. */
export interface CacheEntry {
  key: string;
  salt: string;
  /** Size, modification and change times, inode; absent when the file could not be stat'ed. */
  stamp?: string;
  /** Whether the analysis was asked for the file's signals. */
  signals: boolean;
  result: FileResult;
}

/** `[key, salt index, stamp or 0, signals 1/0, result]`. */
type EncodedEntry = [string, number, string | 0, 0 | 1, EncodedResult];
type EncodedResult = Omit<FileResult, 'signals'> & { signals?: EncodedSignals };
/** The signals without their empty lists; `~` has bit i set when the i-th list of LISTS was empty. */
type EncodedSignals = Record<string, unknown> & { '~'?: number };

interface Body {
  salts: string[];
  files: Record<string, EncodedEntry>;
}

/** The lists of FileSignals, in the order the extraction writes them (others are kept as written). */
const LISTS = [
  'envReads',
  'sigterm',
  'servers',
  'routes',
  'databases',
  'shutdownLibraries',
  'cliLibraries',
  'exports',
] as const satisfies readonly (keyof FileSignals)[];

/** The body for `entries`, sorted by path so that an unchanged cache writes the same bytes. */
export function encodeEntries(entries: ReadonlyMap<string, CacheEntry>): string {
  const salts: string[] = [];
  const saltIndex = new Map<string, number>();
  const files: Record<string, EncodedEntry> = {};
  for (const path of [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const e = entries.get(path) as CacheEntry;
    let index = saltIndex.get(e.salt);
    if (index === undefined) {
      index = salts.push(e.salt) - 1;
      saltIndex.set(e.salt, index);
    }
    files[path] = [e.key, index, e.stamp ?? 0, e.signals ? 1 : 0, encodeResult(e.result)];
  }
  return JSON.stringify({ salts, files } satisfies Body);
}

/** The entries of a body; a body that is not one yields none, a malformed entry is left out. */
export function decodeEntries(body: string): Map<string, CacheEntry> {
  const out = new Map<string, CacheEntry>();
  const parsed = JSON.parse(body) as Partial<Body> | null;
  const salts = parsed?.salts;
  const files = parsed?.files;
  if (!Array.isArray(salts) || typeof files !== 'object' || files === null) return out;
  for (const [path, e] of Object.entries(files)) {
    if (!Array.isArray(e) || e.length !== 5) continue;
    const [key, index, stamp, signals, result] = e as unknown[];
    const salt = typeof index === 'number' ? (salts[index] as unknown) : undefined;
    if (typeof key !== 'string' || typeof salt !== 'string' || (signals !== 0 && signals !== 1)) continue;
    if (stamp !== 0 && typeof stamp !== 'string') continue;
    const decoded = decodeResult(result);
    if (!decoded) continue;
    const entry: CacheEntry = { key, salt, signals: signals === 1, result: decoded };
    if (stamp !== 0) entry.stamp = stamp;
    out.set(path, entry);
  }
  return out;
}

function encodeResult(result: FileResult): EncodedResult {
  if (!result.signals) return result as EncodedResult;
  const signals: EncodedSignals = {};
  let empty = 0;
  const source = result.signals as unknown as Record<string, unknown>;
  LISTS.forEach((name, i) => {
    const value = source[name];
    if (Array.isArray(value) && value.length === 0) empty |= 1 << i;
  });
  if (empty !== 0) signals['~'] = empty;
  for (const [name, value] of Object.entries(source)) {
    const i = (LISTS as readonly string[]).indexOf(name);
    if (i < 0 || (empty & (1 << i)) === 0) signals[name] = value;
  }
  return { ...result, signals };
}

function decodeResult(value: unknown): FileResult | undefined {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as FileResult).findings)) return undefined;
  const result = value as EncodedResult;
  if (result.signals === undefined) return result as FileResult;
  if (typeof result.signals !== 'object' || result.signals === null) return undefined;
  const { '~': empty = 0, ...rest } = result.signals;
  if (typeof empty !== 'number') return undefined;
  const signals: Record<string, unknown> = {};
  LISTS.forEach((name, i) => {
    if ((empty & (1 << i)) !== 0) signals[name] = [];
    else if (name in rest) signals[name] = rest[name];
  });
  for (const [name, v] of Object.entries(rest)) if (!(name in signals)) signals[name] = v;
  // The parsed object is this decoder's own: completed in place rather than copied.
  (result as FileResult).signals = signals as unknown as FileSignals;
  return result as FileResult;
}
