// `score`: precision per rule from the verdicts, overall and outside test files.
import { isTestPath, verdictFor } from './common.mjs';

function empty() {
  return { findings: 0, right: 0, wrong: 0, unjudged: 0 };
}

function add(row, verdict) {
  row.findings++;
  row[verdict ?? 'unjudged']++;
}

export function precision(row) {
  const judged = row.right + row.wrong;
  return judged ? row.right / judged : undefined;
}

export function scoreFindings(findings, verdicts) {
  const rules = new Map();
  const overall = empty();
  const outsideTests = empty();
  const unjudged = [];
  for (const f of findings) {
    const verdict = verdictFor(verdicts, f)?.verdict;
    if (!rules.has(f.rule)) rules.set(f.rule, empty());
    add(rules.get(f.rule), verdict);
    add(overall, verdict);
    if (!isTestPath(f.file)) add(outsideTests, verdict);
    if (!verdict) unjudged.push(f);
  }
  return { rules, overall, outsideTests, unjudged };
}

function fmt(p) {
  return p === undefined ? '   —' : p.toFixed(2);
}

function row(name, r) {
  return `| ${name.padEnd(26)} | ${String(r.findings).padStart(8)} | ${String(r.right).padStart(5)} | ${String(r.wrong).padStart(5)} | ${String(r.unjudged).padStart(8)} | ${fmt(precision(r)).padStart(9)} |`;
}

export function printScore(results, verdicts) {
  const s = scoreFindings(results.findings, verdicts);
  console.log(`| ${'rule'.padEnd(26)} | findings | right | wrong | unjudged | precision |`);
  console.log(`| ${'-'.repeat(26)} | -------: | ----: | ----: | -------: | --------: |`);
  for (const [rule, r] of [...s.rules.entries()].sort(([a], [b]) => a.localeCompare(b))) console.log(row(rule, r));
  console.log(row('**overall**', s.overall));
  console.log(row('**outside test files**', s.outsideTests));
  const failed = results.repos.filter((r) => r.error);
  for (const r of failed) console.log(`\nnot checked: ${r.repo} (${r.error})`);
  for (const c of verdicts.conflicts) {
    console.log(
      `\nconflicting verdicts: ${c.later.repo} ${c.later.file}:${c.later.line} ${c.later.rule} (latest wins)`,
    );
  }
  if (s.unjudged.length) {
    console.log(`\nunjudged (${s.unjudged.length}):`);
    for (const f of s.unjudged) console.log(`  ${f.repo} ${f.file}:${f.line} ${f.rule}`);
  }
  return s;
}
