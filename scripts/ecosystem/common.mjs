// What run, diff and score share: where things are, how a finding is keyed,
// and which paths count as test files for the "outside test files" figure.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
/** The tree the scripts sit in: `.tmp/ecosystem/` is extracted beside them unless --dir says otherwise. */
export const ROOT = join(HERE, '..', '..');
export const REPOS_FILE = join(HERE, 'repos.json');
export const VERDICTS_FILE = join(HERE, 'verdicts.jsonl');
export const DEFAULT_DIR = join(ROOT, '.tmp', 'ecosystem');
export const DEFAULT_MIRRORS = '/work/.mirror';

export function readRepos(file = REPOS_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** `owner/name` → the folder name used for mirrors and extracted trees. */
export function slug(repo) {
  return repo.replace('/', '+');
}

/**
 * A line's text is kept only as a hash, so results and verdicts never hold a
 * secret; trimming makes the key survive re-indentation.
 */
export function lineHash(text) {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 16);
}

/** Matches a finding across runs even when lines above it moved. */
export function findingKey(f) {
  return `${f.repo}\u0000${f.file}\u0000${f.rule}\u0000${f.hash}`;
}

export function readResults(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Verdicts keyed like findings. A later line overrides an earlier one for the
 * same finding (appending a corrected verdict is how one changes one's mind);
 * disagreeing lines are reported so a union merge cannot hide a dispute.
 */
export function readVerdicts(file = VERDICTS_FILE) {
  const byKey = new Map();
  const conflicts = [];
  if (!existsSync(file)) return { byKey, conflicts };
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    let v;
    try {
      v = JSON.parse(text);
    } catch {
      throw new Error(`${file}:${i + 1}: not a JSON object`);
    }
    if (v.verdict !== 'right' && v.verdict !== 'wrong')
      throw new Error(`${file}:${i + 1}: verdict must be right|wrong`);
    const key = findingKey(v);
    const list = byKey.get(key) ?? [];
    const earlier = list.find((e) => e.line === v.line);
    if (earlier && earlier.verdict !== v.verdict) conflicts.push({ earlier, later: v });
    byKey.set(key, [...list.filter((e) => e.line !== v.line), v]);
  });
  return { byKey, conflicts };
}

/**
 * The verdict for a finding: the one written at its line, else the latest one
 * for the same text (the line moved, or an identical line elsewhere in the
 * file shares the judgement).
 */
export function verdictFor(verdicts, f) {
  const list = verdicts.byKey.get(findingKey(f));
  if (!list) return undefined;
  return list.find((v) => v.line === f.line) ?? list[list.length - 1];
}

const TEST_DIR = /(^|\/)(tests?|__tests__|spec|specs|e2e|cypress|testing|fixtures?)\//i;
const TEST_FILE =
  /(^|\/)(test_[^/]*\.py|[^/]*_tests?\.py|tests\.py|conftest\.py|[^/]*\.(test|spec|e2e-spec)\.[cm]?[jt]sx?)$/i;

/**
 * Our own judgement of "test file", independent of the engine's roles (which
 * the rules under test may change): by directory or file name only.
 */
export function isTestPath(file) {
  return TEST_DIR.test(file) || TEST_FILE.test(file);
}

export function fail(message) {
  console.error(message);
  process.exit(2);
}

/**
 * Findings of both runs restricted to the repositories both checked, so a run
 * with --only, or one where a repository failed, is not read as losing the rest.
 */
export function sameRepos(before, after) {
  const checked = (r) => new Set(r.repos.filter((x) => !x.error).map((x) => x.repo));
  const a = checked(before);
  const both = new Set([...checked(after)].filter((x) => a.has(x)));
  const keep = (r) => r.findings.filter((f) => both.has(f.repo));
  return { before: keep(before), after: keep(after), skipped: [...a, ...checked(after)].filter((x) => !both.has(x)) };
}
