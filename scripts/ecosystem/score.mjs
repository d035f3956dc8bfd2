// `score`: precision per rule from the verdicts, overall and outside test files.
import { isTestPath, sameRepos, verdictFor } from './common.mjs';
import { diffFindings } from './diff.mjs';

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
  const rulesOutsideTests = new Map();
  const overall = empty();
  const outsideTests = empty();
  const unjudged = [];
  for (const f of findings) {
    const verdict = verdictFor(verdicts, f)?.verdict;
    if (!rules.has(f.rule)) rules.set(f.rule, empty());
    if (!rulesOutsideTests.has(f.rule)) rulesOutsideTests.set(f.rule, empty());
    add(rules.get(f.rule), verdict);
    add(overall, verdict);
    if (!isTestPath(f.file)) {
      add(outsideTests, verdict);
      add(rulesOutsideTests.get(f.rule), verdict);
    }
    if (!verdict) unjudged.push(f);
  }
  return { rules, rulesOutsideTests, overall, outsideTests, unjudged };
}

function fmt(p) {
  return p === undefined ? '   —' : p.toFixed(2);
}

/** `outside` is the same rule's row without test files, so a rule's own figure there shows beside its total. */
function row(name, r, outside) {
  const cells = [r.findings, r.right, r.wrong, r.unjudged].map((n, i) => String(n).padStart([8, 5, 5, 8][i]));
  const tail = outside ? ` ${fmt(precision(outside)).padStart(13)} |` : '';
  return `| ${name.padEnd(26)} | ${cells.join(' | ')} | ${fmt(precision(r)).padStart(9)} |${tail}`;
}

export function printScore(results, verdicts) {
  const s = scoreFindings(results.findings, verdicts);
  console.log(`| ${'rule'.padEnd(26)} | findings | right | wrong | unjudged | precision | outside tests |`);
  console.log(`| ${'-'.repeat(26)} | -------: | ----: | ----: | -------: | --------: | ------------: |`);
  for (const [rule, r] of [...s.rules.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(row(rule, r, s.rulesOutsideTests.get(rule)));
  }
  console.log(row('**overall**', s.overall, s.outsideTests));
  console.log(row('**outside test files**', s.outsideTests, s.outsideTests));
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

/**
 * Recall against an earlier run: of its findings judged right, how many the
 * later run still reports (the target is "no lower than before").
 */
export function keptRight(before, after, verdicts) {
  const runs = sameRepos(before, after);
  const right = runs.before.filter((f) => verdictFor(verdicts, f)?.verdict === 'right');
  const lost = diffFindings(right, runs.after).disappeared;
  return { right: right.length, kept: right.length - lost.length, lost };
}

export function printKept(before, after, verdicts) {
  const k = keptRight(before, after, verdicts);
  console.log(`\nright findings of the earlier run still reported: ${k.kept} of ${k.right}`);
  for (const f of k.lost) console.log(`  lost: ${f.repo} ${f.file}:${f.line} ${f.rule}`);
  return k;
}
