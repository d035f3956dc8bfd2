// `show` and `judge`: read a finding in its code, then write its verdict line
// (the hash comes from the results, so nobody copies line text by hand).
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readVerdicts, slug, verdictFor } from './common.mjs';

/** Prints findings with a few lines of code around each, for reading before judging. */
export function show(results, verdicts, { dir, context, unjudgedOnly, repo, rule }) {
  let n = 0;
  for (const f of results.findings) {
    if (repo && f.repo !== repo) continue;
    if (rule && f.rule !== rule) continue;
    const v = verdictFor(verdicts, f);
    if (unjudgedOnly && v) continue;
    n++;
    let lines = [];
    try {
      lines = readFileSync(join(dir, slug(f.repo), f.file), 'utf8').split(/\r?\n/);
    } catch {
      // The tree is not extracted here: the location alone is still useful.
    }
    console.log(`\n=== ${f.repo} ${f.file}:${f.line} ${f.rule} (${f.kind})${v ? ` [${v.verdict}: ${v.why}]` : ''}`);
    const from = Math.max(1, f.line - context);
    const to = Math.min(lines.length, f.line + context);
    for (let i = from; i <= to; i++) {
      console.log(`${i === f.line ? '>' : ' '}${String(i).padStart(5)}  ${lines[i - 1].slice(0, 200)}`);
    }
  }
  console.error(`${n} findings shown`);
}

/**
 * Appends one verdict per matching finding: `where` is `file:line`, or
 * `file:*` for every finding of the rule in that file not judged yet (same
 * reason for all; a wildcard never overrides a verdict given line by line).
 */
export function judge(results, { file, repo, where, rule, verdict, why }) {
  if (verdict !== 'right' && verdict !== 'wrong') throw new Error('verdict must be right or wrong');
  if (!why) throw new Error('say why');
  const cut = where.lastIndexOf(':');
  const path = where.slice(0, cut);
  const line = where.slice(cut + 1);
  const judged = readVerdicts(file);
  const hits = results.findings.filter(
    (f) =>
      f.repo === repo &&
      f.file === path &&
      (!rule || f.rule === rule) &&
      (line === '*' ? !verdictFor(judged, f) : f.line === Number(line)),
  );
  if (!hits.length) throw new Error(`no finding at ${repo} ${where}${rule ? ` (${rule})` : ''} in the results`);
  const text = hits
    .map((f) => JSON.stringify({ repo, file: f.file, rule: f.rule, hash: f.hash, line: f.line, verdict, why }))
    .join('\n');
  appendFileSync(file, `${text}\n`);
  return hits.length;
}
